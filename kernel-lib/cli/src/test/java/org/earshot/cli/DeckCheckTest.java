package org.earshot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DeckCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A line as deck_check.cjs prints it for a deck that passed (00-welcome, measured in Chromium). */
    private static final String CLEAN = "{\"deck\":\"build/slides/00-welcome/index.html\",\"blockedRequests\":[],"
            + "\"failedRequests\":[],\"consoleErrors\":[],\"pageErrors\":[],\"slides\":6,\"reachedLast\":true,"
            + "\"rawMath\":0,\"mathErrors\":0,\"mathTypeset\":3,\"images\":3,\"imagesBroken\":0,\"audio\":1,"
            + "\"audioBroken\":0,\"speakerView\":true}";

    @Test
    void aCleanReportWithTheNotebooksSlideCountPasses() throws Exception {
        assertEquals(List.of(), DeckCheck.problems(JSON.readTree(CLEAN), 6));
    }

    @Test
    void everyKindOfProblemIsNamedWithItsFirstExample() throws Exception {
        // what a deck with a CDN image and a missing theme file reported (measured), plus the remaining kinds
        JsonNode bad = JSON.readTree(CLEAN
                .replace("\"blockedRequests\":[]", "\"blockedRequests\":[\"https://example.com/x.png\"]")
                .replace("\"failedRequests\":[]", "\"failedRequests\":[\"file:///d/lib/reveal.js/dist/theme/white.css"
                        + " (net::ERR_FILE_NOT_FOUND)\"]")
                .replace("\"consoleErrors\":[]", "\"consoleErrors\":[\"Failed to load resource\"]")
                .replace("\"pageErrors\":[]", "\"pageErrors\":[\"Reveal is not defined\"]")
                .replace("\"reachedLast\":true", "\"reachedLast\":false").replace("\"rawMath\":0", "\"rawMath\":2")
                .replace("\"mathErrors\":0", "\"mathErrors\":1").replace("\"imagesBroken\":0", "\"imagesBroken\":1")
                .replace("\"audioBroken\":0", "\"audioBroken\":1")
                .replace("\"speakerView\":true", "\"speakerView\":false,\"liveControls\":3"));
        List<String> problems = DeckCheck.problems(bad, 7);
        assertEquals(List.of("1 request(s) to the network (first: https://example.com/x.png)",
                "1 failed request(s) (first: file:///d/lib/reveal.js/dist/theme/white.css (net::ERR_FILE_NOT_FOUND))",
                "1 console error(s) (first: Failed to load resource)",
                "1 page error(s) (first: Reveal is not defined)",
                "6 slides in the page, 7 slide cells in the notebook",
                "the arrow keys did not reach the last slide",
                "2 raw $$ left untypeset", "1 MathJax error(s)", "1 image(s) not decoded",
                "1 audio player(s) that did not load or play", "the speaker view (key S) did not open",
                "3 live-demo control(s) shown with no server in the address"), problems);
    }

    @Test
    void theCountsLineSaysWhatTheBrowserSaw() throws Exception {
        DeckCheck.Verdict v = new DeckCheck.Verdict(null, JSON.readTree(CLEAN), List.of());
        assertTrue(v.passed());
        assertEquals("6 slides, 0 failed requests, 0 console errors, 0 page errors, 3 formulas typeset, 3 images, "
                + "1 audio players", v.counts());
    }
}
