package io.sesfeedback.tools.cost;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * What a stream of log events costs CloudWatch Logs: bytes ingested (each event's message, plus the
 * 26 bytes per event that PutLogEvents counts) and bytes stored, which CloudWatch Logs bills
 * compressed: here gzip's size of the same lines.
 */
final class LogMeter {

    static final int EVENT_OVERHEAD_BYTES = 26;

    private long ingested;
    private long events;
    private long compressed;
    private final GZIPOutputStream gzip;

    LogMeter() {
        try {
            gzip =
                    new GZIPOutputStream(
                            new OutputStream() {
                                @Override
                                public void write(int b) {
                                    compressed++;
                                }

                                @Override
                                public void write(byte[] b, int off, int len) {
                                    compressed += len;
                                }
                            },
                            true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void event(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        ingested += bytes.length + EVENT_OVERHEAD_BYTES;
        events++;
        try {
            gzip.write(bytes);
            gzip.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long ingested() {
        return ingested;
    }

    long events() {
        return events;
    }

    /** The lines' gzip size so far, all written out. */
    long stored() {
        try {
            gzip.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed;
    }
}
