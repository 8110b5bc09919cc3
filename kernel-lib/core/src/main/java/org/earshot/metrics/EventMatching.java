package org.earshot.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Precision, recall and F1 of estimated event times (onsets, beats, boundaries) against reference times, each
 * reference matched to at most one estimate within a tolerance window, as mir_eval scores onsets and beats.
 *
 * <p><b>Matching</b> ({@code mir_eval.util.match_events}): reference {@code r} and estimate {@code e} may be paired
 * when {@code e − w ≤ r ≤ e + w} (window ±w, inclusive at both ends). Among all one-to-one pairings of such pairs
 * the largest is taken (a maximum bipartite matching; mir_eval uses Hopcroft–Karp, we use augmenting paths, which
 * finds a matching of the same, unique, size, though perhaps of other pairs). Greedy matching of nearest pairs can
 * do worse: references {1.0, 1.3125} s and estimates {1.25, 1.5} s with w = 0.25 s give two matches, while pairing
 * the nearest first (1.3125–1.25) leaves 1.0 with nothing.
 *
 * <p>The window test is written as mir_eval 0.7 computes it ({@code searchsorted} on {@code e − w} and
 * {@code e + w}), so floating-point rounding falls the same way: reference 1.0 and estimate 1.05 match at
 * w = 0.05 because {@code 1.05 − 0.05} rounds to exactly 1.0, although {@code |1.0 − 1.05|} is
 * 0.050000000000000044.
 *
 * <p><b>Scores</b> with M matches, N_ref references and N_est estimates:
 * <pre>P = M / N_est,   R = M / N_ref,   F1 = 2PR / (P + R)   (F1 = 0 when P + R = 0)</pre>
 * As {@code mir_eval.onset.f_measure}, all three are 0 when either list is empty. mir_eval's beat F-measure also
 * drops beats before 5 s ({@code trim_beats}); we do not, trim first if you compare with it.
 *
 * <p>Worked example: references {0.5, 1.0, 1.5} s, estimates {0.52, 1.2, 1.49} s, w = 0.05 s: two matches,
 * P = R = F1 = 2/3.
 *
 * @param windowSeconds  the tolerance w, in seconds (≥ 0)
 * @param referenceCount N_ref
 * @param estimatedCount N_est
 * @param matches        the matched pairs, by reference index
 * @see <a href="https://craffel.github.io/mir_eval/#mir_eval.util.match_events">mir_eval.util.match_events</a>
 */
public record EventMatching(double windowSeconds, int referenceCount, int estimatedCount, List<Match> matches) {

    /** mir_eval.onset's default window: ±50 ms. */
    public static final double ONSET_WINDOW_SECONDS = 0.05;
    /** mir_eval.beat's default window: ±70 ms. */
    public static final double BEAT_WINDOW_SECONDS = 0.07;

    /**
     * One matched pair.
     *
     * @param reference index into the reference times
     * @param estimated index into the estimated times
     */
    public record Match(int reference, int estimated) {
    }

    public EventMatching {
        matches = List.copyOf(matches);
    }

    /**
     * @param referenceSeconds reference event times in seconds (≥ 0, finite; any order)
     * @param estimatedSeconds estimated event times in seconds (≥ 0, finite; any order)
     * @param windowSeconds    the tolerance ±w in seconds (≥ 0), e.g. {@link #ONSET_WINDOW_SECONDS}
     * @return the maximum matching and its scores
     * @throws IllegalArgumentException for a negative or non-finite time or window
     */
    public static EventMatching of(double[] referenceSeconds, double[] estimatedSeconds, double windowSeconds) {
        if (!(windowSeconds >= 0) || Double.isInfinite(windowSeconds)) {
            throw new IllegalArgumentException("window (" + windowSeconds + " s) must be finite and ≥ 0");
        }
        check("reference", referenceSeconds);
        check("estimated", estimatedSeconds);
        int nr = referenceSeconds.length;
        int ne = estimatedSeconds.length;
        List<List<Integer>> candidates = new ArrayList<>();
        for (int r = 0; r < nr; r++) {
            List<Integer> c = new ArrayList<>();
            for (int e = 0; e < ne; e++) {
                double est = estimatedSeconds[e];
                if (referenceSeconds[r] >= est - windowSeconds && referenceSeconds[r] <= est + windowSeconds) {
                    c.add(e);
                }
            }
            candidates.add(c);
        }
        int[] referenceOf = new int[ne];
        Arrays.fill(referenceOf, -1);
        for (int r = 0; r < nr; r++) {
            augment(r, candidates, referenceOf, new boolean[ne]);
        }
        List<Match> matches = new ArrayList<>();
        int[] estimateOf = new int[nr];
        Arrays.fill(estimateOf, -1);
        for (int e = 0; e < ne; e++) {
            if (referenceOf[e] >= 0) {
                estimateOf[referenceOf[e]] = e;
            }
        }
        for (int r = 0; r < nr; r++) {
            if (estimateOf[r] >= 0) {
                matches.add(new Match(r, estimateOf[r]));
            }
        }
        return new EventMatching(windowSeconds, nr, ne, matches);
    }

    /** Kuhn's augmenting path from reference r: true when r could be matched (reassigning others as needed). */
    private static boolean augment(int r, List<List<Integer>> candidates, int[] referenceOf, boolean[] seen) {
        for (int e : candidates.get(r)) {
            if (seen[e]) {
                continue;
            }
            seen[e] = true;
            if (referenceOf[e] < 0 || augment(referenceOf[e], candidates, referenceOf, seen)) {
                referenceOf[e] = r;
                return true;
            }
        }
        return false;
    }

    private static void check(String name, double[] times) {
        for (int i = 0; i < times.length; i++) {
            if (!(times[i] >= 0) || Double.isInfinite(times[i])) {
                throw new IllegalArgumentException(name + " time " + i + " is " + times[i]
                        + " s: event times must be finite and ≥ 0 seconds");
            }
        }
    }

    /** @return M, the number of matched pairs */
    public int matched() {
        return matches.size();
    }

    /** @return M / N_est (0 when either list is empty) */
    public double precision() {
        return referenceCount == 0 || estimatedCount == 0 ? 0 : (double) matched() / estimatedCount;
    }

    /** @return M / N_ref (0 when either list is empty) */
    public double recall() {
        return referenceCount == 0 || estimatedCount == 0 ? 0 : (double) matched() / referenceCount;
    }

    /** @return 2PR / (P + R), 0 when P + R = 0 */
    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "EventMatching[±%.3f s: %d of %d reference, %d estimated; P=%.4f R=%.4f F1=%.4f]",
                windowSeconds, matched(), referenceCount, estimatedCount, precision(), recall(), f1());
    }
}
