package io.sesfeedback.breaker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORGenerator;

/**
 * The SDK's CloudWatch client on moto: the client speaks only Smithy RPC v2 CBOR, moto 5.2.1 only
 * CloudWatch's JSON and query protocols (the service model lists all three), so this rewrites each
 * request to awsJson1_0 (X-Amz-Target GraniteServiceVersion20100801.OPERATION, the same members)
 * and each answer back to CBOR, its {@code Timestamps} as CBOR epoch-second timestamps (tag 1, as
 * RPC v2 CBOR encodes them). The data, filters and sums stay moto's.
 */
final class CloudWatchOverJson implements ExecutionInterceptor {

    private static final String TARGET_PREFIX = "GraniteServiceVersion20100801.";
    private static final JsonFactory JSON = new JsonFactory();
    private static final CBORFactory CBOR = new CBORFactory();
    private static final ExecutionAttribute<byte[]> REQUEST_JSON =
            new ExecutionAttribute<>("CloudWatchOverJson.request");
    private static final ExecutionAttribute<byte[]> RESPONSE_CBOR =
            new ExecutionAttribute<>("CloudWatchOverJson.response");

    @Override
    public SdkHttpRequest modifyHttpRequest(
            Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        String path = request.encodedPath();
        String operation = path.substring(path.lastIndexOf('/') + 1);
        byte[] json = requestJson(context, attributes);
        return request.toBuilder()
                .encodedPath("/")
                .removeHeader("smithy-protocol")
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", TARGET_PREFIX + operation)
                .putHeader("Content-Length", Integer.toString(json.length))
                .build();
    }

    @Override
    public Optional<RequestBody> modifyHttpContent(
            Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        return Optional.of(RequestBody.fromBytes(requestJson(context, attributes)));
    }

    /** The request's members in JSON, converted once whichever hook asks first. */
    private static byte[] requestJson(
            Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        byte[] json = attributes.getAttribute(REQUEST_JSON);
        if (json == null) {
            json =
                    context.requestBody()
                            .map(body -> toJson(read(body.contentStreamProvider().newStream())))
                            .orElse("{}".getBytes());
            attributes.putAttribute(REQUEST_JSON, json);
        }
        return json;
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(
            Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        byte[] cbor = responseCbor(context, attributes);
        return context.httpResponse().toBuilder()
                .putHeader("smithy-protocol", "rpc-v2-cbor")
                .putHeader("Content-Type", "application/cbor")
                .putHeader("Content-Length", Integer.toString(cbor.length))
                .build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(
            Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        return Optional.of(new ByteArrayInputStream(responseCbor(context, attributes)));
    }

    /** The answer in CBOR, converted once whichever hook asks first. */
    private static byte[] responseCbor(
            Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        byte[] cbor = attributes.getAttribute(RESPONSE_CBOR);
        if (cbor == null) {
            cbor = toCbor(context.responseBody().map(CloudWatchOverJson::read).orElse(null));
            attributes.putAttribute(RESPONSE_CBOR, cbor);
        }
        return cbor;
    }

    private static byte[] toJson(byte[] cbor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonParser parser = CBOR.createParser(cbor);
                JsonGenerator json = JSON.createGenerator(out)) {
            // a CBOR timestamp (tag 1) is read as its number: awsJson1_0 sends epoch seconds too
            while (parser.nextToken() != null) {
                json.copyCurrentEvent(parser);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] toCbor(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (json == null || json.length == 0) {
            json = "{}".getBytes();
        }
        try (JsonParser parser = JSON.createParser(json);
                CBORGenerator cbor = (CBORGenerator) CBOR.createGenerator(out)) {
            boolean inTimestamps = false;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_ARRAY) {
                    inTimestamps = "Timestamps".equals(parser.currentName());
                } else if (token == JsonToken.END_ARRAY) {
                    inTimestamps = false;
                } else if (inTimestamps && token.isNumeric()) {
                    cbor.writeTag(1);
                }
                cbor.copyCurrentEvent(parser);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] read(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
