package io.sesfeedback.tools.targets;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;

/**
 * What one target opened (AWS clients in its region and credentials, the local store), closed
 * together with it.
 */
final class OpenClients implements AutoCloseable {

    private final AwsClients factory;
    private final TargetOptions options;
    private final List<AutoCloseable> opened = new ArrayList<>();

    OpenClients(AwsClients factory, TargetOptions options) {
        this.factory = factory;
        this.options = options;
    }

    TargetOptions options() {
        return options;
    }

    <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C extends AutoCloseable>
            C client(B builder, String service) {
        return closing(factory.client(builder, service, options));
    }

    <R extends AutoCloseable> R closing(R resource) {
        opened.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (AutoCloseable resource : opened) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // closing is best effort; the command's result stands
            }
        }
    }
}
