package io.sesfeedback.template;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.SamTranslation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * template.yaml as the dev environment deploys it (stack ses-feedback-dev in eu-west-1) with some
 * parameter values: translated by SAM once per JVM for each set of values, and its values resolved
 * as CloudFormation would (Intrinsics).
 */
final class DevStack {

    static final String NAME = "ses-feedback-dev";
    static final String REGION = "eu-west-1";

    private static final Map<Map<String, String>, CloudFormationTemplate> TRANSLATED =
            new HashMap<>();

    private DevStack() {}

    /** The translated template; Environment is dev, the other parameters take their defaults. */
    static synchronized CloudFormationTemplate translated(Map<String, String> parameters)
            throws Exception {
        CloudFormationTemplate cached = TRANSLATED.get(parameters);
        if (cached == null) {
            cached = SamTranslation.of(Path.of("template.yaml"), dev(parameters)).template();
            TRANSLATED.put(parameters, cached);
        }
        return cached;
    }

    static Intrinsics values(CloudFormationTemplate template, Map<String, String> parameters) {
        return new Intrinsics(template, NAME, REGION, dev(parameters));
    }

    private static Map<String, String> dev(Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        all.put("Environment", "dev");
        return all;
    }
}
