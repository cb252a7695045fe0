package io.sesfeedback.testing.moto;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * A moto server on a free loopback port, started for a test class and stopped after it: every
 * service moto serves, DynamoDB as {@link MotoDynamoDb} serves it (the same process, forked in
 * milliseconds by the JVM's launcher).
 */
public final class MotoServer implements AutoCloseable {

    private final MotoDynamoDb moto;

    private MotoServer(MotoDynamoDb moto) {
        this.moto = moto;
    }

    public static MotoServer start() throws IOException, InterruptedException {
        return new MotoServer(MotoDynamoDb.start());
    }

    public URI endpoint() {
        return moto.endpoint();
    }

    /** The same process, as {@link MotoDynamoDb}: its DynamoDB, its clients. */
    public MotoDynamoDb dynamoDb() {
        return moto;
    }

    public CloudWatchLogsClient cloudWatchLogs(ExecutionInterceptor... interceptors) {
        return CloudWatchLogsClient.builder()
                .overrideConfiguration(
                        configuration -> configuration.executionInterceptors(List.of(interceptors)))
                .endpointOverride(endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        moto.close();
    }
}
