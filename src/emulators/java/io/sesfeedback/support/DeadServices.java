package io.sesfeedback.support;

import io.sesfeedback.testing.moto.Loopback;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Real SDK clients whose service is down: they point at a loopback port that refuses connections.
 */
public final class DeadServices {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private DeadServices() {}

    public static DynamoDbClient dynamoDb() {
        return unreachable(DynamoDbClient.builder());
    }

    public static CloudWatchLogsClient cloudWatchLogs() {
        return unreachable(CloudWatchLogsClient.builder());
    }

    private static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C unreachable(
            B builder) {
        return builder.endpointOverride(Loopback.deadEndpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
