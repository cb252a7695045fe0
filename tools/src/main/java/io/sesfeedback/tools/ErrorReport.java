package io.sesfeedback.tools;

import io.sesfeedback.tools.targets.AwsClients;
import java.io.PrintWriter;
import java.net.UnknownHostException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Errors a user meets, as one line and a non-zero exit: 2 for a wrong command line, 1 for anything
 * else. The stack trace only with {@code --debug}. A local tool ({@link LocalTool}) answers as it
 * always did.
 */
public final class ErrorReport implements IExecutionExceptionHandler, IParameterExceptionHandler {

    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        if (e.getCommandLine().getCommand() instanceof LocalTool tool) {
            return tool.usageError(e);
        }
        PrintWriter err = e.getCommandLine().getErr();
        err.println(
                "ses-feedback: "
                        + e.getMessage()
                        + " (see '"
                        + e.getCommandLine().getCommandSpec().qualifiedName()
                        + " --help')");
        if (List.of(args).contains("--debug")) {
            e.printStackTrace(err);
        }
        err.flush();
        return USAGE;
    }

    @Override
    public int handleExecutionException(
            Exception e, CommandLine commandLine, ParseResult parseResult) throws Exception {
        if (commandLine.getCommand() instanceof LocalTool) {
            throw e;
        }
        PrintWriter err = commandLine.getErr();
        err.println("ses-feedback: " + describe(e));
        if (parseResult.expandedArgs().contains("--debug")) {
            e.printStackTrace(err);
        }
        err.flush();
        return e instanceof UserError && e.getMessage().startsWith("Not an address")
                ? USAGE
                : FAILED;
    }

    public static String describe(Throwable e) {
        if (e instanceof UserError) {
            return e.getMessage();
        }
        if (e instanceof ResourceNotFoundException) {
            return "Table not found: "
                    + serviceMessage((AwsServiceException) e)
                    + " (check --table and --region)";
        }
        if (e instanceof QueueDoesNotExistException) {
            return "Queue not found: check --queue-url, --env and --region";
        }
        if (e instanceof AwsServiceException service) {
            String code =
                    service.awsErrorDetails() == null
                            ? ""
                            : String.valueOf(service.awsErrorDetails().errorCode());
            if (service.statusCode() == 403
                    || code.startsWith("AccessDenied")
                    || code.equals("UnauthorizedOperation")) {
                return "Access denied: " + serviceMessage(service);
            }
            if (code.equals("UnrecognizedClientException")
                    || code.equals("InvalidClientTokenId")
                    || code.equals("ExpiredTokenException")) {
                return "AWS refused the credentials ("
                        + code
                        + "): check --profile and that they are current";
            }
            if (service.isThrottlingException()
                    || code.contains("Throttl")
                    || code.equals("ProvisionedThroughputExceededException")
                    || code.equals("RequestLimitExceeded")) {
                return "Throttled by AWS ("
                        + code
                        + ") after "
                        + AwsClients.MAX_ATTEMPTS
                        + " attempts with backoff: try again later";
            }
            return (code.equals("null") ? "HTTP " + service.statusCode() : code)
                    + ": "
                    + serviceMessage(service);
        }
        if (e instanceof SdkClientException) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("Unable to load credentials")) {
                return "No AWS credentials: use --profile, set AWS_PROFILE or the AWS_ACCESS_KEY_ID variables, or run 'aws configure'";
            }
            if (message.contains("Unable to load region")) {
                return "No AWS region: give --region or set AWS_REGION";
            }
            if (rootCause(e) instanceof UnknownHostException host) {
                return "Cannot reach " + host.getMessage() + ": is --region right?";
            }
            return "Cannot reach AWS: " + firstLine(message);
        }
        return e.getClass().getSimpleName() + ": " + firstLine(String.valueOf(e.getMessage()));
    }

    private static String serviceMessage(AwsServiceException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage()
                : firstLine(e.getMessage());
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }
}
