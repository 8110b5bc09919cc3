package org.earshot.grading.batch;

/**
 * Whether a submission's class files are checked for forbidden APIs ({@link ForbiddenApis} and each exercise's own
 * list) before any of it runs. Grading always enforces it; {@link #UNCHECKED} exists so that the sandbox's own
 * limits (processes, memory, files, user namespaces) can be tested with code the policy would refuse before it ran.
 */
public enum ApiPolicy {
    /** Cells that use a forbidden API are not run; their exercises score 0 (the grader's only setting). */
    ENFORCED,
    /** Nothing is refused before it runs: only the sandbox and the limits stand (for testing them). */
    UNCHECKED
}
