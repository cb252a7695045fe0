package io.sesfeedback.tools.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.testing.ses.SesV2StandIn;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.fixtures.Cli.Run;
import io.sesfeedback.tools.fixtures.DeployedStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The list a tenant's mail uses, on the dev stack on moto whose ConfigurationSetName names the set
 * the stack creates: that set's SuppressionScope overrides the tenant's, on SES's loopback
 * stand-in.
 */
@Tag("moto")
class TenantListOnStackTest {

    private static final String ADDRESS = "a@acme.example";

    private static DeployedStack stack;
    private static SesV2StandIn ses;

    @BeforeAll
    static void start() throws Exception {
        stack = DeployedStack.start();
        stack.reset();
        ses = SesV2StandIn.start();
    }

    @AfterAll
    static void stop() throws Exception {
        ses.close();
        stack.close();
    }

    @Test
    void givenTheStacksConfigurationSetUsesTheAccountsListWhenATenantIsNamedThenThatListIsUsed() {
        // given acme keeps its own list, but the stack's configuration set says ACCOUNT
        ses.tenantSuppression("acme", "TENANT", List.of("BOUNCE"));
        ses.list("acme", ADDRESS, "BOUNCE");
        ses.list(ADDRESS, "BOUNCE");
        ses.configurationSet("tenant-mail", true);
        ses.configurationSetSuppressionScope("tenant-mail", "ACCOUNT");
        stack.parameters(Map.of("ConfigurationSetName", "tenant-mail"));

        // when
        Run run =
                Cli.run(
                        Cli.targets(
                                Map.of(
                                        "dynamodb", stack.dynamoEndpoint(),
                                        "cloudformation", stack.motoEndpoint(),
                                        "sesv2", ses.endpoint())),
                        "forget",
                        ADDRESS,
                        "--ses",
                        "--tenant",
                        "acme",
                        "--yes",
                        "--env",
                        "dev",
                        "--region",
                        Cli.REGION);

        // then the account's list lost the address, and acme's own kept it
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "Suppression list: the account's (configuration set tenant-mail's"
                                + " SuppressionScope ACCOUNT overrides: tenant acme's SuppressionScope"
                                + " is TENANT).")
                .contains("Took " + ADDRESS + " off SES's account-level suppression list.");
        assertThat(ses.listed()).isEmpty();
        assertThat(ses.listed("acme")).containsOnlyKeys(ADDRESS);
    }
}
