package io.sesfeedback.notification;

/**
 * What kind of problem a message had, in words that quote nothing of it. The function's own log
 * says this; the full problem, which may quote the message (an address, an unreadable time, a type
 * name), stays in the table and in the notification log line.
 */
public enum ProblemKind {
    NOT_JSON("not JSON"),
    INVALID_JSON("invalid JSON"),
    NOT_AN_OBJECT("not a JSON object"),
    NO_TYPE("no type field"),
    UNKNOWN_TYPE("unknown type"),
    MISSING_OBJECT("missing object"),
    WRONG_FIELD_TYPE("field of the wrong type"),
    ID_TOO_LONG("message id too long"),
    UNREADABLE_TIME("unreadable time"),
    UNREADABLE("unreadable message"),
    REFUSED_BY_DYNAMODB("refused by DynamoDB");

    private final String label;

    ProblemKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
