package io.sesfeedback.tools.targets;

import io.sesfeedback.tools.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stack name of each environment in samconfig.toml: {@code default} is dev, then {@code stg}
 * and {@code prod}.
 */
final class SamConfig {

    private SamConfig() {}

    static String stackName(Path samconfig, String env) {
        Map<String, String> stacks = stackNames(samconfig);
        String section = "dev".equals(env) && !stacks.containsKey("dev") ? "default" : env;
        String stack = stacks.get(section);
        if (stack == null) {
            throw new UserError(
                    "No environment '"
                            + env
                            + "' in "
                            + samconfig
                            + " (it has: "
                            + String.join(", ", stacks.keySet()).replace("default", "dev")
                            + ")");
        }
        return stack;
    }

    /** Config environment to stack_name, from the {@code [ENV.global.parameters]} sections. */
    private static Map<String, String> stackNames(Path samconfig) {
        Map<String, String> stacks = new LinkedHashMap<>();
        sections(samconfig)
                .forEach(
                        (section, keys) -> {
                            if (section.endsWith(".global.parameters")
                                    && keys.containsKey("stack_name")) {
                                stacks.put(
                                        section.substring(0, section.indexOf('.')),
                                        keys.get("stack_name"));
                            }
                        });
        return stacks;
    }

    /**
     * Every section ({@code dev.global.parameters}, ...) and its keys, in the file's order: the
     * plain {@code key = "value"} lines samconfig.toml holds, quotes removed.
     */
    static Map<String, Map<String, String>> sections(Path samconfig) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        String section = "";
        try {
            for (String line : Files.readAllLines(samconfig)) {
                String text = line.strip();
                if (text.startsWith("[") && text.endsWith("]")) {
                    section = text.substring(1, text.length() - 1);
                } else if (!text.startsWith("#") && text.contains("=")) {
                    String key = text.substring(0, text.indexOf('=')).strip();
                    String value =
                            text.substring(text.indexOf('=') + 1).strip().replaceAll("^\"|\"$", "");
                    sections.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(key, value);
                }
            }
        } catch (IOException e) {
            throw new UserError(
                    "Cannot read "
                            + samconfig
                            + ": run from the project folder, or use --stack NAME");
        }
        return sections;
    }
}
