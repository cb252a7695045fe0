package io.sesfeedback.cli;

import io.sesfeedback.local.ItemJson;
import io.sesfeedback.notification.Json;
import io.sesfeedback.store.RawBody;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Command(name = "message", mixinStandardHelpOptions = true,
        description = "Everything recorded for one SES mail.messageId (send, delivery, bounce, open, ...) or one SNS"
                + " MessageId: each message with its details, recipients and raw body.")
final class MessageCommand extends TargetCommand {

    private static final List<String> DETAILS = List.of("messageType", "format", "occurredAt", "snsMessageId", "sesMessageId",
            "sender", "subject", "configurationSet", "bounceType", "bounceSubType", "feedbackId", "complaintFeedbackType",
            "smtpResponse", "alarmName", "alarmState", "duplicateOf", "duplicateRecipients", "recipientCount", "problem",
            "recordedAt", "loggedAt");

    @Parameters(paramLabel = "ID", description = "An SES mail.messageId or an SNS MessageId.")
    String id;

    @Option(names = "--format", defaultValue = "text", description = "text or json (one JSON object per message, raw body decoded).")
    MessageFormat format;

    enum MessageFormat { text, json }

    @Override
    int run(Target target, PrintWriter out) {
        if (id.isBlank()) {
            throw new UserError("Not an id: give an SES mail.messageId or an SNS MessageId");
        }
        List<Map<String, AttributeValue>> messages = new ArrayList<>();
        target.queries().message(id).ifPresent(messages::add);
        messages.addAll(target.queries().messagesForMail(id));
        if (messages.isEmpty()) {
            throw new UserError("Nothing recorded for '" + id + "' in the " + target.description());
        }
        for (Map<String, AttributeValue> message : messages) {
            if (format == MessageFormat.json) {
                Map<String, Object> json = new LinkedHashMap<>(Json.readObject(ItemJson.of(message)));
                json.remove(RawBody.ATTRIBUTE);
                json.put("raw", RawBody.isKept(message) ? RawBody.of(message) : null);
                out.println(Json.write(json));
            } else {
                print(message, out);
            }
        }
        return 0;
    }

    static final String NOT_KEPT = "(not kept: recorded with StoreDeliveryBodies Disabled)";

    private static void print(Map<String, AttributeValue> message, PrintWriter out) {
        out.println(Items.text(message, "messageType") + "  " + Items.text(message, "occurredAt")
                + "  sns " + Items.text(message, "snsMessageId"));
        for (String name : DETAILS) {
            if (message.containsKey(name)) {
                out.printf("  %-20s %s%n", name, Items.text(message, name));
            }
        }
        if (message.containsKey("recipients")) {
            out.printf("  %-20s %s%n", "recipients", String.join(", ",
                    message.get("recipients").l().stream().map(AttributeValue::s).toList()));
        }
        if (message.containsKey("leftOut")) {
            message.get("leftOut").l().forEach(entry -> out.printf("  %-20s '%s': %s%n", "left out",
                    entry.m().get("entry").s(), entry.m().get("reason").s()));
        }
        out.printf("  %-20s %s%n", "raw", RawBody.isKept(message) ? RawBody.of(message) : NOT_KEPT);
    }
}
