package io.sesfeedback.testing.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * template.yaml as plain maps and lists, with short-form intrinsics in their long form ({@code !Ref
 * X} becomes {@code {Ref: X}}, {@code !GetAtt A.B} becomes {@code {Fn::GetAtt: [A, B]}}).
 */
public final class CloudFormationTemplate {

    private final Map<String, Object> root;

    private CloudFormationTemplate(Map<String, Object> root) {
        this.root = root;
    }

    /** {@link #load}, for a static field: a file that cannot be read fails the class. */
    public static CloudFormationTemplate read(Path path) {
        try {
            return load(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static CloudFormationTemplate load(Path path) throws IOException {
        Node node =
                new Compose(LoadSettings.builder().build())
                        .composeString(Files.readString(path))
                        .orElseThrow(() -> new IOException(path + " is empty"));
        return new CloudFormationTemplate((Map<String, Object>) toJava(node));
    }

    /**
     * A top-level entry that need not be a mapping ({@code Transform}, {@code Description}); null
     * when absent.
     */
    public Object topLevel(String name) {
        return root.get(name);
    }

    public Map<String, Object> section(String name) {
        return map(root.get(name), name);
    }

    public Map<String, Object> resource(String logicalId) {
        return map(section("Resources").get(logicalId), "Resources." + logicalId);
    }

    public Map<String, Object> properties(String logicalId) {
        return map(resource(logicalId).get("Properties"), logicalId + ".Properties");
    }

    /** Logical ids of the resources of one type, in template order. */
    public List<String> resourcesOfType(String type) {
        return section("Resources").entrySet().stream()
                .filter(e -> type.equals(map(e.getValue(), e.getKey()).get("Type")))
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * What a Fn::FindInMap of the template's Mappings gives: {@code [map, top-level key,
     * second-level key]}.
     */
    public Object findInMap(List<?> keys) {
        Map<String, Object> top =
                map(section("Mappings").get((String) keys.get(0)), "Mappings." + keys.get(0));
        return map(top.get((String) keys.get(1)), "Mappings." + keys.get(0) + "." + keys.get(1))
                .get((String) keys.get(2));
    }

    public Object parameterDefault(String name) {
        return map(section("Parameters").get(name), "Parameters." + name).get("Default");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(what + " is not a mapping in the template: " + value);
    }

    private static Object toJava(Node node) {
        Object value;
        if (node instanceof ScalarNode scalar) {
            value = scalar(scalar);
        } else if (node instanceof SequenceNode sequence) {
            List<Object> list = new ArrayList<>();
            sequence.getValue().forEach(item -> list.add(toJava(item)));
            value = list;
        } else {
            Map<String, Object> map = new LinkedHashMap<>();
            for (NodeTuple tuple : ((MappingNode) node).getValue()) {
                map.put(((ScalarNode) tuple.getKeyNode()).getValue(), toJava(tuple.getValueNode()));
            }
            value = map;
        }
        String tag = node.getTag().getValue();
        if (!tag.startsWith("!")) {
            return value;
        }
        String function = tag.substring(1);
        if (function.equals("GetAtt") && value instanceof String dotted) {
            value =
                    List.of(
                            dotted.substring(0, dotted.indexOf('.')),
                            dotted.substring(dotted.indexOf('.') + 1));
        }
        return Map.of(
                function.equals("Ref") || function.equals("Condition")
                        ? function
                        : "Fn::" + function,
                value);
    }

    private static Object scalar(ScalarNode scalar) {
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        if (Tag.INT.equals(tag)) {
            return Long.parseLong(text);
        }
        if (Tag.FLOAT.equals(tag)) {
            return Double.parseDouble(text);
        }
        if (Tag.BOOL.equals(tag)) {
            return Boolean.parseBoolean(text);
        }
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        return text;
    }
}
