package io.sesfeedback.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MEMBER_ENVIRONMENTS as template.yaml joins the hub's MemberEnvironments parameter. */
class AccountEnvironmentsTest {

    @Test
    void aListedAccountIsItsEnvironmentTheOwnAccountTheStacksAndAnyOtherNone() {
        AccountEnvironments environments =
                AccountEnvironments.parse("111111111111=prod, 222222222222=stg", "dev");

        assertThat(environments.environmentOf("111111111111", "999999999999")).isEqualTo("prod");
        assertThat(environments.environmentOf("222222222222", "999999999999")).isEqualTo("stg");
        assertThat(environments.environmentOf("999999999999", "999999999999")).isEqualTo("dev");
        assertThat(environments.environmentOf("333333333333", "999999999999")).isNull();
        assertThat(environments.environmentOf("999999999999", null))
                .as("own account not known")
                .isNull();
        assertThat(environments.environmentOf(null, "999999999999")).isNull();
    }

    @Test
    void anEmptyListAndNoVariablesNameNoMemberAndNoOwnEnvironment() {
        assertThat(AccountEnvironments.parse("", null).environmentOf("1", "1")).isNull();
        assertThat(AccountEnvironments.parse(null, "").environmentOf("1", "1")).isNull();
        assertThat(
                        RecorderFactory.environments(Map.of())
                                .environmentOf("123456789012", "123456789012"))
                .isNull();
    }

    @Test
    void theVariablesTheTemplateSetsAreRead() {
        AccountEnvironments environments =
                RecorderFactory.environments(
                        Map.of("MEMBER_ENVIRONMENTS", "111111111111=prod", "ENVIRONMENT", "stg"));

        assertThat(environments.environmentOf("111111111111", "999999999999")).isEqualTo("prod");
        assertThat(environments.environmentOf("999999999999", "999999999999")).isEqualTo("stg");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "111111111111",
                "11111111111=prod",
                "111111111111=",
                "111111111111=prod;222222222222=stg",
                "prod=111111111111"
            })
    void aMalformedEntryFailsTheStartNamingIt(String list) {
        assertThatThrownBy(() -> AccountEnvironments.parse(list, "dev"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("MEMBER_ENVIRONMENTS entry '")
                .hasMessageContaining("is not <12-digit account>=<environment>");
    }

    /** template.yaml's MemberEnvironments lets an empty value through (its pattern's ^$). */
    @Test
    void anEmptyEntryIsNone() {
        AccountEnvironments environments =
                AccountEnvironments.parse("111111111111=prod,,222222222222=stg,", "dev");

        assertThat(environments.environmentOf("222222222222", null)).isEqualTo("stg");
    }

    @Test
    void anAccountListedAsTwoEnvironmentsFailsTheStartNamingBoth() {
        assertThatThrownBy(
                        () ->
                                AccountEnvironments.parse(
                                        "111111111111=prod,111111111111=stg", "dev"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(
                        "MEMBER_ENVIRONMENTS names account 111111111111 twice, as prod and stg");
    }

    @Test
    void theFunctionsAccountIsReadFromTheArnItWasInvokedBy() {
        assertThat(
                        FeedbackHandler.accountOf(
                                "arn:aws:lambda:eu-west-1:123456789012:function:ses-feedback-dev-recorder:live"))
                .isEqualTo("123456789012");
        assertThat(FeedbackHandler.accountOf(null)).isNull();
        assertThat(FeedbackHandler.accountOf("not-an-arn")).isNull();
    }
}
