package io.sesfeedback.tools.reports;

import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.tools.UserError;
import io.sesfeedback.tools.Window;
import io.sesfeedback.tools.items.Items;
import io.sesfeedback.tools.targets.Target;
import io.sesfeedback.tools.targets.TargetCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Everything recorded in a time window, one row per recipient, as CSV or JSON lines.",
            "For a spreadsheet, a mailing-list clean-up or AWS support. Each message's raw body is read again with"
                    + " the recorder's parser. Rows come type by type (the TypeShards index, 16 Queries at once per type, never a"
                    + " Scan; the raw bodies by BatchGetItem, 100 at a time), each type oldest first; cross-format copies are included, marked in duplicateOf."
                    + " Streams in constant memory. Only rows go to standard output or the file: a progress bar"
                    + " shows on stderr when a terminal is attached, and a one-line summary ends on stderr.",
            "On a hub (the stack's StackMode output), each row ends with the member account it came from: account,"
                    + " region, environment."
        })
public final class ExportCommand extends TargetCommand {

    /** How the rows are written. */
    enum ExportFormat {
        csv,
        jsonl
    }

    @Mixin Window timeWindow;

    @Option(
            names = "--format",
            required = true,
            paramLabel = "csv|jsonl",
            description =
                    "csv (a header row, then one row per recipient: "
                            + ExportRows.HEADER
                            + ")"
                            + " or jsonl (one JSON object per row, the same names).")
    ExportFormat format;

    @Option(
            names = "--tenant",
            paramLabel = "NAME",
            description = "Only the rows of this SES tenant's messages (the ses:tenant-name tag).")
    String tenant;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Write the rows to FILE (default: standard output).")
    Path output;

    /** What an export wrote. */
    private record Written(long rows, long messages) {}

    @Override
    protected int run(Target target, PrintWriter out) {
        MessageWindow window =
                MessageWindow.of(
                        target, timeWindow.since(), timeWindow.until(), spec.commandLine());
        Written written;
        if (output == null) {
            written = export(window, out, target.hub());
        } else {
            try (PrintWriter file =
                    new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
                written = export(window, file, target.hub());
                if (file.checkError()) {
                    throw new UserError("Cannot write " + output + " (is the disk full?)");
                }
            } catch (NoSuchFileException e) {
                throw new UserError("Cannot write " + output + ": no such folder");
            } catch (AccessDeniedException e) {
                throw new UserError("Cannot write " + output + ": permission denied");
            } catch (IOException e) {
                throw new UserError("Cannot write " + output + ": " + e.getMessage());
            }
        }
        err().printf(
                        "Exported %d row(s) of %d message(s) from %s to %s%n",
                        written.rows(),
                        written.messages(),
                        window.description(),
                        output == null ? "standard output" : output);
        return 0;
    }

    private Written export(MessageWindow window, PrintWriter sink, boolean hub) {
        ExportRows exportRows = new ExportRows();
        List<String> columns = hub ? ExportRows.HUB_COLUMNS : ExportRows.COLUMNS;
        if (format == ExportFormat.csv) {
            sink.println(String.join(",", columns));
        }
        long rows = 0;
        long messages = 0;
        try (ProgressBar progress = progressBar()) {
            for (MessageType type : MessageType.values()) {
                if (progress != null) {
                    progress.setExtraMessage(type.label());
                }
                for (Map<String, AttributeValue> item :
                        window.items(
                                type, hub ? ExportRows.HUB_ATTRIBUTES : ExportRows.ATTRIBUTES)) {
                    List<Map<String, String>> itemRows =
                            (hub ? exportRows.withMember(item) : exportRows.of(item))
                                    .stream()
                                            .filter(
                                                    row ->
                                                            tenant == null
                                                                    || tenant.equals(
                                                                            row.get("tenant")))
                                            .toList();
                    for (Map<String, String> row : itemRows) {
                        sink.println(line(row, columns));
                        rows++;
                    }
                    messages += itemRows.isEmpty() ? 0 : 1;
                    if (progress != null) {
                        progress.step();
                    }
                    if (messages % 100 == 0 && closed(sink)) {
                        throw new UserError(
                                "Export stopped after " + rows + " row(s): the output was closed");
                    }
                }
            }
        }
        sink.flush();
        return new Written(rows, messages);
    }

    /**
     * Whether the reader went away (a pipe into head, say): PrintWriter and System.out keep quiet
     * about it.
     */
    private boolean closed(PrintWriter sink) {
        return sink.checkError() || output == null && System.out.checkError();
    }

    private String line(Map<String, String> row, List<String> columns) {
        if (format == ExportFormat.jsonl) {
            return Json.write(row);
        }
        return Items.csv(
                columns.stream().map(column -> Objects.toString(row.get(column), "")).toList());
    }

    /**
     * A bar on stderr only when someone watches a terminal; its total is unknown, so it counts
     * messages.
     */
    private static ProgressBar progressBar() {
        if (System.console() == null) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName("Exporting")
                .setInitialMax(-1)
                .setUnit(" messages", 1)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }
}
