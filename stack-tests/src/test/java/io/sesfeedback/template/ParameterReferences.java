package io.sesfeedback.template;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which template parameters a resource reads: Ref, Fn::Sub variables, and the conditions of its
 * Fn::If.
 */
final class ParameterReferences {

    static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

    private ParameterReferences() {}

    /**
     * The parameters a resource's configuration refers to, directly or through a condition: its
     * properties but its tags and SAM's VersionDescription, which describes the version rather than
     * configure the function.
     */
    static Set<String> readBy(CloudFormationTemplate template, String logicalId) {
        Map<String, Object> properties = new HashMap<>(template.properties(logicalId));
        properties.remove("Tags");
        properties.remove("VersionDescription");
        return found(template, properties);
    }

    /** The parameters one property of a resource refers to. */
    static Set<String> readBy(CloudFormationTemplate template, String logicalId, String property) {
        return found(template, template.properties(logicalId).get(property));
    }

    private static Set<String> found(CloudFormationTemplate template, Object node) {
        Set<String> found = new TreeSet<>();
        collect(template, node, found);
        return found;
    }

    private static void collect(CloudFormationTemplate template, Object node, Set<String> found) {
        Set<String> parameters = template.section("Parameters").keySet();
        if (node instanceof List<?> list) {
            list.forEach(element -> collect(template, element, found));
        } else if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object value = entry.getValue();
                switch (String.valueOf(entry.getKey())) {
                    case "Ref" -> {
                        if (parameters.contains(String.valueOf(value))) {
                            found.add(String.valueOf(value));
                        }
                    }
                    case "Fn::Sub" -> {
                        Object text = value instanceof List<?> withMap ? withMap.get(0) : value;
                        Matcher variable = SUB_VARIABLE.matcher(String.valueOf(text));
                        while (variable.find()) {
                            if (parameters.contains(variable.group(1))) {
                                found.add(variable.group(1));
                            }
                        }
                        if (value instanceof List<?> withMap) {
                            collect(template, withMap.get(1), found);
                        }
                    }
                    case "Fn::If" -> {
                        List<?> branches = (List<?>) value;
                        collect(
                                template,
                                template.section("Conditions").get(String.valueOf(branches.get(0))),
                                found);
                        collect(template, branches.subList(1, branches.size()), found);
                    }
                    case "Condition" ->
                            collect(
                                    template,
                                    template.section("Conditions").get(String.valueOf(value)),
                                    found);
                    default -> collect(template, value, found);
                }
            }
        }
    }
}
