package io.sesfeedback.cli;

import static io.sesfeedback.store.FeedbackTable.CLAIM_PREFIX;
import static io.sesfeedback.store.FeedbackTable.EVENT_PREFIX;
import static io.sesfeedback.store.FeedbackTable.MESSAGE_TYPE;
import static io.sesfeedback.store.FeedbackTable.OCCURRED_AT;
import static io.sesfeedback.store.FeedbackTable.PK;
import static io.sesfeedback.store.FeedbackTable.RECIPIENTS;
import static io.sesfeedback.store.FeedbackTable.RECIPIENTS_CAPPED;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_COUNT;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_PREFIX;
import static io.sesfeedback.store.FeedbackTable.SES_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.SK;
import static io.sesfeedback.store.FeedbackTable.SNS_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.STATUS_SORT_KEY;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED_AT;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_REASON;

import io.sesfeedback.store.FeedbackQueries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Command(name = "forget", mixinStandardHelpOptions = true,
        description = {"Erases what the table holds about one address.",
                "Its events, feedback claims and status (suppression and counters), and the message items that name only"
                        + " this address (their raw body holds it). Messages that also name other addresses are kept and"
                        + " listed. Shows what it will delete and asks first."})
final class ForgetCommand extends TargetCommand {

    private static final String COUNT = "  %-34s %4d%n";

    @Parameters(paramLabel = "ADDRESS", description = "The address, in any spelling: it is normalised as the recorder does.")
    String address;

    @Option(names = "--yes", description = "Delete without asking.")
    boolean yes;

    @Option(names = "--ses", description = "Also take the address off SES's account-level suppression list.")
    boolean ses;

    /** Where the answer to "Delete N items?" comes from: standard input, or a test's answers. */
    BufferedReader answers = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    /** The items about one address: under its key, and the messages that name it. */
    private record Found(Map<Kind, List<Map<String, AttributeValue>>> byKind, List<Map<String, AttributeValue>> ownMessages,
                         List<Map<String, AttributeValue>> sharedMessages) {

        /** Messages first and events last, so that a run cut short can be repeated: events lead to the messages. */
        List<Map<String, AttributeValue>> keysInDeletionOrder() {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            ownMessages.forEach(item -> keys.add(key(item)));
            List.of(Kind.CLAIMS, Kind.STATUS, Kind.OTHER, Kind.EVENTS).forEach(kind ->
                    byKind.getOrDefault(kind, List.of()).forEach(item -> keys.add(key(item))));
            return keys;
        }
    }

    private enum Kind {
        EVENTS("events"), CLAIMS("feedback claims"), STATUS("status"), OTHER("other items");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        static Kind of(Map<String, AttributeValue> item) {
            String sk = item.get(SK).s();
            return sk.startsWith(EVENT_PREFIX) ? EVENTS : sk.startsWith(CLAIM_PREFIX) ? CLAIMS
                    : sk.equals(STATUS_SORT_KEY) ? STATUS : OTHER;
        }
    }

    @Override
    int run(Target target, PrintWriter out) throws IOException {
        String key = Addresses.key(address);
        Found found = find(target, key);
        if (found.byKind().isEmpty()) {
            out.println("Nothing stored about " + key + " in the " + target.description() + ".");
            if (ses && (yes || confirmed("Take " + key + " off SES's account-level suppression list? [y/N] ", out))) {
                forgetOnSes(target, key, out);
            }
            return 0;
        }
        List<Map<String, AttributeValue>> keys = found.keysInDeletionOrder();
        printPlan(key, found, target, out);
        String question = "Delete " + keys.size() + " items" + (ses ? " and take " + key + " off SES's suppression list" : "");
        if (!yes && !confirmed(question + "? [y/N] ", out)) {
            out.println("Nothing deleted.");
            return 0;
        }
        if (ses) {
            forgetOnSes(target, key, out);
        }
        BatchDelete.Result result = new BatchDelete(target.dynamo(), target.table(), BatchDelete.FIRST_BACKOFF).delete(keys);
        out.println("Deleted " + result.deleted() + " of " + keys.size() + " items.");
        if (!result.notDeleted().isEmpty()) {
            out.println("Could not delete " + result.notDeleted().size() + " items: " + result.problem()
                    + ". Run forget again to finish.");
        }
        out.println("Not erased: " + (found.sharedMessages().isEmpty() ? ""
                : found.sharedMessages().size() + " message(s) that also name other addresses (listed above); ")
                + "the notification log lines that name " + key + ", until the log's retention ends"
                + (target.logGroup() != null ? " (CloudWatch Logs group " + target.logGroup() + ")" : "") + ".");
        return result.notDeleted().isEmpty() ? 0 : ErrorReport.FAILED;
    }

