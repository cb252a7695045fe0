package io.sesfeedback.template;

import io.sesfeedback.local.CloudFormationTemplate;
import java.util.List;
import java.util.Map;

/**
 * A template's conditions evaluated for parameter values (the others take their defaults), as CloudFormation would:
 * the SAM translator passes them through unevaluated. Fn::Not, Fn::And, Fn::Or, Fn::Equals, Condition and Ref to a
 * parameter: what this template's conditions use.
 */
final class Conditions {

    private Conditions() {
    }

    static boolean holds(CloudFormationTemplate template, String condition, Map<String, String> parameters) {
        return (Boolean) evaluate(template, template.section("Conditions").get(condition), parameters);
    }

    private static Object evaluate(CloudFormationTemplate template, Object expression, Map<String, String> parameters) {
        if (!(expression instanceof Map<?, ?> function)) {
            return expression;
        }
        Map.Entry<?, ?> call = function.entrySet().iterator().next();
        Object argument = call.getValue();
        return switch ((String) call.getKey()) {
            case "Ref" -> parameters.getOrDefault((String) argument, (String) template.parameterDefault((String) argument));
            case "Condition" -> holds(template, (String) argument, parameters);
            case "Fn::Not" -> !(Boolean) evaluate(template, ((List<?>) argument).get(0), parameters);
            case "Fn::And" -> ((List<?>) argument).stream().allMatch(term -> (Boolean) evaluate(template, term, parameters));
            case "Fn::Or" -> ((List<?>) argument).stream().anyMatch(term -> (Boolean) evaluate(template, term, parameters));
            case "Fn::Equals" -> evaluate(template, ((List<?>) argument).get(0), parameters)
                    .equals(evaluate(template, ((List<?>) argument).get(1), parameters));
            default -> throw new IllegalArgumentException("not evaluated here: " + call.getKey());
        };
    }
}
