package org.earshot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class LiveLabCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What live_lab_check.cjs printed against a lab on this machine (measured; the notebook page's own four lines
     * included), read fresh for each test so that a test may change it.
     */
    private static ObjectNode measured() throws Exception {
        try (var in = LiveLabCheckTest.class.getResourceAsStream("live-lab-report.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    @Test
    void theMeasuredRunPassesWithTheNotebookPagesOwnLinesTolerated() throws Exception {
        List<String> tolerated = new ArrayList<>();
        assertEquals(List.of(), LiveLabCheck.problems(measured(), tolerated));
        assertEquals(4, tolerated.size());
        LiveLabCheck.Verdict v = new LiveLabCheck.Verdict(measured(), List.of(), tolerated, Path.of("lab.log"));
        assertTrue(v.passed());
        assertEquals("lesson notebooks/00-welcome.ipynb: 5 of 5 code cells ran, 1 audio players played, spectrogram "
                + "shown (9.6 s); exercise 21.1-frame-count: feedback table of 4 tests, 2 passed (5.0 s); deck "
                + "00-welcome live: slide 2's cell edited and run in 1.7 s, 1 fresh outputs, 1 players played, kernel "
                + "shut down on leaving (7.6 s); 0 blocked, 0 failed requests, 0 console errors, 0 page errors (4 "
                + "notebook-UI lines tolerated); 26.0 s in all", v.summary());
    }

    @Test
    void theNotebookPagesNoiseIsNotToleratedOnTheDeck() throws Exception {
        ObjectNode report = measured();
        report.withArray("failedRequests").set(1,
                JSON.getNodeFactory().textNode("deck: about:blank (net::ERR_FAILED)"));
        assertEquals(List.of("1 failed request(s) (first: deck: about:blank (net::ERR_FAILED))"),
                LiveLabCheck.problems(report, new ArrayList<>()));
        assertEquals(1, LiveLabCheck.untolerated(report, "failedRequests"));
    }

    @Test
    void everyKindOfFailureIsNamed() throws Exception {
        ObjectNode bad = measured();
        bad.withArray("blockedRequests").add("https://cdn.example.com/x.js");
        bad.withArray("pageErrors").add("deck step stopped: Timeout 120000ms exceeded");
        bad.withArray("steps").remove(2);
        ObjectNode lesson = (ObjectNode) bad.get("lesson");
        lesson.put("ran", 3).put("spectrogram", false).put("audioPlayed", 0).put("imagesDecoded", 2)
                .withArray("errors").add("NullPointerException");
        ((ObjectNode) bad.get("exercise")).put("passedRows", 4);
        ((ObjectNode) bad.get("deck")).put("linkCarriesToken", false).put("tokenInAddress", true)
                .put("editableCells", 0).put("run", "error")
                .put("state", "failed").put("errorShown", "cannot find symbol").put("expectedShown", false)
                .put("executedOutputs", 1).put("audio", 0).put("audioPlayed", 0).put("imagesDecoded", 0)
                .put("kernelShutOnLeave", false);
        assertEquals(List.of("1 request(s) to the network (first: https://cdn.example.com/x.js)",
                "1 page error(s) (first: deck step stopped: Timeout 120000ms exceeded)",
                "lesson: 3 of 5 code cells ran", "lesson: a cell failed (NullPointerException)",
                "lesson: 0 of 1 audio players played", "lesson: the spectrogram cell shows no picture",
                "lesson: 1 image(s) not decoded",
                "exercise: the partial answer passed 4 of 4 tests (some should pass, some fail)",
                "deck: no code cell became editable", "deck: the page of decks did not give its link the token",
                "deck: the token stayed in the address bar",
                "deck: the demo cell's live run ended 'error' (failed: cannot find symbol)",
                "deck: the fresh output does not show what the edited cell makes",
                "deck: 1 fresh and 1 executed outputs in the cell (the fresh output must replace the executed one)",
                "deck: the fresh output has no audio player", "deck: a fresh image did not decode",
                "deck: its kernel was still running after leaving the deck", "the deck step did not finish"),
                LiveLabCheck.problems(bad, new ArrayList<>()));
    }

    @Test
    void aCheckCellWithNoTableIsNamedWithItsError() throws Exception {
        ObjectNode bad = measured();
        ((ObjectNode) bad.get("exercise")).put("summary", "").put("rows", 0).put("passedRows", 0)
                .put("error", "cannot find symbol: frames");
        assertEquals(List.of("exercise: the check cell shows no feedback table (cannot find symbol: frames)",
                "exercise: the feedback's summary is ''"), LiveLabCheck.problems(bad, new ArrayList<>()));
    }
}
