package io.sesfeedback.tools.load;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * A deterministic stream of SNS notifications for a load run: SES events of mixed kinds about mails
 * to an overlapping pool of addresses, spelled in varying case, in both SES formats; some events
 * published in both formats under two SNS MessageIds, some SNS messages delivered again later. The
 * records below are the model the run's expectations are computed from; {@link SesBodies} writes
 * them as SES would.
 */
public final class LoadGenerator {

    /**
     * What SES reports. Only bounces, complaints and deliveries also exist as identity
     * notifications.
     */
    public enum Kind {
        PERMANENT_BOUNCE(12, true),
        TRANSIENT_BOUNCE(10, true),
        UNDETERMINED_BOUNCE(5, true),
        COMPLAINT(8, true),
        DELIVERY(35, true),
        SEND(15, false),
        OPEN(10, false),
        DELIVERY_DELAY(5, false),
        // not in load runs; the cost benchmark's mix has clicks
        CLICK(0, false);

        private final int weight;
        private final boolean identityNotification;

        Kind(int weight, boolean identityNotification) {
            this.weight = weight;
            this.identityNotification = identityNotification;
        }

        /** The notificationType or eventType SES gives it. */
        public String sesName() {
            return switch (this) {
                case PERMANENT_BOUNCE, TRANSIENT_BOUNCE, UNDETERMINED_BOUNCE -> "Bounce";
                case COMPLAINT -> "Complaint";
                case DELIVERY -> "Delivery";
                case SEND -> "Send";
                case OPEN -> "Open";
                case CLICK -> "Click";
                case DELIVERY_DELAY -> "DeliveryDelay";
            };
        }

        public boolean bounce() {
            return this == PERMANENT_BOUNCE
                    || this == TRANSIENT_BOUNCE
                    || this == UNDETERMINED_BOUNCE;
        }
    }

    public enum Format {
        IDENTITY_NOTIFICATION,
        EVENT_PUBLISHING
    }

    /**
     * One mail SES sent; {@code destination} as spelled by the sender, possibly naming one address
     * twice.
     */
    public record Mail(String messageId, Instant sentAt, List<String> destination) {}

    /**
     * One SES event. {@code at} is the timestamp of its type object, or the mail's for a send
     * (whose object has none); {@code feedbackId} is null except for bounces and complaints; {@code
     * recipients} as spelled in the body.
     */
    public record SesEvent(
            Kind kind, Mail mail, Instant at, String feedbackId, List<String> recipients) {}

    /** One SNS delivery to the recorder; a redelivery is the same notification again. */
    record Notification(
            String snsMessageId, Instant publishedAt, SesEvent event, Format format, String body) {}

    static final int POOL_SIZE = 2_000;
    private static final List<String> FIRST_NAMES =
            List.of(
                    "jane", "john", "tom", "alice", "bob", "carol", "dave", "erin", "frank",
                    "grace", "heidi", "ivan", "judy", "mallory", "oscar", "peggy", "rupert",
                    "sybil", "trent", "wendy");
    private static final List<String> LAST_NAMES =
            List.of(
                    "doe", "baker", "smith", "jones", "brown", "taylor", "wilson", "evans",
                    "thomas", "johnson", "roberts", "walker", "wright", "hall", "green", "wood",
                    "clarke", "hughes", "king", "lee");
    private static final List<String> DOMAINS =
            List.of(
                    "example.com",
                    "example.net",
                    "example.org",
                    "mail.example.com",
                    "example.co.uk");

    /** Share of address mentions spelled with capitals. */
    private static final double CASE_VARIANT_SHARE = 0.25;

    /**
     * Share of multi-recipient mails that name their first address again, in another spelling, as
     * the last.
     */
    private static final double REPEATED_RECIPIENT_SHARE = 0.15;

    /**
     * Share of bounces, complaints and deliveries published in both formats: about 10% of all
     * events.
     */
    private static final double BOTH_FORMATS_SHARE = 0.15;

    private static final double REDELIVERY_SHARE = 0.05;

    /** How many places later in the stream a second format copy or a redelivery can land. */
    private static final int COPY_SPREAD = 50;

    private static final int REDELIVERY_SPREAD = 500;

    private final Random random;
    private final boolean singleFormat;
    private final List<String> pool;
    private Instant clock = Instant.parse("2026-11-20T00:00:00Z");

    /** {@code singleFormat}: no event published twice and every address spelled in lower case. */
    LoadGenerator(long seed, boolean singleFormat) {
        this.random = new Random(seed);
        this.singleFormat = singleFormat;
        this.pool = new ArrayList<>();
        // every first.last pair at every domain: 20 x 20 x 5
        for (int i = 0; i < POOL_SIZE; i++) {
            pool.add(
                    FIRST_NAMES.get(i % 20)
                            + "."
                            + LAST_NAMES.get(i / 20 % 20)
                            + "@"
                            + DOMAINS.get(i / 400));
        }
    }

