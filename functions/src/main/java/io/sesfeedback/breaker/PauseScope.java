package io.sesfeedback.breaker;

/**
 * What the breaker pauses (the stack's AutoPause parameter): the stack's configuration set, or the
 * account's sending in a region.
 */
record PauseScope(Mode mode, String configurationSet, String region) {

    enum Mode {
        CONFIGURATION_SET,
        ACCOUNT
    }

    /**
     * From AutoPause's value: ConfigurationSet (with the stack's ConfigurationSetName) or Account.
     */
    static PauseScope of(String autoPause, String configurationSet, String region) {
        return switch (String.valueOf(autoPause)) {
            case "ConfigurationSet" -> {
                if (configurationSet == null || configurationSet.isBlank()) {
                    throw new IllegalStateException(
                            "AutoPause=ConfigurationSet needs the stack's ConfigurationSetName");
                }
                yield new PauseScope(Mode.CONFIGURATION_SET, configurationSet, region);
            }
            case "Account" -> new PauseScope(Mode.ACCOUNT, null, region);
            default ->
                    throw new IllegalStateException(
                            "AUTO_PAUSE is " + autoPause + ": ConfigurationSet or Account");
        };
    }

    /** For the message: what stops, and what goes on. */
    String describe() {
        return mode == Mode.ACCOUNT
                ? "the SES account's sending in "
                        + region
                        + " (every send from this account and region is refused)"
                : "the SES configuration set "
                        + configurationSet
                        + " in "
                        + region
                        + " (mail sent with it is refused; other mail still goes)";
    }
}
