package io.sesfeedback.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The Allow statements of a role in the repository's template.yaml, with resources resolved to
 * ARNs: {@code !Sub} from the pseudo parameters (and any parameter given with them), {@code !GetAtt
 * X.Arn} and {@code !Ref X} from the ARNs given, {@code !If} from the conditions given ({@code !Ref
 * AWS::NoValue} drops a statement). Read from the YAML nodes, so that the short tags stay visible.
 * Enough of IAM's evaluation for these roles: {@code *} and {@code ?} in actions and resources, no
 * conditions or denies.
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

    public static RolePolicy of(
            Path template,
            String roleId,
            Map<String, String> arns,
            Map<String, String> pseudoParameters)
            throws IOException {
        return of(template, roleId, arns, pseudoParameters, Map.of());
    }

    /**
     * The role as deployed with these conditions' values (an {@code !If} on a condition not given
     * fails).
     */
    public static RolePolicy of(
            Path template,
            String roleId,
            Map<String, String> arns,
            Map<String, String> pseudoParameters,
            Map<String, Boolean> conditions)
            throws IOException {
        MappingNode properties = mapping(get(mapping(resource(template, roleId)), "Properties"));
        List<Statement> statements = new ArrayList<>();
        for (Node policy : sequence(get(properties, "Policies"))) {
            for (Node element :
                    sequence(get(mapping(get(mapping(policy), "PolicyDocument")), "Statement"))) {
                Node chosen = choose(element, conditions);
                if (chosen == null) {
                    continue;
                }
                MappingNode statement = mapping(chosen);
                if (!"Allow".equals(text(get(statement, "Effect")))) {
                    throw new IllegalStateException(
                            "Only Allow statements are modelled in " + roleId);
                }
                statements.add(
                        new Statement(
                                text(get(statement, "Sid")),
                                list(choose(get(statement, "Action"), conditions)).stream()
                                        .map(RolePolicy::text)
                                        .toList(),
                                list(choose(get(statement, "Resource"), conditions)).stream()
                                        .map(r -> resolve(r, arns, pseudoParameters))
                                        .toList()));
            }
        }
        return new RolePolicy(statements);
    }

    /** A {@code !Sub} string in the template, resolved: a function's environment variable, say. */
    public static String sub(
            Path template,
            String resourceId,
            List<String> keys,
            Map<String, String> pseudoParameters)
            throws IOException {
        Node node = resource(template, resourceId);
        for (String key : keys) {
            node = get(mapping(node), key);
        }
        return resolve(node, Map.of(), pseudoParameters);
    }

    public List<Statement> statements() {
        return statements;
    }

    public boolean allows(RecordedCalls.Call call) {
        return statements.stream().anyMatch(statement -> statement.allows(call));
    }

    /**
     * The branch of an {@code !If} that the conditions pick, null for {@code !Ref AWS::NoValue};
     * any other node as it is.
     */
    private static Node choose(Node node, Map<String, Boolean> conditions) {
        String tag = node.getTag().getValue();
        if (tag.equals("!If")) {
            List<Node> branches = sequence(node);
            Boolean holds = conditions.get(text(branches.get(0)));
            if (holds == null) {
                throw new IllegalStateException(
                        "No value given for condition " + text(branches.get(0)));
            }
            return choose(branches.get(holds ? 1 : 2), conditions);
        }
        return tag.equals("!Ref") && "AWS::NoValue".equals(text(node)) ? null : node;
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
     * The grants no call uses, as "SID: ACTION", except in the statements Lambda uses itself (its
     * own log).
     */
    public List<String> unused(List<RecordedCalls.Call> calls, java.util.Set<String> usedByLambda) {
        List<String> unused = new ArrayList<>();
        for (Statement statement : statements) {
            for (String action :
                    usedByLambda.contains(statement.sid())
                            ? List.<String>of()
                            : statement.actions()) {
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

    private static Node resource(Path template, String resourceId) throws IOException {
        Node root =
                new Compose(LoadSettings.builder().build())
                        .composeString(Files.readString(template))
                        .orElseThrow(() -> new IOException(template + " is empty"));
        return get(mapping(get(mapping(root), "Resources")), resourceId);
    }

    private static String resolve(
            Node resource, Map<String, String> arns, Map<String, String> pseudoParameters) {
        String tag = resource.getTag().getValue();
        String value = text(resource);
        if (tag.equals("!GetAtt") && value.endsWith(".Arn")) {
            String arn = arns.get(value.substring(0, value.length() - ".Arn".length()));
            if (arn == null) {
                throw new IllegalStateException("No ARN given for " + value);
            }
            return arn;
        }
        if (tag.equals("!Ref")) {
            String arn = arns.get(value);
            if (arn == null) {
                throw new IllegalStateException("No ARN given for !Ref " + value);
            }
            return arn;
        }
        if (tag.equals("!Sub")) {
            String resolved = value;
            for (Map.Entry<String, String> parameter : pseudoParameters.entrySet()) {
                resolved = resolved.replace("${" + parameter.getKey() + "}", parameter.getValue());
            }
            if (resolved.contains("${")) {
                throw new IllegalStateException("Unresolved reference in " + value);
            }
            return resolved;
        }
        if (!tag.startsWith("!")) {
            return value;
        }
        throw new IllegalStateException(
                "A resource this model does not resolve: " + tag + " " + value);
    }

    private static Node get(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (key.equals(text(tuple.getKeyNode()))) {
                return tuple.getValueNode();
            }
        }
        throw new IllegalStateException(
                "No "
                        + key
                        + " in the template at line "
                        + mapping.getStartMark().map(m -> m.getLine() + 1).orElse(0));
    }

    private static MappingNode mapping(Node node) {
        if (node instanceof MappingNode mapping) {
            return mapping;
        }
        throw new IllegalStateException("Not a mapping in the template: " + node);
    }

    private static List<Node> sequence(Node node) {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        throw new IllegalStateException("Not a list in the template: " + node);
    }

    private static List<Node> list(Node node) {
        return node instanceof SequenceNode sequence ? sequence.getValue() : List.of(node);
    }

    private static String text(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        throw new IllegalStateException("Not a single value in the template: " + node);
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
