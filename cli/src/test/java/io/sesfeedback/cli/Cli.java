package io.sesfeedback.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** Runs bin/ses-feedback's command line in the test's JVM, on the emulators' endpoints, and keeps what it printed. */
final class Cli {

    static final AwsCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    static final String REGION = "eu-west-1";

    /** Exit code, standard output and standard error of one run. */
    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private Cli() {
    }

    static Targets targets(Map<String, URI> endpoints) {
        return new Targets(endpoints, CREDENTIALS);
    }

    /** A client of the emulator at {@code endpoint}, with the command's credentials and region. */
    static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C client(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static Run run(Targets targets, String... args) {
        return answering(targets, "", args);
    }

    /** A run whose standard input holds {@code answers}: what forget reads when it asks. */
    static Run answering(Targets targets, String answers, String... args) {
        CommandLine commandLine = SesFeedback.commandLine(targets);
        ((ForgetCommand) commandLine.getSubcommands().get("forget").getCommand()).answers =
                new BufferedReader(new StringReader(answers));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
