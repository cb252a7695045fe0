package io.sesfeedback.support;

import java.util.Map;

/**
 * A function's environment variables, as template.yaml sets them: a missing one fails the
 * function's start, naming the variable and where it is set, rather than a later call on null.
 */
public final class Environment {

    private final Map<String, String> variables;
    private final String function;

    /** {@code function}: the function's logical id in template.yaml, for the error. */
    public Environment(Map<String, String> variables, String function) {
        this.variables = variables;
        this.function = function;
    }

    /** The process's environment: Lambda's. */
    public static Environment of(String function) {
        return new Environment(System.getenv(), function);
    }

    public String required(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set (template.yaml, " + function + ")");
        }
        return value;
    }

    /** A variable the function can do without: null when unset. */
    public String optional(String name) {
        return variables.get(name);
    }
}
