package io.sesfeedback.tools.operations;

import io.sesfeedback.notification.Json;
import io.sesfeedback.tools.items.Items;
import io.sesfeedback.tools.targets.Environment;
import io.sesfeedback.tools.targets.EveryEnvironment.Outcome;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Help.Ansi;

/**
 * {@code status --all} and {@code report --all} printed: one row per environment as text (its
 * health in colour on a terminal, and always as a word), one JSON object, or CSV (its cells made
 * safe for spreadsheets by {@link Items#csv}). An environment that could not be read is a row with
 * its error, and one line on standard error; the exit is then 1.
 */
public final class EnvironmentTable {

    /** How the rows are printed. */
    public enum Format {
        text,
        json,
        csv
    }

    static final List<String> CSV_COLUMNS =
            List.of(
                    "environment",
                    "health",
                    "stack",
                    "region",
                    "profile",
                    "enforcementStatus",
                    "sending",
                    "accountSuppression",
                    "bounceRate",
                    "bounceLevel",
                    "complaintRate",
                    "complaintLevel",
                    "bounces",
                    "complaints",
                    "suppressedAddresses",
                    "alarmsInAlarm",
                    "breaker",
                    "problems",
                    "error");

    private static final String TEXT_ROW =
            "%-11s %-6s %-22s %-14s %-12s %-11s %-8s %-14s %-14s %8s %10s %10s %6s  %s";

    private static final String LEVELS =
            "Rates: the latest CloudWatch datapoint; ok, alarm (over the stack's alarm), REVIEW (SES reviews at"
                    + " 5% bounces, 0.1% complaints), PAUSE (SES may pause at 10%, 0.5%).";

    private final PrintWriter out;
    private final PrintWriter err;
    private final Ansi ansi;

    public EnvironmentTable(PrintWriter out, PrintWriter err, Ansi ansi) {
        this.out = out;
        this.err = err;
        this.ansi = ansi;
    }

    /** The rows in {@code format}; 1 when an environment could not be read, else 0. */
    public int print(List<Outcome<EnvironmentRow>> rows, Format format, boolean debug) {
        switch (format) {
            case json -> out.println(Json.write(json(rows)));
            case csv -> {
                out.println(Items.csv(CSV_COLUMNS));
                rows.forEach(row -> out.println(Items.csv(csv(row))));
            }
            default -> text(rows);
        }
        out.flush();
        long failed = rows.stream().filter(Outcome::failed).count();
        for (Outcome<EnvironmentRow> row : rows) {
            if (row.failed()) {
                err.println("ses-feedback: " + row.environment().name() + ": " + row.error());
                if (debug) {
                    row.cause().printStackTrace(err);
                }
            }
        }
        err.flush();
        return failed == 0 ? 0 : 1;
    }

    private void text(List<Outcome<EnvironmentRow>> rows) {
        out.println(
                String.format(
                                Locale.ROOT,
                                TEXT_ROW,
                                "ENVIRONMENT",
                                "HEALTH",
                                "STACK",
                                "REGION",
                                "PROFILE",
                                "ENFORCEMENT",
                                "SENDING",
                                "BOUNCE RATE",
                                "COMPLAINT RATE",
                                "BOUNCES",
                                "COMPLAINTS",
                                "SUPPRESSED",
                                "ALARMS",
                                "BREAKER")
                        .stripTrailing());
        List<String> notes = new ArrayList<>();
        String window = null;
        for (Outcome<EnvironmentRow> outcome : rows) {
            Environment env = outcome.environment();
            String health = health(outcome);
            String coloured =
                    ansi.string(
                            "@|"
                                    + colour(health)
                                    + " "
                                    + String.format(Locale.ROOT, "%-6s", health)
                                    + "|@");
            String start =
                    String.format(Locale.ROOT, "%-11s ", env.name())
                            + coloured
                            + String.format(
                                    Locale.ROOT,
                                    " %-22s %-14s %-12s ",
                                    env.stack(),
                                    orElse(env.region(), "(configured)"),
                                    orElse(env.profile(), "(default)"));
            if (outcome.failed()) {
                out.println(start + "cannot be read: " + outcome.error());
                continue;
            }
            EnvironmentRow row = outcome.value();
            window = row.window().source();
            AccountStatus status = row.status();
            out.println(
                    (start
                                    + String.format(
                                            Locale.ROOT,
                                            "%-11s %-8s %-14s %-14s %8s %10s %10s %6s  %s",
                                            enforcement(status),
                                            sending(status),
                                            rate(
                                                    status,
                                                    bounceRate(status),
                                                    status.bounceLevel(),
                                                    2),
                                            rate(
                                                    status,
                                                    complaintRate(status),
                                                    status.complaintLevel(),
                                                    3),
                                            row.window().bounces(),
                                            row.window().complaints(),
                                            row.suppressed(),
                                            row.alarmsInAlarm()
                                                    .map(a -> String.valueOf(a.size()))
                                                    .orElse("?"),
                                            row.breaker().text()))
                            .stripTrailing());
            row.alarmsInAlarm()
                    .filter(a -> !a.isEmpty())
                    .ifPresent(a -> notes.add(env.name() + ": in ALARM: " + String.join(", ", a)));
            status.standing()
                    .filter(s -> s.accountSuppressionWarning() != null)
                    .ifPresent(
                            s ->
                                    notes.add(
                                            env.name()
                                                    + ": SES account-level suppression "
                                                    + s.accountSuppression()
                                                    + ": "
                                                    + s.accountSuppressionWarning()));
            row.problems().forEach(problem -> notes.add(env.name() + ": not read: " + problem));
        }
        notes.forEach(out::println);
        out.println(LEVELS);
        if (window != null) {
            out.println("Bounces and complaints: " + window + ".");
        }
        long failed = rows.stream().filter(Outcome::failed).count();
        if (failed > 0) {
            out.println(failed + " of " + rows.size() + " environments could not be read.");
        }
    }

