package org.earshot.exercises;

/**
 * Thrown by a test case when the student's answer is wrong: what was expected, what came back, and a hint.
 */
public final class CaseFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String got;
    private final String hint;
    private final String detailHtml;

    /**
     * @param expected the right answer, as the student should read it
     * @param got      the student's answer
     * @param hint     one sentence that points at the likely mistake (may be empty)
     */
    public CaseFailure(String expected, String got, String hint) {
        this(expected, got, hint, "");
    }

    /**
     * @param detailHtml what a line of text cannot show, as an HTML fragment made by the grader (e.g. the expected and
     *                   the student's spectrum side by side, with a player for each); shown under a visible case's
     *                   row, never for a hidden one; empty for none
     */
    public CaseFailure(String expected, String got, String hint, String detailHtml) {
        super("expected " + expected + ", got " + got + (hint.isEmpty() ? "" : " (" + hint + ")"));
        this.expected = expected;
        this.got = got;
        this.hint = hint;
        this.detailHtml = detailHtml == null ? "" : detailHtml;
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

    /** @return the HTML fragment that shows the difference, or empty */
    public String detailHtml() {
        return detailHtml;
    }
}
