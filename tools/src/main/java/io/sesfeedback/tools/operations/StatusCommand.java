package io.sesfeedback.tools.operations;

import io.sesfeedback.notification.Json;
import io.sesfeedback.tools.ErrorReport;
import io.sesfeedback.tools.UserError;
import io.sesfeedback.tools.targets.AwsClients;
import io.sesfeedback.tools.targets.EveryEnvironment;
import io.sesfeedback.tools.targets.Target;
import io.sesfeedback.tools.targets.TargetCommand;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.SendDataPoint;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "The account's standing with SES now: enforcement status and sending state, SES's account-level"
                    + " suppression (on, partial or off, with a warning when not on for both bounces and complaints),"
                    + " the reputation rates"
                    + " against this stack's alarms and SES's review and pause levels, sends, bounces and complaints over the last"
                    + " 24 hours and 14 days, and about how many more hard bounces the account can take at this volume.",
            "SES tenants, when the account has any: each tenant's sending status (and who disabled it:"
                    + " customer-managed or SES-managed, with the cause), reputation policy, open findings and, from"
                    + " CloudWatch, bounce and complaint rates of the last 24 hours; the worst first, "
                    + TenantStatus.TEXT_ROWS
                    + " in text and the rest counted; --format json or csv on a stack lists every tenant.",
            "GetAccount and CloudWatch are named and skipped when they cannot be read (no permission, or an emulator that"
                    + " does not serve them); the send statistics are the figures, and their error ends the command.",
            "--all: one row per environment of samconfig.toml, each read with its own profile and region: health,"
                    + " enforcement, sending, the rates against SES's levels, bounces and complaints of the last 24 hours,"
                    + " suppressed addresses, alarms in ALARM and the circuit breaker. An environment that cannot be read is"
                    + " named with its error, and the exit is 1.",
            "On a hub (the stack's StackMode output): one row per member account and region the hub recorded, from"
                    + " what the members forwarded: the latest account status (the account watch's), the member's alarms whose"
                    + " latest recorded change is ALARM, and the recipients bounced and complained in the last 24 hours;"
                    + " text, json or csv."
        })
public final class StatusCommand extends TargetCommand {