    /** {@code count} notifications in the order they reach the recorder. */
    List<Notification> stream(int count) {
        List<Placed> placed = new ArrayList<>();
        int position = 0;
        // copies and redeliveries land after their original: once position reaches count, the first
        // count places are final
        while (position < count) {
            for (SesEvent event : events(mail())) {
                List<Format> formats = formats(event.kind());
                for (int i = 0; i < formats.size(); i++) {
                    int at = i == 0 ? position++ : position + random.nextInt(COPY_SPREAD);
                    Notification notification = notification(event, formats.get(i));
                    placed.add(new Placed(at, notification));
                    if (random.nextDouble() < REDELIVERY_SHARE) {
                        placed.add(
                                new Placed(
                                        at + 1 + random.nextInt(REDELIVERY_SPREAD), notification));
                    }
                }
            }
        }
        placed.sort(Comparator.comparingInt(Placed::at));
        return placed.stream().limit(count).map(Placed::notification).toList();
    }

    private record Placed(int at, Notification notification) {}

    /** Half the mails go to one address, the others to two to five. */
    private Mail mail() {
        int size = random.nextBoolean() ? 1 : 2 + random.nextInt(4);
        List<String> destination = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            destination.add(spelled(pool.get(random.nextInt(POOL_SIZE))));
        }
        if (size > 1 && random.nextDouble() < REPEATED_RECIPIENT_SHARE) {
            destination.set(size - 1, respelled(destination.get(0)));
        }
        return new Mail(sesId(), tick(), List.copyOf(destination));
    }

    /** One to three events about the mail; at most one send, as SES sends a mail once. */
    private List<SesEvent> events(Mail mail) {
        List<SesEvent> events = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            Kind kind = kind();
            if (kind == Kind.SEND && events.stream().anyMatch(e -> e.kind() == Kind.SEND)) {
                continue;
            }
            List<String> recipients =
                    kind == Kind.SEND || kind == Kind.OPEN
                            ? mail.destination()
                            : some(mail.destination());
            String feedbackId = kind.bounce() || kind == Kind.COMPLAINT ? sesId() : null;
            events.add(
                    new SesEvent(
                            kind,
                            mail,
                            kind == Kind.SEND ? mail.sentAt() : tick(),
                            feedbackId,
                            recipients));
        }
        return events;
    }

    private Kind kind() {
        int draw = random.nextInt(Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum());
        for (Kind kind : Kind.values()) {
            draw -= kind.weight;
            if (draw < 0) {
                return kind;
            }
        }
        throw new IllegalStateException("weights");
    }

    private List<Format> formats(Kind kind) {
        if (!kind.identityNotification) {
            return List.of(Format.EVENT_PUBLISHING);
        }
        if (!singleFormat && random.nextDouble() < BOTH_FORMATS_SHARE) {
            return random.nextBoolean()
                    ? List.of(Format.IDENTITY_NOTIFICATION, Format.EVENT_PUBLISHING)
                    : List.of(Format.EVENT_PUBLISHING, Format.IDENTITY_NOTIFICATION);
        }
        return List.of(
                random.nextBoolean() ? Format.IDENTITY_NOTIFICATION : Format.EVENT_PUBLISHING);
    }

    private Notification notification(SesEvent event, Format format) {
        return new Notification(
                uuid(),
                event.at().plusMillis(100 + random.nextInt(3_000)),
                event,
                format,
                SesBodies.of(event, format));
    }

    /** A non-empty part of the destination, in its order. */
    private List<String> some(List<String> destination) {
        List<String> part =
                destination.stream().filter(address -> random.nextDouble() < 0.7).toList();
        return part.isEmpty() ? List.of(destination.get(0)) : part;
    }

    private String spelled(String address) {
        return !singleFormat && random.nextDouble() < CASE_VARIANT_SHARE
                ? capitalised(address)
                : address;
    }

    /** The same address spelled otherwise, unless case variants are off. */
    private String respelled(String spelling) {
        String lower = spelling.toLowerCase(Locale.ROOT);
        return singleFormat ? spelling : spelling.equals(lower) ? capitalised(lower) : lower;
    }

    /**
     * {@code jane.doe@example.com} as {@code Jane.Doe@Example.COM} or {@code JANE.DOE@EXAMPLE.COM}.
     */
    private String capitalised(String address) {
        if (random.nextBoolean()) {
            return address.toUpperCase(Locale.ROOT);
        }
        String[] parts = address.split("@");
        String local =
                Arrays.stream(parts[0].split("\\."))
                        .map(LoadGenerator::titled)
                        .reduce((a, b) -> a + "." + b)
                        .orElseThrow();
        int tld = parts[1].lastIndexOf('.');
        return local
                + "@"
                + titled(parts[1].substring(0, tld))
                + parts[1].substring(tld).toUpperCase(Locale.ROOT);
    }

    private static String titled(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    /** Strictly increasing, so that no two events of one kind about one mail share a timestamp. */
    private Instant tick() {
        clock = clock.plusMillis(1 + random.nextInt(500));
        return clock;
    }

    /** The shape of SES message and feedback ids: {@code 010201a1f873c26c-aac8b385-…-000000}. */
    private String sesId() {
        return String.format("%016x-%s-000000", random.nextLong(), uuid());
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
