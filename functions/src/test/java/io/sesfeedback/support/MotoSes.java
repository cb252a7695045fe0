package io.sesfeedback.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * A moto server (through moto_ses.py, which fills moto's gaps in SES notification attributes) on a
 * free loopback port.
 */
public final class MotoSes implements AutoCloseable {

    public static final Region REGION = Region.EU_WEST_1;

    /** moto's default account: the one its ARNs name. */
    public static final String ACCOUNT = "123456789012";

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path output;

    private MotoSes(Process process, int port, Path output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    public static MotoSes start() throws IOException, InterruptedException, URISyntaxException {
        int port;
        try (ServerSocket socket =
                new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path launcher = Path.of(MotoSes.class.getResource("moto_ses.py").toURI());
        Path output = Files.createTempFile("moto-ses", ".log");
        Process process =
                new ProcessBuilder(
                                "python3",
                                launcher.toString(),
                                "-H",
                                "127.0.0.1",
                                "-p",
                                Integer.toString(port))
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
        MotoSes server = new MotoSes(process, port, output);
        server.awaitListening();
        return server;
    }

    /** An SES client; each interceptor sees every call it makes. */
    public SesClient ses(ExecutionInterceptor... interceptors) {
        return client(SesClient.builder(), interceptors);
    }

    /** An SSM client; each interceptor sees every call it makes. */
    public SsmClient ssm(ExecutionInterceptor... interceptors) {
        return client(SsmClient.builder(), interceptors);
    }

    /**
     * A client of any service moto serves (SNS, SQS, ...) on this server; each interceptor sees
     * every call it makes.
     */
    public <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C client(
            B builder, ExecutionInterceptor... interceptors) {
        builder.endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(credentials())
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors)));
        return builder.httpClient(UrlConnectionHttpClient.create()).build();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }

    private void awaitListening() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException(
                        "moto server exited with "
                                + process.exitValue()
                                + ": "
                                + Files.readString(output)
                                + "\nInstall it with: python3 -m pip install -r requirements-dev.txt");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IOException("moto server did not listen on port " + port + " within " + STARTUP);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
