package io.sesfeedback.cli;

import io.sesfeedback.notification.EmailAddress;

/** An address as the user typed it, keyed as the recorder keys it. */
final class Addresses {

    private Addresses() {
    }

    static String key(String typed) {
        EmailAddress.Parsed parsed = EmailAddress.parse(typed);
        if (!parsed.isAddress()) {
            throw new UserError("Not an address: '" + typed + "' (" + parsed.problem() + ")");
        }
        return parsed.address();
    }
}
