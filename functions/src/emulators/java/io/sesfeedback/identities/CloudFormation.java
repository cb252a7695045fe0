package io.sesfeedback.identities;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.sesfeedback.testing.lambda.LocalContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * CloudFormation's side of a custom resource: the request events as CloudFormation sends them, read
 * by the Lambda runtime's own deserialiser, and a loopback HTTP server in place of the presigned S3
 * URL that catches each response PUT.
 */
final class CloudFormation implements AutoCloseable {

    static final String STACK_ID =
            "arn:aws:cloudformation:eu-west-1:123456789012:stack/ses-feedback-dev/5b9f4c40-1f4b-11ef-8b5e-0a1b2c3d4e5f";
    static final String SERVICE_TOKEN =
            "arn:aws:lambda:eu-west-1:123456789012:function:ses-feedback-dev-identity-notifications";
    static final String LOGICAL_ID = "IdentityNotifications";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final BlockingQueue<Put> responses = new LinkedBlockingQueue<>();

    /** A response PUT as CloudFormation receives it, and its size in bytes. */
    record Put(String path, String contentType, JsonNode body, int bytes) {
        String status() {
            return body.path("Status").asText();
        }

        String reason() {
            return body.path("Reason").asText();
        }

        String physicalResourceId() {
            return body.path("PhysicalResourceId").asText();
        }
    }

    CloudFormation() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    if ("PUT".equals(exchange.getRequestMethod())) {
                        responses.add(
                                new Put(
                                        exchange.getRequestURI().getPath(),
                                        exchange.getRequestHeaders().getFirst("Content-Type"),
                                        JSON.readTree(new String(body, StandardCharsets.UTF_8)),
                                        body.length));
                    }
                    exchange.sendResponseHeaders(
                            "PUT".equals(exchange.getRequestMethod()) ? 200 : 405, -1);
                    exchange.close();
                });
        server.start();
    }

    /**
     * The guard's policy name and identity ARN prefix as template.yaml sets them for stack
     * ses-feedback-dev.
     */
    static final String GUARD_POLICY = "ses-feedback-dev-block-test-recipients";

    static final String IDENTITY_ARN_PREFIX = "arn:aws:ses:eu-west-1:123456789012:identity/";

    /** The properties with the guard off. */
    static Map<String, Object> properties(
            List<String> identities,
            String topicArn,
            boolean includeDelivery,
            boolean disableForwarding) {
        return properties(identities, topicArn, includeDelivery, disableForwarding, "none");
    }

    static Map<String, Object> properties(
            List<String> identities,
            String topicArn,
            boolean includeDelivery,
            boolean disableForwarding,
            String blockedRecipientDomains) {
        return Map.of(
                "ServiceToken",
                SERVICE_TOKEN,
                "Identities",
                identities,
                "TopicArn",
                topicArn,
                "IncludeDelivery",
                Boolean.toString(includeDelivery),
                "DisableEmailForwarding",
                Boolean.toString(disableForwarding),
                "BlockedRecipientDomains",
                blockedRecipientDomains,
                "GuardPolicyName",
                GUARD_POLICY,
                "IdentityArnPrefix",
                IDENTITY_ARN_PREFIX);
    }

    CloudFormationCustomResourceEvent create(Map<String, Object> properties) {
        return event("Create", null, properties, null);
    }

    CloudFormationCustomResourceEvent update(
            String physicalId, Map<String, Object> properties, Map<String, Object> old) {
        return event("Update", physicalId, properties, old);
    }

    CloudFormationCustomResourceEvent delete(String physicalId, Map<String, Object> properties) {
        return event("Delete", physicalId, properties, null);
    }

    /** The next response PUT, within five seconds. */
    Put response() throws InterruptedException {
        Put put = responses.poll(5, TimeUnit.SECONDS);
        if (put == null) {
            throw new AssertionError("no response PUT reached CloudFormation");
        }
        return put;
    }

    private CloudFormationCustomResourceEvent event(
            String type,
            String physicalId,
            Map<String, Object> properties,
            Map<String, Object> old) {
        ObjectNode event = JSON.createObjectNode();
        event.put("RequestType", type);
        event.put("ServiceToken", SERVICE_TOKEN);
        event.put(
                "ResponseURL",
                "http://127.0.0.1:"
                        + server.getAddress().getPort()
                        + "/cloudformation-custom-resource-response-"
                        + type.toLowerCase()
                        + "?X-Amz-Signature=abc");
        event.put("StackId", STACK_ID);
        event.put("RequestId", UUID.randomUUID().toString());
        event.put("LogicalResourceId", LOGICAL_ID);
        event.put("ResourceType", "Custom::SesIdentityNotifications");
        if (physicalId != null) {
            event.put("PhysicalResourceId", physicalId);
        }
        event.set("ResourceProperties", JSON.valueToTree(properties));
        if (old != null) {
            event.set("OldResourceProperties", JSON.valueToTree(old));
        }
        return LambdaEventSerializers.serializerFor(
                        CloudFormationCustomResourceEvent.class,
                        CloudFormation.class.getClassLoader())
                .fromJson(event.toString());
    }

    static Context context() {
        // Lambda's log stream form, which Powertools' success Reason quotes: date, version and 32
        // hex digits
        return new LocalContext(
                UUID.randomUUID().toString(),
                "ses-feedback-dev-identity-notifications",
                "2026/12/03/[$LATEST]0123456789abcdef0123456789abcdef",
                SERVICE_TOKEN,
                300_000,
                256);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
