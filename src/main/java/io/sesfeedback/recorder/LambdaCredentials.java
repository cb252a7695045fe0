package io.sesfeedback.recorder;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The credentials Lambda gives the function: one provider per JVM, so that both SDK clients share
 * its cache.
 */
final class LambdaCredentials {

    // Lambda sets the key variables, or under SnapStart its container endpoint; the default chain
    // also reads profiles and more.
    private static final AwsCredentialsProvider PROVIDER =
            AwsCredentialsProviderChain.of(
                    EnvironmentVariableCredentialsProvider.create(),
                    ContainerCredentialsProvider.create());

    private LambdaCredentials() {}

    static AwsCredentialsProvider provider() {
        return PROVIDER;
    }
}
