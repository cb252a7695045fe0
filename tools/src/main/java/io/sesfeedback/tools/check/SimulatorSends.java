package io.sesfeedback.tools.check;

import io.sesfeedback.notification.MessageType;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.tools.items.AddressItems;
import io.sesfeedback.tools.items.BatchDelete;
import io.sesfeedback.tools.items.Items;
import io.sesfeedback.tools.operations.ResumeCommand;
import io.sesfeedback.tools.targets.Target;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * What only SES can show: mail sent to SES's mailbox simulator, through each way the stack is wired
 * (its configuration set, each notified identity), comes back as notifications the recorder stores
 * in the table and the log group; and the guard refuses a send to a blocked domain. The simulator's
 * mail does not count toward the account's reputation (SES Developer Guide, "Using the mailbox
 * simulator").
 */
final class SimulatorSends {

    static final String SIMULATOR = "@simulator.amazonses.com";

    /**
     * The simulator's addresses check sends to (SES Developer Guide, "Using the mailbox
     * simulator").
     */
    static final List<String> SIMULATOR_ADDRESSES =
            List.of(
                    "success" + SIMULATOR,
                    "bounce" + SIMULATOR,
                    "complaint" + SIMULATOR,
                    "suppressionlist" + SIMULATOR);

    /** A simulator address and the notification type it must come back as. */
    record Expected(String address, MessageType type) {}

    /**
     * One way mail reaches the topic: a From address (null when none is known), the configuration
     * set it is sent with (null for an identity's own notifications), and the SES event types it
     * publishes there.
     */
    record Route(String name, String from, String configurationSet, Set<String> published) {

        List<Expected> expected() {
            List<Expected> expected = new ArrayList<>();
            if (published.contains("delivery")) {
                expected.add(new Expected("success" + SIMULATOR, MessageType.DELIVERY));
            }
            if (published.contains("bounce")) {
                expected.add(new Expected("bounce" + SIMULATOR, MessageType.BOUNCE));
            }
            if (published.contains("complaint")) {
                expected.add(new Expected("complaint" + SIMULATOR, MessageType.COMPLAINT));
            }
            if (published.contains("bounce")) {
                expected.add(new Expected("suppressionlist" + SIMULATOR, MessageType.BOUNCE));
            }
            return expected;
        }
    }

    private final SesV2Client ses;
    private final FeedbackQueries queries;
    private final CloudWatchLogsClient logs;
    private final String logGroup;
    private final Clock clock;
    private final Duration pollEvery;

    /**
     * The account's sending rate, kept between two sends: in the sandbox it is one mail a second.
     */
    private Duration sendEvery;

    private Instant lastSend;

    /** The routes whose simulator mail SES accepted. */
    private final Set<String> sentOn = new HashSet<>();

    SimulatorSends(
            SesV2Client ses,
            FeedbackQueries queries,
            CloudWatchLogsClient logs,
            String logGroup,
            Clock clock,
            Duration pollEvery) {
        this.ses = ses;
        this.queries = queries;
        this.logs = logs;
        this.logGroup = logGroup;
        this.clock = clock;
        this.pollEvery = pollEvery;
    }

    /**
     * The ways the stack is wired, from its parameters; {@code from} sends through the
     * configuration set.
     */
    static List<Route> routes(UnaryOperator<String> parameter, String from) {
        List<Route> routes = new ArrayList<>();
        List<String> identities =
                List.of(parameter.apply("NotifiedIdentities").split(",")).stream()
                        .map(String::strip)
                        .filter(identity -> !identity.isEmpty())
                        .toList();
        String set = parameter.apply(ResumeCommand.CONFIGURATION_SET_NAME);
        if (!set.isEmpty()) {
            String sender =
                    from != null
                            ? from
                            : identities.isEmpty() ? null : fromAddress(identities.get(0));
            Set<String> types =
                    List.of(parameter.apply("ConfigurationSetEventTypes").split(",")).stream()
                            .map(String::strip)
                            .collect(Collectors.toSet());
            routes.add(new Route("configuration set " + set, sender, set, types));
        }
        // an identity's notifications: bounces and complaints always, deliveries when the stack
        // turns them on
        Set<String> identityTypes =
                "Enabled".equals(parameter.apply("DeliveryNotifications"))
                        ? Set.of("bounce", "complaint", "delivery")
                        : Set.of("bounce", "complaint");
        for (String identity : identities) {
            routes.add(
                    new Route("identity " + identity, fromAddress(identity), null, identityTypes));
        }
        return routes;
    }

