package io.sesfeedback.testing.iam;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Allow statements of an IAM role in a deployed template, with its resources resolved to ARNs:
 * {@code Fn::GetAtt X.Arn} and {@code Ref X} (a topic's ARN) from the ARNs given, {@code Fn::Sub}
 * from the pseudo parameters. A statement under {@code Fn::If} is there when its template condition
 * is among those given as true. Enough of IAM's evaluation for this project's policies: actions and
 * resources matched with {@code *} and {@code ?}, no IAM conditions or denies.
 */
public final class IamPolicy {

    /** One statement, resolved. */
    public record Statement(String sid, List<String> actions, List<String> resources) {

        public boolean allows(ApiCalls.Call call) {
            return actions.stream().anyMatch(action -> matches(action, call.action(), true))
                    && resources.stream()
                            .anyMatch(resource -> matches(resource, call.resource(), false));
        }
    }

    private final List<Statement> statements;

    private IamPolicy(List<Statement> statements) {
        this.statements = statements;
    }

    /**
     * The inline policies of role {@code roleId}; {@code arns} maps {@code LogicalId} to its ARN
     * (GetAtt Arn, or Ref of a topic).
     */
    public static IamPolicy ofRole(
            CloudFormationTemplate template,
            String roleId,
            Map<String, String> arns,
            Map<String, String> pseudoParameters,
            Set<String> trueConditions) {
        List<Statement> statements = new ArrayList<>();
        for (Object policy : list(template.properties(roleId).get("Policies"))) {
            Map<String, Object> document =
                    CloudFormationTemplate.map(
                            CloudFormationTemplate.map(policy, "policy").get("PolicyDocument"),
                            "policy document");
            for (Object element : list(document.get("Statement"))) {
                Map<String, Object> statement =
                        deployed(CloudFormationTemplate.map(element, "statement"), trueConditions);
                if (statement == null) {
                    continue;
                }
                if (!"Allow".equals(statement.get("Effect"))) {
                    throw new IllegalStateException(
                            "Only Allow statements are modelled: " + statement);
                }
                statements.add(
                        new Statement(
                                (String) statement.get("Sid"),
                                list(statement.get("Action")).stream()
                                        .map(String.class::cast)
                                        .toList(),
                                list(statement.get("Resource")).stream()
                                        .map(r -> resolve(r, arns, pseudoParameters))
                                        .toList()));
            }
        }
        return new IamPolicy(statements);
    }

    /**
     * The statement as deployed: the chosen branch of an {@code Fn::If}, or null for {@code
     * AWS::NoValue}.
     */
    private static Map<String, Object> deployed(
            Map<String, Object> statement, Set<String> trueConditions) {
        if (!(statement.get("Fn::If") instanceof List<?> branches)) {
            return statement;
        }
        Object chosen = branches.get(trueConditions.contains((String) branches.get(0)) ? 1 : 2);
        Map<String, Object> branch = CloudFormationTemplate.map(chosen, "statement");
        return "AWS::NoValue".equals(branch.get("Ref")) ? null : deployed(branch, trueConditions);
    }

    public List<Statement> statements() {
        return statements;
    }

    public boolean allows(ApiCalls.Call call) {
        return statements.stream().anyMatch(statement -> statement.allows(call));
    }

    /**
     * What the role grants that none of {@code calls} uses, as "statement Sid grants action",
     * leaving out the statements {@code usedByLambda} (Lambda's own use of the role: the function's
     * log group, its on-failure destination).
     */
    public List<String> grantsUnusedBy(List<ApiCalls.Call> calls, Set<String> usedByLambda) {
        List<String> unused = new ArrayList<>();
        for (Statement statement : statements) {
            if (usedByLambda.contains(statement.sid())) {
                continue;
            }
            for (String action : statement.actions()) {
                if (calls.stream()
                        .noneMatch(
                                call ->
                                        call.action().equalsIgnoreCase(action)
                                                && statement.allows(call))) {
                    unused.add("statement " + statement.sid() + " grants " + action);
                }
            }
        }
        return unused;
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
    static boolean matches(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0)
                .matcher(value)
                .matches();
    }
}
