package org.earshot.exercises;

/**
 * One test of an exercise, in two halves: the {@link Probe} calls the student's code on this case's inputs and
 * returns what it gave; the {@link Verdict} compares that value with the reference answer, computed inside it. The
 * class grader runs both in its own process, the probe calling the student's methods in the sandboxed student
 * process through stand-ins, so neither the verdict nor the reference is ever there.
 *
 * <p>Probes return plain values ({@code int}, {@code long}, {@code double}, {@code boolean}, {@code String},
 * arrays of those, {@code double[][]}, {@code int[][]}, lists of strings or numbers) so that they can cross a
 * process boundary ({@link AnswerCodec}).
 *
 * @param name    what it tries, e.g. {@code "16000 samples, n_fft 400, hop 160, centred"}
 * @param hidden  true when only the grader runs it
 * @param weight  its share of the exercise's points (> 0; shares are normalised over the cases run)
 * @param probe   calls the student's code
 * @param verdict judges what came back
 */
public record TestCase(String name, boolean hidden, double weight, Probe probe, Verdict verdict) {

    /** Calls the student's code on the case's inputs. */
    @FunctionalInterface
    public interface Probe {
        /**
         * @return the student's answer for this case
         * @throws Exception anything the student's code throws
         */
        Object call() throws Exception;
    }

    /** Compares an answer with the reference. */
    @FunctionalInterface
    public interface Verdict {
        /**
         * @param got the probe's value (possibly after a trip through {@link AnswerCodec}); a value of the wrong
         *            type may make this throw {@link ClassCastException} or {@link NullPointerException}, which
         *            the checker reports as a failure
         * @throws CaseFailure when the answer is wrong
         */
        void judge(Object got) throws CaseFailure;
    }

    public TestCase {
        if (!(weight > 0)) {
            throw new IllegalArgumentException("test case " + name + " needs a weight > 0");
        }
    }

    /** @return a visible case of weight 1 */
    public static TestCase visible(String name, Probe probe, Verdict verdict) {
        return new TestCase(name, false, 1, probe, verdict);
    }

    /** @return a hidden case of weight 1 */
    public static TestCase hidden(String name, Probe probe, Verdict verdict) {
        return new TestCase(name, true, 1, probe, verdict);
    }

    /** @return a case of weight 1, hidden or visible */
    public static TestCase of(boolean hidden, String name, Probe probe, Verdict verdict) {
        return new TestCase(name, hidden, 1, probe, verdict);
    }
}
