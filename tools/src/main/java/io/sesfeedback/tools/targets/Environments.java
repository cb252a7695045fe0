package io.sesfeedback.tools.targets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Every environment samconfig.toml deploys ({@code [ENV.global.parameters]} with a stack_name;
 * {@code default} is dev), each with its own profile and region. Where each comes from, first
 * found:
 *
 * <ol>
 *   <li>samconfig.toml's {@code profile} and {@code region} of the environment, as {@code sam
 *       deploy --config-env ENV} reads them ({@code [ENV.deploy.parameters]} over {@code
 *       [ENV.global.parameters]});
 *   <li>the variables {@code SES_FEEDBACK_<ENV>_PROFILE} and {@code SES_FEEDBACK_<ENV>_REGION} (ENV
 *       in capitals, any other character than a letter or digit as {@code _}): for accounts whose
 *       profiles are named on each operator's machine, not in the repository;
 *   <li>the command's --profile and --region; else the AWS default credential chain, and the
 *       profile's region or the AWS configuration's.
 * </ol>
 */
final class Environments {

    private Environments() {}

    static List<Environment> of(
            Path samconfig, UnaryOperator<String> variables, String profile, String region) {
        Map<String, Map<String, String>> sections = SamConfig.sections(samconfig);
        List<Environment> environments = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> section : sections.entrySet()) {
            String key = section.getKey();
            if (!key.endsWith(".global.parameters")
                    || !section.getValue().containsKey("stack_name")) {
                continue;
            }
            String config = key.substring(0, key.indexOf('.'));
            String name =
                    "default".equals(config) && !sections.containsKey("dev.global.parameters")
                            ? "dev"
                            : config;
            Map<String, String> global = section.getValue();
            Map<String, String> deploy =
                    sections.getOrDefault(config + ".deploy.parameters", Map.of());
            environments.add(
                    new Environment(
                            name,
                            global.get("stack_name"),
                            first(
                                    deploy.get("profile"),
                                    global.get("profile"),
                                    variables.apply(variable(name, "PROFILE")),
                                    profile),
                            first(
                                    deploy.get("region"),
                                    global.get("region"),
                                    variables.apply(variable(name, "REGION")),
                                    region)));
        }
        return environments;
    }

    /** {@code SES_FEEDBACK_STG_PROFILE} for stg's profile. */
    static String variable(String environment, String what) {
        return "SES_FEEDBACK_"
                + environment.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")
                + "_"
                + what;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
