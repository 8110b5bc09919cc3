package org.earshot.exercises;

/**
 * Thrown by a test case when the student's answer is wrong: what was expected, what came back, and a hint.
 */
public final class CaseFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String got;
    private final String hint;

    /**
     * @param expected the right answer, as the student should read it
     * @param got      the student's answer
     * @param hint     one sentence that points at the likely mistake (may be empty)
     */
    public CaseFailure(String expected, String got, String hint) {
        super("expected " + expected + ", got " + got + (hint.isEmpty() ? "" : " (" + hint + ")"));
        this.expected = expected;
        this.got = got;
        this.hint = hint;
    }

    public String expected() {
        return expected;
    }

    public String got() {
        return got;
    }

    public String hint() {
        return hint;
    }
}
