package org.earshot.exercises;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.earshot.exercises.Exercise;

/**
 * A section's exercises and their test cases: what a section's {@code …Exercises} class builds once and delegates
 * to. {@link #check} runs the visible cases (a student's notebook); {@link #grade} runs all of them (the grader).
 *
 * <p>Each exercise also names its <em>answer expression</em>: the Java expression that turns the student's
 * top-level definitions into the answer object the cases probe, e.g.
 * {@code (SignalExercises.FrameCount) (n, nFft, hop, center) -> frames(n, nFft, hop, center)}. The class grader
 * evaluates it in the student's JShell after their graded cells, so it never trusts the student's check cells.
 */
public final class ExerciseBook {

    private final List<Exercise> exercises;
    private final Map<String, String> answerExpressions;
    private final BiFunction<String, Object, List<TestCase>> cases;

    /**
     * @param exercises         the exercises, with their points
     * @param answerExpressions exercise id → the expression that builds its answer from the student's definitions
     * @param cases             exercise id and the student's answer (of that exercise's functional interface) → its
     *                          cases; called with a {@code null} answer by a grader that only judges
     */
    public ExerciseBook(List<Exercise> exercises, Map<String, String> answerExpressions,
                        BiFunction<String, Object, List<TestCase>> cases) {
        this.exercises = List.copyOf(exercises);
        this.answerExpressions = Map.copyOf(answerExpressions);
        this.cases = cases;
        for (Exercise e : this.exercises) {
            if (!this.answerExpressions.containsKey(e.id())) {
                throw new IllegalArgumentException("exercise " + e.id() + " has no answer expression");
            }
        }
    }

    public List<Exercise> exercises() {
        return exercises;
    }

    /** @return whether this book holds the exercise */
    public boolean has(String id) {
        return exercises.stream().anyMatch(e -> e.id().equals(id));
    }

    /** @return the exercise's points */
    public double points(String id) {
        return exercise(id).points();
    }

    /** @return the expression that builds the exercise's answer from the student's top-level definitions */
    public String answerExpression(String id) {
        exercise(id);
        return answerExpressions.get(id);
    }

    /** @return every case of one exercise for this answer, hidden ones included */
    public List<TestCase> cases(String id, Object answer) {
        exercise(id);
        return cases.apply(id, answer);
    }

    /** Runs the visible cases: immediate feedback in a notebook. */
    public CheckReport check(String id, Object answer) {
        return Check.run(id, points(id), cases(id, answer), false);
    }

    /** Runs every case, hidden ones included: what the grader records. */
    public CheckReport grade(String id, Object answer) {
        return Check.run(id, points(id), cases(id, answer), true);
    }

    /** @return the exercise with this id */
    public Exercise exercise(String id) {
        return exercises.stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no exercise " + id));
    }
}
