package io.sesfeedback.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.ProblemKind;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.notification.SnsRecords;
import io.sesfeedback.notification.StatusChange;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.store.RawBody;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.lambda.LocalContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The bad-input corpus: every file in {@code src/test/resources/bad-input/} is a Lambda SNS event,
 * loaded as Lambda's runtime deserialises it and run through {@link FeedbackHandler} on a fresh
 * table on moto's DynamoDB. Its row in {@code outcomes.json} says what it must come to:
 *
 * <ul>
 *   <li>{@code counted}: understood as {@code messageType}, at {@code occurredAt}, naming exactly
 *       {@code recipients} (address keys), each with its event and, when {@code counter} is given,
 *       a status item where that counter is 1; {@code leftOut} lists the entries that are not
 *       addresses (reason as a phrase), {@code problem} what could not be read (a phrase; none when
 *       absent), {@code untouched} addresses that must have no item at all;
 *   <li>{@code raw}: kept whole as Unrecognised, with {@code problem} as a phrase of the reason,
 *       and nothing else;
 *   <li>{@code error}: not an SNS event; the handler throws IllegalArgumentException with {@code
 *       error} as a phrase, and stores and logs nothing;
 *   <li>{@code nothing}: no message; the handler returns and stores and logs nothing.
 * </ul>
 */
@Tag("moto")
class BadInputCorpusTest {

    static final Path FOLDER = Path.of("src/test/resources/bad-input");
    static final Path MANIFEST = FOLDER.resolve("outcomes.json");

    /** What a problem text quotes from the message: 'like this'. */
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    /**
     * The manifest is read strictly: an unknown field or a duplicate key is a typo, not an
     * expectation.
     */
    private static final ObjectMapper MANIFEST_READER =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static final Set<String> SUPPRESSING_COUNTERS =
            Set.of(
                    StatusChange.Counter.PERMANENT_BOUNCES.attribute(),
                    StatusChange.Counter.COMPLAINTS.attribute());

    enum Outcome {
        @JsonProperty("counted")
        COUNTED,
        @JsonProperty("raw")
        RAW,
        @JsonProperty("error")
        ERROR,
        @JsonProperty("nothing")
        NOTHING
    }

    /** A left-out entry: its text exactly, and a phrase of the reason. */
    record LeftOutEntry(String entry, String reason) {}

    /** One row of outcomes.json; see the class comment for what each field asserts. */
    record Row(
            String file,
            Outcome outcome,
            String about,
            String messageType,
            List<String> recipients,
            String counter,
            String occurredAt,
            String problem,
            List<LeftOutEntry> leftOut,
            List<String> untouched,
            String error) {

        Row {
            recipients = recipients == null ? List.of() : recipients;
            leftOut = leftOut == null ? List.of() : leftOut;
            untouched = untouched == null ? List.of() : untouched;
        }
    }

    private RecorderFixture fixture;
    private FeedbackHandler handler;

    /** The handler's summary lines, as the function writes them to standard output. */
    private final List<String> functionLog = new ArrayList<>();

    @BeforeEach
    void startTable() {
        fixture = new RecorderFixture();
        handler =
                new FeedbackHandler(
                        fixture.recorder(), RecorderFixture.METRICS_NAMESPACE, functionLog::add);
    }

    @AfterEach
    void stopTable() {
        fixture.close();
    }

    static List<Row> manifest() {
        try {
            return MANIFEST_READER.readValue(MANIFEST.toFile(), new TypeReference<List<Row>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + MANIFEST, e);
        }
    }

    static Stream<Arguments> rows() {
        return manifest().stream()
                .map(row -> Arguments.of(Named.of(row.file() + " -> " + row.outcome(), row)));
    }

