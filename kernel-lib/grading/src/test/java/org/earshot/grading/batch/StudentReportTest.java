package org.earshot.grading.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.exercises.CheckReport;
import org.earshot.exercises.CheckReport.CaseResult;
import org.earshot.exercises.CheckReport.Status;
import org.junit.jupiter.api.Test;

class StudentReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CaseResult stub(String name, boolean hidden) {
        return new CaseResult(name, hidden, 1, Status.NOT_ANSWERED, "your answer", "not answered yet", "replace it");
    }

    private static StudentResult result(String output) {
        List<CaseResult> untouched = List.of(stub("n 400", false), stub("n 512", false), stub("n 1024", false),
                stub("n 2048", true));
        List<CaseResult> wrong = List.of(
                new CaseResult("200 Hz tone", false, 1, Status.FAILED, "283.2", "200", "the log is base 10"),
                new CaseResult("mel of 22050 Hz, slaney", true, 1, Status.FAILED, "3921.7", "3900.5", "hidden hint"),
                new CaseResult("mel of 0 Hz", true, 1, Status.PASSED, "", "", ""));
        return new StudentResult("ada", "21.1-signal", "ok", List.of(
                new StudentResult.ExerciseResult("21.1-frame-count", 2, 0, null, "ok", untouched),
                new StudentResult.ExerciseResult("21.1-hz-to-mel", 3, 1, null, "ok", wrong)), output, 1.5, 1);
    }

    @Test
    void anUntouchedExerciseIsOneLineNotARowPerCase() {
        String html = StudentReport.html(result(""));
        String frames = html.substring(html.indexOf("21.1-frame-count"), html.indexOf("21.1-hz-to-mel"));
        assertTrue(frames.contains("not answered yet"), frames);
        assertEquals(1, frames.split("not answered yet", -1).length - 1, frames);
        assertFalse(frames.contains("<table"), frames);
    }

    @Test
    void hiddenCasesShowPassOrFailOnly() {
        String html = StudentReport.html(result(""));
        assertTrue(html.contains("<td>hidden test 1</td><td class=\"bad\">failed</td><td></td><td></td><td></td>"), html);
        assertTrue(html.contains("<td>hidden test 2</td><td class=\"passed\">passed</td>"), html);
        for (String secret : List.of("22050", "slaney", "3921.7", "3900.5", "hidden hint", "mel of 0 Hz")) {
            assertFalse(html.contains(secret), secret + " leaked: " + html);
        }
        assertTrue(html.contains("283.2") && html.contains("the log is base 10"), "visible cases keep their feedback");
    }

    @Test
    void nothingPrintedMeansNoPrintedBlock() {
        assertFalse(StudentReport.html(result("")).contains("What your code printed"));
        assertFalse(StudentReport.html(result("\n  \n")).contains("What your code printed"));
        assertTrue(StudentReport.html(result("hello\n")).contains("<pre>hello</pre>"));
    }

    @Test
    void resultsJsonCarriesEachExercisesStatusAndReadsBack() throws Exception {
        StudentResult r = result("");
        JsonNode tree = JSON.readTree(JSON.writeValueAsString(r));
        assertEquals("not answered", tree.path("exercises").get(0).path("status").asText());
        assertEquals("answered", tree.path("exercises").get(1).path("status").asText());
        StudentResult back = JSON.readValue(JSON.writeValueAsString(r), StudentResult.class);
        assertEquals(StudentResult.Status.NOT_ANSWERED, back.exercises().get(0).status());
        assertEquals(r, back);
        assertEquals(0, back.exercises().get(0).score());
    }

    @Test
    void aVisibleFailuresDetailIsShownAHiddenOnesNeverAndTheJsonKeepsNeither() throws Exception {
        List<CaseResult> sound = List.of(
                new CaseResult("1 kHz alias", false, 1, Status.FAILED, "a spectrum", "30 dB off", "", "<img id=\"seen\">"),
                new CaseResult("2 kHz alias", true, 1, Status.FAILED, "a spectrum", "30 dB off", "", "<img id=\"secret\">"));
        StudentResult r = new StudentResult("ada", "21.1-signal", "ok", List.of(
                new StudentResult.ExerciseResult("21.1-aliasing-tone", 2, 0, null, "ok", sound)), "", 1, 1);
        String html = StudentReport.html(r);
        assertTrue(html.contains("<img id=\"seen\">"), html);
        assertFalse(html.contains("secret"), html);
        String json = JSON.writeValueAsString(r);
        assertFalse(json.contains("<img"), "results.json stays small: " + json);
        assertEquals("", JSON.readValue(json, StudentResult.class).exercises().get(0).cases().get(0).detailHtml());
    }

    @Test
    void anExerciseThatCallsAFailedEarlierAnswerSaysSo() {
        List<CaseResult> failed = List.of(new CaseResult("a", false, 1, Status.FAILED, "1", "2", ""));
        List<CaseResult> passed = List.of(new CaseResult("a", false, 1, Status.PASSED, "", "", ""));
        StudentResult r = new StudentResult("ada", "21.1-signal", "ok", List.of(
                new StudentResult.ExerciseResult("21.1-hz-to-mel", 2, 0, null, "ok", failed),
                new StudentResult.ExerciseResult("21.1-triangular-filterbank", 3, 0, null, "ok", failed,
                        List.of("21.1-hz-to-mel")),
                new StudentResult.ExerciseResult("21.1-log-mel", 2, 0, null, "ok", failed)), "", 1, 1);
        String html = StudentReport.html(r);
        assertEquals(1, html.split("calls your answer to 21.1-hz-to-mel, which lost points", -1).length - 1, html);
        StudentResult fixed = new StudentResult("ada", "21.1-signal", "ok", List.of(
                new StudentResult.ExerciseResult("21.1-hz-to-mel", 2, 2, null, "ok", passed),
                new StudentResult.ExerciseResult("21.1-triangular-filterbank", 3, 0, null, "ok", failed,
                        List.of("21.1-hz-to-mel"))), "", 1, 1);
        assertFalse(StudentReport.html(fixed).contains("calls your answer"), "its own mistake, then");
    }

    @Test
    void statusFollowsTheCell() {
        List<CaseResult> crashed = List.of(new CaseResult("a", false, 1, Status.ERROR, "no exception", "boom", ""));
        assertEquals(StudentResult.Status.COMPILE_ERROR, StudentResult.Status.of("compile error: ';' expected", crashed));
        assertEquals(StudentResult.Status.MISSING, StudentResult.Status.of("missing", crashed));
        assertEquals(StudentResult.Status.CELL_ERROR, StudentResult.Status.of("timeout", crashed));
        assertEquals(StudentResult.Status.ANSWERED, StudentResult.Status.of("ok", crashed));
        assertEquals(CheckReport.Status.NOT_ANSWERED, stub("x", false).status());
    }
}
