package io.sesfeedback.tools.targets;

import io.sesfeedback.testing.template.LocalFeedbackTable;
import io.sesfeedback.tools.UserError;
import io.sesfeedback.tools.localstore.LocalStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The local store a command reads, as bin/replay left it: --local-store, else the project's. */
final class LocalStoreTarget {

    private LocalStoreTarget() {}

    static Path journal(TargetOptions options) {
        return LocalStore.journalFile(folder(options));
    }

    private static Path folder(TargetOptions options) {
        return options.localStore != null
                ? options.localStore
                : Home.resolve(LocalStore.DEFAULT_FOLDER);
    }

    /**
     * The store on moto's DynamoDB; a missing store, or no Python or moto, is one line that says
     * what to do.
     */
    static LocalFeedbackTable open(TargetOptions options) {
        Path journal = journal(options);
        if (!Files.exists(journal)) {
            throw new UserError(
                    "No local store at "
                            + journal
                            + ": run bin/replay first, or give --env, --stack or --table");
        }
        try {
            return LocalStore.open(folder(options), false, Home.resolve("template.yaml"));
        } catch (IllegalStateException e) {
            throw new UserError(
                    "Cannot open the local store: "
                            + e.getMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
