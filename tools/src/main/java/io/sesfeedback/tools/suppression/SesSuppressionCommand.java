package io.sesfeedback.tools.suppression;

import static io.sesfeedback.store.FeedbackTable.ADDRESS;
import static io.sesfeedback.store.FeedbackTable.BACKED_UP_AT;
import static io.sesfeedback.store.FeedbackTable.PK;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_PREFIX;
import static io.sesfeedback.store.FeedbackTable.SES_LAST_UPDATED;
import static io.sesfeedback.store.FeedbackTable.SES_REASON;
import static io.sesfeedback.store.FeedbackTable.SK;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_REASON;
import static io.sesfeedback.store.FeedbackTable.TENANT;

import io.sesfeedback.notification.EmailAddress;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.tools.ErrorReport;
import io.sesfeedback.tools.items.Items;
import io.sesfeedback.tools.targets.Target;
import io.sesfeedback.tools.targets.TargetCommand;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.SuppressionListReason;

@Command(
        name = "ses-suppression",
        mixinStandardHelpOptions = true,
        description = {
            "Keeps SES's account-level suppression list and this table's suppressed addresses in step.",
            "SES does not count sends to addresses on its list toward the bounce rate, and deletes the list after 90"
                    + " days of paused sending: keep a copy.",
            "export: back SES's list up into the table (one item per address, beside its status).",
            "import: put the table's suppressed addresses on SES's list, BOUNCE or COMPLAINT as they were suppressed;"
                    + " addresses SES lists already are skipped, so a run cut short resumes where it stopped.",
            "sync: both, and the difference.",
            "It reads the Suppressed index: on a stack recorded before that index existed, run backfill first.",
            "--tenant NAME: the list that applies to that SES tenant's mail (its own when its scope is TENANT, else"
                    + " the account's; the stack's configuration set's scope overrides), and only the addresses the"
                    + " table suppressed from that tenant's mail: each suppressing message's tenant, read 100 to a"
                    + " BatchGetItem (an identity notification names none: the tenant its configuration-set copy"
                    + " names, one Query of MailMessages per such mail)."
        })
public final class SesSuppressionCommand extends TargetCommand {

    enum Action {
        EXPORT,
        IMPORT,
        SYNC
    }

    @Parameters(
            paramLabel = "export|import|sync",
            converter = ActionConverter.class,
            description = "What to do.")
    Action action;

    @Option(
            names = "--dry-run",
            description = "Read both lists and say what would change: write nothing.")
    boolean dryRun;

    @Option(
            names = "--rate",
            paramLabel = "CALLS_PER_SECOND",
            defaultValue = "1",
            description =
                    "SES calls per second at most (default: ${DEFAULT-VALUE}, within SES's per-account API rate).")
    double rate;

    @Option(
            names = "--tenant",
            paramLabel = "NAME",
            description =
                    "The suppression list that applies to this SES tenant's mail, and the addresses its mail had"
                            + " suppressed (see above).")
    String tenant;

    static final class ActionConverter implements ITypeConverter<Action> {
        @Override
        public Action convert(String text) {
            try {
                return Action.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(
                        "expected export, import or sync, not '" + text + "'");
            }
        }
    }

