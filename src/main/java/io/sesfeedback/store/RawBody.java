package io.sesfeedback.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The SNS message body as the message item keeps it: gzip in the Binary attribute {@value
 * #ATTRIBUTE}. A body of at most 256 KiB (SNS's limit) stays under 400 KB however badly it
 * compresses, and typical SES JSON shrinks to a fifth, which is what a write costs.
 */
public final class RawBody {

    public static final String ATTRIBUTE = "rawGzip";

    /** Where items recorded by earlier versions keep the body. */
    static final String TEXT_ATTRIBUTE = "raw";

    private RawBody() {}

    static AttributeValue of(String body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(bytes.toByteArray()));
    }

    /**
     * Whether a message item holds its body: all do but deliveries, opens and clicks under
     * StoreDeliveryBodies Disabled.
     */
    public static boolean isKept(Map<String, AttributeValue> messageItem) {
        AttributeValue raw = messageItem.get(ATTRIBUTE);
        AttributeValue text = messageItem.get(TEXT_ATTRIBUTE);
        return raw != null && raw.b() != null || text != null && text.s() != null;
    }

    /**
     * The body a message item holds, as SNS delivered it (items recorded before the gzip kept it as
     * text in raw).
     */
    public static String of(Map<String, AttributeValue> messageItem) {
        AttributeValue raw = messageItem.get(ATTRIBUTE);
        AttributeValue text = messageItem.get(TEXT_ATTRIBUTE);
        if ((raw == null || raw.b() == null) && text != null && text.s() != null) {
            return text.s();
        }
        if (raw == null || raw.b() == null) {
            throw new IllegalArgumentException(
                    "No raw body: not a message item, or one recorded with StoreDeliveryBodies Disabled");
        }
        try (GZIPInputStream gzip = new GZIPInputStream(raw.b().asInputStream())) {
            return new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The stored body is not gzip", e);
        }
    }
}