    @Mixin EveryEnvironment every;

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "text|json|csv",
            description =
                    "With --all or on a hub: text (one row per environment or member account), json (one JSON object) or csv;"
                            + " on a stack, json and csv list its SES tenants (default: ${DEFAULT-VALUE}).")
    EnvironmentTable.Format format;

    @Override
    protected void checkOptions() {
        every.check(targetOptions);
        // a stack named may be a hub, which prints json and csv: known once its outputs are read
        if (!every.asked()
                && format != EnvironmentTable.Format.text
                && !targetOptions.namesStack()) {
            throw formatWithAllOnly();
        }
    }

    private UserError formatWithAllOnly() {
        return new UserError("status prints --format " + format + " with --all only");
    }

    @Override
    protected EveryEnvironment everyEnvironment() {
        return every;
    }

    @Override
    protected int runEveryEnvironment(EveryEnvironment every, AwsClients aws, PrintWriter out) {
        return new EnvironmentTable(out, err(), spec.commandLine().getColorScheme().ansi())
                .print(
                        every.read(aws, targetOptions, EnvironmentRow::read),
                        format,
                        targetOptions.debug());
    }

    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration TWO_WEEKS = Duration.ofDays(14);

    @Override
    protected int run(Target target, PrintWriter out) {
        if (target.hub()) {
            Instant until = Instant.now();
            new MemberTable(out)
                    .print(
                            target.description(),
                            MemberStatus.read(target.queries(), until.minus(DAY), until),
                            until.minus(DAY),
                            until,
                            format);
            return 0;
        }
        SesV2Client ses = target.client(SesV2Client.builder(), "sesv2");
        if (format != EnvironmentTable.Format.text) {
            // on a stack: the tenants, every one; ListTenants' error ends the command
            TenantStatus tenants =
                    TenantReader.withTraffic(
                            TenantReader.read(ses),
                            target.client(CloudWatchClient.builder(), "cloudwatch"),
                            Integer.MAX_VALUE);
            if (format == EnvironmentTable.Format.json) {
                out.println(Json.write(tenants.json()));
            } else {
                tenants.csv().forEach(out::println);
            }
            return 0;
        }
        read(target).lines().forEach(out::println);
        tenantLines(target, ses).forEach(out::println);
        return 0;
    }

    /**
     * The tenant section: none without tenants; ListTenants' error named in one line. CloudWatch is
     * read for the tenants printed only.
     */
    private static List<String> tenantLines(Target target, SesV2Client ses) {
        TenantStatus tenants;
        try {
            tenants = TenantReader.read(ses);
        } catch (SdkException e) {
            return List.of("SES tenants: not available (" + ErrorReport.describe(e) + ")");
        }
        if (tenants.tenants().isEmpty()) {
            return List.of();
        }
        return TenantReader.withTraffic(
                        tenants,
                        target.client(CloudWatchClient.builder(), "cloudwatch"),
                        TenantStatus.TEXT_ROWS)
                .lines();
    }

    /**
     * The account's status as the target's credentials and region read it: GetAccount's and
     * CloudWatch's errors named in it, the send statistics' thrown.
     */
    static AccountStatus read(Target target) {
        Optional<AccountStatus.Standing> standing = Optional.empty();
        String standingProblem = null;
        try {
            standing =
                    Optional.of(
                            standing(
                                    target.client(SesV2Client.builder(), "sesv2")
                                            .getAccount(r -> {})));
        } catch (SdkException e) {
            standingProblem = ErrorReport.describe(e);
        }
        Optional<AccountStatus.Rates> rates = Optional.empty();
        String ratesProblem = null;
        try {
            rates = Optional.of(rates(target.client(CloudWatchClient.builder(), "cloudwatch")));
        } catch (SdkException e) {
            ratesProblem = ErrorReport.describe(e);
        }
        List<SendDataPoint> points =
                target.client(SesClient.builder(), "ses").getSendStatistics().sendDataPoints();
        Instant now = Instant.now();
        AccountStatus status =
                new AccountStatus(
                        standing,
                        standingProblem,
                        rates,
                        ratesProblem,
                        sending(points, now.minus(DAY)),
                        sending(points, now.minus(TWO_WEEKS)),
                        new AccountStatus.Thresholds(
                                Double.parseDouble(target.parameter("BounceRateThreshold")),
                                Double.parseDouble(target.parameter("ComplaintRateThreshold"))));
        return status;
    }

    private static AccountStatus.Standing standing(GetAccountResponse account) {
        return new AccountStatus.Standing(
                String.valueOf(account.enforcementStatus()),
                Boolean.TRUE.equals(account.sendingEnabled()),
                Boolean.TRUE.equals(account.productionAccessEnabled()),
                account.sendQuota() == null ? 0 : account.sendQuota().max24HourSend(),
                account.sendQuota() == null ? 0 : account.sendQuota().maxSendRate(),
                account.sendQuota() == null ? 0 : account.sendQuota().sentLast24Hours(),
                // left out or empty when suppression is off (which one SES answers is not
                // documented)
                account.suppressionAttributes() == null
                        ? List.of()
                        : account.suppressionAttributes().suppressedReasonsAsStrings());
    }

    /** The latest hourly average of each reputation rate in the last day. */
    private static AccountStatus.Rates rates(CloudWatchClient cloudWatch) {
        Instant now = Instant.now();
        GetMetricDataResponse data =
                cloudWatch.getMetricData(
                        r ->
                                r.startTime(now.minus(DAY))
                                        .endTime(now)
                                        .metricDataQueries(
                                                rate("bounce", "Reputation.BounceRate"),
                                                rate("complaint", "Reputation.ComplaintRate")));
        return new AccountStatus.Rates(latest(data, "bounce"), latest(data, "complaint"));
    }

    private static MetricDataQuery rate(String id, String metric) {
        return MetricDataQuery.builder()
                .id(id)
                .metricStat(
                        s ->
                                s.stat("Average")
                                        .period(3600)
                                        .metric(m -> m.namespace("AWS/SES").metricName(metric)))
                .build();
    }

    /** CloudWatch gives the newest value first. */
    private static Optional<Double> latest(GetMetricDataResponse data, String id) {
        return data.metricDataResults().stream()
                .filter(result -> id.equals(result.id()))
                .findFirst()
                .map(MetricDataResult::values)
                .filter(values -> !values.isEmpty())
                .map(values -> values.get(0));
    }

    private static AccountStatus.Sending sending(List<SendDataPoint> points, Instant since) {
        List<SendDataPoint> inWindow =
                points.stream().filter(point -> !point.timestamp().isBefore(since)).toList();
        return new AccountStatus.Sending(
                sum(inWindow, SendDataPoint::deliveryAttempts),
                sum(inWindow, SendDataPoint::bounces),
                sum(inWindow, SendDataPoint::complaints),
                sum(inWindow, SendDataPoint::rejects));
    }

    /** A data point's fields are optional: a missing one counts 0. */
    private static long sum(List<SendDataPoint> points, Function<SendDataPoint, Long> field) {
        return points.stream().map(field).filter(Objects::nonNull).mapToLong(Long::longValue).sum();
    }
}
