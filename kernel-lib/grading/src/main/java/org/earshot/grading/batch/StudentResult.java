package org.earshot.grading.batch;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;
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
 * @param sha256    the SHA-256 of the notebook graded, as 64 lower-case hex digits (empty when no notebook was read,
 *                  or in a {@code result.json} written before it existed): what a gradebook database compares to tell
 *                  a resubmission from a regrade of the same file
 * @param submittedAt when the notebook graded was last modified, as an ISO-8601 UTC instant
 *                  ({@code 2026-12-05T23:58:12Z}, whole seconds; empty as for {@code sha256}): what a late flag is
 *                  decided from
 */
public record StudentResult(String student, String lesson, String status, List<ExerciseResult> exercises,
                            String output, double seconds, int attempts, String sha256, String submittedAt) {

    /**
     * One exercise of one student.
     *
     * @param id     the exercise
     * @param points what it is worth
     * @param score  points earned
     * @param status how far the student got with it (derived from {@code cell} and {@code cases} when null, as in a
     *               {@code result.json} written before it existed)
     * @param cell   {@code ok}, {@code missing}, or what went wrong running the graded cell
     * @param cases  every test case, hidden ones included
     * @param buildsOn the exercises whose answers this one calls ({@link org.earshot.exercises.Exercise#buildsOn()};
     *               empty when read from a {@code result.json} written before it existed)
     */
    public record ExerciseResult(String id, double points, double score, Status status, String cell,
                                 List<CheckReport.CaseResult> cases, List<String> buildsOn) {

        public ExerciseResult {
            cases = List.copyOf(cases);
            buildsOn = buildsOn == null ? List.of() : List.copyOf(buildsOn);
            if (status == null) {
                status = Status.of(cell, cases);
            }
        }

        /** An exercise result of an exercise that builds on no other. */
        public ExerciseResult(String id, double points, double score, Status status, String cell,
                              List<CheckReport.CaseResult> cases) {
            this(id, points, score, status, cell, cases, List.of());
        }
    }

    /**
     * How far a student got with one exercise, as {@code results.json} writes it. "Not answered" is not "wrong":
     * the released stub is still there, and the exercise scores 0 without a row of identical errors.
     */
    public enum Status {
        /** the cell ran and at least one case met the student's own code */
        ANSWERED("answered"),
        /** the cell ran and every case met the released stub ({@code "… not answered yet"}) */
        NOT_ANSWERED("not answered"),
        /** the cell did not compile */
        COMPILE_ERROR("compile error"),
        /** the cell compiled but failed or ran out of time or memory */
        CELL_ERROR("cell error"),
        /** the notebook has no cell for the exercise */
        MISSING("missing"),
        /** the submission could not be graded at all (not a notebook, another lesson) */
        NOT_GRADED("not graded");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** @return the words {@code results.json} and the report use, e.g. {@code "not answered"} */
        @JsonValue
        public String label() {
            return label;
        }

        /**
         * @param cell  the graded cell's outcome: {@code ok}, {@code missing}, or what went wrong
         * @param cases its cases' results
         * @return the status they show (a submission that could not be graded is said so by its caller)
         */
        public static Status of(String cell, List<CheckReport.CaseResult> cases) {
            if (cell.equals("ok")) {
                return CheckReport.notAnswered(cases) ? NOT_ANSWERED : ANSWERED;
            }
            if (cell.equals("missing")) {
                return MISSING;
            }
            return cell.startsWith("compile error") ? COMPILE_ERROR : CELL_ERROR;
        }
    }

    public StudentResult {
        exercises = List.copyOf(exercises);
        sha256 = sha256 == null ? "" : sha256;
        submittedAt = submittedAt == null ? "" : submittedAt;
    }

    /** A result that does not (yet) know which file it graded: {@code sha256} and {@code submittedAt} empty. */
    public StudentResult(String student, String lesson, String status, List<ExerciseResult> exercises, String output,
                         double seconds, int attempts) {
        this(student, lesson, status, exercises, output, seconds, attempts, "", "");
    }

    /** @return this result with the fingerprint of the notebook it graded */
    public StudentResult withSubmission(String sha256, String submittedAt) {
        return new StudentResult(student, lesson, status, exercises, output, seconds, attempts, sha256, submittedAt);
    }

    /** @return this result with {@code more} appended to its status after {@code "; "} */
    public StudentResult withNotes(String more) {
        return new StudentResult(student, lesson, status + "; " + more, exercises, output, seconds, attempts, sha256,
                submittedAt);
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
