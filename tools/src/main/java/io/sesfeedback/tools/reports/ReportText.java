package io.sesfeedback.tools.reports;

import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.PreventedSend;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as an operator reads it after an alarm email: one section per question, counts in
 * columns.
 */
final class ReportText {

    /** A header: title, then two column labels; a row is indented under it by two. */
    private static final String COLUMNS = "%-34s %11s %11s";

    private static final String ROW = "%-32s %11s %11s";

    private final PrintWriter out;

    ReportText(PrintWriter out) {
        this.out = out;
    }

    void print(MessageWindow window, ReportTally tally) {
        out.println("SES feedback from " + window.description());
        if (tally.types().isEmpty()) {
            out.println("No messages recorded in this window.");
            return;
        }
        long skipped = tally.copiesSkippedTotal();
        out.println(
                "Each SES event counted once: "
                        + skipped
                        + " cross-format cop"
                        + (skipped == 1 ? "y" : "ies")
                        + " (duplicateOf) skipped.");

        header("Messages by type", "messages", "recipients");
        for (MessageType type : tally.types()) {
            ReportTally.Count count = tally.byType.getOrDefault(type, new ReportTally.Count());
            long copies = tally.copiesSkipped.getOrDefault(type, 0L);
            row(
                    type.label() + (copies > 0 ? " (+" + copies + " skipped)" : ""),
                    count.messages,
                    count.recipients);
        }
        row("total", tally.messages(), tally.recipients());

        header("Bounces by type and subtype", "messages", "recipients");
        if (tally.bounces.messages == 0) {
            out.println("  none");
        }
        for (Map.Entry<String, ReportTally.Count> type :
                ReportTally.byRecipients(tally.bounceTypes)) {
            row(type.getKey(), type.getValue().messages, type.getValue().recipients);
            for (Map.Entry<String, ReportTally.Count> subType :
                    ReportTally.byRecipients(tally.bounceSubTypes.get(type.getKey()))) {
                row(
                        "  " + subType.getKey(),
                        subType.getValue().messages,
                        subType.getValue().recipients);
            }
        }
        if (tally.hardBouncePercent() != null) {
            line(
                    "Hard bounces: %.1f%% of bounced recipients (%d of %d) were Permanent.",
                    tally.hardBouncePercent(),
                    tally.permanentRecipients(),
                    tally.bounces.recipients);
            out.println("  " + ReportCommand.BOUNCE_RATE_NOTE.replace(". ", ".\n  "));
        }
        domains("Bounced recipients by domain", tally.bounceDomains);
        if (tally.prevented.messages > 0) {
            header("Not bounces", "messages", "recipients");
            row(PreventedSend.LABEL, tally.prevented.messages, tally.prevented.recipients);
            out.println("  " + ReportCommand.PREVENTED_NOTE);
        }

        header("Complaints by feedback type", "messages", "recipients");
        if (tally.complaints.messages == 0) {
            out.println("  none");
        }
        for (Map.Entry<String, ReportTally.Count> type :
                ReportTally.byRecipients(tally.complaintTypes)) {
            row(type.getKey(), type.getValue().messages, type.getValue().recipients);
        }
        domains("Complaining recipients by domain", tally.complaintDomains);

        List<ReportTally.Sender> senders = tally.topSenders(ReportCommand.TOP);
        if (!senders.isEmpty()) {
            out.println();
            line(COLUMNS + " %11s", "Busiest senders", "messages", "bounces", "complaints");
            senders.forEach(
                    sender ->
                            line(
                                    "  " + ROW + " %11d",
                                    sender.address,
                                    sender.messages,
                                    sender.bounces,
                                    sender.complaints));
            more(tally.senderCount(), "senders");
        }
    }

    private void domains(String title, ReportTally.Domains domains) {
        if (domains.recipients.isEmpty()) {
            return;
        }
        header(title, "recipients", "");
        domains.top(ReportCommand.TOP).forEach(entry -> row(entry.getKey(), entry.getValue(), ""));
        more(domains.recipients.size(), "domains");
        if (domains.cappedMessages > 0) {
            line(
                    "  (%d message(s) list only part of their recipients, to fit DynamoDB's item size:"
                            + " the domains of %d of %d recipients are counted)",
                    domains.cappedMessages, domains.listed, domains.named);
        }
    }

    /** After a list cut at the top entries: how many were left out. */
    private void more(int all, String what) {
        if (all > ReportCommand.TOP) {
            line("  ... and %d more %s", all - ReportCommand.TOP, what);
        }
    }

    private void header(String title, String first, String second) {
        out.println();
        line(COLUMNS, title, first, second);
    }

    private void row(String name, Object first, Object second) {
        line("  " + ROW, name, first, second);
    }

    private void line(String format, Object... values) {
        out.println(String.format(Locale.ROOT, format, values).stripTrailing());
    }
}
