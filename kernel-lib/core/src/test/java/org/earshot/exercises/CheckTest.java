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

    private static final TestCase.Probe STUB = () -> {
        throw new UnsupportedOperationException("exercise ex: " + Check.NOT_ANSWERED);
    };

    @Test
    void anUntouchedStubIsNotAnsweredAndShowsOneLine() {
        List<TestCase> stubbed = List.of(TestCase.visible("n 400", STUB, got -> { }),
                TestCase.visible("n 512", STUB, got -> { }), TestCase.hidden("n 1024", STUB, got -> { }));
        CheckReport r = Check.run("ex", 3, stubbed, true);
        assertTrue(r.notAnswered());
        assertEquals(0, r.score());
        assertTrue(r.results().stream().allMatch(c -> c.status() == CheckReport.Status.NOT_ANSWERED));
        String text = r.toMimeBundle().plainText();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("ex: not answered yet (0 of 3 points)"), text);
        String html = r.toMimeBundle().get("text/html").orElseThrow();
        assertFalse(html.contains("<table"), html);
        assertFalse(html.contains("UnsupportedOperationException"), html);
    }

    @Test
    void anotherUnsupportedOperationOrAPartlyAnsweredExerciseIsNotNotAnswered() {
        assertFalse(Check.isNotAnswered("UnsupportedOperationException: not supported"));
        assertFalse(Check.isNotAnswered("IllegalStateException: not answered yet"));
        assertTrue(Check.isNotAnswered("UnsupportedOperationException: exercise 21.1-x: not answered yet"));
        CheckReport partly = Check.run("ex", 2, List.of(TestCase.visible("a", STUB, got -> { }),
                TestCase.visible("b", () -> 1, got -> Expect.equal(1, (int) got, ""))), false);
        assertFalse(partly.notAnswered());
        assertTrue(partly.toMimeBundle().get("text/html").orElseThrow().contains("<table"));
    }

    @Test
    void aHiddenCaseShowsItsNumberAndResultOnly() {
        CheckReport r = Check.run("ex", 1, List.of(TestCase.visible("shown", () -> 1, got -> { }),
                TestCase.hidden("22050 samples, n_fft 1024", () -> 5, got -> Expect.equal(9876, (int) got, "secret hint"))),
                true);
        String html = r.toMimeBundle().get("text/html").orElseThrow();
        String text = r.toMimeBundle().plainText();
        for (String out : List.of(html, text)) {
            assertTrue(out.contains("hidden test 1"), out);
            assertFalse(out.contains("22050"), out);
            assertFalse(out.contains("secret hint"), out);
            assertFalse(out.contains("9876"), out);
        }
    }
}
