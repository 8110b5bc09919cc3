package org.earshot.grading.batch;

import java.util.List;

/**
 * What the grader sends a {@link GradeWorker} on its standard input (JSON).
 *
 * @param nonce         a random token the worker puts in front of every protocol line, so the student's own
 *                      printing cannot pass for the worker's
 * @param cells         the submission's graded cells, in notebook order
 * @param skipCells     exercises whose cells are not run (an earlier attempt died in them)
 * @param exercises     exercises whose test cases to run, in order
 * @param cellTimeoutMs time limit of one cell
 * @param caseTimeoutMs time limit of one test case
 */
public record WorkerRequest(String nonce, List<Cell> cells, List<String> skipCells, List<String> exercises,
                            long cellTimeoutMs, long caseTimeoutMs) {

    /** A graded cell: its exercise and its source. */
    public record Cell(String exercise, String source) {
    }
}
