package io.sesfeedback.cli;

import io.sesfeedback.local.LocalFeedbackTable;
import io.sesfeedback.local.LocalStore;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.recorder.FeedbackRecorder;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.store.StorePolicy;
import io.sesfeedback.support.CollectingLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** A local store in a folder, filled through the real recorder as bin/replay fills it; the commands read it with --local-store. */
final class RecordedStore {

    static final Duration RETENTION = Duration.ofDays(400);

    private RecordedStore() {
    }

    /** The store in {@code folder} opened again, for a test to read or change. */
    static LocalFeedbackTable reopen(Path folder) throws IOException {
        return LocalStore.open(folder, false);
    }

    /** A fresh store in {@code folder} holding what the recorder made of {@code messages}, in order. */
    static Path of(Path folder, List<SnsMessage> messages) {
        return of(folder, messages, table -> { });
    }

    /** The same, then {@code afterwards} on the table before it is closed. */
    static Path of(Path folder, List<SnsMessage> messages, Consumer<LocalFeedbackTable> afterwards) {
        return of(folder, messages, StorePolicy.keepingAll(RETENTION, 0), afterwards);
    }

    /** The same, stored by {@code policy}. */
    static Path of(Path folder, List<SnsMessage> messages, StorePolicy policy, Consumer<LocalFeedbackTable> afterwards) {
        try (LocalFeedbackTable table = LocalStore.open(folder, true)) {
            FeedbackRecorder recorder = new FeedbackRecorder(new NotificationParser(),
                    new FeedbackStore(table.client(), table.tableName(), policy, Clock.systemUTC()), new CollectingLog());
            messages.forEach(recorder::record);
            afterwards.accept(table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }
}
