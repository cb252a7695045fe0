package io.sesfeedback.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sesfeedback.notification.FeedbackMessage.Format;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the body of an SNS message from the feedback topic: SES identity notifications, SES event
 * publishing records, CloudWatch alarm state changes, the account watcher's status changes, the
 * circuit breaker's pauses and SES's topic validation text; and SES's EventBridge events, delivered
 * by a rule to the function or to the topic (see {@link EventBridgeEvents}). It never throws on bad
 * input: what it cannot read comes back as {@link MessageType#UNRECOGNISED} with the reason, so
 * that the raw body is still kept.
 */
public final class NotificationParser {

    private static final String VALIDATION_TEXT = "Successfully validated SNS topic for Amazon SES";

    /** SES's confirmation after SetIdentityNotificationTopic, sent as an identity notification. */
    private static final String SUBSCRIPTION_CONFIRMATION = "AmazonSnsSubscriptionSucceeded";

    /**
     * The account watcher's notificationType (functions/, io.sesfeedback.accountwatch): not an SES
     * value, so it cannot be mistaken for one.
     */
    private static final String ACCOUNT_STATUS = "AccountStatus";

    /**
     * The circuit breaker's notificationType (functions/, io.sesfeedback.breaker), not an SES value
     * either.
     */
    private static final String CIRCUIT_BREAKER = "CircuitBreaker";

    /**
     * The circuit breaker's scalar fields kept as attributes, under the names they have in its
     * message.
     */
    private static final List<String> CIRCUIT_BREAKER_FIELDS =
            List.of(
                    "action",
                    "scope",
                    "configurationSet",
                    // a tenant's pause: kept as the item's tenant, so --tenant finds it
                    "tenant",
                    "tenantArn",
                    "measure",
                    "rate",
                    "threshold",
                    "sends",
                    "region",
                    "alarmName",
                    "alarmArn",
                    "alarmReason",
                    "alarmTime",
                    "summary",
                    "resume");

    /**
     * The tag SES adds to a bounce's or complaint's {@code mail.tags} naming the tenant
     * (https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list-tenant-level.html).
     */
    static final String TENANT_TAG = "ses:tenant-name";

    private static final Set<MessageType> IDENTITY_NOTIFICATION_TYPES =
            EnumSet.of(MessageType.BOUNCE, MessageType.COMPLAINT, MessageType.DELIVERY);

    public FeedbackMessage parse(SnsMessage sns) {
        String body = sns.body().strip();
        if (!body.startsWith("{")) {
            return body.startsWith(VALIDATION_TEXT)
                    ? FeedbackMessage.text(sns, MessageType.TOPIC_VALIDATION)
                    : FeedbackMessage.unrecognised(
                            sns,
                            Format.TEXT,
                            new Problem(
                                    ProblemKind.NOT_JSON,
                                    "Body is neither a JSON object nor SES's topic validation text"));
        }
        Object json;
        try {
            json = Json.read(body);
        } catch (JsonProcessingException e) {
            return FeedbackMessage.unrecognised(
                    sns,
                    Format.UNKNOWN,
                    new Problem(
                            ProblemKind.INVALID_JSON,
                            "Body is not valid JSON: " + readable(e.getOriginalMessage())));
        }
        try {
            return parseJson(sns, JsonObject.of(json));
        } catch (MalformedMessageException e) {
            return FeedbackMessage.unrecognised(
                    sns, Format.UNKNOWN, new Problem(e.kind(), e.getMessage()));
        } catch (RuntimeException e) {
            // a shape nobody foresaw: keep it raw rather than fail the invocation on every retry
            return FeedbackMessage.unrecognised(
                    sns,
                    Format.UNKNOWN,
                    new Problem(ProblemKind.UNREADABLE, "Could not read the message: " + e));
        }
    }

    private FeedbackMessage parseJson(SnsMessage sns, JsonObject json) {
        Optional<String> notificationType = json.string("notificationType");
        if (notificationType.isPresent()) {
            if (SUBSCRIPTION_CONFIRMATION.equals(notificationType.get())) {
                return FeedbackMessage.text(sns, MessageType.TOPIC_VALIDATION);
            }
            if (ACCOUNT_STATUS.equals(notificationType.get())) {
                return parseAccountStatus(sns, json, Format.ACCOUNT_WATCH);
            }
            if (CIRCUIT_BREAKER.equals(notificationType.get())) {
                return parseCircuitBreaker(sns, json);
            }
            return parseSes(
                    sns, json, Format.SES_NOTIFICATION, "notificationType", notificationType.get());
        }
        Optional<String> eventType = json.string("eventType");
        if (eventType.isPresent()) {
            return parseSes(sns, json, Format.SES_EVENT, "eventType", eventType.get());
        }
        if (EventBridgeEvents.isEnvelope(json)) {
            SnsMessage keyed = EventBridgeEvents.keyedByEvent(sns, json);
            try {
                return parseEventBridge(keyed, json);
            } catch (MalformedMessageException e) {
                return FeedbackMessage.unrecognised(
                        keyed, Format.EVENTBRIDGE, new Problem(e.kind(), e.getMessage()));
            }
        }
        if (json.has("AlarmName") && json.has("NewStateValue")) {
            return parseAlarm(sns, json);
        }
        throw new MalformedMessageException(
                ProblemKind.NO_TYPE, "JSON without notificationType, eventType or AlarmName");
    }

    /**
     * An EventBridge event: from SES, an email event's {@code detail} is read as the configuration
     * set's event-publishing record, so every copy of one SES event has one identity, and a status
     * event is an {@link MessageType#SES_STATUS} notice; a member's account watch change is an
     * {@link MessageType#ACCOUNT_STATUS} and a CloudWatch alarm state change an {@link
     * MessageType#ALARM}, as their SNS copies are; any other source or detail type is kept raw.
     */
    private FeedbackMessage parseEventBridge(SnsMessage sns, JsonObject json) {
        String source = json.string("source").orElse("");
        String detailType = json.string(EventBridgeEvents.DETAIL_TYPE).orElse("");
        if (!EventBridgeEvents.SES_SOURCE.equals(source)
                && !EventBridgeEvents.ACCOUNT_WATCH_SOURCE.equals(source)
                && !EventBridgeEvents.CLOUDWATCH_SOURCE.equals(source)) {
            throw new MalformedMessageException(
                    ProblemKind.UNKNOWN_TYPE,
                    "EventBridge event from source '"
                            + source
                            + "', not "
                            + EventBridgeEvents.SES_SOURCE
                            + ", "
                            + EventBridgeEvents.ACCOUNT_WATCH_SOURCE
                            + " or "
                            + EventBridgeEvents.CLOUDWATCH_SOURCE);
        }
        boolean accountStatus =
                EventBridgeEvents.ACCOUNT_WATCH_SOURCE.equals(source)
                        && EventBridgeEvents.ACCOUNT_STATUS_CHANGED.equals(detailType);
        boolean alarm =
                EventBridgeEvents.CLOUDWATCH_SOURCE.equals(source)
                        && EventBridgeEvents.ALARM_STATE_CHANGE.equals(detailType);
        boolean ses = EventBridgeEvents.SES_SOURCE.equals(source);
        boolean email = ses && EventBridgeEvents.EMAIL_DETAIL_TYPES.contains(detailType);
        if (!accountStatus
                && !alarm
                && !email
                && !(ses && EventBridgeEvents.STATUS_DETAIL_TYPES.contains(detailType))) {
            throw new MalformedMessageException(
                    ProblemKind.UNKNOWN_TYPE,
                    "Unknown detail-type '" + detailType + "' from " + source);
        }
        JsonObject detail =
                json.object("detail")
                        .orElseThrow(
                                () ->
                                        new MalformedMessageException(
                                                ProblemKind.MISSING_OBJECT,
                                                detailType + " without a 'detail' object"));
        if (accountStatus) {
            return parseAccountStatus(sns, detail, Format.EVENTBRIDGE);
        }
        if (alarm) {
            return parseAlarmStateChange(sns, json, detail);
        }
        if (!email) {
            return parseSesStatus(sns, json, detailType, detail);
        }
        String eventType =
                detail.string("eventType")
                        .orElseThrow(
                                () ->
                                        new MalformedMessageException(
                                                ProblemKind.NO_TYPE,
                                                detailType + " whose detail has no eventType"));
        return parseSes(sns, detail, Format.SES_EVENT, "eventType", eventType);
    }

    /**
     * One of SES's status events, at the event's time. The fields are those of the samples on the
     * SES Developer Guide's Tenants page ("Setting up EventBridge notifications",
     * https://docs.aws.amazon.com/ses/latest/dg/tenants.html): {@code detail.data.origin}, {@code
     * detail.data.record.status} and {@code .cause} for sending status, {@code detail.data} (text)
     * and {@code detail.metadata.type} and {@code .impact} for a recommendation. Any of them may be
     * missing: the event is still recorded, its body kept.
     */
    private FeedbackMessage parseSesStatus(
            SnsMessage sns, JsonObject json, String detailType, JsonObject detail) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("statusEvent", detailType);
        List<String> resources = json.strings("resources");
        if (!resources.isEmpty()) {
            details.put("resources", String.join(" ", resources));
        }
        String said;
        if (detail.has("data") && !(detail.fields().get("data") instanceof Map)) {
            said = detail.scalar("data").orElse(null);
            if (said != null) {
                details.put("recommendation", said);
            }
        } else {
            JsonObject data = detail.object("data").orElse(null);
            JsonObject record = data == null ? null : data.object("record").orElse(null);
            if (data != null) {
                data.scalar("origin").ifPresent(v -> details.put("statusOrigin", v));
            }
            if (record != null) {
                record.scalar("status").ifPresent(v -> details.put("sendingStatus", v));
                record.scalar("cause").ifPresent(v -> details.put("statusCause", v));
            }
            said = details.get("statusCause");
        }
        detail.object("metadata")
                .ifPresent(
                        metadata -> {
                            metadata.scalar("type")
                                    .ifPresent(v -> details.put("recommendationType", v));
                            metadata.scalar("impact")
                                    .ifPresent(v -> details.put("recommendationImpact", v));
                        });
        details.put("summary", said == null ? detailType : detailType + ": " + said);
        return notice(sns, MessageType.SES_STATUS, Format.EVENTBRIDGE, json, "time", details);
    }

    private FeedbackMessage parseSes(
            SnsMessage sns, JsonObject json, Format format, String typeField, String typeName) {
        MessageType type =
                MessageType.ofSesName(typeName)
                        .filter(
                                t ->
                                        format == Format.SES_EVENT
                                                || IDENTITY_NOTIFICATION_TYPES.contains(t))
                        .orElseThrow(
                                () ->
                                        new MalformedMessageException(
                                                ProblemKind.UNKNOWN_TYPE,
                                                "Unknown " + typeField + " '" + typeName + "'"));
        JsonObject mail =
                json.object("mail")
                        .orElseThrow(
                                () ->
                                        new MalformedMessageException(
                                                ProblemKind.MISSING_OBJECT,
                                                typeName + " without a 'mail' object"));
        JsonObject feedback =
                json.object(type.objectKey())
                        .orElseThrow(
                                () ->
                                        new MalformedMessageException(
                                                ProblemKind.MISSING_OBJECT,
                                                typeName
                                                        + " without a '"
                                                        + type.objectKey()
                                                        + "' object"));

        Map<String, String> details = new LinkedHashMap<>();
        for (MessageType.DetailField field : type.detailFields()) {
            feedback.scalar(field.jsonName()).ifPresent(value -> details.put(field.name(), value));
        }
        mail.string("timestamp").ifPresent(sentAt -> details.put("sentAt", sentAt));
        String sesMessageId = mail.string("messageId").filter(id -> !id.isBlank()).orElse(null);
        if (sesMessageId != null
                && sesMessageId.getBytes(StandardCharsets.UTF_8).length > TextFields.MAX_LENGTH) {
            throw new MalformedMessageException(
                    ProblemKind.ID_TOO_LONG,
                    "mail.messageId is longer than " + TextFields.MAX_LENGTH + " bytes");
        }
        List<String> timeProblems = new ArrayList<>();
        Instant occurredAt =
                feedback.string("timestamp").isPresent()
                        ? time(feedback, "timestamp", sns, timeProblems)
                        : time(mail, "timestamp", sns, timeProblems);
        Recipients recipients = recipients(type, feedback, mail);

        Mail about =
                new Mail(
                        sesMessageId,
                        mail.string("source").orElse(null),
                        mail.object("commonHeaders")
                                .flatMap(headers -> headers.string("subject"))
                                .orElse(null),
                        mail.object("tags")
                                .flatMap(tags -> tags.firstOf("ses:configuration-set"))
                                .orElse(null),
                        // only bounce and complaint events are documented to carry it; any other
                        // type, and identity notifications, have none unless SES adds it
                        mail.object("tags").flatMap(tags -> tags.firstOf(TENANT_TAG)).orElse(null));
        return new FeedbackMessage(
                sns,
                type,
                format,
                occurredAt,
                about,
                details,
                recipients.named(),
                recipients.leftOut(),
                Problem.unreadableTimes(timeProblems));
    }

    /**
     * The time in {@code object.field}; the SNS publish time, with a problem noted, when it is
     * missing or unusable.
     */
    private static Instant time(
            JsonObject object, String field, SnsMessage sns, List<String> problems) {
        Optional<String> text = object.string(field);
        if (text.isEmpty()) {
            return sns.publishedAt();
        }
        Timestamps.Reading reading = Timestamps.read(text.get());
        if (reading.problem() != null) {
            problems.add(
                    object.path()
                            + field
                            + " "
                            + reading.problem()
                            + ": used the SNS publish time");
            return sns.publishedAt();
        }
        return reading.instant();
    }

    /**
     * The addresses a message names, each once (its first entry wins), and the entries that are not
     * addresses.
     */
    private record Recipients(List<Recipient> named, List<LeftOut> leftOut) {}

    private static Recipients recipients(MessageType type, JsonObject feedback, JsonObject mail) {
        List<Recipient> named = new ArrayList<>();
        List<LeftOut> leftOut = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Entry entry : entries(type, feedback, mail)) {
            if (entry.address() == null) {
                leftOut.add(
                        new LeftOut(
                                "",
                                entry.field()
                                        + (entry.detailed()
                                                ? " entry without an emailAddress"
                                                : " entry is null")));
                continue;
            }
            EmailAddress.Parsed parsed = EmailAddress.parse(entry.address());
            if (!parsed.isAddress()) {
                leftOut.add(new LeftOut(entry.address(), parsed.problem()));
            } else if (seen.add(parsed.address())) {
                named.add(
                        new Recipient(
                                parsed.address(),
                                entry.status(),
                                entry.action(),
                                entry.diagnosticCode()));
            }
        }
        return new Recipients(named, leftOut);
    }

    /**
     * One entry of a recipient list as SES wrote it; {@code detailed} for an object, not a plain
     * address.
     */
    private record Entry(
            String field,
            boolean detailed,
            String address,
            String status,
            String action,
            String diagnosticCode) {}

    private static List<Entry> entries(MessageType type, JsonObject feedback, JsonObject mail) {
        return switch (type) {
            case BOUNCE -> detailedEntries(feedback, "bouncedRecipients");
            case COMPLAINT -> detailedEntries(feedback, "complainedRecipients");
            case DELIVERY_DELAY -> detailedEntries(feedback, "delayedRecipients");
            case DELIVERY -> plainEntries(feedback, "recipients");
            default -> plainEntries(mail, "destination");
        };
    }

    private static List<Entry> detailedEntries(JsonObject feedback, String field) {
        return feedback.objects(field).stream()
                .map(
                        entry ->
                                new Entry(
                                        field,
                                        true,
                                        entry.string("emailAddress").orElse(null),
                                        entry.string("status").orElse(null),
                                        entry.string("action").orElse(null),
                                        entry.string("diagnosticCode").orElse(null)))
                .toList();
    }

    private static List<Entry> plainEntries(JsonObject object, String field) {
        return object.stringsOrNulls(field).stream()
                .map(address -> new Entry(field, false, address, null, null, null))
                .toList();
    }

    private FeedbackMessage parseAlarm(SnsMessage sns, JsonObject json) {
        Map<String, String> details = new LinkedHashMap<>();
        json.scalar("AlarmName").ifPresent(v -> details.put("alarmName", v));
        json.scalar("NewStateValue").ifPresent(v -> details.put("alarmState", v));
        json.scalar("OldStateValue").ifPresent(v -> details.put("previousAlarmState", v));
        json.scalar("NewStateReason").ifPresent(v -> details.put("alarmReason", v));
        json.scalar("AlarmArn").ifPresent(v -> details.put("alarmArn", v));
        json.object("Trigger")
                .ifPresent(
                        trigger -> {
                            trigger.scalar("MetricName")
                                    .ifPresent(v -> details.put("metricName", v));
                            trigger.scalar("Threshold").ifPresent(v -> details.put("threshold", v));
                        });
        return notice(
                sns, MessageType.ALARM, Format.CLOUDWATCH_ALARM, json, "StateChangeTime", details);
    }

    /**
     * A CloudWatch alarm's state change from EventBridge, under the names its SNS notification's
     * fields are kept (see {@link #parseAlarm}): {@code detail.alarmName}, {@code
     * detail.state.value}, {@code detail.previousState.value}, {@code detail.state.reason}, the
     * alarm's ARN from {@code resources}, a single metric's name from {@code detail.configuration};
     * at {@code detail.state.timestamp} (CloudWatch User Guide, "Alarm events and EventBridge",
     * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html).
     * The threshold is not in the event (only in {@code reasonData}, a JSON text): left out.
     */
    private FeedbackMessage parseAlarmStateChange(
            SnsMessage sns, JsonObject json, JsonObject detail) {
        Map<String, String> details = new LinkedHashMap<>();
        detail.scalar("alarmName").ifPresent(v -> details.put("alarmName", v));
        Optional<JsonObject> state = detail.object("state");
        state.flatMap(s -> s.scalar("value")).ifPresent(v -> details.put("alarmState", v));
        detail.object("previousState")
                .flatMap(previous -> previous.scalar("value"))
                .ifPresent(v -> details.put("previousAlarmState", v));
        state.flatMap(s -> s.scalar("reason")).ifPresent(v -> details.put("alarmReason", v));
        json.strings("resources").stream()
                .filter(arn -> arn.contains(":alarm:"))
                .findFirst()
                .ifPresent(v -> details.put("alarmArn", v));
        List<JsonObject> metrics =
                detail.object("configuration")
                        .map(configuration -> configuration.objects("metrics"))
                        .orElse(List.of());
        if (metrics.size() == 1) {
            metrics.get(0)
                    .object("metricStat")
                    .flatMap(stat -> stat.object("metric"))
                    .flatMap(metric -> metric.scalar("name"))
                    .ifPresent(v -> details.put("metricName", v));
        }
        // the state's own time, else the event's
        JsonObject timed = state.filter(s -> s.has("timestamp")).orElse(json);
        return notice(
                sns,
                MessageType.ALARM,
                Format.EVENTBRIDGE,
                timed,
                timed == json ? "time" : "timestamp",
                details);
    }

    /** A message about the account, at the time in {@code json.timeField}. */
    private static FeedbackMessage notice(
            SnsMessage sns,
            MessageType type,
            Format format,
            JsonObject json,
            String timeField,
            Map<String, String> details) {
        List<String> timeProblems = new ArrayList<>();
        Instant occurredAt = time(json, timeField, sns, timeProblems);
        return FeedbackMessage.notice(
                sns, type, format, occurredAt, details, Problem.unreadableTimes(timeProblems));
    }

    /**
     * The account watch's message: its SNS body, or the detail of its EventBridge copy (the same
     * body with the member's {@code environment}, which the item's own environment stands for).
     */
    private FeedbackMessage parseAccountStatus(SnsMessage sns, JsonObject json, Format format) {
        JsonObject account =
                json.object("account")
                        .orElseThrow(
                                () ->
                                        new MalformedMessageException(
                                                ProblemKind.MISSING_OBJECT,
                                                "AccountStatus without an 'account' object"));
        Map<String, String> details = new LinkedHashMap<>();
        json.scalar("region").ifPresent(v -> details.put("region", v));
        for (String field :
                new String[] {"enforcementStatus", "sendingEnabled", "productionAccessEnabled"}) {
            account.scalar(field).ifPresent(v -> details.put(field, v));
        }
        json.object("previous")
                .flatMap(previous -> previous.scalar("enforcementStatus"))
                .ifPresent(v -> details.put("previousEnforcementStatus", v));
        json.scalar("summary").ifPresent(v -> details.put("summary", v));
        return notice(sns, MessageType.ACCOUNT_STATUS, format, json, "checkedAt", details);
    }

    /**
     * What the circuit breaker did (action Paused or AlreadyPaused, scope, ...), at the time it
     * acted.
     */
    private FeedbackMessage parseCircuitBreaker(SnsMessage sns, JsonObject json) {
        Map<String, String> details = new LinkedHashMap<>();
        for (String field : CIRCUIT_BREAKER_FIELDS) {
            json.scalar(field).ifPresent(v -> details.put(field, v));
        }
        return notice(
                sns, MessageType.CIRCUIT_BREAKER, Format.CIRCUIT_BREAKER, json, "time", details);
    }

    /**
     * Jackson's message without its own class and setting names: its first line, up to any "(bound
     * as" or ", from".
     */
    private static String readable(String text) {
        if (text == null) {
            return "";
        }
        String readable = text.lines().findFirst().orElse("");
        for (String internals : new String[] {" (bound as", ", from `"}) {
            int at = readable.indexOf(internals);
            if (at > 0) {
                readable = readable.substring(0, at);
            }
        }
        return readable;
    }
}
