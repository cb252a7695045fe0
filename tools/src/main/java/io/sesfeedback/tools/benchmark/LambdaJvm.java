package io.sesfeedback.tools.benchmark;

import io.sesfeedback.testing.lambda.LocalContext;
import io.sesfeedback.testing.moto.MotoDynamoDb;
import io.sesfeedback.tools.targets.RecorderFunction;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Child JVMs started the way the Lambda Java runtime starts its JVM: its flags, the Lambda
 * artifact's classpath (target/classes and the runtime-scope jars, which is what sam build
 * packages), and an environment holding only what Lambda sets and the function's variables. The
 * classpath also holds what the runtime itself provides (aws-lambda-java-serialization) and the few
 * classes that drive the child, copied to a directory of their own.
 */
final class LambdaJvm {

    /** The region the table was created in: moto keeps each region's tables apart. */
    private static final String REGION = MotoDynamoDb.REGION.id();

    static final List<Class<?>> DRIVER_CLASSES =
            List.of(
                    ColdStart.class,
                    PrimedStart.class,
                    WarmPath.class,
                    Workload.class,
                    HandlerRun.class,
                    FloorRun.class,
                    Phases.class,
                    LocalContext.class);

    private final Path java;
    private final List<String> flags;
    private final Artifact artifact;
    private final Path runtimeJar;
    private final Path driverClasses;
    private final Map<String, String> environment;
    private final Path stderr;

    private LambdaJvm(
            Path java,
            List<String> flags,
            Artifact artifact,
            Path runtimeJar,
            Path driverClasses,
            Map<String, String> environment,
            Path stderr) {
        this.java = java;
        this.flags = flags;
        this.artifact = artifact;
        this.runtimeJar = runtimeJar;
        this.driverClasses = driverClasses;
        this.environment = environment;
        this.stderr = stderr;
    }

    static LambdaJvm prepare(
            Path java,
            Artifact artifact,
            Path runtimeJar,
            RecorderFunction function,
            Map<String, String> endpoints,
            Path work)
            throws IOException {
        return new LambdaJvm(
                java,
                flags(function.memoryMb()),
                artifact,
                runtimeJar,
                copyDriverClasses(work.resolve("driver-classes")),
                environment(function, endpoints, work),
                work.resolve("child-stderr.log"));
    }

    /**
     * The Lambda Java runtime's JVM flags that bear on speed and memory (its command line as
     * published for java17; Lambda documents the same C1 setting for java21, and for java25 without
     * SnapStart or provisioned concurrency): a heap of 85% of the function's memory, the serial GC,
     * class data sharing, and the JIT at C1 only. Not here: its own CDS archive
     * (-XX:SharedArchiveFile=/var/lang/lib/server/runtime.jsa) and its Log4j hot-patch agent.
     */
    static List<String> flags(int memoryMb) {
        return List.of(
                "-XX:MaxHeapSize=" + Math.round(memoryMb * 1024 * 0.85) + "k",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "-Djava.net.preferIPv4Stack=true");
    }

    List<String> flags() {
        return flags;
    }

    Artifact artifact() {
        return artifact;
    }

    Path runtimeJar() {
        return runtimeJar;
    }

    Path driverClasses() {
        return driverClasses;
    }

    /** A fresh JVM through init and the first message: the {@link ColdStart} result. */
    Map<String, String> cold(String kind, String input) throws IOException, InterruptedException {
        return spawned(builder(ColdStart.class, kind, input, "spawn millis"));
    }

    /**
     * A fresh JVM through init, the SnapStart hooks and the first message: the {@link PrimedStart}
     * result.
     */
    Map<String, String> primed(String input) throws IOException, InterruptedException {
        return spawned(builder(PrimedStart.class, input, "spawn millis"));
    }

    private Map<String, String> spawned(ProcessBuilder builder)
            throws IOException, InterruptedException {
        List<String> command = builder.command();
        // the spawn time, taken as late as can be
        command.set(command.size() - 1, Long.toString(System.currentTimeMillis()));
        return result(builder.start());
    }

    /** One JVM through a warm-up and then timed messages: the {@link WarmPath} result. */
    Map<String, String> warm(String kind, String input, int warmup, int messages)
            throws IOException, InterruptedException {
        return result(
                builder(
                                WarmPath.class,
                                kind,
                                input,
                                Integer.toString(warmup),
                                Integer.toString(messages))
                        .start());
    }

    private ProcessBuilder builder(Class<?> main, String... args) {
        List<String> classpath = new ArrayList<>(artifact.classpath());
        classpath.add(runtimeJar.toString());
        classpath.add(driverClasses.toString());
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(flags);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder;
    }

    private Map<String, String> result(Process process) throws IOException, InterruptedException {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        String line = output.lines().filter(l -> l.startsWith("result ")).findFirst().orElse(null);
        if (exit != 0 || line == null) {
            throw new IllegalStateException(
                    "A child JVM exited with "
                            + exit
                            + " and no result. Its output:\n"
                            + output
                            + Files.readString(stderr));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : line.substring("result ".length()).split(" ")) {
            int equals = pair.indexOf('=');
            values.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return values;
    }

    private static Map<String, String> environment(
            RecorderFunction function, Map<String, String> endpoints, Path work) {
        Map<String, String> environment = new TreeMap<>();
        environment.put("AWS_REGION", REGION);
        environment.put("AWS_DEFAULT_REGION", REGION);
        environment.put("AWS_ACCESS_KEY_ID", "benchmark");
        environment.put("AWS_SECRET_ACCESS_KEY", "benchmark");
        environment.put("AWS_SESSION_TOKEN", "benchmark");
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        environment.put("_HANDLER", function.handler());
        environment.put("TZ", ":UTC");
        environment.put("LANG", "en_US.UTF-8");
        // Lambda has no ~/.aws: keep this machine's out of the SDK's way
        environment.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
        environment.put(
                "AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-aws-credentials").toString());
        environment.putAll(endpoints);
        environment.putAll(function.variables());
        return environment;
    }

    /**
     * The driver classes and their nested classes, from where this JVM loaded them: a folder of
     * classes, or a jar (the testing build's, once it is installed).
     */
    static Path copyDriverClasses(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> stale = Files.walk(directory)) {
                for (Path path : stale.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        for (Class<?> type : DRIVER_CLASSES) {
            Path source = codeSource(type);
            try (FileSystem jar =
                    Files.isRegularFile(source) ? FileSystems.newFileSystem(source) : null) {
                Path root = jar == null ? source : jar.getPath("/");
                Path folder = root.resolve(type.getPackageName().replace('.', '/'));
                String name = type.getSimpleName();
                String glob = "{" + name + ".class," + name + "$*.class}";
                try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, glob)) {
                    for (Path file : files) {
                        Path copy = directory.resolve(root.relativize(file).toString());
                        Files.createDirectories(copy.getParent());
                        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return directory;
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
