package io.sesfeedback.tools.targets;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Builds the AWS clients a command needs, from its options: region, profile or the default
 * credential chain, an endpoint (for emulators), and the SDK's standard retries with backoff, so
 * that throttling is retried before it is reported. Tests give their emulators' endpoints per
 * service and static credentials.
 */
public class AwsClients {

    /** Attempts per call, the first included, before throttling is reported. */
    public static final int MAX_ATTEMPTS = 5;

    private final Map<String, URI> endpoints;
    private final AwsCredentialsProvider credentials;

    public AwsClients() {
        this(Map.of(), null);
    }

    /**
     * {@code endpoints} by service ({@code dynamodb}, {@code sqs}, {@code cloudformation}, {@code
     * logs}).
     */
    public AwsClients(Map<String, URI> endpoints, AwsCredentialsProvider credentials) {
        this.endpoints = endpoints;
        this.credentials = credentials;
    }

    protected <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C client(
            B builder, String service, TargetOptions options) {
        B configured =
                builder.httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(
                                c ->
                                        c.retryStrategy(
                                                AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                                        .maxAttempts(MAX_ATTEMPTS)
                                                        .build()));
        if (options.region != null) {
            configured.region(Region.of(options.region));
        } else if (options.profile != null) {
            // the SDK's own region chain reads AWS_PROFILE, not the profile given here
            configured.region(
                    DefaultAwsRegionProviderChain.builder()
                            .profileName(options.profile)
                            .build()
                            .getRegion());
        }
        if (credentials != null) {
            configured.credentialsProvider(credentials);
        } else if (options.profile != null) {
            configured.credentialsProvider(ProfileCredentialsProvider.create(options.profile));
        } else {
            configured.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        URI endpoint = options.endpointUrl != null ? options.endpointUrl : endpoints.get(service);
        if (endpoint != null) {
            configured.endpointOverride(endpoint);
        }
        return configured.build();
    }
}
