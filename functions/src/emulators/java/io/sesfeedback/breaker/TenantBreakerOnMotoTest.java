package io.sesfeedback.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesfeedback.support.Environment;
import io.sesfeedback.support.FailedCall;
import io.sesfeedback.support.FunctionLog;
import io.sesfeedback.testing.iam.RecordedCalls;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.ses.SesV2StandIn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.sesv2.model.GetReputationEntityRequest;
import software.amazon.awssdk.services.sesv2.model.ListTenantsRequest;
import software.amazon.awssdk.services.sesv2.model.UpdateReputationEntityCustomerManagedStatusRequest;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * The tenant check as its schedule runs it: per-tenant Send, Bounce and Complaint in moto's
 * CloudWatch (put with the dimensions TenantName and TenantId, read back with GetMetricData through
 * {@link CloudWatchOverJson}), the tenants on the SES v2 stand-in (moto serves none of the tenant
 * calls), the topic on moto read through a subscribed queue.
 */
@Tag("moto")
class TenantBreakerOnMotoTest {

    private static MotoServer moto;
    private static SesV2StandIn ses;
    private static CloudWatchClient cloudWatch;
    private static MotoInbox inbox;
    private final List<String> lines = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start();
        cloudWatch = moto.client(CloudWatchClient.builder(), new CloudWatchOverJson());
        inbox = MotoInbox.subscribe(moto, "tenant-inbox");
    }

    @BeforeEach
    void standIn() throws Exception {
        ses = SesV2StandIn.start();
    }

    @AfterEach
    void stopStandIn() {
        ses.close();
    }

    @AfterAll
    static void stop() throws Exception {
        cloudWatch.close();
        inbox.close();
        moto.close();
    }

    /** A tenant on the stand-in, with the id its ARN ends with (the TenantId dimension). */
    record StandInTenant(String name, String id) {
        static StandInTenant of(SesV2StandIn ses, String name) {
            String arn = ses.tenant(name).arn();
            return new StandInTenant(name, arn.substring(arn.lastIndexOf('/') + 1));
        }
    }

    /** The tenant's sends, bounces and complaints, five minutes ago, as SES publishes them. */
    static void sent(
            CloudWatchClient cloudWatch,
            StandInTenant tenant,
            double sends,
            double bounces,
            double complaints) {
        Instant at = Instant.now().minus(Duration.ofMinutes(5));
        List<MetricDatum> data = new ArrayList<>();
        double[] values = {sends, bounces, complaints};
        for (int m = 0; m < values.length; m++) {
            if (values[m] > 0) {
                String metric = CloudWatchTenantMetrics.METRICS.get(m);
                double value = values[m];
                data.add(
                        MetricDatum.builder()
                                .metricName(metric)
                                .timestamp(at)
                                .value(value)
                                .dimensions(
                                        d -> d.name("TenantName").value(tenant.name()),
                                        d -> d.name("TenantId").value(tenant.id()))
                                .build());
            }
        }
        if (!data.isEmpty()) {
            cloudWatch.putMetricData(r -> r.namespace("AWS/SES").metricData(data));
        }
    }

    /**
     * The handler as a tenants-only stack (AutoPause Disabled) wires it, on moto and the stand-in.
     */
    static CircuitBreakerHandler handler(
            MotoServer moto, SesV2StandIn ses, ExecutionInterceptor calls, List<String> lines) {
        Environment environment =
                new Environment(
                        Map.of(
                                "AWS_REGION", MotoServer.REGION.id(),
                                "AUTO_PAUSE", "Disabled",
                                "AUTO_PAUSE_TENANTS", "Enabled",
                                "BOUNCE_RATE", "0.04",
                                "COMPLAINT_RATE", "0.0008",
                                "TENANT_MINIMUM_SENDS", "100",
                                "CHECK_MINUTES", "15",
                                "ENVIRONMENT", "dev",
                                "STACK_NAME", CircuitBreakerOnMotoTest.STACK,
                                "TOPIC_ARN", CircuitBreakerOnMotoTest.TOPIC),
                        CircuitBreakerHandler.FUNCTION);
        assertThat(CircuitBreakerHandler.fromEnvironment(environment))
                .as("no alarm breaker with AutoPause Disabled")
                .isNull();
        return new CircuitBreakerHandler(
                null,
                CircuitBreakerHandler.tenantBreaker(
                        environment,
                        ses.client(calls),
                        moto.client(CloudWatchClient.builder(), new CloudWatchOverJson(), calls),
                        moto.client(SnsClient.builder(), calls),
                        Clock.systemUTC()),
                new FunctionLog(lines::add, Clock.systemUTC()));
    }

    /**
     * IAM's view of the tenant check's calls, which RecordedCalls does not know: the tenant's ARN
     * for its reputation entity, "*" for the calls without a resource type.
     */
    static final class TenantCalls implements ExecutionInterceptor {
        final List<RecordedCalls.Call> calls = new ArrayList<>();

        @Override
        public synchronized void beforeExecution(
                Context.BeforeExecution context, ExecutionAttributes attributes) {
            Object request = context.request();
            if (request instanceof ListTenantsRequest) {
                calls.add(new RecordedCalls.Call("ses:ListTenants", "*"));
            } else if (request instanceof GetReputationEntityRequest get) {
                calls.add(
                        new RecordedCalls.Call(
                                "ses:GetReputationEntity", get.reputationEntityReference()));
            } else if (request instanceof UpdateReputationEntityCustomerManagedStatusRequest set) {
                calls.add(
                        new RecordedCalls.Call(
                                "ses:UpdateReputationEntityCustomerManagedStatus",
                                set.reputationEntityReference()));
            } else if (request instanceof GetMetricDataRequest) {
                calls.add(new RecordedCalls.Call("cloudwatch:GetMetricData", "*"));
            } else if (request instanceof PublishRequest publish) {
                calls.add(new RecordedCalls.Call("sns:Publish", publish.topicArn()));
            } else {
                throw new IllegalStateException("not a tenant check's call: " + request);
            }
        }

        synchronized long count(String action) {
            return calls.stream().filter(c -> c.action().equals(action)).count();
        }
    }

    private static List<Map<String, Object>> published() {
        return inbox.published();
    }

    @Test
    void givenFiveTenantsWhenTheScheduleRunsThenOnlyTheOneAtFaultIsPausedAndAnnouncedOnce() {
        TenantCalls calls = new TenantCalls();
        // distinct names per test: moto's CloudWatch keeps every datum for the class's server
        sent(cloudWatch, StandInTenant.of(ses, "acme"), 500, 30, 0);
        sent(cloudWatch, StandInTenant.of(ses, "globex"), 500, 5, 0);
        sent(cloudWatch, StandInTenant.of(ses, "tiny"), 2, 1, 0);
        StandInTenant paused = StandInTenant.of(ses, "paused-already");
        ses.customerStatus(
                paused.name(),
                "DISABLED",
                Instant.now().minus(Duration.ofDays(2)).getEpochSecond());
        sent(cloudWatch, paused, 500, 30, 0);
        StandInTenant resumed = StandInTenant.of(ses, "resumed");
        ses.customerStatus(
                resumed.name(),
                "ENABLED",
                Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond());
        sent(cloudWatch, resumed, 500, 30, 0);
        CircuitBreakerHandler handler = handler(moto, ses, calls, lines);

        assertThat(handler.handleRequest(CircuitBreakerHandler.TENANT_CHECK, null))
                .isEqualTo("PAUSED_TENANTS 1");

        assertThat(ses.tenant("acme").customerStatus()).isEqualTo("DISABLED");
        assertThat(ses.tenant("globex").customerStatus()).isEqualTo("ENABLED");
        assertThat(ses.tenant("tiny").customerStatus()).isEqualTo("ENABLED");
        assertThat(ses.tenant("resumed").customerStatus()).isEqualTo("ENABLED");
        assertThat(published())
                .singleElement()
                .satisfies(
                        message ->
                                assertThat(message)
                                        .containsEntry("notificationType", "CircuitBreaker")
                                        .containsEntry("scope", "Tenant")
                                        .containsEntry("tenant", "acme")
                                        .containsEntry("sends", 500)
                                        .containsEntry("rate", 0.06)
                                        .containsEntry(
                                                "resume",
                                                "bin/ses-feedback resume --env dev --tenant acme"));
        assertThat(String.join("\n", lines))
                .contains(
                        "\"tenants\":5",
                        "\"paused\":[\"acme\"]",
                        "\"already_paused\":[\"paused-already\"]",
                        "\"recently_changed\":[\"resumed\"]");
        assertThat(calls.count("ses:GetReputationEntity"))
                .as("statuses read for the three over a threshold only")
                .isEqualTo(3);

        assertThat(handler.handleRequest(CircuitBreakerHandler.TENANT_CHECK, null))
                .as("the next check")
                .isEqualTo("NOTHING_PAUSED");
        assertThat(published()).isEmpty();
    }

    /** 170 tenants, listed 100 a page: a GetMetricData call for each page (300 and 210 queries). */
    @Test
    void givenMoreTenantsThanOneCallCanQueryWhenTheScheduleRunsThenTheQueriesAreBatched() {
        TenantCalls calls = new TenantCalls();
        ses.pageSize(500);
        for (int i = 0; i < 170; i++) {
            StandInTenant.of(ses, String.format("many-%03d", i));
        }
        sent(cloudWatch, StandInTenant.of(ses, "many-169"), 1000, 100, 0);

        assertThat(
                        handler(moto, ses, calls, lines)
                                .handleRequest(CircuitBreakerHandler.TENANT_CHECK, null))
                .isEqualTo("PAUSED_TENANTS 1");

        assertThat(calls.count("cloudwatch:GetMetricData")).isEqualTo(2);
        assertThat(ses.tenant("many-169").customerStatus()).isEqualTo("DISABLED");
        assertThat(published())
                .singleElement()
                .satisfies(m -> assertThat(m).containsEntry("tenant", "many-169"));
    }

    /** As the alarms' runs: logged and thrown, so that Lambda retries the invocation. */
    @Test
    void givenSesRefusesTheListingWhenTheScheduleRunsThenTheFailureIsLoggedAndThrown() {
        ses.refuseEveryCall(
                new SesV2StandIn.Refusal(
                        403,
                        "AccessDeniedException",
                        "User is not authorized to perform: ses:ListTenants"));
        CircuitBreakerHandler handler = handler(moto, ses, new TenantCalls(), lines);

        assertThatThrownBy(() -> handler.handleRequest(CircuitBreakerHandler.TENANT_CHECK, null))
                .isInstanceOfSatisfying(
                        FailedCall.class,
                        failure -> {
                            assertThat(failure.kind()).isEqualTo(FailedCall.Kind.DENIED);
                            assertThat(failure.action()).isEqualTo("ses:ListTenants");
                        });
        assertThat(String.join("\n", lines))
                .contains(
                        "Not allowed: ses:ListTenants on * (CircuitBreakerRole in template.yaml)",
                        "\"outcome\":\"FAILED\"");
        assertThat(inbox.published()).isEmpty();
    }

    /** GetMetricData answers a metric it does not have with no data: the log line says so. */
    @Test
    void givenTenantsWithoutAnySendInCloudWatchWhenTheScheduleRunsThenTheLogLineWarns() {
        StandInTenant.of(ses, "quiet");

        assertThat(
                        handler(moto, ses, new TenantCalls(), lines)
                                .handleRequest(CircuitBreakerHandler.TENANT_CHECK, null))
                .isEqualTo("NOTHING_PAUSED");

        assertThat(String.join("\n", lines))
                .contains("\"sends\":0", "\"warning\":\"CloudWatch has no Send of any tenant");
    }
}
