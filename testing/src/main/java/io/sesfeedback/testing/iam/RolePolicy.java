package io.sesfeedback.testing.iam;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Allow statements of an IAM role in a template (as written, or as the SAM translator wrote
 * it), with resources resolved to ARNs: {@code Fn::Sub} from the pseudo parameters (and any
 * parameter given with them), {@code Fn::GetAtt X.Arn} and {@code Ref X} from the ARNs given,
 * {@code Fn::If} from the conditions given ({@code Ref AWS::NoValue} drops what it stands for).
 * Enough of IAM's evaluation for this project's roles: {@code *} and {@code ?} in actions and
 * resources, no IAM conditions or denies.
 */
public final class RolePolicy {

    /** One statement, resolved. */
    public record Statement(String sid, List<String> actions, List<String> resources) {

        public boolean allows(RecordedCalls.Call call) {
            return actions.stream().anyMatch(action -> matches(action, call.action(), true))
                    && resources.stream()
                            .anyMatch(resource -> matches(resource, call.resource(), false));
        }
    }

    private final List<Statement> statements;

    private RolePolicy(List<Statement> statements) {
        this.statements = statements;
    }

    /** The role of a template without {@code Fn::If} in its policies. */
    public static RolePolicy of(
            CloudFormationTemplate template,
            String roleId,
            Map<String, String> arns,
            Map<String, String> pseudoParameters) {
        return of(template, roleId, arns, pseudoParameters, Map.of());
    }

    /**
     * The role as deployed with these conditions' values (an {@code Fn::If} on a condition not
     * given fails).
     */
    public static RolePolicy of(
            CloudFormationTemplate template,
            String roleId,
            Map<String, String> arns,
            Map<String, String> pseudoParameters,
            Map<String, Boolean> conditions) {
        List<Statement> statements = new ArrayList<>();
        for (Object policy : list(template.properties(roleId).get("Policies"))) {
            Map<String, Object> document =
                    CloudFormationTemplate.map(
                            CloudFormationTemplate.map(policy, "policy").get("PolicyDocument"),
                            "policy document");
            for (Object element : list(document.get("Statement"))) {
                Object chosen = choose(element, conditions);
                if (chosen == null) {
                    continue;
                }
                Map<String, Object> statement = CloudFormationTemplate.map(chosen, "statement");
                if (!"Allow".equals(statement.get("Effect"))) {
                    throw new IllegalStateException(
                            "Only Allow statements are modelled in " + roleId + ": " + statement);
                }
                statements.add(
                        new Statement(
                                (String) statement.get("Sid"),
                                list(choose(statement.get("Action"), conditions)).stream()
                                        .map(String.class::cast)
                                        .toList(),
                                list(choose(statement.get("Resource"), conditions)).stream()
                                        .map(
                                                r ->
                                                        resolve(
                                                                choose(r, conditions),
                                                                arns,
                                                                pseudoParameters))
                                        .toList()));
            }
        }
        return new RolePolicy(statements);
    }

    /** Every condition of the template set to {@code value}: a template deployed with them off. */
    public static Map<String, Boolean> allConditions(
            CloudFormationTemplate template, boolean value) {
        Map<String, Boolean> conditions = new java.util.TreeMap<>();
        Object section = template.topLevel("Conditions");
        if (section != null) {
            CloudFormationTemplate.map(section, "Conditions")
                    .keySet()
                    .forEach(name -> conditions.put(name, value));
        }
        return conditions;
    }

    /**
     * A {@code Fn::Sub} string in the template, resolved: a function's environment variable, say.
     */
    public static String sub(
            CloudFormationTemplate template,
            String resourceId,
            List<String> keys,
            Map<String, String> pseudoParameters) {
        Object node = template.resource(resourceId);
        for (String key : keys) {
            node = CloudFormationTemplate.map(node, key).get(key);
            if (node == null) {
                throw new IllegalStateException("No " + key + " in " + resourceId);
            }
        }
        return resolve(node, Map.of(), pseudoParameters);
    }

