package io.sesfeedback.notification;

/**
 * Parsed text fields are cut at {@value #MAX_LENGTH} characters (the raw body keeps them whole), so that a
 * message's items always fit DynamoDB's key, item and transaction size limits.
 */
public final class TextFields {

    public static final int MAX_LENGTH = 1000;

    private TextFields() {
    }

    public static String capped(String text) {
        return text == null || text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH);
    }
}
