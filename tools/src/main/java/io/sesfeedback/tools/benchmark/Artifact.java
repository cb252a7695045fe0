package io.sesfeedback.tools.benchmark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Lambda artifact as sam build packages it: target/classes and the jars of the runtime
 * classpath.
 */
record Artifact(Path classes, List<Path> jars) {

    /** From the file {@code mvn dependency:build-classpath -DincludeScope=runtime} wrote. */
    static Artifact read(Path classes, Path classpathFile) throws IOException {
        String classpath = Files.readString(classpathFile).trim();
        return new Artifact(
                classes, Arrays.stream(classpath.split(File.pathSeparator)).map(Path::of).toList());
    }

    List<String> classpath() {
        List<String> entries = new ArrayList<>();
        entries.add(classes.toString());
        jars.forEach(jar -> entries.add(jar.toString()));
        return entries;
    }

    long bytes() {
        return bytes(classes) + jars.stream().mapToLong(Artifact::bytes).sum();
    }

    /** A file's size, or the sizes of the files under a directory added up. */
    static long bytes(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
