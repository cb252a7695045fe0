package io.sesfeedback.notification;

/**
 * Parsed text fields are cut at {@value #MAX_LENGTH} characters (the raw body keeps them whole), so
 * that a message's items always fit DynamoDB's key, item and transaction size limits.
 */
public final class TextFields {

    public static final int MAX_LENGTH = 1000;

    private TextFields() {}

    /**
     * The text cut at {@value #MAX_LENGTH} characters, never between the two halves of a surrogate
     * pair.
     */
    public static String capped(String text) {
        if (text == null || text.length() <= MAX_LENGTH) {
            return text;
        }
        int end =
                Character.isHighSurrogate(text.charAt(MAX_LENGTH - 1))
                        ? MAX_LENGTH - 1
                        : MAX_LENGTH;
        return text.substring(0, end);
    }
}
