package io.sesfeedback.accountwatch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;

/**
 * An open Virtual Deliverability Manager recommendation: what to fix ({@code type}: DKIM, DMARC,
 * ...) and where. Its texts are cut to a fixed length, so that the table's items and the message
 * stay within their limits however SES words them; {@link #digest()} names it in the table without
 * its texts.
 */
public record Recommendation(String type, String resourceArn, String impact, String description)
        implements Comparable<Recommendation> {

    /**
     * SES's type and impact are short names (DKIM, HIGH); an identity's ARN is some 400 characters
     * at most.
     */
    static final int NAME_LENGTH = 64;

    static final int TEXT_LENGTH = 1024;

    private static final Comparator<Recommendation> ORDER =
            Comparator.comparing(Recommendation::type)
                    .thenComparing(Recommendation::resourceArn)
                    .thenComparing(Recommendation::impact)
                    .thenComparing(Recommendation::description);

    /**
     * The most serious first: HIGH impact before LOW (SES's two values), then as {@link #compareTo}
     * orders them.
     */
    static final Comparator<Recommendation> MOST_SEVERE_FIRST =
            Comparator.comparingInt(
                            (Recommendation r) ->
                                    switch (r.impact()) {
                                        case "HIGH" -> 0;
                                        case "MEDIUM" -> 1;
                                        case "LOW" -> 2;
                                        default -> 3;
                                    })
                    .thenComparing(ORDER);

    public Recommendation {
        type = cut(type, NAME_LENGTH);
        resourceArn = cut(resourceArn, TEXT_LENGTH);
        impact = cut(impact, NAME_LENGTH);
        description = cut(description, TEXT_LENGTH);
    }

    static String cut(String text, int length) {
        if (text == null) {
            return "";
        }
        if (text.length() <= length) {
            return text;
        }
        // never half a surrogate pair: SNS and DynamoDB take valid UTF-8 only
        int end = Character.isHighSurrogate(text.charAt(length - 2)) ? length - 2 : length - 1;
        return text.substring(0, end) + "…";
    }

    /** One line for a change list: {@code DMARC (HIGH) arn:aws:ses:...:identity/example.com}. */
    public String describe() {
        return type + " (" + impact + ") " + resourceArn;
    }

    /**
     * 96 bits of SHA-256 over the four fields, 16 characters: the table keeps every open one by
     * this alone.
     */
    public String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String field : new String[] {type, resourceArn, impact, description}) {
                sha.update(field.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(Arrays.copyOf(sha.digest(), 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public int compareTo(Recommendation other) {
        return ORDER.compare(this, other);
    }
}
