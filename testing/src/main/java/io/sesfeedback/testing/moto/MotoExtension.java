package io.sesfeedback.testing.moto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One moto server for all the tests of a JVM that ask for it: started on first use, kept in the
 * root {@link ExtensionContext}'s store and closed once, when the JVM's tests end. With
 * {@code @ExtendWith(MotoExtension.class)} on a test class, a {@link MotoServer} (every service) or
 * a {@link MotoDynamoDb} (the same process, as its DynamoDB) parameter of a test method, a
 * constructor or a {@code @BeforeAll}/{@code @BeforeEach} method is that server.
 *
 * <p>The classes that share it see each other's data: each names its tables, log groups, queues and
 * stacks uniquely (as {@code LocalFeedbackTable.inMemory} does). Do not close, kill or restart it;
 * a test that does, or that needs a journal or other options, starts a server of its own.
 */
public final class MotoExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MotoExtension.class);

    private static final AtomicInteger STARTS = new AtomicInteger();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == MotoServer.class || type == MotoDynamoDb.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        MotoServer server =
                context.getRoot()
                        .getStore(NAMESPACE)
                        .getOrComputeIfAbsent(Shared.class, type -> new Shared(), Shared.class)
                        .server;
        return parameter.getParameter().getType() == MotoServer.class ? server : server.dynamoDb();
    }

    /** How many servers this extension has started in this JVM: one, once a test has asked. */
    static int starts() {
        return STARTS.get();
    }

    /** The JVM's server, closed by JUnit with the root context. */
    private static final class Shared implements ExtensionContext.Store.CloseableResource {

        private final MotoServer server;

        Shared() {
            try {
                server = MotoServer.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while moto started", e);
            }
            STARTS.incrementAndGet();
        }

        @Override
        public void close() throws InterruptedException {
            server.close();
        }
    }
}