    private static Map<String, Object> json(List<Outcome<EnvironmentRow>> rows) {
        List<Map<String, Object>> environments = new ArrayList<>();
        for (Outcome<EnvironmentRow> outcome : rows) {
            Environment env = outcome.environment();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("environment", env.name());
            json.put("health", health(outcome));
            json.put("stack", env.stack());
            json.put("region", env.region());
            json.put("profile", env.profile());
            if (outcome.failed()) {
                json.put("error", outcome.error());
            } else {
                EnvironmentRow row = outcome.value();
                AccountStatus status = row.status();
                json.put(
                        "enforcementStatus",
                        status.standing()
                                .map(AccountStatus.Standing::enforcementStatus)
                                .orElse(null));
                json.put(
                        "sendingEnabled",
                        status.standing().map(AccountStatus.Standing::sendingEnabled).orElse(null));
                json.put(
                        "accountSuppression",
                        status.standing()
                                .map(AccountStatus.Standing::accountSuppression)
                                .orElse(null));
                json.put(
                        "suppressedReasons",
                        status.standing()
                                .map(AccountStatus.Standing::suppressedReasons)
                                .orElse(null));
                json.put("bounceRate", bounceRate(status).orElse(null));
                json.put("bounceLevel", status.bounceLevel().map(Enum::name).orElse(null));
                json.put("complaintRate", complaintRate(status).orElse(null));
                json.put("complaintLevel", status.complaintLevel().map(Enum::name).orElse(null));
                json.put("bounces", row.window().bounces());
                json.put("complaints", row.window().complaints());
                json.put("window", row.window().source());
                json.put("suppressedAddresses", row.suppressed());
                json.put("alarmsInAlarm", row.alarmsInAlarm().orElse(null));
                json.put("breaker", row.breaker().text());
                json.put("problems", row.problems());
            }
            environments.add(json);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("environments", environments);
        json.put("unreadable", rows.stream().filter(Outcome::failed).count());
        return json;
    }

    private static List<String> csv(Outcome<EnvironmentRow> outcome) {
        Environment env = outcome.environment();
        List<String> cells = new ArrayList<>();
        cells.add(env.name());
        cells.add(health(outcome));
        cells.add(env.stack());
        cells.add(orElse(env.region(), ""));
        cells.add(orElse(env.profile(), ""));
        if (outcome.failed()) {
            while (cells.size() < CSV_COLUMNS.size() - 1) {
                cells.add("");
            }
            cells.add(outcome.error());
            return cells;
        }
        EnvironmentRow row = outcome.value();
        AccountStatus status = row.status();
        cells.add(status.standing().map(AccountStatus.Standing::enforcementStatus).orElse(""));
        cells.add(status.standing().map(s -> s.sendingEnabled() ? "enabled" : "paused").orElse(""));
        cells.add(status.standing().map(AccountStatus.Standing::accountSuppression).orElse(""));
        cells.add(bounceRate(status).map(String::valueOf).orElse(""));
        cells.add(status.bounceLevel().map(Enum::name).orElse(""));
        cells.add(complaintRate(status).map(String::valueOf).orElse(""));
        cells.add(status.complaintLevel().map(Enum::name).orElse(""));
        cells.add(String.valueOf(row.window().bounces()));
        cells.add(String.valueOf(row.window().complaints()));
        cells.add(String.valueOf(row.suppressed()));
        cells.add(row.alarmsInAlarm().map(a -> String.join(" ", a)).orElse(""));
        cells.add(row.breaker().text());
        cells.add(String.join("; ", row.problems()));
        cells.add("");
        return cells;
    }

    private static String health(Outcome<EnvironmentRow> outcome) {
        return outcome.failed()
                ? EnvironmentRow.Health.ERROR.name()
                : outcome.value().health().name();
    }

    private static String colour(String health) {
        return switch (health) {
            case "GREEN" -> "bold,green";
            case "AMBER" -> "bold,yellow";
            default -> "bold,red";
        };
    }

    private static Optional<Double> bounceRate(AccountStatus status) {
        return status.rates().flatMap(AccountStatus.Rates::bounceRate);
    }

    private static Optional<Double> complaintRate(AccountStatus status) {
        return status.rates().flatMap(AccountStatus.Rates::complaintRate);
    }

    private static String enforcement(AccountStatus status) {
        return status.standing().map(AccountStatus.Standing::enforcementStatus).orElse("?");
    }

    private static String sending(AccountStatus status) {
        return status.standing().map(s -> s.sendingEnabled() ? "enabled" : "PAUSED").orElse("?");
    }

    /**
     * {@code 40.00% PAUSE}; {@code -} without a datapoint, {@code ?} when CloudWatch was not read.
     */
    private static String rate(
            AccountStatus status,
            Optional<Double> rate,
            Optional<AccountStatus.Level> level,
            int decimals) {
        if (status.rates().isEmpty()) {
            return "?";
        }
        return rate.map(
                        r ->
                                String.format(Locale.ROOT, "%." + decimals + "f%%", r * 100)
                                        + " "
                                        + level.map(Enum::name).orElse(""))
                .orElse("-");
    }

    private static String orElse(String value, String otherwise) {
        return value != null ? value : otherwise;
    }
}
