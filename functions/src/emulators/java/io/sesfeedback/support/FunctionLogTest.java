package io.sesfeedback.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.testing.lambda.LocalContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A JSON line as Lambda's JSON log format reads it, carrying the request id of the invocation it
 * belongs to.
 */
class FunctionLogTest {

    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-12-07T11:45:00.125Z"), ZoneOffset.UTC);

    private final List<String> lines = new ArrayList<>();
    private final FunctionLog log = new FunctionLog(lines::add, CLOCK);

    @Test
    void aLineStartsWithItsTimestampLevelAndMessageThenTheRequestIdThenItsFields() {
        log.invocation(new LocalContext("8d3b1f2e-0c4a-4e7b-9a55-1f2e3d4c5b6a"));

        log.error("Not allowed", Map.of("action", "sns:Publish"));

        assertThat(lines)
                .containsExactly(
                        "{\"timestamp\":\"2026-12-07T11:45:00.125Z\",\"level\":\"ERROR\","
                                + "\"message\":\"Not allowed\",\"function_request_id\":\"8d3b1f2e-0c4a-4e7b-9a55-1f2e3d4c5b6a\","
                                + "\"action\":\"sns:Publish\"}");
    }

    @Test
    void eachInvocationsLinesCarryItsOwnRequestId() {
        log.invocation(new LocalContext("first"));
        log.info("one", Map.of());
        log.invocation(new LocalContext("second"));
        log.info("two", Map.of());

        assertThat(lines)
                .satisfiesExactly(
                        line -> assertThat(line).contains("\"function_request_id\":\"first\""),
                        line -> assertThat(line).contains("\"function_request_id\":\"second\""));
    }

    @Test
    void withoutAContextALineHasNoRequestId() {
        log.invocation(null);
        log.info("outside Lambda", Map.of());

        assertThat(lines).singleElement().asString().doesNotContain("function_request_id");
    }
}
