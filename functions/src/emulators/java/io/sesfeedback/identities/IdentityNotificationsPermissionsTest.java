package io.sesfeedback.identities;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import io.sesfeedback.support.FunctionLog;
import io.sesfeedback.support.Pacer;
import io.sesfeedback.testing.iam.RecordedCalls;
import io.sesfeedback.testing.iam.RolePolicy;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * IdentityNotificationsRole, as template.yaml grants it, against every AWS call the handler makes
 * on moto on the paths it has: create with the guard on, a retried create, an update that adds and
 * removes identities and turns the guard off, a delete with an identity that vanished meanwhile, an
 * unverified identity, an empty list. Each call is one the role allows, and each action it grants
 * is one the code uses, except the statement Lambda uses itself (the function's own log group).
 */
@Tag("moto")
class IdentityNotificationsPermissionsTest {

    private static final CloudFormationTemplate TEMPLATE =
            CloudFormationTemplate.read(Path.of("..", "template.yaml"));
    private static final String STACK = "ses-feedback-dev";
    private static final String TOPIC =
            "arn:aws:sns:eu-west-1:123456789012:ses-feedback-dev-feedback";

    /** Used by Lambda with the function's role, not by its code: its own log. */
    private static final Set<String> USED_BY_LAMBDA = Set.of("WriteOwnLog");

    private static final Map<String, String> PSEUDO_PARAMETERS =
            Map.of(
                    "AWS::Partition",
                    "aws",
                    "AWS::Region",
                    MotoServer.REGION.id(),
                    "AWS::AccountId",
                    MotoServer.ACCOUNT,
                    "AWS::StackName",
                    STACK);

    private static RolePolicy role;
    private static List<RecordedCalls.Call> calls;

    @BeforeAll
    static void readRoleAndRecordEveryPath() throws Exception {
        role =
                RolePolicy.of(
                        TEMPLATE,
                        "IdentityNotificationsRole",
                        Map.of(
                                "IdentityNotificationsLogGroup",
                                "arn:aws:logs:"
                                        + MotoServer.REGION.id()
                                        + ":"
                                        + MotoServer.ACCOUNT
                                        + ":log-group:/aws/lambda/"
                                        + STACK
                                        + "-identity-notifications:*"),
                        PSEUDO_PARAMETERS);
        RecordedCalls recorded = new RecordedCalls(MotoServer.REGION.id(), MotoServer.ACCOUNT);
        try (MotoServer moto = MotoServer.start();
                CloudFormation cloudFormation = new CloudFormation();
                SesClient ses = moto.ses();
                SesClient handlerSes = moto.ses(recorded);
                SsmClient handlerSsm = moto.ssm(recorded)) {
            IdentityNotificationsHandler handler =
                    new IdentityNotificationsHandler(
                            new IdentityWiring(
                                    new SesIdentities(
                                            handlerSes,
                                            MotoServer.REGION.id(),
                                            new Pacer(Duration.ZERO, Pacer.Ticker.SYSTEM)),
                                    new PreviousSettings(
                                            handlerSsm, IdentityNotificationsOnMotoTest.PATH),
                                    line -> {}),
                            new FunctionLog(line -> {}, Clock.systemUTC()));
            String kept = verifiedAddress(ses);
            String removed = verifiedAddress(ses);
            String gone = verifiedAddress(ses);
            String added = "mail-" + UUID.randomUUID() + ".example.org";
            ses.verifyDomainIdentity(r -> r.domain(added));

            Map<String, Object> guarded =
                    CloudFormation.properties(
                            List.of(kept, removed, gone), TOPIC, true, true, "reserved");
            String id =
                    answer(handler, cloudFormation, cloudFormation.create(guarded), "SUCCESS")
                            .physicalResourceId();
            answer(handler, cloudFormation, cloudFormation.create(guarded), "SUCCESS");
            Map<String, Object> unguarded =
                    CloudFormation.properties(List.of(kept, added, gone), TOPIC, false, false);
            answer(
                    handler,
                    cloudFormation,
                    cloudFormation.update(id, unguarded, guarded),
                    "SUCCESS");
            ses.deleteIdentity(r -> r.identity(gone));
            answer(handler, cloudFormation, cloudFormation.delete(id, unguarded), "SUCCESS");
            answer(
                    handler,
                    cloudFormation,
                    cloudFormation.create(
                            CloudFormation.properties(
                                    List.of("nobody-" + UUID.randomUUID() + "@example.net"),
                                    TOPIC,
                                    false,
                                    false)),
                    "FAILED");
            Map<String, Object> empty = CloudFormation.properties(List.of(""), TOPIC, false, false);
            String emptyId =
                    answer(handler, cloudFormation, cloudFormation.create(empty), "SUCCESS")
                            .physicalResourceId();
            answer(handler, cloudFormation, cloudFormation.delete(emptyId, empty), "SUCCESS");
        }
        calls = recorded.calls();
    }

    private static CloudFormation.Put answer(
            IdentityNotificationsHandler handler,
            CloudFormation cloudFormation,
            CloudFormationCustomResourceEvent event,
            String status)
            throws InterruptedException {
        handler.handleRequest(event, CloudFormation.context());
        CloudFormation.Put put = cloudFormation.response();
        assertThat(put.status()).as(event.getRequestType()).isEqualTo(status);
        return put;
    }

    private static String verifiedAddress(SesClient ses) {
        String address = "sender-" + UUID.randomUUID() + "@example.com";
        ses.verifyEmailIdentity(r -> r.emailAddress(address));
        return address;
    }

    @Test
    void theCallsWereRecordedAndTheHandlerUsedThePathTheFunctionIsGiven() throws Exception {
        assertThat(calls).as("calls recorded on moto").isNotEmpty();
        assertThat(
                        RolePolicy.sub(
                                TEMPLATE,
                                "IdentityNotificationsFunction",
                                List.of(
                                        "Properties",
                                        "Environment",
                                        "Variables",
                                        "PREVIOUS_SETTINGS_PATH"),
                                PSEUDO_PARAMETERS))
                .isEqualTo(IdentityNotificationsOnMotoTest.PATH);
    }

    @Test
    void everyCallTheHandlerMakesIsOneItsRoleAllows() {
        assertThat(role.disallowed(calls))
                .as("calls IdentityNotificationsRole does not allow")
                .isEmpty();
    }

    @Test
    void everyActionTheRoleGrantsIsOneTheHandlerUses() {
        assertThat(role.unused(calls, USED_BY_LAMBDA)).as("grants no call uses").isEmpty();
    }

    /** "*" only where the reference leaves no choice, and nothing else shares that statement. */
    @Test
    void aStatementOnEveryResourceGrantsOnlyActionsWithoutAResourceType() {
        assertThat(role.misplacedStars()).isEmpty();
    }

    @Test
    void onlyTheStatementLambdaUsesItselfIsLeftToIt() {
        assertThat(role.statements())
                .extracting(RolePolicy.Statement::sid)
                .containsAll(USED_BY_LAMBDA);
    }
}
