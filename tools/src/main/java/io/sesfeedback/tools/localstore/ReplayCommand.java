package io.sesfeedback.tools.localstore;

import static io.sesfeedback.store.FeedbackTable.ALARM_NAME;
import static io.sesfeedback.store.FeedbackTable.ALARM_STATE;
import static io.sesfeedback.store.FeedbackTable.BOUNCE_SUB_TYPE;
import static io.sesfeedback.store.FeedbackTable.BOUNCE_TYPE;
import static io.sesfeedback.store.FeedbackTable.COMPLAINT_FEEDBACK_TYPE;
import static io.sesfeedback.store.FeedbackTable.DUPLICATE_OF;
import static io.sesfeedback.store.FeedbackTable.MESSAGE_TYPE;
import static io.sesfeedback.store.FeedbackTable.OCCURRED_AT;
import static io.sesfeedback.store.FeedbackTable.PROBLEM;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED_AT;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_REASON;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.LambdaInput;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.Recipient;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.recorder.FeedbackHandler;
import io.sesfeedback.recorder.FeedbackRecorder;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.store.StorePolicy;
import io.sesfeedback.testing.lambda.LocalContext;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.LocalFeedbackTable;
import io.sesfeedback.tools.LocalTool;
import io.sesfeedback.tools.items.ItemJson;
import io.sesfeedback.tools.items.MessageIds;
import io.sesfeedback.tools.targets.StackParameters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Replays SNS and EventBridge event files through the real handler against the local store (moto's
 * DynamoDB, its state in a journal), then prints what was stored. Usage: {@code bin/replay [--json]
 * [--log-file FILE] [FILE|FOLDER ...]} (default: the events folder).
 */
@Command(
        name = "replay",
        hidden = true,
        description = "bin/replay: event files through the real handler into the local store.")
public final class ReplayCommand extends LocalTool {

    static final String USAGE =
            "usage: bin/replay [--fresh] [--store DIR] [--json] [--log-file FILE] [FILE|FOLDER ...]"
                    + "   (default: events/ into "
                    + LocalStore.DEFAULT_FOLDER
                    + ")";
    private static final String TABLE_NAME = LocalStore.TABLE_NAME;

    @Option(names = "--json", description = "The stored DynamoDB items as JSON lines, for scripts.")
    boolean json;

    @Option(names = "--fresh", description = "Empty the local store first.")
    boolean fresh;

    @Option(names = "--store", paramLabel = "DIR", description = "The local store's folder.")
    Path store = Path.of(LocalStore.DEFAULT_FOLDER);

    @Option(names = "--log-file", paramLabel = "FILE", description = "Where the log lines go.")
    Path logFile = Path.of("target", "replay", "feedback-log.jsonl");

    @Parameters(
            paramLabel = "FILE|FOLDER",
            description = "Event files, or folders of them (default: events/).")
    List<Path> inputs = new ArrayList<>();

    /** Where {@link #run(String...)} prints, outside the root command; null within it. */
    private final PrintStream standardOut;

    private final PrintStream standardErr;
    private PrintWriter out;
    private PrintWriter err;

    /** The handler's summary lines for the file being replayed (in Lambda, its standard output). */
    private final List<String> summaries = new ArrayList<>();

    public ReplayCommand() {
        this(null, null);
    }

    public ReplayCommand(PrintStream out, PrintStream err) {
        this.standardOut = out;
        this.standardErr = err;
    }

    /** bin/replay's command line, printing to the streams given. */
    public int run(String... args) {
        CommandLine commandLine = LocalTool.commandLine(this);
        commandLine.setOut(
                new PrintWriter(new OutputStreamWriter(standardOut, StandardCharsets.UTF_8), true));
        commandLine.setErr(
                new PrintWriter(new OutputStreamWriter(standardErr, StandardCharsets.UTF_8), true));
        return commandLine.execute(args);
    }

    @Override
    protected String usage() {
        return USAGE + "\n";
    }

    @Override
    protected String problem(ParameterException e) {
        String option = optionWithoutValue(e);
        if (option != null) {
            return option + (option.equals("--store") ? " needs a folder" : " needs a file name");
        }
        return super.problem(e);
    }

