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
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * AccountWatchRole, as template.yaml grants it, against every AWS call the watcher makes on the
 * paths it has: a first check (two tenants), an unchanged one, a change with Virtual Deliverability
 * Manager's recommendations over two pages (a tenant disabled, another deleted), a check that loses
 * its conditional write to an overlapping one, a change whose publish SNS refused and the next
 * check that takes it over and publishes it. Each call is one the role allows, and each action it
 * grants is one the code uses, except the statement Lambda uses itself (the function's own log
 * group). A hub's member (condition ForwardsToHub) also puts its changes on its default bus: a
 * change, one whose put EventBridge refused and the check that puts it on the bus alone, against
 * the role as deployed in a member.
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
            Map.ofEntries(
                    Map.entry("ses:GetAccount", ""),
                    Map.entry("ses:ListRecommendations", "identity"),
                    Map.entry("ses:ListReputationEntities", "tenant*"),
                    Map.entry("dynamodb:GetItem", "table*"),
                    Map.entry("dynamodb:PutItem", "table*"),
                    Map.entry("dynamodb:Query", "table*"),
                    Map.entry("dynamodb:BatchWriteItem", "table*"),
                    Map.entry("sns:Publish", "topic*"),
                    Map.entry("events:PutEvents", "event-bus*"),
                    Map.entry("logs:CreateLogStream", "log-stream*"),
                    Map.entry("logs:PutLogEvents", "log-stream*"));

    private static MotoServer moto;
    private static SesV2StandIn ses;
    private static List<RecordedCalls.Call> calls;
    private static Set<String> partitions;
    private static RolePolicy role;
    private static List<RecordedCalls.Call> memberCalls;
    private static RolePolicy memberRole;

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
            ses.clearTenants();
            ses.account("HEALTHY", true, false);
            ses.tenant("acme");
            ses.tenant("globex");
            watch.check();
            Optional<AccountWatch.Latest> stale = stack.history().latest();
            watch.check();
            ses.account("PROBATION", true, true);
            // a tenant disabled, with a finding; another deleted
            ses.sesStatus("acme", "DISABLED", "High bounce rate");
            ses.recommendForTenant("acme", "BOUNCE", "HIGH", "OPEN");
            ses.clearTenants();
            ses.sesStatus("acme", "DISABLED", "High bounce rate");
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
            role = role(stack, false);
        }
        RecordedCalls member = new RecordedCalls(SesV2StandIn.REGION, MotoStack.ACCOUNT);
        Faults refusedPut =
                new Faults()
                        .failBefore(
                                "PutEvents",
                                2,
                                request ->
                                        EventBridgeException.builder()
                                                .statusCode(500)
                                                .message("Injected")
                                                .build());
        try (MotoStack stack = new MotoStack(moto, member);
                SesV2Client client = ses.client(member);
                EventBridgeClient events =
                        moto.client(EventBridgeClient.builder(), member, refusedPut)) {
            // the bus template.yaml names for a member: the default one
            AccountWatch watch = stack.watch(client, new EventBridgeBus(events, "default", "prod"));
            ses.clearRecommendations();
            ses.account("HEALTHY", true, false);
            watch.check();
            ses.account("PROBATION", true, false);
            assertThatThrownBy(watch::check).as("the refused put").isInstanceOf(FailedCall.class);
            assertThat(watch.check().republished().eventId())
                    .as("the next check's put of it")
                    .isNotNull();
            memberCalls = member.calls();
            memberRole = role(stack, true);
        }
    }

    /** The role as deployed, in a hub's member or not. */
    private static RolePolicy role(MotoStack stack, boolean member) throws IOException {
        String arnPrefix = ":" + SesV2StandIn.REGION + ":" + MotoStack.ACCOUNT + ":";
        return RolePolicy.of(
                CloudFormationTemplate.load(Path.of("..", "template.yaml")),
                "AccountWatchRole",
                Map.of(
                        "FeedbackTable", "arn:aws:dynamodb" + arnPrefix + "table/" + stack.table,
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
                Map.of("UseCustomerManagedKey", false, "ForwardsToHub", member));
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
                        "ses:ListReputationEntities",
                        "dynamodb:GetItem",
                        "dynamodb:PutItem",
                        "dynamodb:Query",
                        "dynamodb:BatchWriteItem",
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

    /**
     * Holds once template.yaml grants events:PutEvents on the default bus under ForwardsToHub
     * (docs: the hub design's "Account watch" IAM line).
     */
    @Test
    void everyCallOfAMembersWatcherIsOneItsRoleAllowsAndEveryGrantIsUsed() {
        assertThat(memberCalls)
                .extracting(RecordedCalls.Call::action)
                .contains("events:PutEvents", "sns:Publish");
        assertThat(memberCalls)
                .filteredOn(call -> call.action().equals("events:PutEvents"))
                .extracting(RecordedCalls.Call::resource)
                .containsOnly(
                        "arn:aws:events:"
                                + SesV2StandIn.REGION
                                + ":"
                                + MotoStack.ACCOUNT
                                + ":event-bus/default");
        assertThat(memberCalls)
                .allSatisfy(
                        call ->
                                assertThat(memberRole.allows(call))
                                        .as(
                                                "%s on %s is allowed by a member's AccountWatchRole",
                                                call.action(), call.resource())
                                        .isTrue());
        // a member's watcher takes every other path too: the paths above
        assertThat(
                        memberRole.unused(
                                Stream.concat(calls.stream(), memberCalls.stream()).toList(),
                                USED_BY_LAMBDA))
                .as("grants no call of a member's watcher uses")
                .isEmpty();
    }

    @Test
    void aStandaloneRoleGrantsNoPutEvents() {
        assertThat(role.statements())
                .flatExtracting(RolePolicy.Statement::actions)
                .doesNotContain("events:PutEvents");
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
        for (RolePolicy.Statement statement :
                Stream.concat(role.statements().stream(), memberRole.statements().stream())
                        .toList()) {
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
