package io.sesfeedback.tools.suppression;

import static io.sesfeedback.store.FeedbackTable.MESSAGE_TYPE;
import static io.sesfeedback.store.FeedbackTable.OCCURRED_AT;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_COUNT;
import static io.sesfeedback.store.FeedbackTable.SNS_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED_AT;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_REASON;

import io.sesfeedback.tools.ErrorReport;
import io.sesfeedback.tools.UserError;
import io.sesfeedback.tools.items.AddressItems;
import io.sesfeedback.tools.items.Addresses;
import io.sesfeedback.tools.items.BatchDelete;
import io.sesfeedback.tools.items.Items;
import io.sesfeedback.tools.targets.Target;
import io.sesfeedback.tools.targets.TargetCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Command(
        name = "forget",
        mixinStandardHelpOptions = true,
        description = {
            "Erases what the table holds about one address.",
            "Its events, feedback claims and status (suppression and counters), and the message items that name only"
                    + " this address (their raw body holds it). Messages that also name other addresses are kept and"
                    + " listed. Shows what it will delete and asks first."
        })
public final class ForgetCommand extends TargetCommand {

    private static final String COUNT = "  %-34s %4d%n";

    @Parameters(
            paramLabel = "ADDRESS",
            description = "The address, in any spelling: it is normalised as the recorder does.")
    String address;

    @Option(names = "--yes", description = "Delete without asking.")
    boolean yes;

    @Option(
            names = "--ses",
            description =
                    "Also take the address off SES's account-level suppression list, and off the own list of each"
                            + " tenant its feedback names whose suppression scope is TENANT.")
    boolean ses;

    @Option(
            names = "--tenant",
            paramLabel = "NAME",
            description =
                    "With --ses: only the suppression list that applies to this SES tenant's mail (its own when its"
                            + " scope is TENANT, else the account's; the stack's configuration set's scope overrides).")
    String tenant;

    /** Where the answer to "Delete N items?" comes from: standard input, or a test's answers. */
    public BufferedReader answers =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    @Override
    protected void checkOptions() {
        if (tenant != null && !ses) {
            throw new UserError(
                    "--tenant names the SES list forget --ses works on: give --ses too");
        }
    }

    @Override
    protected int run(Target target, PrintWriter out) throws IOException {
        String key = Addresses.key(address);
        OffSesLists lists = ses ? new OffSesLists(target, tenant) : null;
        AddressItems found = AddressItems.find(target, key);
        if (found.byKind().isEmpty()) {
            out.println("Nothing stored about " + key + " in the " + target.description() + ".");
            if (ses
                    && (yes
                            || confirmed(
                                    "Take " + key + " off SES's suppression list? [y/N] ", out))) {
                lists.takeOff(key, List.of(), out);
            }
            return 0;
        }
        List<Map<String, AttributeValue>> keys = found.keysInDeletionOrder();
        printPlan(key, found, target, out);
        String question =
                "Delete "
                        + keys.size()
                        + " items"
                        + (ses ? " and take " + key + " off SES's suppression list" : "");
        if (!yes && !confirmed(question + "? [y/N] ", out)) {
            out.println("Nothing deleted.");
            return 0;
        }
        if (ses) {
            List<Map<String, AttributeValue>> feedback =
                    new ArrayList<>(
                            found.byKind().getOrDefault(AddressItems.Kind.EVENTS, List.of()));
            feedback.addAll(found.ownMessages());
            feedback.addAll(found.sharedMessages());
            lists.takeOff(key, feedback, out);
        }
        BatchDelete.Result result =
                new BatchDelete(target.dynamo(), target.table(), BatchDelete.FIRST_BACKOFF)
                        .delete(keys);
        out.println("Deleted " + result.deleted() + " of " + keys.size() + " items.");
        if (!result.notDeleted().isEmpty()) {
            out.println(
                    "Could not delete "
                            + result.notDeleted().size()
                            + " items: "
                            + result.problem()
                            + ". Run forget again to finish.");
        }
        out.println(
                "Not erased: "
                        + (found.sharedMessages().isEmpty()
                                ? ""
                                : found.sharedMessages().size()
                                        + " message(s) that also name other addresses (listed above); ")
                        + "the notification log lines that name "
                        + key
                        + ", until the log's retention ends"
                        + (target.logGroup() != null
                                ? " (CloudWatch Logs group " + target.logGroup() + ")"
                                : "")
                        + ".");
        return result.notDeleted().isEmpty() ? 0 : ErrorReport.FAILED;
    }

    private static void printPlan(String key, AddressItems found, Target target, PrintWriter out) {
        out.println("Stored about " + key + " in the " + target.description() + ":");
        found.byKind().forEach((kind, items) -> out.printf(COUNT, kind.label(), items.size()));
        found.byKind().getOrDefault(AddressItems.Kind.STATUS, List.of()).stream()
                .filter(status -> status.containsKey(SUPPRESSED))
                .forEach(
                        status ->
                                out.println(
                                        "    suppressed since "
                                                + Items.text(status, SUPPRESSED_AT)
                                                + ": "
                                                + Items.text(status, SUPPRESSION_REASON)
                                                + "\n    once deleted, nothing here says not to mail it"));
        if (!found.ownMessages().isEmpty()) {
            out.printf(COUNT, "messages naming only this address", found.ownMessages().size());
        }
        if (!found.sharedMessages().isEmpty()) {
            out.println(
                    "Kept, as they also name other addresses (their raw bodies still hold this one):");
            found.sharedMessages()
                    .forEach(
                            message ->
                                    out.printf(
                                            "  sns %s  %s  %s  %s addresses%n",
                                            Items.text(message, SNS_MESSAGE_ID),
                                            Items.text(message, MESSAGE_TYPE),
                                            Items.text(message, OCCURRED_AT),
                                            Items.text(message, RECIPIENT_COUNT)));
        }
    }

    private boolean confirmed(String question, PrintWriter out) throws IOException {
        out.print(question);
        out.flush();
        String answer = answers.readLine();
        return answer != null
                && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }
}
