package io.sesfeedback.tools.reports;

import static io.sesfeedback.store.FeedbackTable.ALARM_NAME;
import static io.sesfeedback.store.FeedbackTable.ALARM_STATE;
import static io.sesfeedback.store.FeedbackTable.BOUNCE_SUB_TYPE;
import static io.sesfeedback.store.FeedbackTable.BOUNCE_TYPE;
import static io.sesfeedback.store.FeedbackTable.COMPLAINT_FEEDBACK_TYPE;
import static io.sesfeedback.store.FeedbackTable.CONFIGURATION_SET;
import static io.sesfeedback.store.FeedbackTable.DUPLICATE_OF;
import static io.sesfeedback.store.FeedbackTable.DUPLICATE_RECIPIENTS;
import static io.sesfeedback.store.FeedbackTable.FEEDBACK_ID;
import static io.sesfeedback.store.FeedbackTable.FORMAT;
import static io.sesfeedback.store.FeedbackTable.LEFT_OUT;
import static io.sesfeedback.store.FeedbackTable.LEFT_OUT_ENTRY;
import static io.sesfeedback.store.FeedbackTable.LEFT_OUT_REASON;
import static io.sesfeedback.store.FeedbackTable.LOGGED_AT;
import static io.sesfeedback.store.FeedbackTable.MESSAGE_TYPE;
import static io.sesfeedback.store.FeedbackTable.OCCURRED_AT;
import static io.sesfeedback.store.FeedbackTable.PROBLEM;
import static io.sesfeedback.store.FeedbackTable.RECIPIENTS;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_COUNT;
import static io.sesfeedback.store.FeedbackTable.RECORDED_AT;
import static io.sesfeedback.store.FeedbackTable.SENDER;
import static io.sesfeedback.store.FeedbackTable.SES_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.SMTP_RESPONSE;
import static io.sesfeedback.store.FeedbackTable.SNS_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.SUBJECT;

import io.sesfeedback.notification.Json;
import io.sesfeedback.store.RawBody;
import io.sesfeedback.tools.UserError;
import io.sesfeedback.tools.items.ItemJson;
import io.sesfeedback.tools.items.Items;
import io.sesfeedback.tools.items.MemberAccount;
import io.sesfeedback.tools.items.MessageIds;
import io.sesfeedback.tools.targets.Target;
import io.sesfeedback.tools.targets.TargetCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Command(
        name = "message",
        mixinStandardHelpOptions = true,
        description =
                "Everything recorded for one SES mail.messageId (send, delivery, bounce, open, ...) or one SNS"
                        + " MessageId: each message with its details, recipients and raw body; on a hub, the member account"
                        + " (account, region, environment) it came from.")
public final class MessageCommand extends TargetCommand {

    private static final List<String> DETAILS =
            List.of(
                    MESSAGE_TYPE,
                    FORMAT,
                    OCCURRED_AT,
                    SNS_MESSAGE_ID,
                    SES_MESSAGE_ID,
                    // on a hub: the member account the message came from
                    MemberAccount.ACCOUNT,
                    MemberAccount.REGION,
                    MemberAccount.ENVIRONMENT,
                    SENDER,
                    SUBJECT,
                    CONFIGURATION_SET,
                    BOUNCE_TYPE,
                    BOUNCE_SUB_TYPE,
                    FEEDBACK_ID,
                    COMPLAINT_FEEDBACK_TYPE,
                    SMTP_RESPONSE,
                    ALARM_NAME,
                    ALARM_STATE,
                    DUPLICATE_OF,
                    DUPLICATE_RECIPIENTS,
                    RECIPIENT_COUNT,
                    PROBLEM,
                    RECORDED_AT,
                    LOGGED_AT);

    @Parameters(paramLabel = "ID", description = "An SES mail.messageId or an SNS MessageId.")
    String id;

    @Option(
            names = "--format",
            defaultValue = "text",
            description = "text or json (one JSON object per message, raw body decoded).")
    MessageFormat format;

    enum MessageFormat {
        text,
        json
    }

    @Override
    protected int run(Target target, PrintWriter out) {
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
                Map<String, Object> json =
                        new LinkedHashMap<>(Json.readObject(ItemJson.of(message)));
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
        out.println(
                Items.text(message, MESSAGE_TYPE)
                        + "  "
                        + Items.text(message, OCCURRED_AT)
                        + "  "
                        + MessageIds.labelled(message));
        for (String name : DETAILS) {
            if (message.containsKey(name)) {
                out.printf("  %-20s %s%n", name, Items.text(message, name));
            }
        }
        if (message.containsKey(RECIPIENTS)) {
            out.printf(
                    "  %-20s %s%n",
                    "recipients",
                    String.join(
                            ", ",
                            message.get(RECIPIENTS).l().stream().map(AttributeValue::s).toList()));
        }
        if (message.containsKey(LEFT_OUT)) {
            message.get(LEFT_OUT)
                    .l()
                    .forEach(
                            entry ->
                                    out.printf(
                                            "  %-20s '%s': %s%n",
                                            "left out",
                                            entry.m().get(LEFT_OUT_ENTRY).s(),
                                            entry.m().get(LEFT_OUT_REASON).s()));
        }
        out.printf("  %-20s %s%n", "raw", RawBody.isKept(message) ? RawBody.of(message) : NOT_KEPT);
    }
}
