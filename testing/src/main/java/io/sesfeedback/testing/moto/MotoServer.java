package io.sesfeedback.testing.moto;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * A moto server on a free loopback port: every service moto serves, DynamoDB as {@link
 * MotoDynamoDb} serves it and SES with the v1 calls moto lacks (moto_ses.py), in a process forked
 * in milliseconds by the JVM's launcher.
 */
public final class MotoServer implements AutoCloseable {

    public static final Region REGION = Region.EU_WEST_1;

    /** moto's default account: the one its ARNs name. */
    public static final String ACCOUNT = "123456789012";

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
        return client(CloudWatchLogsClient.builder(), interceptors);
    }

    /** An SES (API v1) client; each interceptor sees every call it makes. */
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
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("testing", "testing")))
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors)));
        return builder.httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Override
    public void close() throws InterruptedException {
        moto.close();
    }
}
