package io.sesfeedback.tools.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.Timestamps;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.fixtures.RecordedStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident page rendered by a real headless Chromium (Debian's package): its charts are drawn,
 * with sizes, and it ran nothing; the screenshot is kept in target/ to look at.
 */
@Tag("browser")
class IncidentPageInChromiumTest {

    static final Path SCREENSHOT = Path.of("tools/target/incident-page.png");

    @TempDir static Path temp;
    private static Path page;

    @BeforeAll
    static void writeThePage() {
        RecordedStore.of(temp.resolve("store"), IncidentCommandTest.incident());
        page = temp.resolve("incident.html");
        assertThat(
                        Cli.run(
                                        Cli.targets(Map.of()),
                                        "incident",
                                        "--local-store",
                                        temp.resolve("store").toString(),
                                        "--since",
                                        Timestamps.format(
                                                IncidentCommandTest.FIX.minusSeconds(6 * 3600)),
                                        "--fixed-at",
                                        Timestamps.format(IncidentCommandTest.FIX),
                                        "--output",
                                        page.toString())
                                .exit())
                .isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theChartsAreDrawnWithSizesAndThePageRanNothing() throws Exception {
        try (ChromiumPage browser = ChromiumPage.open(page, 1100, 1400)) {
            // when the browser measures each chart and its bars
            List<Map<String, Object>> charts =
                    (List<Map<String, Object>>)
                            browser.evaluate(
                                    """
                    [...document.querySelectorAll('svg.chart')].map(svg => ({id: svg.id,
                      width: svg.getBoundingClientRect().width, height: svg.getBoundingClientRect().height,
                      bars: [...svg.querySelectorAll('rect')].filter(r => r.getBBox().width > 0 && r.getBBox().height > 0).length}))""");
            Object scripts = browser.evaluate("document.scripts.length");
            Object hostile =
                    browser.evaluate(
                            "document.body.innerText.includes('<script>alert(1)</script>')");
            Files.createDirectories(SCREENSHOT.getParent());
            Files.write(SCREENSHOT, browser.screenshot());

            // then
            assertThat(charts)
                    .extracting(chart -> chart.get("id"))
                    .containsExactly("legend", "timeline-chart", "fix-chart", "domain-chart");
            for (Map<String, Object> chart : charts) {
                assertThat(((Number) chart.get("width")).doubleValue())
                        .as("width of %s", chart.get("id"))
                        .isPositive();
                assertThat(((Number) chart.get("height")).doubleValue())
                        .as("height of %s", chart.get("id"))
                        .isPositive();
                assertThat(((Number) chart.get("bars")).intValue())
                        .as("bars of %s", chart.get("id"))
                        .isPositive();
            }
            assertThat(((Number) scripts).intValue()).isZero();
            assertThat(hostile).as("the hostile subject shows as text").isEqualTo(true);
            assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
        }
    }
}
