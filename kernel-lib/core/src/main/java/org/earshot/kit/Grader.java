package org.earshot.kit;

import org.earshot.exercises.CheckReport;
import org.earshot.exercises.Exercise;

/**
 * Immediate feedback in a notebook for any section's exercise by its id:
 * {@code Grader.check("21.1-frame-count", answer)} runs the exercise's visible test cases on the answer and shows
 * which passed, what was expected, what came back and a hint (hidden cases run only when the class is graded).
 * Each section's exercises are also typed values with their own {@code check}, e.g.
 * {@code SignalExercises.FRAME_COUNT.check((n, nFft, hop, center) -> frames(n, nFft, hop, center))}.
 */
public final class Grader {

    private Grader() {
    }

    /**
     * @param exerciseId the exercise, as the catalog lists it
     * @param answer     the student's answer, of the exercise's answer type
     * @return the visible cases' report (renders as an HTML table)
     * @throws IllegalArgumentException when no section has that exercise, or the answer is of another type
     */
    public static CheckReport check(String exerciseId, Object answer) {
        Exercise<?, ?> e = exercise(exerciseId);
        return e.report(org.earshot.exercises.Check.run(e.id(), e.points(), e.casesOfAnswer(answer), false).results());
    }

    /**
     * @return the exercise with this id, from whichever installed section declares it
     * @throws IllegalArgumentException when none does
     */
    public static Exercise<?, ?> exercise(String exerciseId) {
        return Kit.sections().stream().flatMap(s -> s.exercises().stream())
                .filter(e -> e.id().equals(exerciseId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no exercise '" + exerciseId + "' in the kit"));
    }
}
