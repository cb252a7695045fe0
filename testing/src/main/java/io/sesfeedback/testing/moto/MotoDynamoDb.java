package io.sesfeedback.testing.moto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * moto's DynamoDB as a process of its own on a free loopback port: what the Lambda's own SDK client
 * talks to, wire protocol, retries and execution interceptors included. It runs {@code
 * moto_dynamodb.py}, shipped beside this class and forked by {@link MotoLauncher}: moto's server
 * (every service) with transactions that roll back only the items they touched, and optionally a
 * journal that keeps DynamoDB's state in a file between runs. Tables live in the region of {@link
 * #REGION}.
 */
public final class MotoDynamoDb implements AutoCloseable {

    /** The region every client of this class uses: moto keeps each region's tables apart. */
    public static final Region REGION = Region.EU_WEST_1;

    /** A long journal is replayed before the port opens. */
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private static MotoDynamoDb shared;

    private final ProcessHandle process;
    private final int port;
    private final Path output;

    private MotoDynamoDb(ProcessHandle process, int port, Path output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** A server of its own, in memory. */
    public static MotoDynamoDb start() {
        return start(List.of());
    }

    /**
     * A server whose DynamoDB is {@code journal}'s: replayed at start, every acknowledged write
     * appended.
     */
    public static MotoDynamoDb journaled(Path journal) {
        return start(List.of("--journal", journal.toAbsolutePath().toString()));
    }

    /**
     * A server on which each access key id is an account of its own, as if each key were of another
     * AWS account (moto puts every key its IAM does not know in one account): a table created with
     * one key is not found with another.
     */
    public static MotoDynamoDb withAccountPerAccessKey() {
        return start(List.of("--account-per-access-key"));
    }

    /**
     * This JVM's server, started on first use and stopped when the JVM exits: the tests' in-memory
     * tables share it, each under a name of its own, so that no test pays for a server of its own.
     * Do not close it.
     */
    public static synchronized MotoDynamoDb shared() {
        if (shared == null) {
            MotoDynamoDb server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "moto-dynamodb-stop"));
            shared = server;
        }
        return shared;
    }

    private static MotoDynamoDb start(List<String> options) {
        int port = Loopback.unusedPort();
        List<String> arguments =
                new ArrayList<>(List.of("--port", Integer.toString(port), "--stop-with-stdin"));
        arguments.addAll(options);
        try {
            Path output = Files.createTempFile("moto-dynamodb", ".log");
            output.toFile().deleteOnExit();
            MotoDynamoDb server =
                    new MotoDynamoDb(MotoLauncher.fork(arguments, output), port, output);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * A client as the Lambda builds it (URL connection HTTP client), with the SDK's own retries off
     * so that faults show.
     */
    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(
                        c ->
                                c.executionInterceptors(List.of(interceptors))
                                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** What the server printed: its start, the journal's replay, errors. */
    public String output() {
        return MotoLauncher.read(output);
    }

    /** Whether the server's process is still there. */
    public boolean running() {
        return process.isAlive();
    }

    /**
     * Ends the process at once (SIGKILL), as a crash or {@code kill -9} would: nothing is flushed
     * or closed.
     */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "moto's DynamoDB exited as it started: " + output());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop();
                    throw new IllegalStateException("Interrupted while moto's DynamoDB started", e);
                }
            }
        }
        stop();
        throw new IllegalStateException(
                "moto's DynamoDB did not listen on port "
                        + port
                        + " within "
                        + STARTUP
                        + ": "
                        + output());
    }

    /**
     * Stops the server (SIGTERM) and waits until it has exited; the shared server stops only with
     * the JVM.
     */
    @Override
    public void close() {
        if (this == shared) {
            throw new IllegalStateException("The shared moto DynamoDB stops when the JVM exits");
        }
        stop();
    }

    private void stop() {
        process.destroy();
        awaitExit();
    }

    /**
     * Polled: the server is the launcher's child, not this JVM's, and the JDK checks on such a
     * process every 300 ms.
     */
    private void awaitExit() {
        try {
            while (process.isAlive()) {
                Thread.sleep(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
