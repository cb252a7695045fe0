package io.sesfeedback.tools.cost;

import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.tools.load.LoadGenerator.Format;
import io.sesfeedback.tools.load.LoadGenerator.Kind;
import io.sesfeedback.tools.load.LoadGenerator.Mail;
import io.sesfeedback.tools.load.LoadGenerator.SesEvent;
import io.sesfeedback.tools.load.SesBodies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The SNS messages a sample of a month's mail makes, from a fixed seed: per mail, a bounce naming
 * the recipients that bounced, a complaint naming those that complained, a delivery naming the
 * delivered ones (those that complained too), a send, an open and a click, each as often as the
 * options say; configuration-set events, some also as identity notifications. Every recipient is an
 * address of its own, or, with {@code --addresses N}, the next of N addresses in turn, as a load
 * test spread over them mails each again and again.
 */
final class MailMonth {

    /** One SNS message, the row of the report it counts in, and the SES event it carries. */
    record Replayed(String row, SnsMessage sns, SesEvent event) {}

    static final String TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:ses-feedback-cost-feedback";

    /** Of bounces, the permanent share (the rest transient): a list-hygiene sender's mix. */
    private static final double PERMANENT_SHARE = 0.9;

    private final CostOptions options;
    private final Random random = new Random(15);
    private Instant clock = Instant.parse("2026-11-01T00:00:00Z");
    private long addresses;

    /** Recipients taken from the N addresses so far. */
    private long drawn;

    MailMonth(CostOptions options) {
        this.options = options;
    }

    List<Replayed> messages() {
        List<Replayed> messages = new ArrayList<>();
        for (int n = 0; n < options.sample(); n++) {
            messages.addAll(messages(mail(options.recipients(), options.addresses())));
        }
        return messages;
    }

    /** A permanent bounce naming {@code recipients} addresses: how cost grows with them. */
    List<Replayed> largeBounce(int recipients) {
        Mail mail = mail(recipients, CostOptions.FRESH_ADDRESSES);
        return event(Kind.PERMANENT_BOUNCE, mail, mail.destination(), Format.EVENT_PUBLISHING);
    }

    private List<Replayed> messages(Mail mail) {
        List<String> bounced = new ArrayList<>();
        List<String> complained = new ArrayList<>();
        List<String> delivered = new ArrayList<>();
        for (String address : mail.destination()) {
            double draw = random.nextDouble();
            if (draw < options.bounces()) {
                bounced.add(address);
            } else {
                delivered.add(address);
                if (draw < options.bounces() + options.complaints()) {
                    complained.add(address);
                }
            }
        }
        List<Replayed> messages = new ArrayList<>();
        if (random.nextDouble() < options.sends()) {
            messages.addAll(event(Kind.SEND, mail, mail.destination(), Format.EVENT_PUBLISHING));
        }
        if (!bounced.isEmpty()) {
            Kind kind =
                    random.nextDouble() < PERMANENT_SHARE
                            ? Kind.PERMANENT_BOUNCE
                            : Kind.TRANSIENT_BOUNCE;
            messages.addAll(inBothFormatsSometimes(kind, mail, bounced));
        }
        List<String> published =
                delivered.stream()
                        .filter(address -> random.nextDouble() < options.deliveries())
                        .toList();
        if (!published.isEmpty()) {
            messages.addAll(inBothFormatsSometimes(Kind.DELIVERY, mail, published));
        }
        if (!delivered.isEmpty() && random.nextDouble() < options.opens()) {
            messages.addAll(event(Kind.OPEN, mail, mail.destination(), Format.EVENT_PUBLISHING));
        }
        if (!delivered.isEmpty() && random.nextDouble() < options.clicks()) {
            messages.addAll(event(Kind.CLICK, mail, mail.destination(), Format.EVENT_PUBLISHING));
        }
        if (!complained.isEmpty()) {
            messages.addAll(inBothFormatsSometimes(Kind.COMPLAINT, mail, complained));
        }
        return messages;
    }

    private List<Replayed> inBothFormatsSometimes(Kind kind, Mail mail, List<String> recipients) {
        List<Replayed> copies =
                new ArrayList<>(event(kind, mail, recipients, Format.EVENT_PUBLISHING));
        if (random.nextDouble() < options.bothFormats()) {
            copies.add(message(copies.get(0).event(), Format.IDENTITY_NOTIFICATION));
        }
        return copies;
    }

    private List<Replayed> event(Kind kind, Mail mail, List<String> recipients, Format format) {
        String feedbackId = kind.bounce() || kind == Kind.COMPLAINT ? sesId() : null;
        return List.of(
                message(
                        new SesEvent(
                                kind,
                                mail,
                                kind == Kind.SEND ? mail.sentAt() : tick(),
                                feedbackId,
                                recipients),
                        format));
    }

    private Replayed message(SesEvent event, Format format) {
        SnsMessage sns =
                new SnsMessage(
                        uuid(),
                        TOPIC_ARN,
                        null,
                        event.at().plusMillis(200),
                        SesBodies.of(event, format));
        return new Replayed(event.kind().sesName(), sns, event);
    }

    /** A mail to new addresses, or to the next of {@code from} addresses in turn. */
    private Mail mail(int recipients, int from) {
        List<String> destination = new ArrayList<>();
        for (int i = 0; i < recipients; i++) {
            // new addresses come after the N a load test takes in turn
            long n =
                    from == CostOptions.FRESH_ADDRESSES
                            ? options.addresses() + ++addresses
                            : drawn++ % from + 1;
            destination.add("customer." + n + "@mail" + (n % 97) + ".example.com");
        }
        return new Mail(sesId(), tick(), destination);
    }

    private Instant tick() {
        clock = clock.plusMillis(1 + random.nextInt(200));
        return clock;
    }

    private String sesId() {
        return String.format("%016x-%s-000000", random.nextLong(), uuid());
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
