package io.sesfeedback.tools.targets;

import java.nio.file.Path;

/**
 * The project folder, where template.yaml, samconfig.toml and the local store are: bin/ses-feedback
 * passes it.
 */
final class Home {

    private Home() {}

    static Path resolve(String file) {
        return Path.of(System.getProperty("ses-feedback.home", ".")).resolve(file);
    }
}
