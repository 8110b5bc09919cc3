package org.earshot.speakers.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.earshot.exercises.Check;
import org.earshot.exercises.CheckReport;
import org.earshot.exercises.Exercise;
import org.earshot.metrics.Assignment;
import org.earshot.metrics.SpeakerSegment;
import org.junit.jupiter.api.Test;

/** Each exercise: a right answer written as a student would scores full marks everywhere; typical mistakes do not. */
class SpeakersExercisesTest {

    static double cosine(double[] a, double[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    /** {FAR, FRR} at +∞ then at each distinct score, descending. */
    static List<double[]> curve(double[] target, double[] nonTarget) {
        TreeSet<Double> thresholds = new TreeSet<>();
        for (double s : target) thresholds.add(s);
        for (double s : nonTarget) thresholds.add(s);
        List<double[]> points = new ArrayList<>(List.of(new double[] {0, 1, Double.POSITIVE_INFINITY}));
        for (double theta : thresholds.descendingSet()) {
            double fa = Arrays.stream(nonTarget).filter(s -> s >= theta).count() / (double) nonTarget.length;
            double fr = Arrays.stream(target).filter(s -> s < theta).count() / (double) target.length;
            points.add(new double[] {fa, fr, theta});
        }
        return points;
    }

    static double eer(double[] target, double[] nonTarget) {
        List<double[]> p = curve(target, nonTarget);
        for (int i = 1; i < p.size(); i++) {
            double before = p.get(i - 1)[1] - p.get(i - 1)[0];
            double after = p.get(i)[1] - p.get(i)[0];
            if (after <= 0) {
                return p.get(i - 1)[0] + before / (before - after) * (p.get(i)[0] - p.get(i - 1)[0]);
            }
        }
        return Double.NaN;
    }

    static double thresholdAtFar(double[] target, double[] nonTarget, double maxFar) {
        double best = Double.POSITIVE_INFINITY;
        for (double[] p : curve(target, nonTarget)) {
            if (p[0] <= maxFar) best = p[2];
        }
        return best;
    }

    static int[] agglomerate(double[][] x, double threshold) {
        List<List<Integer>> clusters = new ArrayList<>();
        for (int i = 0; i < x.length; i++) clusters.add(new ArrayList<>(List.of(i)));
        while (clusters.size() > 1) {
            int bi = -1, bj = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < clusters.size(); i++)
                for (int j = i + 1; j < clusters.size(); j++) {
                    double sum = 0;
                    for (int a : clusters.get(i)) for (int b : clusters.get(j)) sum += 1 - cosine(x[a], x[b]);
                    double d = sum / (clusters.get(i).size() * clusters.get(j).size());
                    if (d < best) { best = d; bi = i; bj = j; }
                }
            if (best >= threshold) break;
            clusters.get(bi).addAll(clusters.remove(bj));
        }
        int[] labels = new int[x.length];
        for (int c = 0; c < clusters.size(); c++) for (int i : clusters.get(c)) labels[i] = c;
        return labels;
    }

    static double der(List<SpeakerSegment> ref, List<SpeakerSegment> hyp) {
        double from = ref.stream().mapToDouble(SpeakerSegment::startSeconds).min().orElseThrow();
        double to = ref.stream().mapToDouble(SpeakerSegment::endSeconds).max().orElseThrow();
        TreeSet<Double> cuts = new TreeSet<>(List.of(from, to));
        for (SpeakerSegment s : ref) { cuts.add(s.startSeconds()); cuts.add(s.endSeconds()); }
        for (SpeakerSegment s : hyp) { cuts.add(s.startSeconds()); cuts.add(s.endSeconds()); }
        List<String> r = ref.stream().map(SpeakerSegment::speaker).distinct().toList();
        List<String> h = hyp.stream().map(SpeakerSegment::speaker).distinct().toList();
        List<Double> t = new ArrayList<>(cuts.subSet(from, true, to, true));
        double[][] together = new double[r.size()][h.size()];
        for (int p = 0; p + 1 < t.size(); p++) {
            double mid = (t.get(p) + t.get(p + 1)) / 2, d = t.get(p + 1) - t.get(p);
            for (int i = 0; i < r.size(); i++) for (int j = 0; j < h.size(); j++)
                if (active(ref, r.get(i), mid) && active(hyp, h.get(j), mid)) together[i][j] += d;
        }
        int[] map = Assignment.maximumWeight(together);
        double scored = 0, errors = 0;
        for (int p = 0; p + 1 < t.size(); p++) {
            double mid = (t.get(p) + t.get(p + 1)) / 2, d = t.get(p + 1) - t.get(p);
            int nRef = 0, nHyp = 0, correct = 0;
            for (int i = 0; i < r.size(); i++) {
                if (!active(ref, r.get(i), mid)) continue;
                nRef++;
                if (map[i] >= 0 && together[i][map[i]] > 0 && active(hyp, h.get(map[i]), mid)) correct++;
            }
            for (String s : h) if (active(hyp, s, mid)) nHyp++;
            scored += d * nRef;
            errors += d * (Math.max(nRef, nHyp) - correct);
        }
        return 100 * errors / scored;
    }

    static boolean active(List<SpeakerSegment> turns, String speaker, double time) {
        return turns.stream().anyMatch(s -> s.speaker().equals(speaker) && s.startSeconds() < time && time < s.endSeconds());
    }

    static boolean[] vadWithHangover(double[] db, double threshold, int hangover) {
        boolean[] speech = new boolean[db.length];
        int lastLoud = Integer.MIN_VALUE / 2;
        for (int t = 0; t < db.length; t++) {
            if (db[t] >= threshold) lastLoud = t;
            speech[t] = t - lastLoud <= hangover;
        }
        return speech;
    }

    static final Map<Exercise<?, ?>, Object> RIGHT = Map.of(
            SpeakersExercises.COSINE, (SpeakersExercises.CosineSimilarity) SpeakersExercisesTest::cosine,
            SpeakersExercises.EER, (SpeakersExercises.EqualErrorRate) SpeakersExercisesTest::eer,
            SpeakersExercises.THRESHOLD_AT_FAR, (SpeakersExercises.ThresholdAtFar) SpeakersExercisesTest::thresholdAtFar,
            SpeakersExercises.AGGLOMERATIVE, (SpeakersExercises.Agglomerate) SpeakersExercisesTest::agglomerate,
            SpeakersExercises.DER, (SpeakersExercises.Der) SpeakersExercisesTest::der,
            SpeakersExercises.VAD_HANGOVER, (SpeakersExercises.Hangover) SpeakersExercisesTest::vadWithHangover);

    @Test
    void rightAnswersScoreFullMarksOnEveryCase() {
        assertEquals(SpeakersExercises.all().size(), RIGHT.size());
        for (var e : SpeakersExercises.all()) {
            CheckReport all = Check.run(e.id(), e.points(), e.casesOfAnswer(RIGHT.get(e)), true);
            assertTrue(all.passed(), all.toMimeBundle().plainText());
            assertEquals(e.points(), all.score(), 1e-12);
            assertTrue(all.results().stream().anyMatch(CheckReport.CaseResult::hidden), e.id() + " has hidden cases");
            assertTrue(all.results().stream().anyMatch(r -> !r.hidden()), e.id() + " has visible cases");
        }
    }

    @Test
    void typicalMistakesFail() {
        // the dot product alone: right only for unit vectors
        assertFalse(SpeakersExercises.COSINE.check((a, b) -> {
            double dot = 0;
            for (int i = 0; i < a.length; i++) dot += a[i] * b[i];
            return dot;
        }).passed());
        // the nearest curve point instead of the interpolated crossing
        assertFalse(SpeakersExercises.EER.check((t, n) -> {
            double best = 1, at = 0;
            for (double[] p : curve(t, n)) if (Math.abs(p[0] - p[1]) < best) { best = Math.abs(p[0] - p[1]); at = p[0]; }
            return at;
        }).passed());
        // accepting on score > θ moves the threshold by one score
        assertFalse(SpeakersExercises.THRESHOLD_AT_FAR.check((t, n, far) -> {
            double best = Double.POSITIVE_INFINITY;
            for (double[] p : curve(t, n)) {
                double theta = p[2];
                if (Arrays.stream(n).filter(s -> s > theta).count() / (double) n.length <= far) best = theta;
            }
            return best;
        }).passed());
        // single linkage instead of average
        assertFalse(Check.run("x", 3, SpeakersExercises.AGGLOMERATIVE.casesOfAnswer(
                (SpeakersExercises.Agglomerate) (x, th) -> new int[x.length]), true).passed());
        // the speakers' own labels matched by name: no mapping
        assertFalse(SpeakersExercises.DER.check((r, h) -> 0.0).passed());
        // no hangover at all
        assertFalse(SpeakersExercises.VAD_HANGOVER.check((db, th, hang) -> vadWithHangover(db, th, 0)).passed());
    }
}
