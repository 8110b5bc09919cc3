package org.earshot.grading.batch;

import java.util.List;

import org.earshot.exercises.CheckReport;

/**
 * One student's graded submission: what {@code OUT/<student>/result.json} holds and the gradebook row is made of.
 *
 * @param student   the student's folder name
 * @param lesson    the lesson graded
 * @param status    {@code ok}, or short reasons joined by {@code "; "} (e.g. {@code timeout in 21.1-dft-bin})
 * @param exercises one per exercise of the lesson, in catalog order
 * @param output    the start of what the submission printed (cut to a few kilobytes)
 * @param seconds   wall-clock time spent grading it
 * @param attempts  worker processes started (more than one when one died and the rest was graded afresh)
 */
public record StudentResult(String student, String lesson, String status, List<ExerciseResult> exercises,
                            String output, double seconds, int attempts) {

    /**
     * One exercise of one student.
     *
     * @param id     the exercise
     * @param points what it is worth
     * @param score  points earned
     * @param cell   {@code ok}, {@code missing}, or what went wrong running the graded cell
     * @param cases  every test case, hidden ones included
     */
    public record ExerciseResult(String id, double points, double score, String cell,
                                 List<CheckReport.CaseResult> cases) {
    }

    public StudentResult {
        exercises = List.copyOf(exercises);
    }

    /** @return points earned over all exercises */
    public double total() {
        return exercises.stream().mapToDouble(ExerciseResult::score).sum();
    }

    /** @return points possible */
    public double max() {
        return exercises.stream().mapToDouble(ExerciseResult::points).sum();
    }
}
