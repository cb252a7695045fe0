package io.sesfeedback.template;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.util.Map;

/**
 * A template's conditions evaluated for parameter values (the others take their defaults), as
 * CloudFormation would: the SAM translator passes them through unevaluated. {@link Intrinsics}
 * evaluates them; the stack name and region do not enter this template's conditions.
 */
final class Conditions {

    private Conditions() {}

    static boolean holds(
            CloudFormationTemplate template, String condition, Map<String, String> parameters) {
        return new Intrinsics(template, "ses-feedback-dev", "eu-west-1", parameters)
                .holds(condition);
    }
}
