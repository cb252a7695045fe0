package io.sesfeedback.tools.targets;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.TemplateConditions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The recorder function as template.yaml declares it (its own properties over Globals.Function):
 * what the benchmarks run, and which of its variables a stack's parameters set (the store policy
 * the recorder derives from them).
 */
public record RecorderFunction(
        String name,
        String handler,
        String runtime,
        String architecture,
        int memoryMb,
        Map<String, String> variables) {

    static final String RESOURCE = "RecorderFunction";
    private static final String ENVIRONMENT = "Environment";

    /** The benchmarks stand for a dev stack: Environment is the one parameter with no default. */
    private static final Map<String, String> BENCHMARK_PARAMETERS = Map.of(ENVIRONMENT, "dev");

    /**
     * Reads the function; its environment variables resolved as CloudFormation would: a Ref to a
     * parameter is the parameter's default (Environment {@code dev}), a Ref to a resource the name
     * the benchmark gave it in {@code resourceNames}, a Sub of the stack name alone that text with
     * {@code stackName}, an Fn::If the branch its condition takes with those parameters.
     */
    public static RecorderFunction load(
            CloudFormationTemplate template, String stackName, Map<String, String> resourceNames) {
        Map<String, Object> properties = properties(template);
        Map<String, String> variables = new LinkedHashMap<>();
        declaredVariables(properties)
                .forEach(
                        (name, value) ->
                                variables.put(
                                        name,
                                        resolve(template, stackName, resourceNames, name, value)));
        return new RecorderFunction(
                stackName + "-recorder",
                (String) properties.get("Handler"),
                (String) properties.get("Runtime"),
                (String) ((List<?>) properties.get("Architectures")).get(0),
                ((Number) properties.get("MemorySize")).intValue(),
                variables);
    }

    /**
     * The function's variables that are a Ref to a template parameter, each with the value {@code
     * parameter} gives it (a stack's, else the default).
     */
    public static Map<String, String> parameterVariables(
            CloudFormationTemplate template, UnaryOperator<String> parameter) {
        Map<String, String> variables = new LinkedHashMap<>();
        declaredVariables(properties(template))
                .forEach(
                        (name, value) -> {
                            if (value instanceof Map<?, ?> intrinsic
                                    && intrinsic.get("Ref") instanceof String target
                                    && template.section("Parameters").containsKey(target)) {
                                variables.put(name, parameter.apply(target));
                            }
                        });
        return variables;
    }

    private static Map<String, Object> properties(CloudFormationTemplate template) {
        Map<String, Object> properties =
                new LinkedHashMap<>(
                        CloudFormationTemplate.map(
                                template.section("Globals").get("Function"), "Globals.Function"));
        properties.putAll(template.properties(RESOURCE));
        return properties;
    }

    private static Map<String, Object> declaredVariables(Map<String, Object> properties) {
        Map<String, Object> environment =
                CloudFormationTemplate.map(properties.get(ENVIRONMENT), ENVIRONMENT);
        return CloudFormationTemplate.map(environment.get("Variables"), "Environment.Variables");
    }

    private static String resolve(
            CloudFormationTemplate template,
            String stackName,
            Map<String, String> resourceNames,
            String variable,
            Object value) {
        String stackNameVariable = "${AWS::StackName}";
        if (value instanceof Map<?, ?> intrinsic && intrinsic.containsKey("Fn::If")) {
            Object branch = new TemplateConditions(template, BENCHMARK_PARAMETERS).resolve(value);
            return resolve(template, stackName, resourceNames, variable, branch);
        }
        if (value instanceof Map<?, ?> intrinsic
                && intrinsic.get("Fn::Sub") instanceof String text
                && !text.replace(stackNameVariable, "").contains("${")) {
            return text.replace(stackNameVariable, stackName);
        }
        if (value instanceof Map<?, ?> intrinsic && intrinsic.get("Ref") instanceof String target) {
            if (template.section("Parameters").containsKey(target)) {
                return BENCHMARK_PARAMETERS.getOrDefault(
                        target, String.valueOf(template.parameterDefault(target)));
            }
            if (resourceNames.containsKey(target)) {
                return resourceNames.get(target);
            }
        } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new IllegalStateException(
                "The benchmark cannot resolve the function's variable " + variable + ": " + value);
    }
}
