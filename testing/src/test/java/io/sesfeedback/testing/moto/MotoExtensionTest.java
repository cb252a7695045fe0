package io.sesfeedback.testing.moto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The extension's server: one for every class, nested or not, and every kind of parameter, started
 * once in the JVM, whichever class asks first.
 */
@Tag("moto")
@ExtendWith(MotoExtension.class)
class MotoExtensionTest {

    /** The first server any class of this test received. */
    static final AtomicReference<MotoServer> FIRST = new AtomicReference<>();

    private static MotoServer beforeAll;

    static void received(MotoServer moto) {
        FIRST.compareAndSet(null, moto);
        assertThat(moto).isSameAs(FIRST.get());
        assertThat(MotoExtension.starts()).isEqualTo(1);
    }

    @BeforeAll
    static void receiveInBeforeAll(MotoServer moto) {
        beforeAll = moto;
        received(moto);
    }

    @Test
    void methodGetsTheServerOfBeforeAllAndItsDynamoDbIsTheSameProcess(
            MotoServer moto, MotoDynamoDb dynamo) {
        received(moto);

        assertThat(moto).isSameAs(beforeAll);
        assertThat(dynamo).isSameAs(moto.dynamoDb());
        assertThat(dynamo.running()).isTrue();
        String logGroup = "/extension-test/" + UUID.randomUUID();
        try (CloudWatchLogsClient logs = moto.cloudWatchLogs();
                DynamoDbClient client = dynamo.client()) {
            logs.createLogGroup(r -> r.logGroupName(logGroup));
            assertThat(logs.describeLogGroups(r -> r.logGroupNamePrefix(logGroup)).logGroups())
                    .hasSize(1);
            assertThat(client.listTables().tableNames()).isNotNull();
        }
    }

    @Nested
    class Nested1 {

        private final MotoServer constructed;
        private MotoServer beforeEach;

        Nested1(MotoServer moto) {
            constructed = moto;
        }

        @BeforeEach
        void receiveInBeforeEach(MotoServer moto) {
            beforeEach = moto;
        }

        @Test
        void constructorAndBeforeEachGetTheOuterClassesServer() {
            received(constructed);

            assertThat(constructed).isSameAs(beforeAll).isSameAs(beforeEach);
        }
    }

    @Nested
    class Nested2 {

        @Test
        void aSecondNestedClassGetsItToo(MotoServer moto) {
            received(moto);

            assertThat(moto).isSameAs(beforeAll);
        }
    }
}
