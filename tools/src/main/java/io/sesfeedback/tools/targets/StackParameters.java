package io.sesfeedback.tools.targets;

import io.sesfeedback.recorder.RecorderFactory;
import io.sesfeedback.store.StorePolicy;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.tools.UserError;
import java.io.IOException;
import java.util.Map;

/**
 * A stack's parameter values, else template.yaml's defaults (the local store, a table given alone,
 * a stack deployed before a parameter existed). template.yaml is read once, when the target opens.
 */
public final class StackParameters {

    private final Map<String, String> given;
    private final CloudFormationTemplate template;

    public StackParameters(Map<String, String> given, CloudFormationTemplate template) {
        this.given = Map.copyOf(given);
        this.template = template;
    }

    /** The stack's values over the project's template.yaml. */
    static StackParameters of(Map<String, String> given) {
        try {
            return new StackParameters(
                    given, CloudFormationTemplate.load(Home.resolve("template.yaml")));
        } catch (IOException e) {
            throw new UserError(
                    "Cannot read template.yaml: run bin/ses-feedback from the project ("
                            + e.getMessage()
                            + ")");
        }
    }

    public String value(String name) {
        return given.containsKey(name)
                ? given.get(name)
                : String.valueOf(template.parameterDefault(name));
    }

    /** The project's template.yaml: its defaults and names, for what the stack does not say. */
    public CloudFormationTemplate template() {
        return template;
    }

    /**
     * How the recorder stores with these values: template.yaml says which parameter sets which of
     * the function's variables, and the recorder derives its policy from those ({@link
     * RecorderFactory#storePolicy}).
     */
    public StorePolicy storePolicy() {
        return RecorderFactory.storePolicy(
                RecorderFunction.parameterVariables(template, this::value));
    }
}
