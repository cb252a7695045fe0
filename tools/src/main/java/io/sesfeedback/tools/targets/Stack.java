package io.sesfeedback.tools.targets;

import io.sesfeedback.tools.UserError;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;

/**
 * A deployed stack as CloudFormation describes it: its name, the parameter values it was given, and
 * its outputs.
 */
public record Stack(String name, Map<String, String> parameters, StackOutputs outputs) {

    /** No stack: the local store, or a table given alone. */
    static final Stack NONE = new Stack(null, Map.of(), StackOutputs.NONE);

    /** The stack --stack names, or --env through samconfig.toml. */
    static Stack find(AwsClients clients, TargetOptions options) {
        String name =
                options.stack != null
                        ? options.stack
                        : SamConfig.stackName(Home.resolve("samconfig.toml"), options.env);
        try (CloudFormationClient cloudFormation =
                clients.client(CloudFormationClient.builder(), "cloudformation", options)) {
            software.amazon.awssdk.services.cloudformation.model.Stack described =
                    cloudFormation.describeStacks(r -> r.stackName(name)).stacks().get(0);
            return new Stack(
                    name,
                    described.parameters().stream()
                            .filter(p -> p.parameterValue() != null)
                            .collect(
                                    Collectors.toMap(
                                            Parameter::parameterKey, Parameter::parameterValue)),
                    new StackOutputs(
                            described.outputs().stream()
                                    .collect(
                                            Collectors.toMap(
                                                    Output::outputKey, Output::outputValue))));
        } catch (CloudFormationException e) {
            if (e.awsErrorDetails() != null
                    && String.valueOf(e.awsErrorDetails().errorMessage())
                            .contains("does not exist")) {
                throw new UserError(
                        "Stack "
                                + name
                                + " not found"
                                + options.inRegion()
                                + ": check --env/--stack and --region");
            }
            throw e;
        }
    }
}
