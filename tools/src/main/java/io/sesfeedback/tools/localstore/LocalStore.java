package io.sesfeedback.tools.localstore;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.LocalFeedbackTable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The local store: the feedback table on moto's DynamoDB, kept in a journal under {@value
 * #DEFAULT_FOLDER} (every acknowledged write, replayed when the store opens), filled by {@code
 * bin/replay} and read by {@code bin/ses-feedback}; the table is created from template.yaml.
 */
public final class LocalStore {

    public static final String DEFAULT_FOLDER = "target/local-store";
    public static final String TABLE_NAME = "ses-feedback-local-feedback";
    private static final String JOURNAL_FILE = "dynamodb-journal.jsonl";

    private LocalStore() {}

    public static Path journalFile(Path folder) {
        return folder.resolve(JOURNAL_FILE);
    }

    public static LocalFeedbackTable open(Path folder, boolean fresh) throws IOException {
        return open(folder, fresh, Path.of("template.yaml"));
    }

    /** The store in {@code folder}, its table created as {@code template} declares it. */
    public static LocalFeedbackTable open(Path folder, boolean fresh, Path template)
            throws IOException {
        return LocalFeedbackTable.persistent(
                journalFile(folder), fresh, CloudFormationTemplate.load(template), TABLE_NAME);
    }
}
