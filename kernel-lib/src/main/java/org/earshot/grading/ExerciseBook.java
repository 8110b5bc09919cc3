package org.earshot.grading;

import java.util.List;
import java.util.function.BiFunction;

import org.earshot.kit.Exercise;

/**
 * A section's exercises and their test cases: what a section's {@code …Exercises} class builds once and delegates
 * to. {@link #check} runs the visible cases (a student's notebook); {@link #grade} runs all of them (the grader).
 */
public final class ExerciseBook {

    private final List<Exercise> exercises;
    private final BiFunction<String, Object, List<TestCase>> cases;

    /**
     * @param exercises the exercises, with their points
     * @param cases     exercise id and the student's answer (of that exercise's functional interface) → its cases
     */
    public ExerciseBook(List<Exercise> exercises, BiFunction<String, Object, List<TestCase>> cases) {
        this.exercises = List.copyOf(exercises);
        this.cases = cases;
    }

    public List<Exercise> exercises() {
        return exercises;
    }

    /** @return the exercise's points */
    public double points(String id) {
        return exercise(id).points();
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

    private Exercise exercise(String id) {
        return exercises.stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no exercise " + id));
    }
}
