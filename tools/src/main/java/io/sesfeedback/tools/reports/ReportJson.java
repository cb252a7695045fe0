package io.sesfeedback.tools.reports;

import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.PreventedSend;
import io.sesfeedback.notification.Timestamps;
import java.util.LinkedHashMap;
import java.util.Map;

/** The report as one JSON object, for scripts: the same counts as the text, with the same names. */
final class ReportJson {

    private ReportJson() {}

    static Map<String, Object> of(MessageWindow window, ReportTally tally) {
        Map<String, Object> byType = new LinkedHashMap<>();
        for (MessageType type : tally.types()) {
            Map<String, Object> entry =
                    counts(tally.byType.getOrDefault(type, new ReportTally.Count()));
            entry.put("copiesSkipped", tally.copiesSkipped.getOrDefault(type, 0L));
            byType.put(type.label(), entry);
        }
        Map<String, Object> bounceTypes = new LinkedHashMap<>();
        for (Map.Entry<String, ReportTally.Count> bounceType :
                ReportTally.byRecipients(tally.bounceTypes)) {
            Map<String, Object> entry = counts(bounceType.getValue());
            entry.put("bySubType", counts(tally.bounceSubTypes.get(bounceType.getKey())));
            bounceTypes.put(bounceType.getKey(), entry);
        }
        Map<String, Object> hardBounceShare = new LinkedHashMap<>();
        hardBounceShare.put("permanentRecipients", tally.permanentRecipients());
        hardBounceShare.put("bouncedRecipients", tally.bounces.recipients);
        hardBounceShare.put("percent", tally.hardBouncePercent());
        hardBounceShare.put("note", ReportCommand.BOUNCE_RATE_NOTE);

        Map<String, Object> bounces = counts(tally.bounces);
        bounces.put("byType", bounceTypes);
        bounces.put("hardBounceShare", hardBounceShare);
        bounces.put("domains", domains(tally.bounceDomains));
        Map<String, Object> complaints = counts(tally.complaints);
        complaints.put("byFeedbackType", counts(tally.complaintTypes));
        complaints.put("domains", domains(tally.complaintDomains));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("since", Timestamps.format(window.since()));
        report.put("until", Timestamps.format(window.until()));
        report.put("store", window.store());
        report.put("messages", tally.messages());
        report.put("recipients", tally.recipients());
        report.put("copiesSkipped", tally.copiesSkippedTotal());
        report.put("byType", byType);
        report.put("bounces", bounces);
        Map<String, Object> prevented = counts(tally.prevented);
        prevented.put("label", PreventedSend.LABEL);
        prevented.put("note", ReportCommand.PREVENTED_NOTE);
        report.put("prevented", prevented);
        report.put("complaints", complaints);
        report.put(
                "senders",
                tally.topSenders(ReportCommand.TOP).stream()
                        .map(
                                sender -> {
                                    Map<String, Object> entry = new LinkedHashMap<>();
                                    entry.put("sender", sender.address);
                                    entry.put("messages", sender.messages);
                                    entry.put("bounces", sender.bounces);
                                    entry.put("complaints", sender.complaints);
                                    return entry;
                                })
                        .toList());
        return report;
    }

    static Map<String, Object> counts(ReportTally.Count count) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("messages", count.messages);
        json.put("recipients", count.recipients);
        return json;
    }

    /** Name to counts, most recipients first. */
    private static Map<String, Object> counts(Map<String, ReportTally.Count> counts) {
        Map<String, Object> json = new LinkedHashMap<>();
        ReportTally.byRecipients(counts)
                .forEach(entry -> json.put(entry.getKey(), counts(entry.getValue())));
        return json;
    }

    private static Map<String, Object> domains(ReportTally.Domains domains) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(
                "top",
                domains.top(ReportCommand.TOP).stream()
                        .map(
                                entry -> {
                                    Map<String, Object> domain = new LinkedHashMap<>();
                                    domain.put("domain", entry.getKey());
                                    domain.put("recipients", entry.getValue());
                                    return domain;
                                })
                        .toList());
        json.put("distinct", domains.recipients.size());
        json.put("recipientsListed", domains.listed);
        json.put("recipientsNamed", domains.named);
        json.put("cappedMessages", domains.cappedMessages);
        return json;
    }
}
