package io.sesfeedback.tools.suppression;

import static io.sesfeedback.store.FeedbackTable.SUPPRESSED_AT;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_REASON;

import io.sesfeedback.notification.EmailAddress;
import io.sesfeedback.tools.ErrorReport;
import io.sesfeedback.tools.UserError;
import io.sesfeedback.tools.items.Items;
import io.sesfeedback.tools.targets.Target;
import io.sesfeedback.tools.targets.TargetCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.SuppressionListReason;

@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Suppresses the addresses of another provider's suppression list (CSV).",
            "Recognised by the header: Mandrill rejects.csv, Mailgun bounces, complaints and unsubscribes"
                    + " (verified from their docs); SendGrid bounces, invalid emails, spam reports and unsubscribes,"
                    + " Postmark and SparkPost (guessed); or email,reason,date (header optional).",
            "Each row is one conditional write: an address suppressed already keeps its first reason, so a second"
                    + " import changes nothing and a run cut short is finished by running it again. Rows that are not"
                    + " addresses are named by line and skipped. Each suppression added is published (source import)."
        })
public final class ImportCommand extends TargetCommand {

    @Parameters(paramLabel = "FILE", description = "The CSV file.")
    Path file;

    @Option(names = "--dry-run", description = "Say what would change: write nothing.")
    boolean dryRun;

    @Option(
            names = "--ses",
            description =
                    "Also put each address on SES's account-level suppression list, BOUNCE or COMPLAINT as the"
                            + " provider's reason says (those SES lists already are skipped).")
    boolean ses;

    @Option(
            names = "--tenant",
            paramLabel = "NAME",
            description =
                    "With --ses: the suppression list that applies to this SES tenant's mail instead (its own when its"
                            + " scope is TENANT, else the account's; the stack's configuration set's scope overrides).")
    String tenant;

    @Option(
            names = "--reason-default",
            paramLabel = "TEXT",
            description =
                    "The reason of rows that give none (default: the list's kind, else 'no reason given').")
    String reasonDefault;

    @Option(
            names = "--rate",
            paramLabel = "CALLS_PER_SECOND",
            defaultValue = "1",
            description = "With --ses: SES calls per second at most (default: ${DEFAULT-VALUE}).")
    double rate;

    /** One row to suppress. */
    private record Row(
            int line,
            String address,
            String reason,
            SuppressionListReason sesReason,
            Instant date) {}

    @Override
    protected void checkOptions() {
        if (rate <= 0) {
            throw new UserError("--rate must be above 0, not " + rate);
        }
        if (tenant != null && !ses) {
            throw new UserError("--tenant names the SES list import --ses puts on: give --ses too");
        }
        if (!Files.isReadable(file)) {
            throw new UserError("Cannot read " + file + ": no such file, or not readable");
        }
    }

