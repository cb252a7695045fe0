package io.sesfeedback.tools.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.testing.lambda.LocalContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaJvmTest {

    @Test
    void givenADriverClassLoadedFromAJarWhenTheDriverIsPreparedThenItsClassesAreCopied(
            @TempDir Path work) throws Exception {
        // given LocalContext from the installed testing build's jar, as bin/benchmark loads it
        Path source =
                Path.of(
                        LocalContext.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI());
        assertThat(source).isRegularFile();

        // when the driver classes are copied for the child JVMs
        Path copied = LambdaJvm.copyDriverClasses(work.resolve("driver"));

        // then every driver class is there, from folders and from the jar alike
        for (Class<?> type : LambdaJvm.DRIVER_CLASSES) {
            assertThat(copied.resolve(type.getName().replace('.', '/') + ".class")).isRegularFile();
        }
        assertThat(Files.list(copied.resolve("io/sesfeedback/testing/lambda")))
                .anyMatch(file -> file.getFileName().toString().equals("LocalContext.class"));
    }
}