    /** A domain identity sends from an address of its own; an address identity from itself. */
    static String fromAddress(String identity) {
        return identity.contains("@") ? identity : "ses-feedback-check@" + identity;
    }

    /**
     * A domain the guard blocks, to send the refused mail to: a reserved name when the list has
     * {@code reserved} (example.com: should the guard fail, no one's real mailbox gets it), else
     * the first listed; null with it off.
     */
    static String blockedDomain(UnaryOperator<String> parameter) {
        List<String> domains = List.of(parameter.apply("BlockedRecipientDomains").split(","));
        if (domains.contains("none")) {
            return null;
        }
        return domains.contains("reserved") ? "example.com" : domains.get(0);
    }

    /**
     * The route the guard's mail is sent on: the first with a From address; null when none has one.
     */
    static Route sender(List<Route> routes) {
        return routes.stream().filter(route -> route.from() != null).findFirst().orElse(null);
    }

    void describe(List<Route> routes, String blockedDomain, PrintWriter out) {
        for (Route route : routes) {
            if (route.from() == null) {
                out.println(
                        "Would not send through the "
                                + route.name()
                                + ": no From address (give --from ADDRESS)");
                continue;
            }
            out.println(
                    "Would send from "
                            + route.from()
                            + (route.configurationSet() == null
                                    ? ""
                                    : " with configuration set " + route.configurationSet())
                            + " to "
                            + route.expected().stream()
                                    .map(Expected::address)
                                    .collect(Collectors.joining(", ")));
        }
        Route sender = sender(routes);
        if (blockedDomain != null && sender != null) {
            out.println(
                    "Would send from "
                            + sender.from()
                            + " to ses-feedback-check@"
                            + blockedDomain
                            + ", expecting the guard to refuse it");
        }
        out.println("Would then erase what the table holds about the simulator's addresses");
    }

    /**
     * The guard refuses a send to a blocked domain, to these credentials: AccessDenied where a send
     * on the same route to the simulator went through, or one "with an explicit deny" (IAM's
     * wording); a caller merely not allowed to send gets AccessDenied too.
     */
    CheckResult guard(Route route, String blockedDomain) {
        String name = "guard";
        String to = "ses-feedback-check@" + blockedDomain;
        try {
            send(route.from(), to, route.configurationSet());
        } catch (SesV2Exception refused) {
            String why = refused.awsErrorDetails().errorMessage();
            boolean deny = why != null && why.toLowerCase(Locale.ROOT).contains("explicit deny");
            if (refused.statusCode() == 403 && (deny || sentOn.contains(route.name()))) {
                return CheckResult.passed(
                        name,
                        "a send to "
                                + to
                                + " was refused by a Deny ("
                                + refused.awsErrorDetails().errorCode()
                                + ")");
            }
            if (refused.statusCode() == 403) {
                return CheckResult.failed(
                        name,
                        "a send to " + to + " was refused, but not by a Deny: " + why,
                        "these credentials may not send at all; run check as the role that sends, with the managed policy"
                                + " of the output BlockTestRecipientsPolicyArn attached");
            }
            return CheckResult.failed(
                    name,
                    "a send to " + to + " failed otherwise: " + refused.getMessage(),
                    "send from a verified identity (--from ADDRESS)");
        }
        return CheckResult.failed(
                name,
                "a send to " + to + " went through: SES will bounce it",
                "attach the managed policy of the output BlockTestRecipientsPolicyArn to the role or user that sends (docs/deploy.md, Guard)");
    }

