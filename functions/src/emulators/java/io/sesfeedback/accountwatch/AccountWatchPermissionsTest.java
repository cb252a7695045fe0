package io.sesfeedback.accountwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesfeedback.support.FailedCall;
import io.sesfeedback.support.Faults;
import io.sesfeedback.testing.iam.RecordedCalls;
import io.sesfeedback.testing.iam.RolePolicy;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.ses.SesV2StandIn;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * AccountWatchRole, as template.yaml grants it, against every AWS call the watcher makes on the
 * paths it has: a first check, an unchanged one, a change with Virtual Deliverability Manager's
 * recommendations over two pages, a check that loses its conditional write to an overlapping one, a
 * change whose publish SNS refused and the next check that takes it over and publishes it. Each
 * call is one the role allows, and each action it grants is one the code uses, except the statement
 * Lambda uses itself (the function's own log group).
 */
@Tag("moto")
class AccountWatchPermissionsTest {

    private static final String STACK = "ses-feedback-dev";
    private static final Set<String> USED_BY_LAMBDA = Set.of("WriteOwnLog");

    /**
     * The resource types IAM authorises each granted action on, as the Service Authorization
     * Reference prints its Resource types column (Amazon Simple Email Service v2, Amazon DynamoDB,
     * Amazon SNS, Amazon CloudWatch Logs): a trailing {@code *} marks a required type. An action
     * without one is allowed on "*" only (ListRecommendations' {@code identity} is optional: it
     * applies to a request naming an identity, which the watcher's never does).
     */
    private static final Map<String, String> RESOURCE_TYPES =
            Map.of(
                    "ses:GetAccount", "",
                    "ses:ListRecommendations", "identity",
                    "dynamodb:GetItem", "table*",
                    "dynamodb:PutItem", "table*",
                    "sns:Publish", "topic*",
                    "logs:CreateLogStream", "log-stream*",
                    "logs:PutLogEvents", "log-stream*");

    private static MotoServer moto;
    private static SesV2StandIn ses;
    private static List<RecordedCalls.Call> calls;
    private static Set<String> partitions;
    private static RolePolicy role;

    @BeforeAll
    static void recordEveryPath() throws Exception {
        moto = MotoServer.start();
        ses = SesV2StandIn.start();
        RecordedCalls recorded = new RecordedCalls(SesV2StandIn.REGION, MotoStack.ACCOUNT);
        Faults faults =
                new Faults()
                        .failBefore(
                                "Publish",
                                3,
                                request ->
                                        SnsException.builder()
                                                .statusCode(500)
                                                .message("Injected")
                                                .build());
        try (MotoStack stack = new MotoStack(moto, recorded, faults);
                SesV2Client client = ses.client(recorded)) {
            AccountWatch watch = stack.watch(client);
            ses.account("HEALTHY", true, false);
            watch.check();
            Optional<AccountWatch.Latest> stale = stack.history().latest();
            watch.check();
            ses.account("PROBATION", true, true);
            ses.recommend("DMARC", "example.com", "HIGH", "OPEN");
            ses.recommend("DKIM", "example.org", "LOW", "OPEN");
            ses.recommend("SPF", "example.net", "LOW", "OPEN");
            watch.check();
            DynamoStatusHistory history = stack.history();
            AccountCheck late =
                    new AccountCheck(
                            Instant.parse("2026-11-20T11:00:00Z"),
                            SesV2StandIn.REGION,
                            new AccountState("SHUTDOWN", false, true, 0, 0, false, List.of()),
                            0);
            assertThat(
                            history.record(
                                    late,
                                    stale.orElseThrow(),
                                    List.of(),
                                    AccountStatusMessage.of(late, null, List.of()),
                                    late.checkedAt().plus(AccountWatch.PUBLISH_HOLD)))
                    .as("the overlapping check's conditional write")
                    .isFalse();
            ses.account("SHUTDOWN", false, true);
            assertThatThrownBy(watch::check)
                    .as("the refused publish")
                    .isInstanceOf(FailedCall.class);
            assertThat(watch.check().republished())
                    .as("the next check's publish of it")
                    .isNotNull();
            calls = recorded.calls();
            partitions = recorded.partitions();
            String arnPrefix = ":" + SesV2StandIn.REGION + ":" + MotoStack.ACCOUNT + ":";
            role =
                    RolePolicy.of(
                            CloudFormationTemplate.load(Path.of("..", "template.yaml")),
                            "AccountWatchRole",
                            Map.of(
                                    "FeedbackTable",
                                            "arn:aws:dynamodb" + arnPrefix + "table/" + stack.table,
                                    "FeedbackTopic", stack.topicArn,
                                    "AccountWatchLogGroup",
                                            "arn:aws:logs"
                                                    + arnPrefix
                                                    + "log-group:/aws/lambda/"
                                                    + STACK
                                                    + "-account-watch:*"),
                            Map.of(
                                    "AWS::Partition",
                                    "aws",
                                    "AWS::Region",
                                    SesV2StandIn.REGION,
                                    "AWS::AccountId",
                                    MotoStack.ACCOUNT,
                                    "AWS::StackName",
                                    STACK),
                            // a stack on its own: a member's PutEvents grant is
                            // HubPermissionsTest's
                            Map.of("UseCustomerManagedKey", false, "ForwardsToHub", false));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        ses.close();
        moto.close();
    }

    @Test
    void everyPathRanAndEveryCallTheWatcherMakesIsOneItsRoleAllows() {
        assertThat(calls)
                .extracting(RecordedCalls.Call::action)
                .contains(
                        "ses:GetAccount",
                        "ses:ListRecommendations",
                        "dynamodb:GetItem",
                        "dynamodb:PutItem",
                        "sns:Publish");
        assertThat(calls)
                .allSatisfy(
                        call ->
                                assertThat(role.allows(call))
                                        .as(
                                                "%s on %s is allowed by AccountWatchRole",
                                                call.action(), call.resource())
                                        .isTrue());
    }

    @Test
    void everyItemTheWatcherReadsOrWritesIsInThePartitionItsRoleLimitsItTo() {
        assertThat(partitions)
                .containsExactly(DynamoStatusHistory.ACCOUNT_PREFIX + SesV2StandIn.REGION);
    }

    @Test
    void everyActionTheRoleGrantsIsOneTheWatcherUses() {
        assertThat(role.unused(calls, USED_BY_LAMBDA))
                .as("grants no call of the watcher uses")
                .isEmpty();
    }

    /** "*" only where the reference leaves no choice, and nothing else shares that statement. */
    @Test
    void aStatementOnEveryResourceGrantsOnlyActionsWithoutAResourceType() {
        for (RolePolicy.Statement statement : role.statements()) {
            boolean everyResource = statement.resources().contains("*");
            for (String action : statement.actions()) {
                assertThat(RESOURCE_TYPES)
                        .as(
                                "the resource type of %s, from the Service Authorization Reference",
                                action)
                        .containsKey(action);
                assertThat(!RESOURCE_TYPES.get(action).endsWith("*"))
                        .as(
                                "statement %s grants %s on %s",
                                statement.sid(), action, statement.resources())
                        .isEqualTo(everyResource);
            }
        }
    }

    @Test
    void onlyTheStatementLambdaUsesItselfIsLeftToIt() {
        assertThat(role.statements())
                .extracting(RolePolicy.Statement::sid)
                .containsAll(USED_BY_LAMBDA);
    }
}
