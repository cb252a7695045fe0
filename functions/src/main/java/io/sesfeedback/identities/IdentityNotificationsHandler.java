package io.sesfeedback.identities;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import io.sesfeedback.support.Environment;
import io.sesfeedback.support.FunctionLog;
import io.sesfeedback.support.Pacer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.lambda.powertools.cloudformation.AbstractCustomResourceHandler;
import software.amazon.lambda.powertools.cloudformation.Response;

/**
 * Custom::SesIdentityNotifications: points SES identities' Bounce, Complaint and (optionally)
 * Delivery notifications at the feedback topic, optionally turns email feedback forwarding off, and
 * puts the guard's sending policy on each (RecipientGuard); gives each identity its previous
 * settings back, without the guard's policy, when the stack lets go of it. Powertools sends the
 * response to CloudFormation; its Data carries only the guard's patterns, which template.yaml reads
 * (Answer), and the identities go to the log.
 */
public class IdentityNotificationsHandler extends AbstractCustomResourceHandler {

    /** Reason texts go into a response body that CloudFormation caps at 4 KB (Answer.MAX_BYTES). */
    private static final int MAX_REASON = 1500;

    /** Lambda's: the wiring's progress lines and the handler's answers go to the same log. */
    private static final FunctionLog STANDARD_OUTPUT = FunctionLog.standardOutput();

    private final IdentityWiring wiring;
    private final FunctionLog log;

    public IdentityNotificationsHandler() {
        this(
                fromEnvironment(Environment.of("IdentityNotificationsFunction"), STANDARD_OUTPUT),
                STANDARD_OUTPUT);
    }

    IdentityNotificationsHandler(IdentityWiring wiring, FunctionLog log) {
        this.wiring = wiring;
        this.log = log;
    }

    @Override
    protected Response create(CloudFormationCustomResourceEvent event, Context context) {
        String physicalId = physicalId(event);
        return respond(
                context, physicalId, line -> wire(event, context, physicalId, List.of(), line));
    }

    @Override
    protected Response update(CloudFormationCustomResourceEvent event, Context context) {
        // the same id: a new one would make CloudFormation send a Delete for the old one, which
        // restores everything
        return respond(
                context,
                event.getPhysicalResourceId(),
                line ->
                        wire(
                                event,
                                context,
                                event.getPhysicalResourceId(),
                                WiringRequest.identities(event.getOldResourceProperties()),
                                line));
    }

    @Override
    protected Response delete(CloudFormationCustomResourceEvent event, Context context) {
        return respond(
                context,
                event.getPhysicalResourceId(),
                line -> {
                    line.put(
                            "restored",
                            wiring.unwire(
                                    WiringRequest.identities(event.getResourceProperties()),
                                    WiringRequest.guardPolicyName(event.getResourceProperties())));
                    return null;
                });
    }

    /**
     * Create and update: the answer's size is known from the properties, so it is checked before
     * anything changes.
     */
    private Map<String, Object> wire(
            CloudFormationCustomResourceEvent event,
            Context context,
            String physicalId,
            List<String> wiredBefore,
            Map<String, Object> line) {
        WiringRequest request = WiringRequest.of(event.getResourceProperties());
        Map<String, Object> data =
                new Answer(event, context, physicalId)
                        .data(WiringRequest.blockedRecipientDomains(event.getResourceProperties()));
        IdentityWiring.Wired wired = wiring.wire(request, wiredBefore);
        line.put("wired", wired.wired());
        line.put("restored", wired.restored());
        return data;
    }

    /**
     * Does the work, which notes what it did in the log line and returns the answer's Data (null
     * for none).
     */
    private Response respond(
            Context context,
            String physicalId,
            Function<Map<String, Object>, Map<String, Object>> work) {
        log.invocation(context);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("physicalResourceId", physicalId);
        try {
            Map<String, Object> data = work.apply(line);
            if (data != null) {
                line.put("data", data);
            }
            log.info("Answered CloudFormation: SUCCESS", line);
            return Response.builder()
                    .status(Response.Status.SUCCESS)
                    .physicalResourceId(physicalId)
                    .value(data)
                    .build();
        } catch (RuntimeException failure) {
            String reason =
                    failure instanceof WiringFailure
                            ? failure.getMessage()
                            : "Unexpected "
                                    + failure.getClass().getSimpleName()
                                    + ": "
                                    + failure.getMessage();
            line.put("reason", reason);
            if (!(failure instanceof WiringFailure)) {
                StringWriter trace = new StringWriter();
                failure.printStackTrace(new PrintWriter(trace));
                line.put("stackTrace", trace.toString());
            }
            log.error("Answered CloudFormation: FAILED", line);
            return Response.builder()
                    .status(Response.Status.FAILED)
                    .physicalResourceId(physicalId)
                    .reason(
                            reason.length() > MAX_REASON
                                    ? reason.substring(0, MAX_REASON) + "…"
                                    : reason)
                    .build();
        }
    }

    /**
     * One id for the resource's whole life, from the stack's unique id and the resource's logical
     * id.
     */
    static String physicalId(CloudFormationCustomResourceEvent event) {
        String stackId = event.getStackId() == null ? "" : event.getStackId();
        return "ses-identity-notifications-"
                + stackId.substring(stackId.lastIndexOf('/') + 1)
                + "-"
                + event.getLogicalResourceId();
    }

    private static IdentityWiring fromEnvironment(Environment environment, FunctionLog log) {
        String region = environment.required("AWS_REGION");
        // the SSM path for identities' previous settings
        String path = environment.required("PREVIOUS_SETTINGS_PATH");
        // paced to SES's rate, and retried with backoff should another caller share it
        SesClient ses =
                SesClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(
                                configuration -> configuration.retryStrategy(RetryMode.ADAPTIVE_V2))
                        .build();
        SsmClient ssm = SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        return new IdentityWiring(
                new SesIdentities(
                        ses, region, new Pacer(SesIdentities.CALL_INTERVAL, Pacer.Ticker.SYSTEM)),
                new PreviousSettings(ssm, path),
                message -> log.info(message, Map.of()));
    }
}
