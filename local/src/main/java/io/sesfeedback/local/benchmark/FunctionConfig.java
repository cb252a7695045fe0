package io.sesfeedback.local.benchmark;

import io.sesfeedback.local.CloudFormationTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The recorder function as template.yaml declares it (its own properties over Globals.Function). */
public record FunctionConfig(String name, String handler, String runtime, String architecture, int memoryMb,
                      Map<String, String> variables) {

    static final String RESOURCE = "RecorderFunction";

    /**
     * Reads the function; its environment variables resolved as CloudFormation would: a Ref to a parameter is the
     * parameter's default, a Ref to a resource the name the benchmark gave it in {@code resourceNames}, a Sub of the
     * stack name alone that text with {@code stackName}.
     */
    public static FunctionConfig load(CloudFormationTemplate template, String stackName, Map<String, String> resourceNames) {
        Map<String, Object> properties = new LinkedHashMap<>(
                CloudFormationTemplate.map(template.section("Globals").get("Function"), "Globals.Function"));
        properties.putAll(template.properties(RESOURCE));
        Map<String, Object> environment = CloudFormationTemplate.map(properties.get("Environment"), "Environment");
        Map<String, String> variables = new LinkedHashMap<>();
        CloudFormationTemplate.map(environment.get("Variables"), "Environment.Variables").forEach((name, value) ->
                variables.put(name, resolve(template, stackName, resourceNames, name, value)));
        return new FunctionConfig(stackName + "-recorder",
                (String) properties.get("Handler"),
                (String) properties.get("Runtime"),
                (String) ((List<?>) properties.get("Architectures")).get(0),
                ((Number) properties.get("MemorySize")).intValue(),
                variables);
    }

    private static String resolve(CloudFormationTemplate template, String stackName, Map<String, String> resourceNames,
                                  String variable, Object value) {
        String stackNameVariable = "${AWS::StackName}";
        if (value instanceof Map<?, ?> intrinsic && intrinsic.get("Fn::Sub") instanceof String text
                && !text.replace(stackNameVariable, "").contains("${")) {
            return text.replace(stackNameVariable, stackName);
        }
        if (value instanceof Map<?, ?> intrinsic && intrinsic.get("Ref") instanceof String target) {
            if (template.section("Parameters").containsKey(target)) {
                return String.valueOf(template.parameterDefault(target));
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
