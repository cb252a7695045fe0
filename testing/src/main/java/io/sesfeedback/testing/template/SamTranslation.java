package io.sesfeedback.testing.template;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A SAM template as CloudFormation deploys it: the SAM translator (python3 with aws-sam-translator,
 * from requirements-dev.txt) run offline on it. The translated JSON stays in {@code
 * target/sam-translation/}, ready to create a stack from.
 */
public record SamTranslation(Path file, CloudFormationTemplate template) {

    /**
     * Where the recorder's code ({@code CodeUri: .}) is, as sam deploy would have uploaded it; a
     * function in a folder gets a key named after the folder in the same bucket ({@code
     * functions.zip}).
     */
    public static final String CODE_URI = "s3://ses-feedback-artifacts/recorder.zip";

    /** The region the translator builds ARNs for; the tests' emulators use the same. */
    public static final String REGION = "eu-west-1";

    private static final long TIMEOUT_SECONDS = 120;

    /** Room for ".json.log" within a file system's 255-byte names. */
    private static final int MAX_NAME = 200;

    /**
     * Translates {@code samTemplate} with these parameter values (the others take their defaults).
     */
    public static SamTranslation of(Path samTemplate, Map<String, String> parameterValues)
            throws IOException, InterruptedException {
        Map<String, String> parameters = new TreeMap<>(parameterValues);
        Path output =
                Path.of("target", "sam-translation", fileName(samTemplate, parameters) + ".json");
        // the same template and values translate the same: once per JVM, each caller its own copy
        String key = Files.readString(samTemplate) + "\0" + parameters;
        String translated = TRANSLATED.get(key);
        if (translated == null) {
            translate(samTemplate, parameters, output);
            TRANSLATED.put(key, Files.readString(output));
        } else if (!Files.exists(output) || !Files.readString(output).equals(translated)) {
            // whole or not at all, for a reader of the same file in another thread
            Path copy = Files.createTempFile(output.getParent(), "translation", ".json");
            Files.writeString(copy, translated);
            Files.move(
                    copy,
                    output,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        return new SamTranslation(output, CloudFormationTemplate.load(output));
    }

    /** Each translation's JSON by template text and parameter values, in this JVM. */
    private static final Map<String, String> TRANSLATED = new ConcurrentHashMap<>();

    private static void translate(Path samTemplate, Map<String, String> parameters, Path output)
            throws IOException, InterruptedException {
        Path report = output.resolveSibling(output.getFileName() + ".log");
        Files.createDirectories(output.getParent());
        Files.deleteIfExists(output);

        List<String> command =
                new ArrayList<>(
                        List.of(
                                "python3",
                                "-c",
                                script(),
                                samTemplate.toString(),
                                output.toString(),
                                CODE_URI));
        parameters.forEach((name, value) -> command.add(name + "=" + value));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(report.toFile());
        builder.environment().put("AWS_DEFAULT_REGION", REGION);
        builder.environment().remove("AWS_PROFILE");
        Process translator = builder.start();

        if (!translator.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            translator.destroyForcibly().waitFor();
            throw new IOException(
                    "The SAM translator did not finish "
                            + samTemplate
                            + " within "
                            + TIMEOUT_SECONDS
                            + " s");
        }
        if (translator.exitValue() != 0) {
            throw new IOException(
                    "The SAM translator failed on "
                            + samTemplate
                            + ": "
                            + Files.readString(report).strip()
                            + "\nInstall it with: python3 -m pip install -r requirements-dev.txt");
        }
    }

    private static String fileName(Path samTemplate, Map<String, String> parameters) {
        StringBuilder name =
                new StringBuilder(
                        samTemplate.getFileName().toString().replaceFirst("\\.[^.]*$", ""));
        parameters.forEach(
                (parameter, value) -> name.append('-').append(parameter).append('=').append(value));
        String file = name.toString().replaceAll("[^A-Za-z0-9._=-]", "_");
        // a file name has at most 255 bytes: long values (GUIDs, say) keep a prefix and a hash of
        // the whole
        return file.length() <= MAX_NAME
                ? file
                : file.substring(0, MAX_NAME - 9) + "-" + Integer.toHexString(file.hashCode());
    }

    private static String script() throws IOException {
        try (InputStream source = SamTranslation.class.getResourceAsStream("sam_translate.py")) {
            if (source == null) {
                throw new IOException(
                        "sam_translate.py is missing beside " + SamTranslation.class.getName());
            }
            return new String(source.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