    private static void forgetOnSes(Target target, String key, PrintWriter out) {
        boolean removed = target.sesSuppressionList(Duration.ZERO).delete(key);
        out.println(removed ? "Took " + key + " off SES's account-level suppression list."
                : key + " was not on SES's account-level suppression list.");
    }

    private static Found find(Target target, String key) {
        Map<Kind, List<Map<String, AttributeValue>>> byKind = recipientItems(target, key).stream()
                .collect(Collectors.groupingBy(Kind::of, () -> new EnumMap<>(Kind.class), Collectors.toList()));
        List<Map<String, AttributeValue>> own = new ArrayList<>();
        List<Map<String, AttributeValue>> shared = new ArrayList<>();
        for (Map<String, AttributeValue> message : messagesNaming(target.queries(), key, byKind.getOrDefault(Kind.EVENTS, List.of()))) {
            (namesOnly(message, key) ? own : shared).add(message);
        }
        return new Found(byKind, own, shared);
    }

    private static List<Map<String, AttributeValue>> recipientItems(Target target, String key) {
        return target.dynamo().queryPaginator(r -> r.tableName(target.table())
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", PK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(RECIPIENT_PREFIX + key))))
                .items().stream().toList();
    }

    /**
     * The message items that name the address: those of its events, and the other messages about the same mails
     * that list it (a copy in the other SES format has no event of its own).
     */
    private static List<Map<String, AttributeValue>> messagesNaming(FeedbackQueries queries, String key,
                                                                    List<Map<String, AttributeValue>> events) {
        Map<String, Map<String, AttributeValue>> messages = new LinkedHashMap<>();
        Set<String> mails = new HashSet<>();
        for (Map<String, AttributeValue> event : events) {
            String mail = Items.text(event, SES_MESSAGE_ID);
            if (!mail.isEmpty() && mails.add(mail)) {
                queries.messagesForMail(mail).stream().filter(message -> recipients(message).contains(key))
                        .forEach(message -> messages.put(Items.text(message, SNS_MESSAGE_ID), message));
            }
        }
        for (Map<String, AttributeValue> event : events) {
            String sns = Items.text(event, SNS_MESSAGE_ID);
            if (!messages.containsKey(sns)) {
                queries.message(sns).ifPresent(message -> messages.put(sns, message));
            }
        }
        return List.copyOf(messages.values());
    }

    private static boolean namesOnly(Map<String, AttributeValue> message, String key) {
        return Items.number(message, RECIPIENT_COUNT) == 1 && !message.containsKey(RECIPIENTS_CAPPED)
                && recipients(message).equals(List.of(key));
    }

    private static List<String> recipients(Map<String, AttributeValue> message) {
        AttributeValue list = message.get(RECIPIENTS);
        return list == null ? List.of() : list.l().stream().map(AttributeValue::s).toList();
    }

    private static void printPlan(String key, Found found, Target target, PrintWriter out) {
        out.println("Stored about " + key + " in the " + target.description() + ":");
        found.byKind().forEach((kind, items) -> out.printf(COUNT, kind.label, items.size()));
        found.byKind().getOrDefault(Kind.STATUS, List.of()).stream().filter(status -> status.containsKey(SUPPRESSED))
                .forEach(status -> out.println("    suppressed since " + Items.text(status, SUPPRESSED_AT) + ": "
                        + Items.text(status, SUPPRESSION_REASON) + "\n    once deleted, nothing here says not to mail it"));
        if (!found.ownMessages().isEmpty()) {
            out.printf(COUNT, "messages naming only this address", found.ownMessages().size());
        }
        if (!found.sharedMessages().isEmpty()) {
            out.println("Kept, as they also name other addresses (their raw bodies still hold this one):");
            found.sharedMessages().forEach(message -> out.printf("  sns %s  %s  %s  %s addresses%n",
                    Items.text(message, SNS_MESSAGE_ID), Items.text(message, MESSAGE_TYPE),
                    Items.text(message, OCCURRED_AT), Items.text(message, RECIPIENT_COUNT)));
        }
    }

    private boolean confirmed(String question, PrintWriter out) throws IOException {
        out.print(question);
        out.flush();
        String answer = answers.readLine();
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }

    private static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        return Map.of(PK, item.get(PK), SK, item.get(SK));
    }
}
