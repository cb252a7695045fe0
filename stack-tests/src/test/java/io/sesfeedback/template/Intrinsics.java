package io.sesfeedback.template;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A translated template's values and conditions as CloudFormation would resolve them for one stack
 * name, region and parameter values: enough of Ref, Fn::Sub, Fn::If, Fn::Join, Fn::Select,
 * Fn::Split and Fn::FindInMap to read the names, environment variables and answers that a deploy
 * checks. A resource's Ref and GetAtt give what CloudFormation documents for the types the template
 * names; any other is refused, so a new case is seen rather than guessed.
 */
final class Intrinsics {

    static final String ACCOUNT = "123456789012";

    /** What Fn::If gives for AWS::NoValue: dropped from the map or list that holds it. */
    private static final Object NO_VALUE = new Object();

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]+)}");

    private final CloudFormationTemplate template;
    private final String stackName;
    private final String region;
    private final Map<String, String> parameters;

    Intrinsics(
            CloudFormationTemplate template,
            String stackName,
            String region,
            Map<String, String> parameters) {
        this.template = template;
        this.stackName = stackName;
        this.region = region;
        this.parameters = parameters;
    }

    boolean holds(String condition) {
        return (Boolean) resolve(template.section("Conditions").get(condition));
    }

    /** Whether the resource is created: no Condition, or one that holds. */
    boolean creates(String logicalId) {
        Object condition = template.resource(logicalId).get("Condition");
        return condition == null || holds((String) condition);
    }

    /**
     * The resolved value at a property path ("Environment.Variables"), empty when absent or
     * AWS::NoValue.
     */
    Optional<Object> property(String logicalId, String path) {
        Object value = template.properties(logicalId);
        for (String key : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return Optional.empty();
            }
            value = map.get(key);
        }
        Object resolved = resolve(value);
        return resolved == NO_VALUE ? Optional.empty() : Optional.ofNullable(resolved);
    }

    Object resolve(Object value) {
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                Object one = resolve(item);
                if (one != NO_VALUE) {
                    resolved.add(one);
                }
            }
            return resolved;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        if (map.size() == 1) {
            Map.Entry<?, ?> call = map.entrySet().iterator().next();
            String key = (String) call.getKey();
            if (key.equals("Ref") || key.startsWith("Fn::")) {
                return function(key, call.getValue());
            }
            if (key.equals("Condition") && call.getValue() instanceof String condition) {
                return holds(condition);
            }
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        map.forEach(
                (key, item) -> {
                    Object one = resolve(item);
                    if (one != NO_VALUE) {
                        resolved.put((String) key, one);
                    }
                });
        return resolved;
    }

    private Object function(String name, Object argument) {
        List<?> arguments = argument instanceof List<?> list ? list : List.of();
        return switch (name) {
            case "Ref" -> ref((String) argument);
            case "Fn::GetAtt" -> getAtt((String) arguments.get(0), (String) arguments.get(1));
            case "Fn::Sub" -> sub(argument);
            case "Fn::If" ->
                    resolve(holds((String) arguments.get(0)) ? arguments.get(1) : arguments.get(2));
            case "Fn::Join" ->
                    String.join(
                            (String) arguments.get(0),
                            ((List<?>) resolve(arguments.get(1)))
                                    .stream().map(String::valueOf).toList());
            case "Fn::Select" ->
                    ((List<?>) resolve(arguments.get(1)))
                            .get(Integer.parseInt(String.valueOf(resolve(arguments.get(0)))));
            case "Fn::Split" ->
                    Arrays.asList(
                            ((String) resolve(arguments.get(1)))
                                    .split(Pattern.quote((String) arguments.get(0)), -1));
            case "Fn::FindInMap" -> template.findInMap(((List<?>) resolve(arguments)));
            case "Fn::Equals" ->
                    String.valueOf(resolve(arguments.get(0)))
                            .equals(String.valueOf(resolve(arguments.get(1))));
            case "Fn::Not" -> !(Boolean) resolve(arguments.get(0));
            case "Fn::And" -> arguments.stream().allMatch(term -> (Boolean) resolve(term));
            case "Fn::Or" -> arguments.stream().anyMatch(term -> (Boolean) resolve(term));
            default -> throw new IllegalArgumentException("not resolved here: " + name);
        };
    }

    private Object sub(Object argument) {
        String text;
        Map<?, ?> variables;
        if (argument instanceof List<?> list) {
            text = (String) list.get(0);
            variables = (Map<?, ?>) list.get(1);
        } else {
            text = (String) argument;
            variables = Map.of();
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(2);
            String replacement;
            if (!matcher.group(1).isEmpty()) {
                replacement = "${" + variable + "}";
            } else if (variables.containsKey(variable)) {
                replacement = String.valueOf(resolve(variables.get(variable)));
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                replacement =
                        String.valueOf(
                                getAtt(
                                        variable.substring(0, variable.indexOf('.')),
                                        variable.substring(variable.indexOf('.') + 1)));
            } else {
                replacement = String.valueOf(ref(variable));
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private Object ref(String name) {
        switch (name) {
            case "AWS::StackName":
                return stackName;
            case "AWS::Region":
                return region;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NoValue":
                return NO_VALUE;
            default:
                break;
        }
        if (template.section("Parameters").containsKey(name)) {
            Object fallback = template.parameterDefault(name);
            if (!parameters.containsKey(name) && fallback == null) {
                throw new IllegalArgumentException(
                        "parameter " + name + " has no value and no default");
            }
            String value = parameters.getOrDefault(name, String.valueOf(fallback));
            Object type =
                    CloudFormationTemplate.map(template.section("Parameters").get(name), name)
                            .get("Type");
            return "CommaDelimitedList".equals(type) ? Arrays.asList(value.split(",", -1)) : value;
        }
        String type = (String) template.resource(name).get("Type");
        return switch (type) {
            case "AWS::DynamoDB::Table" -> named(name, "TableName");
            case "AWS::Logs::LogGroup" -> named(name, "LogGroupName");
            case "AWS::SES::ConfigurationSet" -> named(name, "Name");
            case "AWS::Lambda::Function" -> named(name, "FunctionName");
            case "AWS::CloudWatch::Dashboard" -> named(name, "DashboardName");
            case "AWS::SNS::Topic" -> arn("sns", named(name, "TopicName"));
            // a rule on the default bus: its name (CloudFormation, AWS::Events::Rule, Return
            // values); a custom bus's rule is refused: the template writes its names out
            case "AWS::Events::Rule" -> {
                if (property(name, "EventBusName").isPresent()) {
                    throw new IllegalArgumentException(
                            "Ref of a rule on a custom bus is not resolved here: " + name);
                }
                yield named(name, "Name");
            }
            // its name (CloudFormation, AWS::Events::EventBus, Return values)
            case "AWS::Events::EventBus" -> named(name, "Name");
            case "AWS::Lambda::Alias" ->
                    arn(
                            "lambda",
                            "function:"
                                    + String.valueOf(
                                            resolve(template.properties(name).get("FunctionName")))
                                    + ":"
                                    + named(name, "Name"));
            case "AWS::SQS::Queue" ->
                    "https://sqs."
                            + region
                            + ".amazonaws.com/"
                            + ACCOUNT
                            + "/"
                            + named(name, "QueueName");
            case "AWS::IAM::ManagedPolicy" ->
                    "arn:aws:iam::" + ACCOUNT + ":policy/" + generated(name, 128);
            default ->
                    throw new IllegalArgumentException(
                            "Ref of a " + type + " is not resolved here: " + name);
        };
    }

    private Object getAtt(String logicalId, String attribute) {
        String type = (String) template.resource(logicalId).get("Type");
        return switch (type + "." + attribute) {
            case "AWS::Lambda::Function.Arn" ->
                    arn("lambda", "function:" + named(logicalId, "FunctionName"));
            case "AWS::SQS::Queue.Arn" -> arn("sqs", named(logicalId, "QueueName"));
            // rule-on-default-event-bus and rule-on-custom-event-bus (Service Authorization
            // Reference, Amazon EventBridge)
            case "AWS::Events::Rule.Arn" ->
                    arn(
                            "events",
                            "rule/"
                                    + property(logicalId, "EventBusName")
                                            .map(bus -> bus + "/")
                                            .orElse("")
                                    + named(logicalId, "Name"));
            case "AWS::Events::EventBus.Arn" ->
                    arn("events", "event-bus/" + named(logicalId, "Name"));
            case "AWS::SQS::Queue.QueueName" -> named(logicalId, "QueueName");
            case "AWS::DynamoDB::Table.Arn" ->
                    arn("dynamodb", "table/" + named(logicalId, "TableName"));
            case "AWS::Logs::LogGroup.Arn" ->
                    arn("logs", "log-group:" + named(logicalId, "LogGroupName") + ":*");
            case "AWS::IAM::Role.Arn" ->
                    "arn:aws:iam::" + ACCOUNT + ":role/" + generated(logicalId, 64);
            case "AWS::KMS::Key.Arn" -> arn("kms", "key/00000000-0000-0000-0000-000000000000");
            // the custom resource's answer: its size is held by AnswerTest in functions/
            case "Custom::SesIdentityNotifications.BlockedRecipientPatterns" -> "*@example.com";
            default ->
                    throw new IllegalArgumentException(
                            "GetAtt " + type + "." + attribute + " is not resolved here");
        };
    }

    private String named(String logicalId, String nameProperty) {
        return property(logicalId, nameProperty)
                .map(String::valueOf)
                .orElseGet(() -> generated(logicalId, 64));
    }

    /**
     * A name CloudFormation generates: the stack name, the logical id and a suffix, cut to the
     * type's limit.
     */
    private String generated(String logicalId, int limit) {
        String name = stackName + "-" + logicalId + "-ABCDEFGHIJKL";
        return name.length() <= limit ? name : name.substring(0, limit);
    }

    private String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + ACCOUNT + ":" + resource;
    }
}
