package org.earshot.kit;

import org.earshot.exercises.CheckReport;
import org.earshot.exercises.ExerciseBook;
import java.util.Optional;


/**
 * Immediate feedback in a notebook, for any section's exercise: {@code Grader.check("21.1-frame-count", answer)}
 * runs the exercise's visible test cases on the answer and shows which passed, what was expected, what came back
 * and a hint (hidden cases run only when the class is graded). The answer is an object of the exercise's
 * functional interface; each section's exercises class also offers typed shortcuts that take a lambda directly,
 * e.g. {@code SignalExercises.frameCount((n, nFft, hop, center) -> frames(n, nFft, hop, center))}.
 */
public final class Grader {

    private Grader() {
    }

    /**
     * @param exerciseId the exercise, as the catalog lists it
     * @param answer     the student's answer
     * @return the visible cases' report (renders as an HTML table)
     * @throws IllegalArgumentException when no section has that exercise
     */
    public static CheckReport check(String exerciseId, Object answer) {
        return book(exerciseId).check(exerciseId, answer);
    }

    /**
     * @return the exercise book of the section that has this exercise
     * @throws IllegalArgumentException when none has it
     */
    public static ExerciseBook book(String exerciseId) {
        return Kit.sections().stream().map(Section::exerciseBook).flatMap(Optional::stream)
                .filter(b -> b.has(exerciseId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no exercise '" + exerciseId + "' in the kit"));
    }
}
