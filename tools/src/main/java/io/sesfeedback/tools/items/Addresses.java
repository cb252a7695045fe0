package io.sesfeedback.tools.items;

import io.sesfeedback.notification.EmailAddress;
import io.sesfeedback.tools.UserError;

/** An address as the user typed it, keyed as the recorder keys it. */
public final class Addresses {

    private Addresses() {}

    public static String key(String typed) {
        EmailAddress.Parsed parsed = EmailAddress.parse(typed);
        if (!parsed.isAddress()) {
            throw new UserError("Not an address: '" + typed + "' (" + parsed.problem() + ")");
        }
        return parsed.address();
    }
}
