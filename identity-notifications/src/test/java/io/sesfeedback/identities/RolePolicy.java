package io.sesfeedback.identities;

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
 * The Allow statements of a role in the repository's template.yaml, with resources resolved to ARNs: {@code !Sub}
 * from the pseudo parameters, {@code !GetAtt X.Arn} from the ARNs given. Read from the YAML nodes, so that the short
 * tags stay visible. Enough of IAM's evaluation for this role: {@code *} and {@code ?} in actions and resources, no
 * conditions or denies.
 */
final class RolePolicy {

    /** One statement, resolved. */
    record Statement(String sid, List<String> actions, List<String> resources) {

        boolean allows(ApiCalls.Call call) {
            return actions.stream().anyMatch(action -> matches(action, call.action(), true))
                    && resources.stream().anyMatch(resource -> matches(resource, call.resource(), false));
        }
    }

    private final List<Statement> statements;

    private RolePolicy(List<Statement> statements) {
        this.statements = statements;
    }

    static RolePolicy of(Path template, String roleId, Map<String, String> arns, Map<String, String> pseudoParameters)
            throws IOException {
        MappingNode properties = mapping(get(mapping(resource(template, roleId)), "Properties"));
        List<Statement> statements = new ArrayList<>();
        for (Node policy : sequence(get(properties, "Policies"))) {
            for (Node element : sequence(get(mapping(get(mapping(policy), "PolicyDocument")), "Statement"))) {
                MappingNode statement = mapping(element);
                if (!"Allow".equals(text(get(statement, "Effect")))) {
                    throw new IllegalStateException("Only Allow statements are modelled in " + roleId);
                }
                statements.add(new Statement(text(get(statement, "Sid")),
                        list(get(statement, "Action")).stream().map(RolePolicy::text).toList(),
                        list(get(statement, "Resource")).stream().map(r -> resolve(r, arns, pseudoParameters)).toList()));
            }
        }
        return new RolePolicy(statements);
    }

    /** A {@code !Sub} string in the template, resolved: a function's environment variable, say. */
    static String sub(Path template, String resourceId, List<String> keys, Map<String, String> pseudoParameters)
            throws IOException {
        Node node = resource(template, resourceId);
        for (String key : keys) {
            node = get(mapping(node), key);
        }
        return resolve(node, Map.of(), pseudoParameters);
    }

    List<Statement> statements() {
        return statements;
    }

    boolean allows(ApiCalls.Call call) {
        return statements.stream().anyMatch(statement -> statement.allows(call));
    }

    private static Node resource(Path template, String resourceId) throws IOException {
        Node root = new Compose(LoadSettings.builder().build()).composeString(Files.readString(template))
                .orElseThrow(() -> new IOException(template + " is empty"));
        return get(mapping(get(mapping(root), "Resources")), resourceId);
    }

    private static String resolve(Node resource, Map<String, String> arns, Map<String, String> pseudoParameters) {
        String tag = resource.getTag().getValue();
        String value = text(resource);
        if (tag.equals("!GetAtt") && value.endsWith(".Arn")) {
            String arn = arns.get(value.substring(0, value.length() - ".Arn".length()));
            if (arn == null) {
                throw new IllegalStateException("No ARN given for " + value);
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
        throw new IllegalStateException("A resource this model does not resolve: " + tag + " " + value);
    }

    private static Node get(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (key.equals(text(tuple.getKeyNode()))) {
                return tuple.getValueNode();
            }
        }
        throw new IllegalStateException("No " + key + " in the template at line " + mapping.getStartMark().map(m -> m.getLine() + 1).orElse(0));
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

    /** IAM's matching: {@code *} any run of characters, {@code ?} one; actions ignore case, resources do not. */
    static boolean matches(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
    }
}
