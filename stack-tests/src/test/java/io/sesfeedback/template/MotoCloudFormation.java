package io.sesfeedback.template;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * CloudFormation's query API on a moto server, the two calls the deploy test needs. Over plain HTTP
 * because the SDK's CloudFormation module is not available at the recorder's SDK version here; moto
 * does not check signatures.
 */
final class MotoCloudFormation {

    record Stack(String status, String reason, Map<String, String> outputs) {}

    private final URI endpoint;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    MotoCloudFormation(URI endpoint) {
        this.endpoint = endpoint;
    }

    void createStack(String name, String templateBody, Map<String, String> parameters)
            throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", "CreateStack");
        form.put("StackName", name);
        form.put("TemplateBody", templateBody);
        form.put("Capabilities.member.1", "CAPABILITY_IAM");
        form.put("Capabilities.member.2", "CAPABILITY_AUTO_EXPAND");
        int n = 1;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            form.put("Parameters.member." + n + ".ParameterKey", parameter.getKey());
            form.put("Parameters.member." + n + ".ParameterValue", parameter.getValue());
            n++;
        }
        call(form);
    }

    Stack awaitCreated(String name, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Document answer = call(Map.of("Action", "DescribeStacks", "StackName", name));
            String status = text(answer.getDocumentElement(), "StackStatus");
            if (!"CREATE_IN_PROGRESS".equals(status)) {
                Map<String, String> outputs = new LinkedHashMap<>();
                NodeList members = answer.getElementsByTagName("Outputs");
                if (members.getLength() > 0) {
                    NodeList outputElements =
                            ((Element) members.item(0)).getElementsByTagName("member");
                    for (int i = 0; i < outputElements.getLength(); i++) {
                        Element output = (Element) outputElements.item(i);
                        outputs.put(text(output, "OutputKey"), text(output, "OutputValue"));
                    }
                }
                return new Stack(
                        status, text(answer.getDocumentElement(), "StackStatusReason"), outputs);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Stack " + name + " not created within " + timeout);
    }

    /** The stack's resources that moto created: logical id to type. */
    Map<String, String> resources(String name) throws Exception {
        Document answer = call(Map.of("Action", "DescribeStackResources", "StackName", name));
        NodeList members = answer.getElementsByTagName("member");
        Map<String, String> resources = new LinkedHashMap<>();
        for (int i = 0; i < members.getLength(); i++) {
            Element member = (Element) members.item(i);
            if (text(member, "LogicalResourceId") != null) {
                resources.put(text(member, "LogicalResourceId"), text(member, "ResourceType"));
            }
        }
        return resources;
    }

    private Document call(Map<String, String> form) throws Exception {
        Map<String, String> withVersion = new LinkedHashMap<>(form);
        withVersion.put("Version", "2010-05-15");
        String body =
                withVersion.entrySet().stream()
                        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                        .collect(Collectors.joining("&"));
        HttpResponse<byte[]> response =
                http.send(
                        HttpRequest.newBuilder(endpoint)
                                .header(
                                        "Content-Type",
                                        "application/x-www-form-urlencoded; charset=utf-8")
                                .header(
                                        "Authorization",
                                        "AWS4-HMAC-SHA256 Credential=testing/20261123/eu-west-1/cloudformation/aws4_request,"
                                                + " SignedHeaders=host, Signature=moto")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(
                    form.get("Action")
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + new String(response.body(), StandardCharsets.UTF_8));
        }
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.body()));
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