    @Override
    protected int run(Target target, PrintWriter out) {
        if (rate <= 0) {
            throw new ParameterException(
                    spec.commandLine(), "--rate must be more than 0, not " + rate);
        }
        SesV2Client client = target.client(SesV2Client.builder(), "sesv2");
        TenantList chosen = tenant == null ? null : TenantList.of(target, client, tenant);
        if (chosen != null) {
            out.println(chosen.why());
        }
        SesSuppressionList ses =
                new SesSuppressionList(
                        client,
                        Duration.ofNanos((long) (1_000_000_000L / rate)),
                        chosen == null ? null : chosen.tenant());
        Map<String, SesSuppressionList.Entry> onSes = new TreeMap<>();
        ses.entries().forEach(entry -> onSes.put(key(entry.address()), entry));
        Map<String, SuppressionListReason> inTable = new TreeMap<>();
        List<Map<String, AttributeValue>> suppressed;
        try (Stream<Map<String, AttributeValue>> statuses =
                target.queries().suppressed(Instant.EPOCH)) {
            suppressed = statuses.toList();
        }
        Map<String, String> tenants =
                tenant == null ? Map.of() : SuppressingTenants.of(target, suppressed);
        suppressed.stream()
                .filter(
                        status ->
                                tenant == null
                                        || tenant.equals(tenants.get(Items.text(status, ADDRESS))))
                .forEach(status -> inTable.put(Items.text(status, ADDRESS), reason(status)));
        String verb = dryRun ? "would " : "";
        int backedUp = 0;
        int put = 0;
        int refused = 0;
        if (action != Action.IMPORT) {
            for (Map.Entry<String, SesSuppressionList.Entry> entry : onSes.entrySet()) {
                if (!dryRun) {
                    backUp(target, entry.getKey(), entry.getValue(), ses.tenant());
                }
                out.printf(
                        "%-14s %-40s %s%n",
                        verb + "back up", entry.getKey(), entry.getValue().reason());
                backedUp++;
            }
        }
        if (action != Action.EXPORT) {
            for (Map.Entry<String, SuppressionListReason> entry : inTable.entrySet()) {
                if (!onSes.containsKey(entry.getKey())) {
                    try {
                        if (!dryRun) {
                            ses.put(entry.getKey(), entry.getValue());
                        }
                        out.printf(
                                "%-14s %-40s %s%n", verb + "put", entry.getKey(), entry.getValue());
                        put++;
                    } catch (BadRequestException e) {
                        // one address SES will not take must not stop the rest, run after run
                        out.printf(
                                "%-14s %-40s %s%n",
                                "refused", entry.getKey(), ErrorReport.describe(e));
                        refused++;
                    }
                }
            }
        }
        out.println(
                summary(onSes, inTable, backedUp, put, target, ses.tenant())
                        + (refused == 0
                                ? ""
                                : " SES refused " + refused + " address(es), listed above."));
        return refused == 0 ? 0 : ErrorReport.FAILED;
    }

    private String summary(
            Map<String, SesSuppressionList.Entry> onSes,
            Map<String, SuppressionListReason> inTable,
            int backedUp,
            int put,
            Target target,
            String listTenant) {
        long both = inTable.keySet().stream().filter(onSes::containsKey).count();
        String difference =
                (listTenant == null ? "SES's list" : "Tenant " + listTenant + "'s list on SES")
                        + " holds "
                        + onSes.size()
                        + " address(es), the "
                        + target.description()
                        + " suppresses "
                        + inTable.size()
                        + (tenant == null ? "" : " from tenant " + tenant + "'s mail")
                        + ": "
                        + (onSes.size() - both)
                        + " on SES's list only, "
                        + (inTable.size() - both)
                        + " in the table only, "
                        + both
                        + " on both.";
        String done =
                (dryRun ? "Dry run, nothing written: would back up " : "Backed up ")
                        + backedUp
                        + " into the table, "
                        + (dryRun ? "would put " : "put ")
                        + put
                        + " on SES's list.";
        return difference + "\n" + done;
    }

    /** COMPLAINT for an address a complaint suppressed first, BOUNCE for a permanent bounce. */
    private static SuppressionListReason reason(Map<String, AttributeValue> status) {
        return Items.text(status, SUPPRESSION_REASON).startsWith("Complaint")
                ? SuppressionListReason.COMPLAINT
                : SuppressionListReason.BOUNCE;
    }

    /**
     * The table's spelling of an address SES lists: the recorder's normalisation, or the address as
     * given.
     */
    private static String key(String address) {
        EmailAddress.Parsed parsed = EmailAddress.parse(address);
        return parsed.isAddress() ? parsed.address() : address;
    }

    /** Beside the address's status: the account list's entry, or a tenant list's under its name. */
    private static void backUp(
            Target target, String key, SesSuppressionList.Entry entry, String listTenant) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(PK, AttributeValue.fromS(RECIPIENT_PREFIX + key));
        item.put(SK, AttributeValue.fromS(FeedbackTable.sesSuppressionSortKey(listTenant)));
        item.put(ADDRESS, AttributeValue.fromS(key));
        Optional.ofNullable(listTenant)
                .ifPresent(name -> item.put(TENANT, AttributeValue.fromS(name)));
        item.put(SES_REASON, AttributeValue.fromS(entry.reason().toString()));
        Optional.ofNullable(entry.lastUpdated())
                .ifPresent(at -> item.put(SES_LAST_UPDATED, AttributeValue.fromS(at.toString())));
        item.put(BACKED_UP_AT, AttributeValue.fromS(Instant.now().toString()));
        target.dynamo().putItem(r -> r.tableName(target.table()).item(item));
    }
}
