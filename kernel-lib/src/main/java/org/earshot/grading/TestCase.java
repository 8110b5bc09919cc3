package org.earshot.grading;

/**
 * One test of an exercise: a name the student sees, whether it is hidden (run only when grading), its share of
 * the exercise's points, and its body, which throws {@link CaseFailure} when the answer is wrong.
 *
 * @param name   what it tries, e.g. {@code "16000 samples, n_fft 400, hop 160, centred"}
 * @param hidden true when only the grader runs it
 * @param weight its share of the exercise's points (> 0; shares are normalised over the cases run)
 * @param body   the test
 */
public record TestCase(String name, boolean hidden, double weight, Body body) {

    /** The test itself. */
    @FunctionalInterface
    public interface Body {
        /**
         * @throws CaseFailure when the answer is wrong
         * @throws Exception   anything the student's code throws
         */
        void run() throws Exception;
    }

    public TestCase {
        if (!(weight > 0)) {
            throw new IllegalArgumentException("test case " + name + " needs a weight > 0");
        }
    }

    /** @return a visible case of weight 1 */
    public static TestCase visible(String name, Body body) {
        return new TestCase(name, false, 1, body);
    }

    /** @return a hidden case of weight 1 */
    public static TestCase hidden(String name, Body body) {
        return new TestCase(name, true, 1, body);
    }
}