    @Override
    protected int run(Target target, PrintWriter out) throws IOException {
        SesV2Client client = ses ? target.client(SesV2Client.builder(), "sesv2") : null;
        // an unknown tenant stops the import before the table changes
        TenantList chosen = tenant == null ? null : TenantList.of(target, client, tenant);
        List<CsvRecords.Record> records;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            records = CsvRecords.read(in);
        } catch (NoSuchFileException e) {
            throw new UserError("Cannot read " + file + ": no such file");
        }
        if (records.isEmpty()) {
            throw new UserError(file + " is empty");
        }
        List<String> first = records.get(0).cells();
        Optional<ExportFormat.Columns> recognised = ExportFormat.recognise(first);
        ExportFormat.Columns columns;
        if (recognised.isPresent()) {
            columns = recognised.get();
            records = records.subList(1, records.size());
        } else if (EmailAddress.parse(first.get(0)).isAddress()) {
            columns = ExportFormat.headerless();
        } else {
            throw new UserError(
                    file
                            + ": header not recognised ("
                            + String.join(",", first)
                            + "): give a column named email or address, see bin/ses-feedback import --help");
        }
        out.println(
                "Read "
                        + file
                        + " as "
                        + columns.format().label
                        + (columns.format().verified ? "" : " (a guessed header: check the result)")
                        + ".");
        Map<String, Row> rows = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        int skipped = 0;
        for (CsvRecords.Record record : records) {
            String typed = columns.cell(record.cells(), columns.address());
            EmailAddress.Parsed parsed = EmailAddress.parse(typed);
            if (!parsed.isAddress()) {
                out.printf(
                        "line %d: skipped '%s': not an address (%s)%n",
                        record.line(), typed, parsed.problem());
                skipped++;
                continue;
            }
            String key = parsed.address();
            String given = columns.cell(record.cells(), columns.reason());
            Optional<SuppressionListReason> sesReason = columns.format().sesReason(given);
            if (sesReason.isEmpty()) {
                out.printf(
                        "line %d: skipped %s: %s is not a suppression%n",
                        record.line(), key, given);
                skipped++;
                continue;
            }
            if (firstLine.containsKey(key)) {
                out.printf(
                        "line %d: skipped %s: listed already on line %d%n",
                        record.line(), key, firstLine.get(key));
                skipped++;
                continue;
            }
            firstLine.put(key, record.line());
            String detail = columns.cell(record.cells(), columns.detail());
            rows.put(
                    key,
                    new Row(
                            record.line(),
                            key,
                            reason(columns.format(), given, detail),
                            sesReason.get(),
                            ExportFormat.date(columns.cell(record.cells(), columns.date()))
                                    .orElse(null)));
        }
        SuppressionChanges changes =
                new SuppressionChanges(
                        target.dynamo(),
                        target.table(),
                        SuppressionEvents.of(target),
                        Clock.systemUTC());
        String actor = dryRun ? null : CallerIdentity.of(target);
        int added = 0;
        int kept = 0;
        for (Row row : rows.values()) {
            Map<String, AttributeValue> before;
            boolean change;
            if (dryRun) {
                before = changes.status(row.address());
                change = !SuppressionChanges.suppressed(before);
            } else {
                SuppressionChanges.Outcome outcome =
                        changes.suppress(
                                row.address(),
                                row.reason(),
                                "import",
                                actor,
                                row.date() != null ? row.date() : Instant.now(),
                                tenant);
                before = outcome.status();
                change = outcome.changed();
            }
            if (change) {
                out.printf(
                        "%-14s %-40s %s%n",
                        dryRun ? "would suppress" : "suppressed", row.address(), row.reason());
                added++;
            } else {
                out.printf(
                        "%-14s %-40s suppressed already since %s: %s%n",
                        "kept",
                        row.address(),
                        Items.text(before, SUPPRESSED_AT),
                        Items.text(before, SUPPRESSION_REASON));
                kept++;
            }
        }
        if (chosen != null) {
            out.println(chosen.why());
        }
        int refused =
                ses
                        ? putOnSes(
                                new SesSuppressionList(
                                        client,
                                        Duration.ofNanos((long) (1e9 / rate)),
                                        chosen == null ? null : chosen.tenant()),
                                rows,
                                out)
                        : 0;
        out.println(
                (dryRun ? "Dry run, nothing written: would suppress " : "Suppressed ")
                        + added
                        + " address(es) in the "
                        + target.description()
                        + ", kept "
                        + kept
                        + " suppressed already (their first reason stays), skipped "
                        + skipped
                        + " row(s), listed above."
                        + (refused == 0
                                ? ""
                                : " SES refused " + refused + " address(es), listed above."));
        return refused == 0 ? 0 : ErrorReport.FAILED;
    }

    /** Puts the rows SES does not list yet on its list; the number SES refused. */
    private int putOnSes(SesSuppressionList list, Map<String, Row> rows, PrintWriter out) {
        Map<String, SuppressionListReason> listed = new HashMap<>();
        list.entries().forEach(entry -> listed.put(entry.address(), entry.reason()));
        int put = 0;
        int refused = 0;
        for (Row row : rows.values()) {
            if (listed.containsKey(row.address())) {
                continue;
            }
            try {
                if (!dryRun) {
                    list.put(row.address(), row.sesReason());
                }
                out.printf(
                        "%-14s %-40s %s%n",
                        dryRun ? "would put" : "put on SES", row.address(), row.sesReason());
                put++;
            } catch (BadRequestException e) {
                // one address SES will not take must not stop the rest
                out.printf(
                        "%-14s %-40s %s%n", "SES refused", row.address(), ErrorReport.describe(e));
                refused++;
            }
        }
        out.println(
                (dryRun ? "Would put " : "Put ")
                        + put
                        + " on "
                        + list.name()
                        + " ("
                        + (rows.size() - put - refused)
                        + " listed there already).");
        return refused;
    }

    /** The suppression's reason: where it came from, the provider's reason and its detail. */
    private String reason(ExportFormat format, String given, String detail) {
        String why =
                !given.isBlank()
                        ? given
                        : format.kind != null
                                ? format.kind
                                : reasonDefault != null ? reasonDefault : "no reason given";
        if (format.kind != null && !given.isBlank()) {
            why = format.kind + " " + given;
        }
        return "Imported from "
                + format.label
                + ": "
                + why
                + (detail.isBlank() ? "" : " (" + detail + ")");
    }
}