    /**
     * Sends each of the route's simulator mails, then waits until the table and the log group hold
     * each.
     */
    CheckResult recorded(Route route, Duration timeout) {
        String name = "recorded: " + route.name();
        if (route.from() == null) {
            return CheckResult.failed(
                    name,
                    "no From address to send with",
                    "give --from ADDRESS, an address of a verified identity");
        }
        if (route.expected().isEmpty()) {
            return CheckResult.skipped(name, "publishes none of bounce, complaint, delivery");
        }
        Instant start = clock.instant();
        Map<String, Expected> sent = new LinkedHashMap<>();
        try {
            for (Expected expected : route.expected()) {
                sent.put(
                        send(route.from(), expected.address(), route.configurationSet()), expected);
            }
        } catch (SesV2Exception refused) {
            return CheckResult.failed(
                    name,
                    "SES refused the send from "
                            + route.from()
                            + ": "
                            + refused.awsErrorDetails().errorMessage(),
                    "verify the identity, or give --from ADDRESS of one that is verified");
        }
        sentOn.add(route.name());
        Map<String, Expected> missing = new LinkedHashMap<>(sent);
        Instant deadline = start.plus(timeout);
        while (true) {
            missing.entrySet()
                    .removeIf(
                            mail ->
                                    inTable(mail.getKey(), mail.getValue().type())
                                            && inLog(mail.getKey(), start));
            if (missing.isEmpty() || !clock.instant().isBefore(deadline)) {
                break;
            }
            pause();
        }
        Duration took = Duration.between(start, clock.instant());
        if (!missing.isEmpty()) {
            return CheckResult.failed(
                    name,
                    missing.size()
                            + " of "
                            + sent.size()
                            + " not recorded within "
                            + timeout.toSeconds()
                            + " s: "
                            + missing.values().stream()
                                    .map(e -> e.type().label() + " for " + e.address())
                                    .collect(Collectors.joining(", ")),
                    route.configurationSet() == null
                            ? "aws ses get-identity-notification-attributes --identities "
                                    + route.name().substring("identity ".length())
                                    + " (SES silently detaches a topic it may not publish to); then the undelivered-feedback queue"
                            : "check the configuration set's event destination to the topic; then the undelivered-feedback queue");
        }
        return CheckResult.passed(
                name,
                sent.size()
                        + " simulator mails ("
                        + sent.values().stream()
                                .map(e -> e.type().label())
                                .distinct()
                                .collect(Collectors.joining(", "))
                        + ") in the table and the log group within "
                        + took.toSeconds()
                        + " s");
    }

    /** Erases what the table holds about the simulator's addresses: check leaves no item behind. */
    int erase(Target target) {
        int deleted = 0;
        for (String address : SIMULATOR_ADDRESSES) {
            var keys = AddressItems.find(target, address).keysInDeletionOrder();
            if (!keys.isEmpty()) {
                deleted +=
                        new BatchDelete(target.dynamo(), target.table(), BatchDelete.FIRST_BACKOFF)
                                .delete(keys)
                                .deleted();
            }
        }
        return deleted;
    }

    private String send(String from, String to, String configurationSet) {
        if (sendEvery == null) {
            var quota = ses.getAccount(r -> {}).sendQuota();
            double rate =
                    quota == null || quota.maxSendRate() == null || quota.maxSendRate() <= 0
                            ? 1
                            : quota.maxSendRate();
            sendEvery = Duration.ofNanos((long) Math.ceil(1_000_000_000 / rate));
        }
        if (lastSend != null) {
            Duration wait = Duration.between(clock.instant(), lastSend.plus(sendEvery));
            if (!wait.isNegative()) {
                sleep(wait);
            }
        }
        lastSend = clock.instant();
        return ses.sendEmail(
                        r ->
                                r.fromEmailAddress(from)
                                        .destination(d -> d.toAddresses(to))
                                        .content(
                                                c ->
                                                        c.simple(
                                                                m ->
                                                                        m.subject(
                                                                                        s ->
                                                                                                s
                                                                                                        .data(
                                                                                                                "ses-feedback check"))
                                                                                .body(
                                                                                        b ->
                                                                                                b
                                                                                                        .text(
                                                                                                                t ->
                                                                                                                        t
                                                                                                                                .data(
                                                                                                                                        "Sent by bin/ses-feedback check to SES's mailbox simulator.")))))
                                        .configurationSetName(configurationSet))
                .messageId();
    }

    private boolean inTable(String sesMessageId, MessageType type) {
        return queries.messagesForMail(sesMessageId).stream()
                .anyMatch(
                        item -> type.label().equals(Items.text(item, FeedbackTable.MESSAGE_TYPE)));
    }

    private boolean inLog(String sesMessageId, Instant since) {
        // a page may come back empty with a next token: read on until a match or the end
        return logs
                .filterLogEventsPaginator(
                        r ->
                                r.logGroupName(logGroup)
                                        .startTime(since.minusSeconds(60).toEpochMilli())
                                        .filterPattern("\"" + sesMessageId + "\""))
                .events()
                .stream()
                .findAny()
                .isPresent();
    }

    private void pause() {
        sleep(pollEvery);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the notifications", e);
        }
    }
}
