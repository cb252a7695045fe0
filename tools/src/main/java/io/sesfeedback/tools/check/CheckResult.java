package io.sesfeedback.tools.check;

/**
 * One line of check's answer: what was checked, whether it holds, what was seen, and what to do
 * when it does not.
 */
record CheckResult(Status status, String name, String detail, String remedy) {

    enum Status {
        PASSED("✓"),
        FAILED("✗"),
        SKIPPED("·");

        private final String mark;

        Status(String mark) {
            this.mark = mark;
        }
    }

    static CheckResult passed(String name, String detail) {
        return new CheckResult(Status.PASSED, name, detail, null);
    }

    static CheckResult failed(String name, String detail, String remedy) {
        return new CheckResult(Status.FAILED, name, detail, remedy);
    }

    /**
     * Not checked, and why: a feature the stack does not deploy, or a send --no-send leaves out.
     */
    static CheckResult skipped(String name, String why) {
        return new CheckResult(Status.SKIPPED, name, why, null);
    }

    boolean failed() {
        return status == Status.FAILED;
    }

    String line() {
        return status.mark
                + " "
                + name
                + ": "
                + detail
                + (remedy == null ? "" : "\n    to do: " + remedy);
    }
}
