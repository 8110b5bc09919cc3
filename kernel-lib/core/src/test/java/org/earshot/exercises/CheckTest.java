package org.earshot.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class CheckTest {

    private static final List<TestCase> CASES = List.of(
            TestCase.visible("right", () -> 2 + 2, got -> Expect.equal(4, (int) got, "")),
            TestCase.visible("wrong", () -> 1.5, got -> Expect.close(1.0, (double) got, 1e-6, "off by a half")),
            new TestCase("crash", false, 2, () -> {
                throw new IllegalStateException("boom");
            }, got -> { }),
            TestCase.hidden("hidden right", () -> new double[] {1, 2},
                    got -> Expect.close(new double[] {1, 2}, (double[]) got, 0, "")));

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
        }, got -> { });
        CheckReport.CaseResult r = Check.judge(loop, Check.probe(loop, Duration.ofMillis(200)));
        assertEquals(CheckReport.Status.TIMEOUT, r.status());
    }

    @Test
    void anAnswerOfTheWrongTypeFailsWithoutCrashingTheChecker() {
        TestCase c = TestCase.visible("int asked", () -> "seven", got -> Expect.equal(7, (int) got, ""));
        CheckReport.CaseResult r = Check.judge(c, Check.probe(c, Duration.ofSeconds(1)));
        assertEquals(CheckReport.Status.FAILED, r.status());
        assertEquals("\"seven\"", r.got());
    }

    @Test
    void answersCrossAProcessBoundaryAsTheirOwnTypes() {
        for (Object v : new Object[] {7, 7L, 2.5, true, "text", new int[] {1, 2}, new double[] {0.5, Double.NaN},
                new double[][] {{1}, {2, 3}}, java.util.List.of("a", "b"), null}) {
            Object back = AnswerCodec.decode(AnswerCodec.encode(v));
            assertEquals(AnswerCodec.describe(v), AnswerCodec.describe(back));
        }
        assertEquals("an object of class java.lang.Thread", AnswerCodec.decode(AnswerCodec.encode(new Thread())).toString());
    }
}
