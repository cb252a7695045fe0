package io.sesfeedback.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * samconfig.toml as "section.key" to value, quotes removed: enough TOML for the flat file it is.
 */
record SamConfigFile(String text, Map<String, String> settings) {

    static SamConfigFile read(Path file) throws IOException {
        String text = Files.readString(file);
        Map<String, String> settings = new LinkedHashMap<>();
        String section = "";
        for (String line : text.lines().map(String::strip).toList()) {
            if (line.startsWith("[")) {
                section = line.substring(1, line.length() - 1);
            } else if (line.contains("=") && !line.startsWith("#")) {
                String[] pair = line.split("=", 2);
                settings.put(
                        section + "." + pair[0].strip(), pair[1].strip().replaceAll("^\"|\"$", ""));
            }
        }
        return new SamConfigFile(text, settings);
    }

    /** The config environments ({@code default}, {@code stg}, ...) that deploy a stack. */
    List<String> environments() {
        return settings.keySet().stream()
                .filter(
                        key ->
                                key.endsWith(".deploy.parameters.capabilities")
                                        || key.endsWith(".global.parameters.stack_name"))
                .map(key -> key.substring(0, key.indexOf('.')))
                .distinct()
                .toList();
    }

    String deploy(String environment, String key) {
        return settings.get(environment + ".deploy.parameters." + key);
    }

    String stackName(String environment) {
        return settings.get(environment + ".global.parameters.stack_name");
    }

    List<String> capabilities(String environment) {
        String value = deploy(environment, "capabilities");
        return value == null ? List.of() : Arrays.asList(value.split("\\s+"));
    }

    /** {@code parameter_overrides} as NAME to value (space-separated NAME=VALUE pairs). */
    Map<String, String> parameterOverrides(String environment) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String overrides = deploy(environment, "parameter_overrides");
        if (overrides != null) {
            for (String pair : overrides.split("\\s+")) {
                String[] nameValue = pair.split("=", 2);
                parameters.put(nameValue[0], nameValue[1]);
            }
        }
        return parameters;
    }
}
