package org.earshot.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** One declaration per exercise: what is derived from it, and what it refuses. */
class ExerciseTest {

    /** The answer type of the examples. */
    @FunctionalInterface
    public interface Area {
        double area(double widthMetres, double heightMetres);
    }

    /** A case's input. */
    public record Rectangle(double width, double height) {
        @Override
        public String toString() {
            return width + " m × " + height + " m";
        }
    }

    public static final Exercise<Area, Rectangle> AREA = Exercise.builder("99.1-area", Area.class, Rectangle.class)
            .lesson("99.1-test").title("Area of a rectangle").points(2).solvedBy("area")
            .call((f, r) -> f.area(r.width(), r.height())).reference(r -> r.width() * r.height())
            .compare(Comparison.within(1e-9)).hint("width times height")
            .visible(new Rectangle(2, 3)).visible(new Rectangle(0, 5)).hidden(new Rectangle(1.5, 1.5))
            .build();

    @Test
    void theAnswerExpressionIsALambdaOverTheStudentsMethod() {
        assertEquals("(org.earshot.exercises.ExerciseTest.Area) (a0, a1) -> area(a0, a1)", AREA.answerExpression());
    }

    @Test
    void checkRunsVisibleCasesGradeRunsAll() {
        CheckReport visible = AREA.check((w, h) -> w * h);
        assertEquals(2, visible.results().size());
        assertEquals("2.0 m × 3.0 m", visible.results().get(0).name());
        assertTrue(visible.passed());
        CheckReport all = AREA.grade((w, h) -> w * h);
        assertEquals(3, all.results().size());
        assertEquals(2, all.score(), 1e-12);
        CheckReport wrong = AREA.grade((w, h) -> w + h);
        assertFalse(wrong.passed());
        assertEquals(0, wrong.score(), 1e-12);
    }

    @Test
    void declaredInListsTheExercisesInOrder() {
        assertEquals(List.of(AREA), Exercise.declaredIn(ExerciseTest.class));
    }

    @Test
    void aDeclarationWithoutPointsOrVisibleCasesOrAnswerIsRefused() {
        var base = Exercise.builder("99.1-x", Area.class, Rectangle.class).lesson("l").title("t")
                .call((f, r) -> f.area(r.width(), r.height())).reference(r -> 0.0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> base.solvedBy("x").visible(new Rectangle(1, 1))
                .points(0).build()).getMessage().contains("> 0 points"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Exercise.builder("99.1-y", Area.class, Rectangle.class).lesson("l").title("t").points(1)
                        .solvedBy("y").call((f, r) -> 0.0).reference(r -> 0.0).hidden(new Rectangle(1, 1)).build())
                .getMessage().contains("visible case"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Exercise.builder("bad id", Area.class,
                Rectangle.class)).getMessage().contains("21.1-frame-count"));
    }

    @Test
    void comparisonsPickTheirRuleFromTheReferenceType() throws CaseFailure {
        Comparison.exact().judge(3, 3L, "");
        Comparison.exact().judge(3L, 3, "");
        Comparison.within(0.01).judge(1.0, 1.005, "");
        Comparison.within(0.01).judge(new double[][] {{1}}, new double[][] {{1.001}}, "");
        CaseFailure text = assertThrows(CaseFailure.class, () -> Comparison.exact().judge(3, "3", "h"));
        assertEquals("a number", text.expected());
        assertThrows(CaseFailure.class, () -> Comparison.exact().judge(3, 3.5, "h"));
        assertThrows(CaseFailure.class, () -> Comparison.exact().judge("ab", "abc", "h"));
        assertThrows(CaseFailure.class, () -> Comparison.exact().judge(new int[] {1, 2}, new int[] {2, 1}, "h"));
        assertThrows(CaseFailure.class, () -> Comparison.within(0).judge(1.0, null, "h"));
    }
}
