package io.sesfeedback.identities;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * IdentityNotificationsRole, as template.yaml grants it, against every AWS call the handler made in
 * IdentityNotificationsOnMotoTest (create, update, delete, retried create, unverified and vanished identities, an
 * empty list): each call is one the role allows, and each action it grants is one the code uses, except the statement
 * Lambda uses itself (the function's own log group). Runs after the moto tests in the same run (junit-platform.properties
 * orders classes by {@link Order}); alone, it has no calls to check and fails.
 */
@Tag("moto")
@Order(Integer.MAX_VALUE)
class IdentityNotificationsPermissionsTest {

    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    private static final String STACK = "ses-feedback-dev";
    /** Used by Lambda with the function's role, not by its code: its own log. */
    private static final Set<String> USED_BY_LAMBDA = Set.of("WriteOwnLog");
    private static final Map<String, String> PSEUDO_PARAMETERS = Map.of("AWS::Partition", "aws",
            "AWS::Region", MotoSes.REGION.id(), "AWS::AccountId", MotoSes.ACCOUNT, "AWS::StackName", STACK);

    private static RolePolicy role;
    private static List<ApiCalls.Call> calls;

    @BeforeAll
    static void readRoleAndCalls() throws Exception {
        role = RolePolicy.of(TEMPLATE, "IdentityNotificationsRole", Map.of("IdentityNotificationsLogGroup",
                "arn:aws:logs:" + MotoSes.REGION.id() + ":" + MotoSes.ACCOUNT + ":log-group:/aws/lambda/" + STACK
                        + "-identity-notifications:*"), PSEUDO_PARAMETERS);
        calls = ApiCalls.HANDLER.calls();
    }

    @Test
    void theMotoTestsRanFirstAndTheHandlerUsedThePathTheFunctionIsGiven() throws Exception {
        assertThat(calls).as("calls recorded by IdentityNotificationsOnMotoTest in this run").isNotEmpty();
        assertThat(RolePolicy.sub(TEMPLATE, "IdentityNotificationsFunction",
                List.of("Properties", "Environment", "Variables", "PREVIOUS_SETTINGS_PATH"), PSEUDO_PARAMETERS))
                .isEqualTo(IdentityNotificationsOnMotoTest.PATH);
    }

    @Test
    void everyCallTheHandlerMakesIsOneItsRoleAllows() {
        assertThat(role.disallowed(calls)).as("calls IdentityNotificationsRole does not allow").isEmpty();
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
        assertThat(role.statements()).extracting(RolePolicy.Statement::sid).containsAll(USED_BY_LAMBDA);
    }
}
