package io.sesfeedback.notification;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An email address as the recorder keys it: one key per mailbox, and never the key of a mailbox
 * that the text does not name.
 *
 * <p>{@link #parse} trims spaces (no-break spaces too). It strips a display name only when the
 * whole text has the form {@code display-name <addr-spec>}, where the display name is empty or a
 * phrase: atoms, quoted strings, dots and spaces. Any other angle bracket outside a quoted string
 * makes the text not an address. The addr-spec splits at its one {@code @} outside quoted strings,
 * so {@code "x<victim@example.com>"@evil.example} is a mailbox at evil.example.
 *
 * <ul>
 *   <li>The local part is a dot-atom or a single quoted string, kept with its quotes, of at most 64
 *       UTF-8 bytes. Its ASCII letters are lower-cased, inside quotes too. Every other character
 *       stays exactly as given, with no case mapping or Unicode normalisation (RFC 6531 allows
 *       UTF-8 there).
 *   <li>The domain is lower-cased and written in punycode ({@code xn--} labels), the form SES
 *       requires, so {@code Bücher.DE} and {@code xn--bcher-kva.de} share a key. If lower-casing,
 *       NFKC or IDNA's nameprep would turn a non-ASCII character into ASCII, the text is not an
 *       address. Examples: U+212A KELVIN SIGN would become {@code k}, and {@code ß} would become
 *       {@code ss}. So a look-alike never shares a key with the ASCII domain that it imitates.
 *   <li>A domain literal such as {@code [192.0.2.1]} is not an address: SES sends to domain names,
 *       and an IP literal would need a normal form of its own.
 * </ul>
 *
 * The key is at most {@value #MAX_LENGTH} characters long.
 */
public final class EmailAddress {

    /** The longest address SMTP allows. */
    public static final int MAX_LENGTH = 254;

    private static final int MAX_LOCAL_PART_BYTES = 64;
    private static final int MAX_DOMAIN_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    /** RFC 5322 atext besides ASCII letters and digits. */
    private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

    private EmailAddress() {}

    /** The address as the recorder keys it, or why the text is not an address. */
    public static Parsed parse(String text) {
        try {
            return new Parsed(key(text == null ? "" : trimSpaces(text)), null);
        } catch (NotAnAddress e) {
            return new Parsed(null, e.getMessage());
        }
    }

    /**
     * {@code address} is the normalised key form (null when not an address); {@code problem} says
     * why not (null when it is).
     */
    public record Parsed(String address, String problem) {
        public boolean isAddress() {
            return address != null;
        }
    }

    /**
     * The domain of a key from {@link #parse}: the text after its last {@code @}, which no domain
     * contains.
     */
    public static String domainOf(String normalisedAddress) {
        int at = normalisedAddress.lastIndexOf('@');
        return at < 0 ? "" : normalisedAddress.substring(at + 1);
    }

    private static String key(String value) throws NotAnAddress {
        if (value.isEmpty()) {
            throw new NotAnAddress("empty");
        }
        String outside = outsideQuotes(value);
        int open = outside.indexOf('<');
        int close = outside.indexOf('>');
        if (open < 0 && close < 0) {
            return addrSpec(value);
        }
        // one '<' and one '>', the latter ending the text: display-name <addr-spec>
        if (open < 0 || open != outside.lastIndexOf('<') || close != value.length() - 1) {
            throw new NotAnAddress("'<' or '>' outside a name <address> form");
        }
        checkDisplayName(outside.substring(0, open));
        String spec = trimSpaces(value.substring(open + 1, close));
        if (spec.isEmpty()) {
            throw new NotAnAddress("empty angle address");
        }
        return addrSpec(spec);
    }

    /**
     * A phrase: atoms, dots, spaces and quoted strings; {@code outside} has the quoted text
     * blanked.
     */
    private static void checkDisplayName(String outside) throws NotAnAddress {
        for (int i = 0; i < outside.length(); i += Character.charCount(outside.codePointAt(i))) {
            int c = outside.codePointAt(i);
            if (!(c == '"' || c == '.' || isSpace(c) || isAtext(c))) {
                throw new NotAnAddress(describe(c) + " in the display name");
            }
        }
    }

    private static String addrSpec(String spec) throws NotAnAddress {
        String outside = outsideQuotes(spec);
        int at = outside.lastIndexOf('@');
        if (at < 0) {
            throw new NotAnAddress("no @");
        }
        if (outside.indexOf('@') != at) {
            throw new NotAnAddress("more than one @ outside quotes");
        }
        String key =
                localPart(spec.substring(0, at), outside.substring(0, at))
                        + '@'
                        + domain(spec.substring(at + 1));
        if (key.length() > MAX_LENGTH) {
            throw new NotAnAddress("longer than " + MAX_LENGTH + " characters");
        }
        return key;
    }

    /**
     * A dot-atom or one quoted string, with its ASCII letters lower-cased; {@code outside} has the
     * quoted text blanked.
     */
    private static String localPart(String local, String outside) throws NotAnAddress {
        boolean quoted = outside.startsWith("\"");
        if (quoted && outside.indexOf('"', 1) != outside.length() - 1) {
            throw new NotAnAddress("local part mixes quoted and unquoted text");
        }
        if (local.isEmpty() || local.equals("\"\"")) {
            throw new NotAnAddress("empty local part");
        }
        for (int i = 0; i < local.length(); i += Character.charCount(local.codePointAt(i))) {
            int c = local.codePointAt(i);
            checkCharacter(c);
            if (!quoted && c != '.' && !isAtext(c)) {
                throw new NotAnAddress(
                        isSpace(c)
                                ? "space outside quotes"
                                : describe(c) + " in an unquoted local part");
            }
        }
        if (!quoted && (local.startsWith(".") || local.endsWith("."))) {
            throw new NotAnAddress("local part starts or ends with a dot");
        }
        if (!quoted && local.contains("..")) {
            throw new NotAnAddress("two dots in a row in the local part");
        }
        if (local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_PART_BYTES) {
            throw new NotAnAddress("local part longer than " + MAX_LOCAL_PART_BYTES + " bytes");
        }
        return lowerAscii(local);
    }

    /** The domain in lower-case punycode. */
    private static String domain(String domain) throws NotAnAddress {
        if (domain.isEmpty()) {
            throw new NotAnAddress("empty domain");
        }
        if (domain.startsWith("[")) {
            throw new NotAnAddress("domain literal");
        }
        for (int i = 0; i < domain.length(); i += Character.charCount(domain.codePointAt(i))) {
            checkDomainCharacter(domain.codePointAt(i));
        }
        List<String> labels = new ArrayList<>();
        for (String label : domain.split("\\.", -1)) {
            labels.add(asciiLabel(label));
        }
        String ascii = String.join(".", labels);
        if (ascii.length() > MAX_DOMAIN_LENGTH) {
            throw new NotAnAddress("domain longer than " + MAX_DOMAIN_LENGTH + " characters");
        }
        return ascii;
    }

    /**
     * ASCII letters, digits, hyphens and dots, or a non-ASCII character that stays non-ASCII in
     * punycode.
     */
    private static void checkDomainCharacter(int c) throws NotAnAddress {
        if (isAsciiLetterOrDigit(c) || c == '-' || c == '.') {
            return;
        }
        checkCharacter(c);
        if (isSpace(c)) {
            throw new NotAnAddress("space in the domain");
        }
        if (c < 0x80) {
            throw new NotAnAddress(describe(c) + " in the domain");
        }
        String character = Character.toString(c);
        if (hasAscii(character.toLowerCase(Locale.ROOT))
                || hasAscii(Normalizer.normalize(character, Normalizer.Form.NFKC))
                || hasAscii(nameprep(c))) {
            throw new NotAnAddress(describe(c) + " in the domain would read as ASCII");
        }
    }

    /**
     * What IDNA makes of one character in a domain, in Unicode: case-folded, NFKC, possibly more
     * than one character.
     */
    private static String nameprep(int c) throws NotAnAddress {
        try {
            return IDN.toUnicode(IDN.toASCII(Character.toString(c), IDN.USE_STD3_ASCII_RULES));
        } catch (IllegalArgumentException e) {
            throw new NotAnAddress(describe(c) + " is not allowed in a domain");
        }
    }

    private static String asciiLabel(String label) throws NotAnAddress {
        if (label.isEmpty()) {
            throw new NotAnAddress("empty domain label");
        }
        // nameprep lower-cases a label with non-ASCII in it; IDN leaves an all-ASCII label as it is
        String ascii = hasNonAscii(label) ? punycode(label) : lowerAscii(label);
        if (ascii.length() > MAX_LABEL_LENGTH) {
            throw new NotAnAddress("domain label longer than " + MAX_LABEL_LENGTH + " characters");
        }
        if (ascii.startsWith("-") || ascii.endsWith("-")) {
            throw new NotAnAddress("domain label starts or ends with a hyphen");
        }
        return ascii;
    }

    private static String punycode(String label) throws NotAnAddress {
        try {
            return IDN.toASCII(label, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new NotAnAddress("'" + label + "' is not a valid internationalised domain label");
        }
    }

    /** No control characters and no unpaired surrogates, inside quotes or out. */
    private static void checkCharacter(int c) throws NotAnAddress {
        if (Character.isISOControl(c)) {
            throw new NotAnAddress("control character " + describe(c));
        }
        if (Character.getType(c) == Character.SURROGATE) {
            throw new NotAnAddress("unpaired surrogate " + describe(c));
        }
    }

    /**
     * {@code text} with the inside of each quoted string (backslash pairs included) blanked, the
     * quotes kept, so that its {@code <}, {@code >} and {@code @} are found only outside quotes.
     */
    private static String outsideQuotes(String text) throws NotAnAddress {
        StringBuilder outside = new StringBuilder(text);
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && !quoted) {
                quoted = true;
            } else if (c == '"') {
                quoted = false;
            } else if (quoted) {
                outside.setCharAt(i, ' ');
                if (c == '\\' && i + 1 < text.length()) {
                    outside.setCharAt(++i, ' ');
                }
            }
        }
        if (quoted) {
            throw new NotAnAddress("quoted string without its closing quote");
        }
        return outside.toString();
    }

    /**
     * RFC 5322 atext, with every non-ASCII character that is not a space or control as RFC 6531
     * allows.
     */
    private static boolean isAtext(int c) {
        if (c >= 0x80) {
            return !isSpace(c) && !Character.isISOControl(c);
        }
        return isAsciiLetterOrDigit(c) || ATEXT_SYMBOLS.indexOf(c) >= 0;
    }

    private static boolean isAsciiLetterOrDigit(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean hasAscii(String text) {
        return text.chars().anyMatch(c -> c < 0x80);
    }

    private static boolean hasNonAscii(String text) {
        return text.chars().anyMatch(c -> c >= 0x80);
    }

    /** A-Z to a-z; every other character as it is. */
    private static String lowerAscii(String text) {
        StringBuilder lower = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return lower.toString();
    }

    /** Like {@link String#strip()}, but no-break spaces go too. */
    private static String trimSpaces(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** {@code '@'} for printable ASCII, {@code U+212A} for everything else. */
    private static String describe(int c) {
        return c > 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("U+%04X", c);
    }

    /** Why the text is not an address; thrown without a stack trace, as a parse result. */
    private static final class NotAnAddress extends Exception {
        NotAnAddress(String problem) {
            super(problem, null, false, false);
        }
    }
}
