package io.sesfeedback.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch Embedded Metric Format: counts carried by a log line, which CloudWatch Logs turns into
 * metrics of the namespace, without dimensions (the namespace names the stack).
 */
public final class Emf {

    private final String namespace;

    public Emf(String namespace) {
        this.namespace = namespace;
    }

    /**
     * Adds to {@code line} the {@code _aws} directive for these counts at {@code timestampMillis},
     * then each count.
     */
    public void count(Map<String, Object> line, long timestampMillis, Map<String, Integer> values) {
        List<String> names = values.keySet().stream().sorted().toList();
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", namespace);
        directive.put("Dimensions", List.of(List.of()));
        directive.put("Metrics", names.stream().map(Emf::count).toList());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("Timestamp", timestampMillis);
        metadata.put("CloudWatchMetrics", List.of(directive));
        line.put("_aws", metadata);
        names.forEach(name -> line.put(name, values.get(name)));
    }

    private static Map<String, Object> count(String name) {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("Name", name);
        definition.put("Unit", "Count");
        return definition;
    }
}