    public List<Statement> statements() {
        return statements;
    }

    public boolean allows(RecordedCalls.Call call) {
        return statements.stream().anyMatch(statement -> statement.allows(call));
    }

    /** The calls no statement allows, as "ACTION on RESOURCE". */
    public List<String> disallowed(List<RecordedCalls.Call> calls) {
        return calls.stream()
                .filter(call -> !allows(call))
                .map(call -> call.action() + " on " + call.resource())
                .distinct()
                .toList();
    }

    /**
     * The grants no call uses, as "SID: ACTION", leaving out the statements {@code usedByLambda}
     * (Lambda's own use of the role: the function's log group, its on-failure destination).
     */
    public List<String> unused(List<RecordedCalls.Call> calls, Set<String> usedByLambda) {
        List<String> unused = new ArrayList<>();
        for (Statement statement : statements) {
            if (usedByLambda.contains(statement.sid())) {
                continue;
            }
            for (String action : statement.actions()) {
                if (calls.stream()
                        .noneMatch(
                                call ->
                                        matches(action, call.action(), true)
                                                && statement.allows(call))) {
                    unused.add(statement.sid() + ": " + action);
                }
            }
        }
        return unused;
    }

    /**
     * "*" only where the reference leaves no choice, and nothing else in that statement: the grants
     * that break it.
     */
    public List<String> misplacedStars() {
        List<String> misplaced = new ArrayList<>();
        for (Statement statement : statements) {
            for (String action : statement.actions()) {
                if (ServiceAuthorization.resourceType(action).isEmpty()
                        != statement.resources().contains("*")) {
                    misplaced.add(statement.sid() + ": " + action + " on " + statement.resources());
                }
            }
        }
        return misplaced;
    }

    /**
     * The branch of an {@code Fn::If} that the conditions pick, null for {@code Ref AWS::NoValue};
     * anything else as it is.
     */
    private static Object choose(Object node, Map<String, Boolean> conditions) {
        if (node instanceof Map<?, ?> function
                && function.get("Fn::If") instanceof List<?> branches) {
            Boolean holds = conditions.get((String) branches.get(0));
            if (holds == null) {
                throw new IllegalStateException("No value given for condition " + branches.get(0));
            }
            return choose(branches.get(holds ? 1 : 2), conditions);
        }
        return node instanceof Map<?, ?> function && "AWS::NoValue".equals(function.get("Ref"))
                ? null
                : node;
    }

    private static String resolve(
            Object resource, Map<String, String> arns, Map<String, String> pseudoParameters) {
        if (resource instanceof String arn) {
            return arn;
        }
        Map<String, Object> function = CloudFormationTemplate.map(resource, "resource");
        Object logicalId =
                function.get("Fn::GetAtt") instanceof List<?> getAtt && "Arn".equals(getAtt.get(1))
                        ? getAtt.get(0)
                        : function.get("Ref");
        if (logicalId instanceof String id) {
            String arn = arns.get(id);
            if (arn == null) {
                throw new IllegalStateException("No ARN given for " + id);
            }
            return arn;
        }
        if (function.get("Fn::Sub") instanceof String text) {
            String resolved = text;
            for (Map.Entry<String, String> parameter : pseudoParameters.entrySet()) {
                resolved = resolved.replace("${" + parameter.getKey() + "}", parameter.getValue());
            }
            if (resolved.contains("${")) {
                throw new IllegalStateException("Unresolved reference in " + text);
            }
            return resolved;
        }
        throw new IllegalStateException("A resource this model does not resolve: " + resource);
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> elements ? elements : List.of(value);
    }

    /**
     * IAM's matching: {@code *} any run of characters, {@code ?} one; actions ignore case,
     * resources do not.
     */
    public static boolean matches(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0)
                .matcher(value)
                .matches();
    }
}