    static List<String> eventFiles() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(
                            name ->
                                    name.endsWith(".json")
                                            && !name.equals(MANIFEST.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream load(String file) {
        return EventFiles.event(FOLDER.resolve(file));
    }

    @Test
    void everyFileInTheFolderHasExactlyOneManifestRowAndEveryRowAFile() {
        List<String> listed = manifest().stream().map(Row::file).toList();

        assertThat(listed).as("files listed twice in %s", MANIFEST).doesNotHaveDuplicates();
        assertThat(listed)
                .as("rows of %s versus the files in %s", MANIFEST, FOLDER)
                .containsExactlyInAnyOrderElementsOf(eventFiles());
    }

    @Test
    void corpusHoldsAtLeastThirtyFiles() {
        assertThat(eventFiles()).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void everyFileIsJsonAndNoTwoSnsMessagesShareAMessageId() throws IOException {
        Set<String> seen = new HashSet<>();
        for (String file : eventFiles()) {
            JsonNode event = MANIFEST_READER.readTree(FOLDER.resolve(file).toFile());
            for (JsonNode record : event.path("Records")) {
                String id = record.path("Sns").path("MessageId").asText("");
                if (!id.isEmpty()) {
                    assertThat(seen.add(id))
                            .as("%s: SNS MessageId %s is used by another file", file, id)
                            .isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("rows")
    void badInputComesToItsAssertedOutcome(Row row) {
        assertThat(row.about())
                .as("%s: manifest row says what the file holds", row.file())
                .isNotBlank();
        switch (row.outcome()) {
            case COUNTED -> assertCounted(row);
            case RAW -> assertKeptRaw(row);
            case ERROR -> assertRefused(row);
            case NOTHING -> assertNothingRecorded(row);
        }
    }

    @Test
    void unicodeAndPunycodeSpellingsOfOneDomainCountAgainstOneAddress() {
        handler.handleRequest(
                load("bounce-idn-unicode-domain.json"),
                OutputStream.nullOutputStream(),
                new LocalContext());
        handler.handleRequest(
                load("bounce-idn-punycode-domain.json"),
                OutputStream.nullOutputStream(),
                new LocalContext());

        assertThat(fixture.queries().history("kunde@xn--bcher-kva.de")).hasSize(2);
        assertThat(
                        n(
                                fixture.queries().status("kunde@xn--bcher-kva.de").orElseThrow(),
                                "permanentBounces"))
                .isEqualTo("2");
    }

    @ParameterizedTest
    @MethodSource("problemsQuotingAnAddress")
    void functionLogNamesTheKindOfProblemWhileTheTableKeepsTheAddressItQuotes(
            String file, String kind, String address) {
        handler.handleRequest(load(file), OutputStream.nullOutputStream(), new LocalContext());

        String line = functionLog.get(0);
        assertThat(Json.readObject(line)).containsEntry("problem", kind);
        assertThat(line).doesNotContain(address);
        assertThat(s(messageItem(file, onlyRecord(file).messageId()), "problem"))
                .contains("'" + address + "'");
        assertThat(fixture.logLines()).singleElement().asString().contains(address);
    }

    static Stream<Arguments> problemsQuotingAnAddress() {
        return Stream.of(
                Arguments.of(
                        "notification-type-an-address.json",
                        ProblemKind.UNKNOWN_TYPE.label(),
                        "jane.doe@example.com"),
                Arguments.of(
                        "bounce-timestamp-an-address.json",
                        ProblemKind.UNREADABLE_TIME.label(),
                        "postmaster@example.org"));
    }

    private void assertCounted(Row row) {
        String file = row.file();
        String snsMessageId = onlyRecord(file).messageId();
        LocalContext context = new LocalContext();

        assertThatCode(
                        () ->
                                handler.handleRequest(
                                        load(file), OutputStream.nullOutputStream(), context))
                .as("%s: handled without an error", file)
                .doesNotThrowAnyException();

        Map<String, AttributeValue> message = messageItem(file, snsMessageId);
        assertThat(s(message, "messageType"))
                .as("%s: messageType", file)
                .isEqualTo(row.messageType());
        assertThat(s(message, "occurredAt")).as("%s: occurredAt", file).isEqualTo(row.occurredAt());
        assertThat(RawBody.of(message)).as("%s: raw body", file).isEqualTo(onlyRecord(file).body());
        if (row.problem() == null) {
            assertThat(message)
                    .as("%s: no problem on the message item", file)
                    .doesNotContainKey("problem");
        } else {
            assertThat(s(message, "problem")).as("%s: problem", file).contains(row.problem());
        }
        assertThat(strings(message.get("recipients")))
                .as("%s: recipients on the message item", file)
                .containsExactlyElementsOf(row.recipients());
        assertThat(n(message, "recipientCount"))
                .as("%s: recipientCount", file)
                .isEqualTo(Integer.toString(row.recipients().size()));
        assertLeftOut(row, message);

        for (String address : row.recipients()) {
            assertThat(fixture.queries().history(address))
                    .as("%s: events of %s", file, address)
                    .singleElement()
                    .satisfies(
                            recipientEvent -> {
                                assertThat(s(recipientEvent, "snsMessageId"))
                                        .as("%s: event of %s", file, address)
                                        .isEqualTo(snsMessageId);
                                assertThat(s(recipientEvent, "address"))
                                        .as("%s: event of %s", file, address)
                                        .isEqualTo(address);
                                assertThat(s(recipientEvent, "messageType"))
                                        .as("%s: event of %s", file, address)
                                        .isEqualTo(row.messageType());
                            });
            assertStatus(row, address);
        }
        assertThat(recipientKeys())
                .as("%s: addresses with items", file)
                .containsExactlyInAnyOrderElementsOf(row.recipients());
        for (String address : row.untouched()) {
            assertThat(fixture.allItems())
                    .as("%s: no item may name %s", file, address)
                    .noneMatch(
                            item ->
                                    item.get(FeedbackTable.PK)
                                            .s()
                                            .equals(FeedbackTable.RECIPIENT_PREFIX + address));
        }
        assertLoggedOnce(file, row.messageType(), snsMessageId);
        assertFunctionLogged(file, "INFO");
        assertFunctionLogQuotesNothing(file, message);
    }

    /**
     * The status item of {@code address}: the row's counter at 1, no other counter, suppressed only
     * for what suppresses.
     */
    private void assertStatus(Row row, String address) {
        String file = row.file();
        if (row.counter() == null) {
            assertThat(fixture.queries().status(address))
                    .as("%s: no status item for %s", file, address)
                    .isEmpty();
            return;
        }
        assertThat(counterNames()).as("%s: counter in the manifest", file).contains(row.counter());
        Map<String, AttributeValue> status =
                fixture.queries()
                        .status(address)
                        .orElseThrow(
                                () -> new AssertionError(file + ": no status item for " + address));
        for (String counter : counterNames()) {
            assertThat(n(status, counter))
                    .as("%s: %s of %s", file, counter, address)
                    .isEqualTo(counter.equals(row.counter()) ? "1" : null);
        }
        boolean suppressed = status.containsKey("suppressed") && status.get("suppressed").bool();
        assertThat(suppressed)
                .as("%s: %s suppressed", file, address)
                .isEqualTo(SUPPRESSING_COUNTERS.contains(row.counter()));
    }

    private static void assertLeftOut(Row row, Map<String, AttributeValue> message) {
        String file = row.file();
        if (row.leftOut().isEmpty()) {
            assertThat(message)
                    .as("%s: nothing left out", file)
                    .doesNotContainKeys("leftOut", "leftOutCount");
            return;
        }
        assertThat(n(message, "leftOutCount"))
                .as("%s: leftOutCount", file)
                .isEqualTo(Integer.toString(row.leftOut().size()));
        List<AttributeValue> stored = message.get("leftOut").l();
        assertThat(stored).as("%s: leftOut entries", file).hasSameSizeAs(row.leftOut());
        for (int i = 0; i < stored.size(); i++) {
            Map<String, AttributeValue> entry = stored.get(i).m();
            LeftOutEntry expected = row.leftOut().get(i);
            assertThat(entry.get("entry").s())
                    .as("%s: leftOut[%d] entry", file, i)
                    .isEqualTo(expected.entry());
            assertThat(entry.get("reason").s())
                    .as("%s: leftOut[%d] reason for '%s'", file, i, expected.entry())
                    .contains(expected.reason());
        }
    }

    private void assertKeptRaw(Row row) {
        String file = row.file();
        SnsMessage sns = onlyRecord(file);
        LocalContext context = new LocalContext();

        assertThatCode(
                        () ->
                                handler.handleRequest(
                                        load(file), OutputStream.nullOutputStream(), context))
                .as("%s: bad input never fails", file)
                .doesNotThrowAnyException();

        Map<String, AttributeValue> message = messageItem(file, sns.messageId());
        assertThat(s(message, "messageType"))
                .as("%s: messageType", file)
                .isEqualTo(MessageType.UNRECOGNISED.label());
        assertThat(RawBody.of(message))
                .as("%s: raw body, a null Message kept as empty", file)
                .isEqualTo(sns.body());
        assertThat(s(message, "problem"))
                .as("%s: problem", file)
                .isNotNull()
                .contains(row.problem());
        assertThat(fixture.allItems())
                .as("%s: only the message item, no recipient items", file)
                .hasSize(1);
        assertLoggedOnce(file, MessageType.UNRECOGNISED.label(), sns.messageId());
        assertFunctionLogged(file, "WARN");
        assertFunctionLogQuotesNothing(file, message);
    }

    /**
     * The function's own line names the kind of problem only: no address (no "@" at all), and none
     * of its texts holds a recipient, a left-out entry or anything the table's problem quotes; the
     * table keeps the full problem.
     */
    private void assertFunctionLogQuotesNothing(String file, Map<String, AttributeValue> message) {
        String line = functionLog.get(0);
        Map<String, Object> summary = Json.readObject(line);
        String problem = s(message, "problem");
        if (problem == null) {
            assertThat(summary).as("%s: function log problem", file).doesNotContainKey("problem");
        } else {
            assertThat(summary.get("problem"))
                    .as("%s: function log problem, for the table's '%s'", file, problem)
                    .isIn(Arrays.stream(ProblemKind.values()).map(ProblemKind::label).toArray());
        }
        assertThat(line).as("%s: function log", file).doesNotContain("@");
        List<String> quoted = new ArrayList<>(strings(message.get("recipients")));
        if (message.containsKey("leftOut")) {
            message.get("leftOut").l().stream()
                    .map(entry -> entry.m().get("entry").s())
                    .filter(e -> !e.isEmpty())
                    .forEach(quoted::add);
        }
        Matcher quotes = QUOTED.matcher(problem == null ? "" : problem);
        while (quotes.find()) {
            quoted.add(quotes.group(1));
        }
        List<String> values =
                summary.values().stream()
                        .filter(String.class::isInstance)
                        .map(String.class::cast)
                        .toList();
        for (String text : quoted) {
            assertThat(values)
                    .as("%s: function log quotes '%s'", file, text)
                    .noneMatch(value -> value.contains(text));
        }
    }

    private void assertRefused(Row row) {
        String file = row.file();
        LocalContext context = new LocalContext();

        assertThatThrownBy(
                        () ->
                                handler.handleRequest(
                                        load(file), OutputStream.nullOutputStream(), context))
                .as("%s: refused", file)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(row.error());

        assertThat(fixture.allItems()).as("%s: nothing stored", file).isEmpty();
        assertThat(fixture.logLines()).as("%s: nothing logged", file).isEmpty();
    }

    private void assertNothingRecorded(Row row) {
        String file = row.file();
        LocalContext context = new LocalContext();

        assertThatCode(
                        () ->
                                handler.handleRequest(
                                        load(file), OutputStream.nullOutputStream(), context))
                .as("%s: handled without an error", file)
                .doesNotThrowAnyException();

        assertThat(fixture.allItems()).as("%s: nothing stored", file).isEmpty();
        assertThat(fixture.logLines()).as("%s: nothing logged", file).isEmpty();
        assertThat(functionLog).as("%s: function log", file).isEmpty();
    }

    /** The file's one SNS message: a counted or raw file holds exactly one record. */
    private static SnsMessage onlyRecord(String file) {
        List<SnsMessage> messages = SnsRecords.messages(load(file));
        assertThat(messages).as("%s: records", file).hasSize(1);
        return messages.get(0);
    }

    private Map<String, AttributeValue> messageItem(String file, String snsMessageId) {
        return fixture.queries()
                .message(snsMessageId)
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        file
                                                + ": no message item for SNS message "
                                                + snsMessageId));
    }

    private void assertFunctionLogged(String file, String level) {
        assertThat(functionLog)
                .as("%s: function log", file)
                .singleElement()
                .satisfies(
                        line ->
                                assertThat(Json.readObject(line))
                                        .as("%s: function log", file)
                                        .containsEntry("level", level));
    }

    private void assertLoggedOnce(String file, String type, String snsMessageId) {
        assertThat(fixture.logLines())
                .as("%s: feedback log", file)
                .singleElement()
                .satisfies(
                        line -> {
                            Map<String, Object> json = Json.readObject(line);
                            assertThat(json)
                                    .as("%s: log line", file)
                                    .containsEntry("type", type)
                                    .containsEntry("snsMessageId", snsMessageId);
                        });
    }

    /** The addresses that have any item (event, claim or status). */
    private Set<String> recipientKeys() {
        Set<String> addresses = new HashSet<>();
        for (Map<String, AttributeValue> item : fixture.allItems()) {
            String pk = item.get(FeedbackTable.PK).s();
            if (pk.startsWith(FeedbackTable.RECIPIENT_PREFIX)) {
                addresses.add(pk.substring(FeedbackTable.RECIPIENT_PREFIX.length()));
            }
        }
        return addresses;
    }

    private static List<String> counterNames() {
        return Arrays.stream(StatusChange.Counter.values())
                .map(StatusChange.Counter::attribute)
                .toList();
    }

    private static List<String> strings(AttributeValue list) {
        List<String> strings = new ArrayList<>();
        if (list != null) {
            list.l().forEach(value -> strings.add(value.s()));
        }
        return strings;
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        return item.get(name) == null ? null : item.get(name).s();
    }

    private static String n(Map<String, AttributeValue> item, String name) {
        return item.get(name) == null ? null : item.get(name).n();
    }
}
