package io.sesfeedback.accountwatch;

import java.util.Comparator;

/** An open Virtual Deliverability Manager recommendation: what to fix ({@code type}: DKIM, DMARC, ...) and where. */
public record Recommendation(String type, String resourceArn, String impact, String description)
        implements Comparable<Recommendation> {

    private static final Comparator<Recommendation> ORDER = Comparator.comparing(Recommendation::type)
            .thenComparing(Recommendation::resourceArn)
            .thenComparing(Recommendation::impact)
            .thenComparing(Recommendation::description);

    public Recommendation {
        type = orEmpty(type);
        resourceArn = orEmpty(resourceArn);
        impact = orEmpty(impact);
        description = orEmpty(description);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    /** One line for a change list: {@code DMARC (HIGH) arn:aws:ses:...:identity/example.com}. */
    public String describe() {
        return type + " (" + impact + ") " + resourceArn;
    }

    @Override
    public int compareTo(Recommendation other) {
        return ORDER.compare(this, other);
    }
}