    @Override
    public Integer call() {
        out = out();
        err = err();
        try {
            List<Path> files = eventFiles(inputs.isEmpty() ? List.of(Path.of("events")) : inputs);
            if (files.isEmpty()) {
                err.println("No .json event files in " + inputs + "\n" + USAGE);
                return 2;
            }
            return replay(files, store, fresh, logFile, json);
        } catch (IOException e) {
            err.println("Cannot read " + e.getMessage());
            return 2;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int replay(List<Path> files, Path store, boolean fresh, Path logFile, boolean json)
            throws IOException {
        // as a stack deployed with the template's defaults stores
        StorePolicy policy =
                new StackParameters(Map.of(), CloudFormationTemplate.load(Path.of("template.yaml")))
                        .storePolicy();
        if (fresh) {
            Files.deleteIfExists(logFile);
        }
        FileFeedbackLog log = new FileFeedbackLog(logFile);
        NotificationParser parser = new NotificationParser();
        int failures = 0;
        try (LocalFeedbackTable table = LocalStore.open(store, fresh)) {
            FeedbackQueries queries = new FeedbackQueries(table.client(), TABLE_NAME);
            FeedbackHandler handler =
                    new FeedbackHandler(
                            new FeedbackRecorder(
                                    parser,
                                    new FeedbackStore(
                                            table.client(), TABLE_NAME, policy, Clock.systemUTC()),
                                    log),
                            "ses-feedback/local",
                            summaries::add);
            for (Path file : files) {
                try {
                    failures += replayFile(file, parser, handler, queries, json) ? 0 : 1;
                } catch (RuntimeException e) {
                    failures++;
                    err.println(file + ": not replayed: " + e);
                }
            }
            if (json) {
                table.client().scanPaginator(r -> r.tableName(TABLE_NAME)).items().stream()
                        .sorted(
                                (a, b) ->
                                        (a.get(FeedbackTable.PK).s()
                                                        + " "
                                                        + a.get(FeedbackTable.SK).s())
                                                .compareTo(
                                                        b.get(FeedbackTable.PK).s()
                                                                + " "
                                                                + b.get(FeedbackTable.SK).s()))
                        .forEach(item -> out.println(ItemJson.of(item)));
            } else {
                out.printf(
                        "%nReplayed %d file(s) through %s against moto's DynamoDB (table %s).%n",
                        files.size(), FeedbackHandler.class.getSimpleName(), TABLE_NAME);
            }
        }
        err.println(
                "Local store"
                        + (fresh ? " (emptied first)" : "")
                        + ": "
                        + LocalStore.journalFile(store).toAbsolutePath()
                        + "  (bin/ses-feedback reads it; bin/replay --fresh empties it)");
        err.println(
                "Log lines (CloudWatch Logs is not configured here): " + logFile.toAbsolutePath());
        return failures == 0 ? 0 : 1;
    }

    private static byte[] readEvent(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean replayFile(
            Path file,
            NotificationParser parser,
            FeedbackHandler handler,
            FeedbackQueries queries,
            boolean json) {
        byte[] event = readEvent(file);
        List<SnsMessage> messages;
        try {
            messages = LambdaInput.messages(new ByteArrayInputStream(event));
        } catch (IllegalArgumentException notSns) {
            err.println(file + ": not an SNS or EventBridge event: " + notSns.getMessage());
            return false;
        }
        List<FeedbackMessage> previews = messages.stream().map(parser::parse).toList();
        Map<String, Optional<Map<String, AttributeValue>>> before = statuses(previews, queries);

        summaries.clear();
        handler.handleRequest(
                new ByteArrayInputStream(event),
                OutputStream.nullOutputStream(),
                new LocalContext());

        if (json) {
            return true;
        }
        out.println(file + (previews.isEmpty() ? ": 0 messages" : ""));
        for (FeedbackMessage preview : previews) {
            printMessage(preview, before, queries);
        }
        summaries.stream()
                .filter(line -> "WARN".equals(Json.readObject(line).get("level")))
                .forEach(line -> out.println("    " + line));
        return true;
    }

    private void printMessage(
            FeedbackMessage preview,
            Map<String, Optional<Map<String, AttributeValue>>> before,
            FeedbackQueries queries) {
        Map<String, AttributeValue> stored =
                queries.message(preview.snsMessageId())
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "message "
                                                        + preview.snsMessageId()
                                                        + " was not stored"));
        StringBuilder line =
                new StringBuilder("  ")
                        .append(text(stored, MESSAGE_TYPE))
                        .append("  ")
                        .append(MessageIds.labelled(stored));
        Optional.ofNullable(stored.get(FeedbackTable.SES_MESSAGE_ID))
                .ifPresent(id -> line.append("  ses ").append(id.s()));
        line.append("  at ").append(text(stored, OCCURRED_AT));
        Stream.of(
                        BOUNCE_TYPE,
                        BOUNCE_SUB_TYPE,
                        COMPLAINT_FEEDBACK_TYPE,
                        ALARM_NAME,
                        ALARM_STATE,
                        FeedbackTable.STATUS_EVENT,
                        FeedbackTable.SENDING_STATUS,
                        DUPLICATE_OF,
                        PROBLEM)
                .filter(stored::containsKey)
                .forEach(
                        name ->
                                line.append("  ")
                                        .append(name)
                                        .append('=')
                                        .append(stored.get(name).s()));
        out.println(line);
        preview.leftOut()
                .forEach(
                        entry ->
                                out.printf(
                                        "    %-32s left out: %s%n",
                                        "'" + entry.entry() + "'", entry.reason()));
        for (Recipient recipient : preview.recipients()) {
            String eventKey = FeedbackTable.eventSortKey(preview, recipient);
            Optional<String> eventOwner =
                    queries.history(recipient.address()).stream()
                            .filter(item -> eventKey.equals(item.get(FeedbackTable.SK).s()))
                            .map(item -> item.get(FeedbackTable.SNS_MESSAGE_ID).s())
                            .findFirst();
            boolean recorded = eventOwner.filter(preview.snsMessageId()::equals).isPresent();
            Optional<String> countedBy =
                    eventOwner
                            .or(
                                    () ->
                                            queries.claimOwner(
                                                    recipient.address(),
                                                    preview.feedbackIdentity(recipient)))
                            .filter(owner -> !owner.equals(preview.snsMessageId()));
            String outcome =
                    recorded
                            ? "recorded"
                            : countedBy
                                    .map(
                                            owner ->
                                                    "already counted by "
                                                            + queries.message(owner)
                                                                    .map(MessageIds::labelled)
                                                                    .orElse(
                                                                            MessageIds.SNS
                                                                                    + " "
                                                                                    + owner))
                                    .orElse("NOT RECORDED");
            out.printf(
                    "    %-32s %s%s%n",
                    recipient.address(),
                    outcome,
                    recipient.diagnosticCode() == null ? "" : "  " + recipient.diagnosticCode());
            statusChange(before.get(recipient.address()), queries.status(recipient.address()))
                    .ifPresent(change -> out.println("      " + change));
        }
    }

    /** How an address's status item changed: suppression and counters. */
    private static Optional<String> statusChange(
            Optional<Map<String, AttributeValue>> before,
            Optional<Map<String, AttributeValue>> after) {
        if (after.isEmpty() || after.equals(before)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> now = after.get();
        Map<String, AttributeValue> was = before.orElse(Map.of());
        List<String> changes = new ArrayList<>();
        if (now.containsKey(SUPPRESSED) && !was.containsKey(SUPPRESSED)) {
            changes.add("now SUPPRESSED: " + now.get(SUPPRESSION_REASON).s());
        }
        new TreeMap<>(now)
                .forEach(
                        (name, value) -> {
                            // a count's marker is the store's bookkeeping, not the address's
                            if (value.n() != null
                                    && !name.startsWith(FeedbackTable.COUNT_MARKER_PREFIX)
                                    && !value.equals(was.get(name))) {
                                changes.add(
                                        name
                                                + " "
                                                + Optional.ofNullable(was.get(name))
                                                        .map(AttributeValue::n)
                                                        .orElse("0")
                                                + " -> "
                                                + value.n());
                            }
                        });
        if (was.containsKey(SUPPRESSED)) {
            changes.add("suppressed since " + now.get(SUPPRESSED_AT).s());
        }
        return changes.isEmpty()
                ? Optional.empty()
                : Optional.of("status: " + String.join("; ", changes));
    }

    private static Map<String, Optional<Map<String, AttributeValue>>> statuses(
            List<FeedbackMessage> messages, FeedbackQueries queries) {
        Map<String, Optional<Map<String, AttributeValue>>> statuses = new LinkedHashMap<>();
        messages.forEach(
                m ->
                        m.recipients()
                                .forEach(
                                        r ->
                                                statuses.put(
                                                        r.address(), queries.status(r.address()))));
        return statuses;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? "-" : value.s();
    }

    private static List<Path> eventFiles(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> listing = Files.list(input)) {
                    listing.filter(p -> p.toString().endsWith(".json"))
                            .sorted()
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new IOException(input + ": no such file or folder");
            }
        }
        return files;
    }
}
