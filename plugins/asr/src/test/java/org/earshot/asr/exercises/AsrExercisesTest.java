package org.earshot.asr.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.earshot.exercises.Check;
import org.earshot.exercises.CheckReport;
import org.earshot.exercises.Exercise;
import org.junit.jupiter.api.Test;

/** Right answers (written from the formulas, as a student would) score full marks; typical mistakes do not. */
class AsrExercisesTest {

    static String collapse(String path, char blank) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if ((i == 0 || c != path.charAt(i - 1)) && c != blank) {
                out.append(c);
            }
        }
        return out.toString();
    }

    static long alignments(String target, int frames) {
        int s = 2 * target.length() + 1;
        char[] ext = new char[s];
        for (int i = 0; i < s; i++) {
            ext[i] = i % 2 == 0 ? '_' : target.charAt(i / 2);
        }
        long[] a = new long[s];
        a[0] = 1;
        if (s > 1) {
            a[1] = 1;
        }
        for (int t = 1; t < frames; t++) {
            long[] n = new long[s];
            for (int i = 0; i < s; i++) {
                n[i] = a[i] + (i >= 1 ? a[i - 1] : 0) + (i >= 2 && ext[i] != '_' && ext[i] != ext[i - 2] ? a[i - 2] : 0);
            }
            a = n;
        }
        return a[s - 1] + (s > 1 ? a[s - 2] : 0);
    }

    static int edits(List<String> r, List<String> h) {
        int[][] d = new int[r.size() + 1][h.size() + 1];
        for (int i = 0; i <= r.size(); i++) {
            for (int j = 0; j <= h.size(); j++) {
                d[i][j] = i == 0 ? j : j == 0 ? i : Math.min(Math.min(d[i - 1][j], d[i][j - 1]) + 1,
                        d[i - 1][j - 1] + (r.get(i - 1).equals(h.get(j - 1)) ? 0 : 1));
            }
        }
        return d[r.size()][h.size()];
    }

    static int[] viterbi(double[] init, double[][] trans, double[][] emit) {
        int n = init.length;
        int frames = emit.length;
        double[][] delta = new double[frames][n];
        int[][] back = new int[frames][n];
        for (int j = 0; j < n; j++) {
            delta[0][j] = init[j] + emit[0][j];
        }
        for (int t = 1; t < frames; t++) {
            for (int j = 0; j < n; j++) {
                int best = 0;
                for (int i = 1; i < n; i++) {
                    if (delta[t - 1][i] + trans[i][j] > delta[t - 1][best] + trans[best][j]) {
                        best = i;
                    }
                }
                delta[t][j] = delta[t - 1][best] + trans[best][j] + emit[t][j];
                back[t][j] = best;
            }
        }
        int[] path = new int[frames];
        for (int j = 1; j < n; j++) {
            if (delta[frames - 1][j] > delta[frames - 1][path[frames - 1]]) {
                path[frames - 1] = j;
            }
        }
        for (int t = frames - 1; t > 0; t--) {
            path[t - 1] = back[t][path[t]];
        }
        return path;
    }

    static double addOne(List<List<String>> corpus, String prev, String word) {
        Set<String> vocab = new HashSet<>(List.of("</s>", "<unk>"));
        int pair = 0;
        int prevCount = 0;
        for (List<String> s : corpus) {
            vocab.addAll(s);
            for (int i = 0; i < s.size(); i++) {
                String next = i + 1 < s.size() ? s.get(i + 1) : "</s>";
                if (s.get(i).equals(prev)) {
                    prevCount++;
                    if (next.equals(word)) {
                        pair++;
                    }
                }
            }
        }
        return (pair + 1.0) / (prevCount + vocab.size());
    }

    static int continuation(List<List<String>> corpus, String word) {
        Set<String> before = new HashSet<>();
        for (List<String> s : corpus) {
            for (int i = 0; i <= s.size(); i++) {
                String w = i < s.size() ? s.get(i) : "</s>";
                if (w.equals(word)) {
                    before.add(i == 0 ? "<s>" : s.get(i - 1));
                }
            }
        }
        return before.size();
    }

    static String greedy(double[][] lp, String alphabet, int blank) {
        StringBuilder path = new StringBuilder();
        for (double[] frame : lp) {
            int best = 0;
            for (int k = 1; k < frame.length; k++) {
                if (frame[k] > frame[best]) {
                    best = k;
                }
            }
            path.append(alphabet.charAt(best));
        }
        return collapse(path.toString(), alphabet.charAt(blank));
    }

    static final Map<Exercise<?, ?>, Object> RIGHT = Map.of(
            AsrExercises.CTC_COLLAPSE, (AsrExercises.Collapse) AsrExercisesTest::collapse,
            AsrExercises.CTC_ALIGNMENTS, (AsrExercises.CountAlignments) AsrExercisesTest::alignments,
            AsrExercises.EDIT_DISTANCE, (AsrExercises.WordEdits) AsrExercisesTest::edits,
            AsrExercises.VITERBI, (AsrExercises.Viterbi) AsrExercisesTest::viterbi,
            AsrExercises.ADD_ONE, (AsrExercises.AddOneBigram) AsrExercisesTest::addOne,
            AsrExercises.CONTINUATION, (AsrExercises.ContinuationCount) AsrExercisesTest::continuation,
            AsrExercises.GREEDY_CTC, (AsrExercises.GreedyCtc) AsrExercisesTest::greedy,
            AsrExercises.WER_PERCENT, (AsrExercises.WerPercent) (s, d, i, n) -> 100.0 * (s + d + i) / n);

    @Test
    void rightAnswersScoreFullMarksOnEveryCase() {
        assertEquals(AsrExercises.all().size(), RIGHT.size());
        for (var e : AsrExercises.all()) {
            CheckReport all = Check.run(e.id(), e.points(), e.casesOfAnswer(RIGHT.get(e)), true);
            assertTrue(all.passed(), all.toMimeBundle().plainText());
            assertTrue(all.results().stream().anyMatch(CheckReport.CaseResult::hidden), e.id());
        }
    }

    @Test
    void typicalMistakesFail() {
        assertFalse(AsrExercises.CTC_COLLAPSE.check((p, b) -> p.replace(String.valueOf(b), "")).passed(), "forgot to merge repeats");
        assertFalse(AsrExercises.CTC_ALIGNMENTS.check((t, f) -> 1).passed());
        assertFalse(AsrExercises.EDIT_DISTANCE.check((r, h) -> Math.abs(r.size() - h.size())).passed());
        assertFalse(AsrExercises.ADD_ONE.check((c, p, w) -> 0.5).passed());
        assertFalse(AsrExercises.CONTINUATION.check((c, w) -> (int) c.stream().flatMap(List::stream)
                .filter(w::equals).count()).passed(), "raw counts are not continuation counts");
        assertFalse(AsrExercises.GREEDY_CTC.check((lp, a, b) -> "").passed());
        assertFalse(AsrExercises.VITERBI.check((i, t, e) -> new int[e.length]).passed());
        assertFalse(AsrExercises.WER_PERCENT.check((s, d, i, n) -> 100.0 * (s + d + i) / (n + i)).passed(),
                "divided by the hypothesis' length");
        assertFalse(AsrExercises.WER_PERCENT.check((s, d, i, n) -> (double) (s + d + i) / n).passed(), "a fraction");
    }
}
