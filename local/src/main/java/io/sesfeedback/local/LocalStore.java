package io.sesfeedback.local;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The local store: the feedback table in a DynamoDB Local database file under {@value #DEFAULT_FOLDER}, filled by
 * {@code bin/replay} and read by {@code bin/ses-feedback}; the table is created from template.yaml.
 */
public final class LocalStore {

    public static final String DEFAULT_FOLDER = "target/local-store";
    public static final String TABLE_NAME = "ses-feedback-local-feedback";
    private static final String DATABASE_FILE = "feedback.db";

    private LocalStore() {
    }

    public static Path databaseFile(Path folder) {
        return folder.resolve(DATABASE_FILE);
    }

    public static EmbeddedFeedbackTable open(Path folder, boolean fresh) throws IOException {
        return open(folder, fresh, Path.of("template.yaml"));
    }

    /** The store in {@code folder}, its table created as {@code template} declares it. */
    public static EmbeddedFeedbackTable open(Path folder, boolean fresh, Path template) throws IOException {
        return EmbeddedFeedbackTable.onDisk(databaseFile(folder), fresh, CloudFormationTemplate.load(template), TABLE_NAME);
    }
}
