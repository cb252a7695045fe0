package io.sesfeedback.tools.items;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CSV that export and suppressed write: RFC 4180 quoting, and no cell a spreadsheet would run
 * as a formula.
 */
class CsvCellsTest {

    @Test
    void aCellASpreadsheetWouldRunAsAFormulaIsTextQuotedBehindAnApostrophe() {
        // given a subject and a diagnostic code that strangers wrote as formulas
        String row =
                Items.csv(
                        List.of(
                                "2026-11-20T10:15:01.337Z",
                                "@SUM(1+1)",
                                "=HYPERLINK(\"http://evil.example/\",\"click\")",
                                "+1",
                                "-list@example.com",
                                "\tcmd",
                                "plain"));

        // then
        assertThat(row)
                .isEqualTo(
                        "2026-11-20T10:15:01.337Z,\"'@SUM(1+1)\",\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"click\"\")\","
                                + "\"'+1\",\"'-list@example.com\",\"'\tcmd\",plain");
    }

    @Test
    void ordinaryCellsAreQuotedOnlyWhenTheyHoldASeparatorAQuoteOrABreak() {
        assertThat(Items.csv(List.of("a,b", "say \"hi\"", "two\nlines", "", "x=1")))
                .isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,x=1");
    }
}
