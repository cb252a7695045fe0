package io.sesfeedback.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.EmailAddress.Parsed;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    private static final String VICTIM = "victim@example.com";

    // ---- what the parser already relied on

    @Test
    void addressIsLowerCased() {
        Parsed parsed = EmailAddress.parse("Jane.Doe@Example.COM");

        assertThat(parsed.isAddress()).isTrue();
        assertThat(parsed.address()).isEqualTo("jane.doe@example.com");
        assertThat(parsed.problem()).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                " jane.doe@example.com ",
                "jane.doe@example.com\u00a0",
                "\u2003\tJane.Doe@example.com\u202f\n"
            })
    void surroundingSpacesAndNoBreakSpacesAreTrimmed(String text) {
        assertThat(EmailAddress.parse(text).address()).isEqualTo("jane.doe@example.com");
    }

    @Test
    void trailingNoBreakSpaceAfterAnUpperCaseAddressIsTrimmed() {
        assertThat(EmailAddress.parse("A@B.C\u00a0").address()).isEqualTo("a@b.c");
    }

    static Stream<Arguments> whatTheParserAlreadyLeftOut() {
        return Stream.of(
                Arguments.of("", "empty"),
                Arguments.of("\u00a0", "empty"),
                Arguments.of("  ", "empty"),
                Arguments.of("no-at-sign", "no @"),
                Arguments.of("\"\"", "no @"),
                Arguments.of("a@b@c", "more than one @ outside quotes"),
                Arguments.of("@b.c", "empty local part"),
                Arguments.of("a@", "empty domain"),
                Arguments.of("<>", "empty angle address"),
                Arguments.of("< \u00a0 >", "empty angle address"));
    }

    @ParameterizedTest
    @MethodSource("whatTheParserAlreadyLeftOut")
    void whatTheParserAlreadyLeftOutIsNotAnAddress(String text, String problem) {
        Parsed parsed = EmailAddress.parse(text);

        assertThat(parsed.isAddress()).isFalse();
        assertThat(parsed.address()).isNull();
        assertThat(parsed.problem()).isEqualTo(problem);
    }

    @Test
    void nullIsNotAnAddress() {
        assertThat(EmailAddress.parse(null)).isEqualTo(new Parsed(null, "empty"));
    }

    // ---- display names

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            '"Jane Doe" <Jane.Doe@Example.COM>'          | jane.doe@example.com
            <a@b.c>                                      | a@b.c
            Jane Doe <jane@example.com>                  | jane@example.com
            Dr. Jane Q. Doe <jane@example.com>           | jane@example.com
            '"Doe, Jane" <jane@example.com>'             | jane@example.com
            '"Jane \\"JD\\" Doe" <jane@example.com>'     | jane@example.com
            '"<evil@evil.example>" <jane@example.com>'   | jane@example.com
            Jürgen Groß <juergen@example.de>             | juergen@example.de
            '  \u00a0<  jane@example.com \u00a0>  '      | jane@example.com
            """)
    void displayNameIsStrippedWhenTheWholeTextIsANameAndAnAngleAddress(
            String text, String address) {
        assertThat(EmailAddress.parse(text).address()).isEqualTo(address);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            evil@evil.example <victim@example.com>   | '@' in the display name
            'Doe, Jane <victim@example.com>'         | ',' in the display name
            Jane (JD) <victim@example.com>           | '(' in the display name
            Jane: <victim@example.com>               | ':' in the display name
            """)
    void displayNameThatIsNotAPhraseIsNotAnAddress(String text, String problem) {
        assertThat(EmailAddress.parse(text)).isEqualTo(new Parsed(null, problem));
    }

    @Test
    void controlCharacterInTheDisplayNameIsNotAnAddress() {
        assertThat(EmailAddress.parse("Jane\u0000 <victim@example.com>"))
                .isEqualTo(new Parsed(null, "U+0000 in the display name"));
    }

    // ---- the bug: an angle address inside a quoted local part is not the mailbox

    @Test
    void quotedLocalPartContainingAnAngleAddressIsNotTheVictim() {
        Parsed parsed = EmailAddress.parse("\"x<victim@example.com>\"@evil.example");

        assertThat(parsed.address()).isEqualTo("\"x<victim@example.com>\"@evil.example");
        assertThat(EmailAddress.domainOf(parsed.address())).isEqualTo("evil.example");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            '"X<Victim@Example.COM>"@Evil.Example'             | '"x<victim@example.com>"@evil.example'
            'Evil <"x<victim@example.com>"@evil.example>'      | '"x<victim@example.com>"@evil.example'
            '"x\\"<victim@example.com>"@evil.example'          | '"x\\"<victim@example.com>"@evil.example'
            '"<victim@example.com>"@evil.example'              | '"<victim@example.com>"@evil.example'
            '"victim@example.com"@evil.example'                | '"victim@example.com"@evil.example'
            """)
    void angleAddressInsideQuotesStaysInTheLocalPartOfTheRealDomain(String text, String address) {
        Parsed parsed = EmailAddress.parse(text);

        assertThat(parsed.address()).isEqualTo(address);
        assertThat(EmailAddress.domainOf(parsed.address())).isEqualTo("evil.example");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            'victim@example.com>"@evil.example'            | quoted string without its closing quote
            '<victim@example.com>"@evil.example'           | quoted string without its closing quote
            'x <victim@example.com>"@evil.example"'        | '<' or '>' outside a name <address> form
            <victim@example.com>@evil.example              | '<' or '>' outside a name <address> form
            a<victim@example.com>b@evil.example            | '<' or '>' outside a name <address> form
            '"x" <victim@example.com> trailing'            | '<' or '>' outside a name <address> form
            <victim@example.com                            | '<' or '>' outside a name <address> form
            victim@example.com>                            | '<' or '>' outside a name <address> form
            <<victim@example.com>>                         | '<' or '>' outside a name <address> form
            <a@evil.example> <victim@example.com>          | '<' or '>' outside a name <address> form
            x@evil.example<victim@example.com>             | '@' in the display name
            <"a"<victim@example.com>>                      | '<' or '>' outside a name <address> form
            """)
    void angleBracketJunkAroundTheVictimIsNotAnAddress(String text, String problem) {
        Parsed parsed = EmailAddress.parse(text);

        assertThat(parsed.address()).isNotEqualTo(VICTIM).isNull();
        assertThat(parsed.problem()).isEqualTo(problem);
    }

    // ---- local part

    @Test
    void plusTagIsKept() {
        assertThat(EmailAddress.parse("Jane+News@x.com").address()).isEqualTo("jane+news@x.com");
    }

    @Test
    void everyAtextSymbolIsAllowedOutsideQuotes() {
        assertThat(EmailAddress.parse("A!#$%&'*+-/=?^_`{|}~.Z@x.com").address())
                .isEqualTo("a!#$%&'*+-/=?^_`{|}~.z@x.com");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            '"Jane Doe"@Example.COM'    | '"jane doe"@example.com'
            '"A\\"B"@x.com'             | '"a\\"b"@x.com'
            '"A\\\\B"@x.com'            | '"a\\\\b"@x.com'
            '"a..b."@x.com'             | '"a..b."@x.com'
            '"a@b"@x.com'               | '"a@b"@x.com'
            '"  "@x.com'                | '"  "@x.com'
            '"Jürgen"@x.com'            | '"jürgen"@x.com'
            """)
    void quotedLocalPartKeepsItsQuotesAndLowerCasesOnlyItsAsciiLetters(
            String text, String address) {
        assertThat(EmailAddress.parse(text).address()).isEqualTo(address);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            .jane@x.com          | local part starts or ends with a dot
            jane.@x.com          | local part starts or ends with a dot
            ja..ne@x.com         | two dots in a row in the local part
            'ja ne@x.com'        | space outside quotes
            'ja\u00a0ne@x.com'   | space outside quotes
            'jane @x.com'        | space outside quotes
            ja(ne)@x.com         | '(' in an unquoted local part
            'ja,ne@x.com'        | ',' in an unquoted local part
            ja\\ne@x.com         | '\\' in an unquoted local part
            ja[ne]@x.com         | '[' in an unquoted local part
            'ja"n"e@x.com'       | '"' in an unquoted local part
            '"ja"ne@x.com'       | local part mixes quoted and unquoted text
            '"ja".ne@x.com'      | local part mixes quoted and unquoted text
            '"ja""ne"@x.com'     | local part mixes quoted and unquoted text
            '""@x.com'           | empty local part
            '"jane@x.com'        | quoted string without its closing quote
            '"jane\\"@x.com'     | quoted string without its closing quote
            """)
    void localPartThatIsNeitherADotAtomNorOneQuotedStringIsNotAnAddress(
            String text, String problem) {
        assertThat(EmailAddress.parse(text)).isEqualTo(new Parsed(null, problem));
    }

    static Stream<Arguments> controlCharactersAndUnpairedSurrogates() {
        return Stream.of(
                Arguments.of("ja\u0000ne@x.com", "control character U+0000"),
                Arguments.of("\"ja\u0007ne\"@x.com", "control character U+0007"),
                Arguments.of("ja\u0085ne@x.com", "control character U+0085"),
                Arguments.of("jane@x\u007f.com", "control character U+007F"),
                Arguments.of("ja\ud800ne@x.com", "unpaired surrogate U+D800"),
                Arguments.of("\"ja\udc00ne\"@x.com", "unpaired surrogate U+DC00"),
                Arguments.of("jane@x\udc00.com", "unpaired surrogate U+DC00"));
    }

    @ParameterizedTest
    @MethodSource("controlCharactersAndUnpairedSurrogates")
    void controlCharacterOrUnpairedSurrogateInsideOrOutsideQuotesIsNotAnAddress(
            String text, String problem) {
        assertThat(EmailAddress.parse(text)).isEqualTo(new Parsed(null, problem));
    }

    @Test
    void localPartOfSixtyFourBytesIsAnAddressButNotOfSixtyFive() {
        assertThat(EmailAddress.parse("x".repeat(64) + "@example.com").isAddress()).isTrue();
        assertThat(EmailAddress.parse("x".repeat(65) + "@example.com").problem())
                .isEqualTo("local part longer than 64 bytes");
        assertThat(EmailAddress.parse("x".repeat(300) + "@example.com").problem())
                .isEqualTo("local part longer than 64 bytes");
    }

    @Test
    void localPartLengthIsCountedInUtf8Bytes() {
        assertThat(EmailAddress.parse("ü".repeat(32) + "@example.com").isAddress()).isTrue();
        assertThat(EmailAddress.parse("ü".repeat(33) + "@example.com").problem())
                .isEqualTo("local part longer than 64 bytes");
    }

    @Test
    void nonAsciiLettersOfTheLocalPartKeepTheirCase() {
        assertThat(EmailAddress.parse("JÖRG.Müller@Example.DE").address())
                .isEqualTo("jÖrg.müller@example.de");
        assertThat(EmailAddress.parse("ΣΟΦΙΑ@example.gr").address()).isEqualTo("ΣΟΦΙΑ@example.gr");
    }

    @Test
    void localPartIsNotUnicodeNormalised() {
        String composed = EmailAddress.parse("j\u00fcrgen@example.de").address();
        String decomposed = EmailAddress.parse("ju\u0308rgen@example.de").address();

        assertThat(composed).isEqualTo("j\u00fcrgen@example.de");
        assertThat(decomposed).isEqualTo("ju\u0308rgen@example.de");
    }

    // ---- look-alikes: never an ASCII key from a non-ASCII character

    /**
     * Non-ASCII characters that lower-casing, NFKC or nameprep would turn into ASCII, with the
     * ASCII they imitate.
     */
    static Stream<Arguments> lookAlikes() {
        return Stream.of(
                Arguments.of("\u212a", "k"), // KELVIN SIGN: lower-cases to k
                Arguments.of(
                        "\u0130",
                        "i"), // LATIN CAPITAL LETTER I WITH DOT ABOVE: lower-cases to i + U+0307
                Arguments.of("\uff21", "a"), // FULLWIDTH LATIN CAPITAL LETTER A: NFKC to A
                Arguments.of("\u037e", ";"), // GREEK QUESTION MARK: NFKC to ;
                Arguments.of("\u017f", "s"), // LATIN SMALL LETTER LONG S: NFKC to s
                Arguments.of("\u00df", "ss"), // LATIN SMALL LETTER SHARP S: nameprep to ss
                Arguments.of("\ufb01", "fi"), // LATIN SMALL LIGATURE FI: NFKC to fi
                Arguments.of("\u2082", "2"), // SUBSCRIPT TWO: NFKC to 2
                Arguments.of("\ud835\udc00", "a"), // MATHEMATICAL BOLD CAPITAL A: NFKC to A
                Arguments.of("\uff0e", "."), // FULLWIDTH FULL STOP: NFKC to .
                Arguments.of("\u2024", "."), // ONE DOT LEADER: NFKC to .
                Arguments.of(
                        "\u3002",
                        ".")); // IDEOGRAPHIC FULL STOP: IDNA reads it as a label separator
    }

    @ParameterizedTest
    @MethodSource("lookAlikes")
    void lookAlikeInTheLocalPartIsKeptAndGetsItsOwnKey(String lookAlike, String ascii) {
        Parsed parsed = EmailAddress.parse("us" + lookAlike + "er@example.com");
        Parsed imitated = EmailAddress.parse("us" + ascii + "er@example.com");

        assertThat(parsed.address()).isEqualTo("us" + lookAlike + "er@example.com");
        assertThat(parsed.address()).isNotEqualTo(imitated.address());
    }

    @ParameterizedTest
    @MethodSource("lookAlikes")
    void lookAlikeInTheDomainIsNotAnAddress(String lookAlike) {
        Parsed parsed = EmailAddress.parse("user@ex" + lookAlike + "ample.com");

        assertThat(parsed.isAddress()).isFalse();
        assertThat(parsed.problem())
                .isEqualTo("U+%04X in the domain would read as ASCII", lookAlike.codePointAt(0));
    }

    @Test
    void kelvinSignDomainNeverSharesAKeyWithTheAsciiDomain() {
        Parsed lookAlike = EmailAddress.parse("user@exampl\u212a.com");

        assertThat(lookAlike)
                .isEqualTo(new Parsed(null, "U+212A in the domain would read as ASCII"));
        assertThat(EmailAddress.parse("user@example.com").address()).isEqualTo("user@example.com");
    }

    @Test
    void lookAlikeInAnUpperCaseOrInternationalisedLabelIsNotAnAddressEither() {
        assertThat(EmailAddress.parse("user@EXAMPL\u212a.COM").problem())
                .isEqualTo("U+212A in the domain would read as ASCII");
        assertThat(EmailAddress.parse("user@b\u00fccher\u212a.de").problem())
                .isEqualTo("U+212A in the domain would read as ASCII");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            'user@exam\u00adple.com'          | U+00AD is not allowed in a domain
            'user@exam\u200bple.com'          | U+200B is not allowed in a domain
            'user@b\u00fc\u00adcher.de'       | U+00AD is not allowed in a domain
            'user@smile\ud83d\ude00.com'      | U+1F600 is not allowed in a domain
            'user@stra\u1e9ee.de'             | U+1E9E is not allowed in a domain
            """)
    void characterThatIdnaDropsOrForbidsIsNotAllowedInADomain(String text, String problem) {
        assertThat(EmailAddress.parse(text)).isEqualTo(new Parsed(null, problem));
    }

    @Test
    void lookAlikeFromAnotherScriptGetsItsOwnPunycodeKey() {
        Parsed cyrillic = EmailAddress.parse("user@\u0435xample.com");

        assertThat(cyrillic.address())
                .startsWith("user@xn--")
                .endsWith(".com")
                .isNotEqualTo("user@example.com");
    }

    // ---- domain

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Jane@Bücher.DE",
                "jane@bücher.de",
                "JANE@BÜCHER.DE",
                "jane@xn--bcher-kva.de",
                "jane@XN--BCHER-KVA.DE",
                "jane@bu\u0308cher.de"
            })
    void internationalisedDomainIsKeyedByItsPunycode(String text) {
        Parsed parsed = EmailAddress.parse(text);

        assertThat(parsed.address()).isEqualTo("jane@xn--bcher-kva.de");
        assertThat(EmailAddress.domainOf(parsed.address())).isEqualTo("xn--bcher-kva.de");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            jane@-example.com       | domain label starts or ends with a hyphen
            jane@example-.com       | domain label starts or ends with a hyphen
            jane@example..com       | empty domain label
            jane@.example.com       | empty domain label
            jane@example.com.       | empty domain label
            jane@exa_mple.com       | '_' in the domain
            jane@example.com;       | ';' in the domain
            'jane@"example".com'    | '"' in the domain
            'jane@exa mple.com'     | space in the domain
            'jane@exa\u00a0mple.com'| space in the domain
            jane@a\u05d0.com        | 'a\u05d0' is not a valid internationalised domain label
            """)
    void domainThatIsNotAHostNameIsNotAnAddress(String text, String problem) {
        assertThat(EmailAddress.parse(text)).isEqualTo(new Parsed(null, problem));
    }

    @Test
    void domainLabelOfSixtyThreeCharactersIsAnAddressButNotOfSixtyFour() {
        assertThat(EmailAddress.parse("jane@" + "d".repeat(63) + ".com").isAddress()).isTrue();
        assertThat(EmailAddress.parse("jane@" + "d".repeat(64) + ".com").problem())
                .isEqualTo("domain label longer than 63 characters");
    }

    @Test
    void internationalisedLabelTooLongInPunycodeIsNotAnAddress() {
        assertThat(EmailAddress.parse("jane@" + "ü".repeat(60) + ".de").problem())
                .isEqualTo(
                        "'" + "ü".repeat(60) + "' is not a valid internationalised domain label");
    }

    @Test
    void domainLongerThanTwoHundredFiftyThreeCharactersIsNotAnAddress() {
        String domain =
                String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(62));

        assertThat(domain).hasSize(254);
        assertThat(EmailAddress.parse("j@" + domain).problem())
                .isEqualTo("domain longer than 253 characters");
    }

    @Test
    void domainLengthIsCountedInPunycode() {
        String domain = "bücher.".repeat(27) + "de";

        assertThat(("j@" + domain).length()).isLessThan(EmailAddress.MAX_LENGTH);
        assertThat(EmailAddress.parse("j@" + domain).problem())
                .isEqualTo("domain longer than 253 characters");
    }

    @Test
    void addressOfTwoHundredFiftyFourCharactersIsAnAddressButNotOfTwoHundredFiftyFive() {
        String local = "x".repeat(64);
        String domain = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(61));

        assertThat(EmailAddress.parse(local + "@" + domain).address())
                .hasSize(EmailAddress.MAX_LENGTH);
        assertThat(EmailAddress.parse(local + "@" + domain + "c").problem())
                .isEqualTo("longer than 254 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane@[192.0.2.1]", "jane@[IPv6:2001:db8::1]"})
    void domainLiteralIsNotAnAddress(String text) {
        assertThat(EmailAddress.parse(text)).isEqualTo(new Parsed(null, "domain literal"));
    }

    @Test
    void domainOfAKeyIsTheTextAfterItsLastAt() {
        assertThat(EmailAddress.domainOf("\"a@b\"@x.example")).isEqualTo("x.example");
        assertThat(EmailAddress.domainOf("jane@example.com")).isEqualTo("example.com");
    }
}
