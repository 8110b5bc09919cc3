package org.earshot.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class CheckTest {

    private static final List<TestCase> CASES = List.of(
            TestCase.visible("right", () -> Expect.equal(4, 2 + 2, "")),
            TestCase.visible("wrong", () -> Expect.close(1.0, 1.5, 1e-6, "off by a half")),
            new TestCase("crash", false, 2, () -> {
                throw new IllegalStateException("boom");
            }),
            TestCase.hidden("hidden right", () -> Expect.close(new double[] {1, 2}, new double[] {1, 2}, 0, "")));

    @Test
    void reportsEachCaseAndScoresByWeight() {
        CheckReport visible = Check.run("ex", 10, CASES, false);
        assertEquals(3, visible.results().size());
        assertEquals(List.of(CheckReport.Status.PASSED, CheckReport.Status.FAILED, CheckReport.Status.ERROR),
                visible.results().stream().map(CheckReport.CaseResult::status).toList());
        assertEquals(10 * 1.0 / 4, visible.score(), 1e-12);
        assertFalse(visible.passed());
        CheckReport all = Check.run("ex", 10, CASES, true);
        assertEquals(10 * 2.0 / 5, all.score(), 1e-12);
        String html = visible.toMimeBundle().get("text/html").orElseThrow();
        assertTrue(html.contains("<td>1 (± 0.000001)</td><td>1.5</td><td>off by a half</td>"), html);
        assertTrue(visible.toMimeBundle().plainText().startsWith("ex: 1 of 3 tests passed, 2.5 of 10 points"));
    }

    @Test
    void aLoopForeverTimesOut() {
        TestCase loop = TestCase.visible("loop", () -> {
            while (true) {
                Thread.onSpinWait();
            }
        });
        CheckReport.CaseResult r = Check.runCase(loop, Duration.ofMillis(200));
        assertEquals(CheckReport.Status.TIMEOUT, r.status());
    }
}
