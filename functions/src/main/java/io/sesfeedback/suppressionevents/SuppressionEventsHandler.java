package io.sesfeedback.suppressionevents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.sesfeedback.support.Environment;
import io.sesfeedback.support.FailedCall;
import io.sesfeedback.support.FunctionLog;
import io.sesfeedback.support.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The suppression events' Lambda entry point: the feedback table's stream invokes it with recipient
 * status changes only (the mapping's filters, template.yaml), and it puts the recorder's own
 * suppressions on the default event bus ({@link RecorderSuppressions}). It answers Lambda's partial
 * batch response: the first record whose event the bus did not take, from which Lambda retries
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html). A record
 * it cannot read is logged and passed over, never retried. One JSON log line per invocation.
 */
public final class SuppressionEventsHandler implements RequestStreamHandler {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    /** The function in template.yaml, which sets its environment. */
    static final String FUNCTION = "SuppressionEventsFunction";

    private final RecorderSuppressions suppressions;
    private final SuppressionPublishing publishing;
    private final FunctionLog log;

    /** Lambda's: the bus and the names from the function's environment. */
    public SuppressionEventsHandler() {
        this(Environment.of(FUNCTION), FunctionLog.standardOutput());
    }

    SuppressionEventsHandler(Environment environment, FunctionLog log) {
        this(
                suppressions(environment),
                new EventBridgeSuppressionBus(
                        EventBridgeClient.builder()
                                .region(Region.of(environment.required("AWS_REGION")))
                                // no SnapStart: the role's keys are in the environment for life
                                .credentialsProvider(
                                        EnvironmentVariableCredentialsProvider.create())
                                .httpClient(UrlConnectionHttpClient.create())
                                .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT))
                                .build(),
                        environment.required("EVENT_BUS_NAME")),
                log);
    }

    SuppressionEventsHandler(
            RecorderSuppressions suppressions, SuppressionPublishing.Bus bus, FunctionLog log) {
        this.suppressions = suppressions;
        this.publishing = new SuppressionPublishing(bus);
        this.log = log;
    }

    /** Who the events name as actor: the recorder's function, and this one for a deletion. */
    static RecorderSuppressions suppressions(Environment environment) {
        return new RecorderSuppressions(
                environment.required("RECORDER_FUNCTION"),
                environment.required("AWS_LAMBDA_FUNCTION_NAME"));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context)
            throws IOException {
        log.invocation(context);
        StreamEvent.Batch batch;
        try {
            batch = StreamEvent.read(input);
        } catch (IOException unreadable) {
            // a retry reads the same bytes: log it and let the batch go
            log.error(
                    "Not a DynamoDB stream event: nothing published",
                    Map.of("error", String.valueOf(unreadable.getMessage())));
            respond(output, null);
            return;
        }
        List<SuppressionEvent> events = new ArrayList<>();
        for (StatusRecord record : batch.records()) {
            suppressions.eventOf(record).ifPresent(events::add);
        }
        SuppressionPublishing.Outcome outcome = publishing.publish(events);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("records", batch.records().size() + batch.unreadable().size());
        line.put("published", outcome.published().stream().map(this::logged).toList());
        if (!batch.unreadable().isEmpty()) {
            line.put(
                    "unreadable",
                    batch.unreadable().stream()
                            .map(
                                    u -> {
                                        Map<String, Object> entry = new LinkedHashMap<>();
                                        entry.put("eventId", u.eventId());
                                        entry.put("sequenceNumber", u.sequenceNumber());
                                        entry.put("problem", u.problem());
                                        return (Object) entry;
                                    })
                            .toList());
        }
        if (outcome.retryFrom() == null) {
            log.info(
                    outcome.published().isEmpty()
                            ? "No suppression of the recorder's in the batch"
                            : "Published the recorder's suppressions",
                    line);
        } else {
            line.put("retryFrom", outcome.retryFrom());
            line.put("refused", logged(outcome.firstRefused()));
            line.put("error", outcome.refusal());
            Optional.ofNullable(outcome.failure())
                    .filter(FailedCall.class::isInstance)
                    .map(FailedCall.class::cast)
                    .ifPresent(failed -> line.put("failure", failed.kind().name()));
            log.error(
                    "The bus did not take a suppression event: Lambda retries the batch from its"
                            + " record",
                    line);
        }
        respond(output, outcome.retryFrom());
    }

    private Map<String, Object> logged(SuppressionEvent event) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("detailType", event.detailType());
        entry.put("changeId", event.changeId());
        entry.put("source", event.source());
        entry.put("sequenceNumber", event.sequenceNumber());
        return entry;
    }

    /** {"batchItemFailures": [...]}: empty when all went through (the documented syntax). */
    private static void respond(OutputStream output, String retryFrom) throws IOException {
        List<Object> failures =
                retryFrom == null ? List.of() : List.of(Map.of("itemIdentifier", retryFrom));
        output.write(
                JsonText.write(Map.of("batchItemFailures", failures))
                        .getBytes(StandardCharsets.UTF_8));
    }
}
