package io.sesfeedback.tools.cost;

import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The key-heat guard: three mixes replayed through the real handler on the table template.yaml
 * declares, exactly as {@code bin/benchmark --key-heat} replays them, each write charged by
 * DynamoDB's sizing rules to the partition-key value it lands on. DynamoDB gives one key value at
 * most 1,000 write units a second, and a throttled index write fails the table's: no key value of
 * the table or of an index may take more than 1.5/16 of that target's units, and deliveries and
 * bounces must each reach 10,000 notifications a second before one of their key values passes
 * 1,000.
 */
@Tag("moto")
// three replays, each on a table of its own: one waits on moto while another runs the handler
@Execution(ExecutionMode.CONCURRENT)
class KeyHeatGuardTest {

    /**
     * What the hottest key value of a target may take: half again a fair share of the 16 shards.
     */
    static final double HOTTEST_SHARE = 1.5 / FeedbackTable.SHARDS;

    static final double LEAST_CEILING = 10_000;

    /**
     * A target's units before 1.5/16 holds: 50 a shard, enough that a fair spread keeps within it
     * by chance.
     */
    static final double UNITS_IN_VOLUME = 50.0 * FeedbackTable.SHARDS;

    /** A type's notifications before its ceiling is held (about 31 a shard). */
    static final int NOTIFICATIONS_IN_VOLUME = 500;

    @Test
    void theDefaultMixSpreadsDeliveriesOverTheirShards() throws Exception {
        guard(
                List.of(
                        KeyHeat.TABLE,
                        FeedbackTable.TYPE_SHARDS_INDEX,
                        FeedbackTable.MAIL_MESSAGES_INDEX),
                List.of("Delivery"),
                "--sample",
                "1000");
    }

    @Test
    void aBounceStormSpreadsBouncesAndSuppressionsOverTheirShards() throws Exception {
        guard(allTargets(), List.of("Delivery", "Bounce"), "--bounces", "0.5", "--sample", "1800");
    }

    /**
     * A load test mailing 500 addresses again and again, half of it bouncing: each address is a
     * table key value. Its 500 addresses are too few suppressions to hold SuppressedShards to
     * 1.5/16; the bounce storm holds it.
     */
    @Test
    void aLoadTestOverManyAddressesSpreadsOverTheirKeys() throws Exception {
        guard(
                List.of(
                        KeyHeat.TABLE,
                        FeedbackTable.TYPE_SHARDS_INDEX,
                        FeedbackTable.MAIL_MESSAGES_INDEX),
                List.of("Delivery", "Bounce"),
                "--addresses",
                "500",
                "--bounces",
                "0.5",
                "--sample",
                "1100");
    }

    /**
     * Replays the mix, then holds every target to the hottest share (those with fewer units than
     * {@link #UNITS_IN_VOLUME} only to what a fair spread over 16 values gives by chance) and every
     * type seen in volume to the ceiling; {@code inVolume} and {@code typesInVolume} must be seen
     * in volume at this mix, so that the guard does hold them.
     */
    private static void guard(List<String> inVolume, List<String> typesInVolume, String... mix)
            throws Exception {
        CloudFormationTemplate template = CloudFormationTemplate.load(Path.of("template.yaml"));
        KeyHeat heat = CostBenchmark.keyHeat(CostOptions.parse(mix), template);
        SoftAssertions softly = new SoftAssertions();
        List<String> indexes = IndexShape.of(template).stream().map(IndexShape::name).toList();
        softly.assertThat(heat.targets())
                .as("the table and every index take writes")
                .containsAll(allTargets(indexes));
        for (String target : heat.targets()) {
            KeyHeat.Spread spread = heat.spread(target);
            boolean volume = spread.units() >= UNITS_IN_VOLUME;
            if (inVolume.contains(target)) {
                softly.assertThat(volume)
                        .as(
                                "%s takes %,.0f units, enough to hold it to %.1f%%",
                                target, spread.units(), 100 * HOTTEST_SHARE)
                        .isTrue();
            }
            softly.assertThat(spread.hottestShare())
                    .as("%s: the share of its hottest key value %s", target, spread.hottestKey())
                    .isLessThanOrEqualTo(volume ? HOTTEST_SHARE : byChance(spread.units()));
        }
        for (String type : List.of("Delivery", "Bounce")) {
            boolean volume = heat.notifications(type) >= NOTIFICATIONS_IN_VOLUME;
            if (typesInVolume.contains(type)) {
                softly.assertThat(volume)
                        .as("%s notifications: %d", type, heat.notifications(type))
                        .isTrue();
            }
            if (volume) {
                KeyHeat.Ceiling ceiling = heat.ceiling(type);
                softly.assertThat(ceiling.notificationsPerSecond())
                        .as(
                                "%s's ceiling, set by %s %s",
                                type, ceiling.partition().target(), ceiling.partition().keyValue())
                        .isGreaterThanOrEqualTo(LEAST_CEILING);
            }
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        heat.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.out.println(String.join(" ", mix) + "\n" + printed.toString(StandardCharsets.UTF_8));
        softly.assertAll();
    }

    /**
     * The most a fair spread of {@code units} single writes over 16 key values gives one of them,
     * four deviations up.
     */
    static double byChance(double units) {
        double p = 1.0 / FeedbackTable.SHARDS;
        return p + 4 * Math.sqrt(p * (1 - p) / units);
    }

    private static List<String> allTargets() {
        return allTargets(
                List.of(
                        FeedbackTable.TYPE_SHARDS_INDEX,
                        FeedbackTable.MAIL_MESSAGES_INDEX,
                        FeedbackTable.SUPPRESSED_SHARDS_INDEX));
    }

    private static List<String> allTargets(List<String> indexes) {
        List<String> targets = new ArrayList<>(List.of(KeyHeat.TABLE));
        targets.addAll(indexes);
        return targets;
    }
}
