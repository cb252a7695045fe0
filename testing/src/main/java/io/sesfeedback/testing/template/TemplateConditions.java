package io.sesfeedback.testing.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A template's {@code Fn::If} wrappers resolved for some parameter values (the others take their
 * defaults), as CloudFormation resolves them: the branch its condition picks, and {@code
 * AWS::NoValue} dropped from the list or map that holds it. Conditions may use Fn::Equals, Fn::Not,
 * Fn::And, Fn::Or, Condition and Ref of a parameter; any other intrinsic outside a condition is
 * left as it is, and one inside a condition is refused.
 */
public final class TemplateConditions {

    private static final Object NO_VALUE = new Object();

    private final CloudFormationTemplate template;
    private final Map<String, String> parameters;

    public TemplateConditions(CloudFormationTemplate template, Map<String, String> parameters) {
        this.template = template;
        this.parameters = parameters;
    }

    /** The value with its Fn::If resolved; AWS::NoValue at the top gives null. */
    public Object resolve(Object value) {
        Object resolved = resolved(value);
        return resolved == NO_VALUE ? null : resolved;
    }

    public boolean holds(String condition) {
        Object declared = template.section("Conditions").get(condition);
        if (declared == null) {
            throw new IllegalArgumentException("no condition " + condition + " in the template");
        }
        return truth(declared);
    }

    private Object resolved(Object value) {
        if (value instanceof List<?> list) {
            List<Object> kept = new ArrayList<>();
            for (Object item : list) {
                Object one = resolved(item);
                if (one != NO_VALUE) {
                    kept.add(one);
                }
            }
            return kept;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        if (map.size() == 1 && map.containsKey("Fn::If")) {
            List<?> branches = (List<?>) map.get("Fn::If");
            return resolved(holds((String) branches.get(0)) ? branches.get(1) : branches.get(2));
        }
        if (map.size() == 1 && "AWS::NoValue".equals(map.get("Ref"))) {
            return NO_VALUE;
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        map.forEach(
                (key, item) -> {
                    Object one = resolved(item);
                    if (one != NO_VALUE) {
                        kept.put((String) key, one);
                    }
                });
        return kept;
    }

    private boolean truth(Object condition) {
        Map<String, Object> call = CloudFormationTemplate.map(condition, "condition");
        Map.Entry<String, Object> function = call.entrySet().iterator().next();
        List<?> arguments = function.getValue() instanceof List<?> list ? list : List.of();
        return switch (function.getKey()) {
            case "Fn::Equals" -> text(arguments.get(0)).equals(text(arguments.get(1)));
            case "Fn::Not" -> !truth(arguments.get(0));
            case "Fn::And" -> arguments.stream().allMatch(this::truth);
            case "Fn::Or" -> arguments.stream().anyMatch(this::truth);
            case "Condition" -> holds((String) function.getValue());
            default ->
                    throw new IllegalArgumentException(
                            "not evaluated here: " + function.getKey() + " in a condition");
        };
    }

    private String text(Object operand) {
        if (operand instanceof Map<?, ?> map
                && map.size() == 1
                && map.get("Ref") instanceof String name) {
            return parameter(name);
        }
        if (operand instanceof Map<?, ?> || operand instanceof List<?>) {
            throw new IllegalArgumentException(
                    "not evaluated here: " + operand + " in a condition");
        }
        return String.valueOf(operand);
    }

    private String parameter(String name) {
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (!template.section("Parameters").containsKey(name)) {
            throw new IllegalArgumentException("no parameter " + name + " in the template");
        }
        Object fallback = template.parameterDefault(name);
        if (fallback == null) {
            throw new IllegalArgumentException(
                    "parameter " + name + " has no value and no default");
        }
        return String.valueOf(fallback);
    }
}
