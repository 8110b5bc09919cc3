package org.earshot.asr.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.earshot.asr.Ctc;
import org.earshot.asr.CtcAlphabet;
import org.earshot.asr.CtcDecoder;
import org.earshot.asr.Hmm;
import org.earshot.asr.lm.AddK;
import org.earshot.asr.lm.KneserNey;
import org.earshot.asr.lm.NgramCounts;
import org.earshot.exercises.CheckReport;
import org.earshot.exercises.ExerciseBook;
import org.earshot.exercises.Expect;
import org.earshot.exercises.TestCase;
import org.earshot.exercises.Exercise;

/**
 * The graded exercises of §21.2 and their checks; reference answers come from the plugin's own code (CTC equal to
 * PyTorch, the n-gram models, the HMM).
 */
public final class AsrExercises {

    public static final String CTC_COLLAPSE = "21.2-ctc-collapse";
    public static final String CTC_ALIGNMENTS = "21.2-ctc-alignments";
    public static final String EDIT_DISTANCE = "21.2-word-edit-distance";
    public static final String VITERBI = "21.2-viterbi";
    public static final String ADD_ONE = "21.2-add-one-bigram";
    public static final String CONTINUATION = "21.2-continuation-count";
    public static final String GREEDY_CTC = "21.2-greedy-ctc";

    private static final String LESSON = "21.2-asr";

    /** The exercises, as the section's catalog lists them. */
    public static final List<Exercise> ALL = List.of(
            new Exercise(CTC_COLLAPSE, LESSON, "The CTC collapse rule", 1),
            new Exercise(CTC_ALIGNMENTS, LESSON, "Count the CTC alignments of a word", 2),
            new Exercise(EDIT_DISTANCE, LESSON, "Word errors by edit distance", 2),
            new Exercise(VITERBI, LESSON, "Viterbi on a 3-state HMM", 3),
            new Exercise(ADD_ONE, LESSON, "An add-one bigram probability", 2),
            new Exercise(CONTINUATION, LESSON, "A Kneser-Ney continuation count", 1),
            new Exercise(GREEDY_CTC, LESSON, "Greedy CTC decoding", 1));

    /** The exercises with their cases: {@code BOOK.grade(id, answer)} runs the hidden cases too. */
    public static final ExerciseBook BOOK = new ExerciseBook(ALL, Map.of(
            CTC_COLLAPSE, "(AsrExercises.Collapse) (path, blank) -> collapse(path, blank)",
            CTC_ALIGNMENTS, "(AsrExercises.CountAlignments) (target, frames) -> countAlignments(target, frames)",
            EDIT_DISTANCE, "(AsrExercises.WordEdits) (ref, hyp) -> wordErrors(ref, hyp)",
            VITERBI, "(AsrExercises.Viterbi) (init, trans, emit) -> viterbi(init, trans, emit)",
            ADD_ONE, "(AsrExercises.AddOneBigram) (corpus, prev, word) -> addOneBigram(corpus, prev, word)",
            CONTINUATION, "(AsrExercises.ContinuationCount) (corpus, word) -> continuationCount(corpus, word)",
            GREEDY_CTC, "(AsrExercises.GreedyCtc) (logProbs, alphabet, blank) -> greedyDecode(logProbs, alphabet, blank)"),
            AsrExercises::cases);

    private AsrExercises() {
    }

    /** Exercise 1. */
    @FunctionalInterface
    public interface Collapse {
        String collapse(String path, char blank);
    }

    /** Exercise 2: how many frame-level paths of {@code frames} frames collapse to {@code target}. */
    @FunctionalInterface
    public interface CountAlignments {
        long count(String target, int frames);
    }

    /** Exercise 3: the minimum number of word substitutions, deletions and insertions. */
    @FunctionalInterface
    public interface WordEdits {
        int errors(List<String> reference, List<String> hypothesis);
    }

    /** Exercise 4: the most likely state sequence. */
    @FunctionalInterface
    public interface Viterbi {
        int[] path(double[] logInitial, double[][] logTransition, double[][] logEmission);
    }

    /** Exercise 5: {@code P(word | previous)} with add-one smoothing. */
    @FunctionalInterface
    public interface AddOneBigram {
        double probability(List<List<String>> corpus, String previous, String word);
    }

    /** Exercise 6: the number of different words seen right before {@code word} ({@code <s>} counts). */
    @FunctionalInterface
    public interface ContinuationCount {
        int count(List<List<String>> corpus, String word);
    }

    /** Exercise 7: the greedy transcription of a CTC output. */
    @FunctionalInterface
    public interface GreedyCtc {
        String decode(double[][] logProbs, String alphabet, int blank);
    }

    public static CheckReport collapse(Collapse answer) {
        return BOOK.check(CTC_COLLAPSE, answer);
    }

    public static CheckReport countAlignments(CountAlignments answer) {
        return BOOK.check(CTC_ALIGNMENTS, answer);
    }

    public static CheckReport wordEdits(WordEdits answer) {
        return BOOK.check(EDIT_DISTANCE, answer);
    }

    public static CheckReport viterbi(Viterbi answer) {
        return BOOK.check(VITERBI, answer);
    }

    public static CheckReport addOneBigram(AddOneBigram answer) {
        return BOOK.check(ADD_ONE, answer);
    }

    public static CheckReport continuationCount(ContinuationCount answer) {
        return BOOK.check(CONTINUATION, answer);
    }

    public static CheckReport greedyCtc(GreedyCtc answer) {
        return BOOK.check(GREEDY_CTC, answer);
    }

    private static List<TestCase> cases(String id, Object answer) {
        return switch (id) {
            case CTC_COLLAPSE -> collapseCases((Collapse) answer);
            case CTC_ALIGNMENTS -> alignmentCases((CountAlignments) answer);
            case EDIT_DISTANCE -> editCases((WordEdits) answer);
            case VITERBI -> viterbiCases((Viterbi) answer);
            case ADD_ONE -> addOneCases((AddOneBigram) answer);
            case CONTINUATION -> continuationCases((ContinuationCount) answer);
            case GREEDY_CTC -> greedyCases((GreedyCtc) answer);
            default -> throw new IllegalArgumentException("no exercise " + id);
        };
    }

    private static List<TestCase> collapseCases(Collapse f) {
        String hint = "first merge runs of the same symbol, then drop the blanks";
        String[][] cases = {{"CCA_TT", "CAT"}, {"C_AAT_", "CAT"}, {"_CA__T", "CAT"}, {"L_L", "LL"},
                {"LL", "L"}, {"____", ""}, {"a_bb_b", "abb"}, {"xx_x_xx", "xxx"}};
        List<TestCase> out = new ArrayList<>();
        for (int i = 0; i < cases.length; i++) {
            String[] c = cases[i];
            out.add(TestCase.of(i >= 5, "\"" + c[0] + "\"", () -> f.collapse(c[0], '_'),
                    got -> Expect.equalText(c[1], (String) got, hint)));
        }
        return out;
    }

    private static List<TestCase> alignmentCases(CountAlignments f) {
        String hint = "count paths over the extended target _ l1 _ l2 … _ with the CTC forward recursion (all y = 1);"
                + " a repeated letter cannot skip the blank between";
        Object[][] cases = {{"cat", 3}, {"cat", 6}, {"ab", 4}, {"aa", 4}, {"see", 7}, {"a", 5}};
        List<TestCase> out = new ArrayList<>();
        for (int i = 0; i < cases.length; i++) {
            String target = (String) cases[i][0];
            int frames = (Integer) cases[i][1];
            out.add(TestCase.of(i >= 4, "\"" + target + "\" in " + frames + " frames", () -> f.count(target, frames),
                    got -> Expect.equal(Math.round(Ctc.countAlignments(target.chars().toArray(), frames)), (long) got,
                            hint)));
        }
        return out;
    }

    private static List<TestCase> editCases(WordEdits f) {
        String hint = "dynamic programming: d[i][j] = min(d[i-1][j] + 1, d[i][j-1] + 1, d[i-1][j-1] + (same ? 0 : 1))";
        String[][] cases = {{"the cat sat on the mat", "the cat sat the mat"}, {"a b c", "a x c d"}, {"hello world", ""},
                {"", "uh huh"}, {"one two three four", "four three two one"}, {"the the the cat", "the cat cat"}};
        List<TestCase> out = new ArrayList<>();
        for (int i = 0; i < cases.length; i++) {
            List<String> ref = org.earshot.metrics.Wer.words(cases[i][0]);
            List<String> hyp = org.earshot.metrics.Wer.words(cases[i][1]);
            out.add(TestCase.of(i >= 4, "\"" + cases[i][0] + "\" vs \"" + cases[i][1] + "\"",
                    () -> f.errors(ref, hyp), got -> Expect.equal(levenshtein(ref, hyp), (int) got, hint)));
        }
        return out;
    }

    private static int levenshtein(List<String> a, List<String> b) {
        int[][] d = new int[a.size() + 1][b.size() + 1];
        for (int i = 0; i <= a.size(); i++) {
            for (int j = 0; j <= b.size(); j++) {
                d[i][j] = i == 0 ? j : j == 0 ? i : Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
                        d[i - 1][j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1));
            }
        }
        return d[a.size()][b.size()];
    }

    private static List<TestCase> viterbiCases(Viterbi f) {
        String hint = "δ_t(j) = ln b_j(o_t) + max_i (δ_{t-1}(i) + ln a_ij); keep back-pointers, start from the best final state";
        List<TestCase> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Random r = new Random(100 + i);
            int frames = 4 + 2 * i;
            double[] init = logNormalised(r, 3);
            double[][] trans = {logNormalised(r, 3), logNormalised(r, 3), logNormalised(r, 3)};
            double[][] emit = new double[frames][];
            for (int t = 0; t < frames; t++) {
                emit[t] = logNormalised(r, 3);
            }
            out.add(TestCase.of(i >= 3, "3 states, " + frames + " frames (seed " + (100 + i) + ")",
                    () -> f.path(init.clone(), copy(trans), copy(emit)),
                    got -> Expect.equal(new Hmm(init, trans).viterbi(emit), (int[]) got, hint)));
        }
        return out;
    }

    private static double[] logNormalised(Random r, int n) {
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = 0.05 + r.nextDouble();
            sum += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] = Math.log(p[i] / sum);
        }
        return p;
    }

    private static double[][] copy(double[][] a) {
        return org.earshot.audio.Matrices.copy(a);
    }

    static List<List<String>> corpus() {
        return List.of(List.of("turn", "on", "the", "light"), List.of("turn", "off", "the", "light"),
                List.of("open", "the", "door"), List.of("turn", "on", "the", "radio"), List.of("the", "light", "please"));
    }

    private static List<TestCase> addOneCases(AddOneBigram f) {
        String hint = "(c(previous word) + 1) / (c(previous) + |V|), V = the corpus words plus </s> and <unk>";
        List<List<String>> corpus = corpus();
        String[][] cases = {{"turn", "on"}, {"the", "light"}, {"the", "door"}, {"on", "light"}, {"light", "</s>"},
                {"please", "turn"}};
        List<TestCase> out = new ArrayList<>();
        for (int i = 0; i < cases.length; i++) {
            String prev = cases[i][0];
            String word = cases[i][1];
            out.add(TestCase.of(i >= 3, "P(" + word + " | " + prev + ")", () -> f.probability(corpus, prev, word),
                    got -> Expect.close(Math.pow(10, AddK.train(corpus, 2, 1).log10Prob(List.of(prev), word)),
                            (double) got, 1e-12, hint)));
        }
        return out;
    }

    private static List<TestCase> continuationCases(ContinuationCount f) {
        String hint = "count the distinct words (and <s>) that appear right before it, not how often it appears";
        List<List<String>> corpus = corpus();
        String[] words = {"the", "light", "turn", "please", "</s>"};
        List<TestCase> out = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            out.add(TestCase.of(i >= 3, "N1+(• " + w + ")", () -> f.count(corpus, w),
                    got -> Expect.equal(KneserNey.adjustedCounts(NgramCounts.of(corpus, 2)).get(0)
                            .getOrDefault(List.of(w), 0), (int) got, hint)));
        }
        return out;
    }

    private static List<TestCase> greedyCases(GreedyCtc f) {
        String hint = "take the most likely symbol of every frame, then apply the collapse rule";
        List<TestCase> out = new ArrayList<>();
        String alphabet = "_ abc";
        for (int i = 0; i < 5; i++) {
            Random r = new Random(7 + i);
            double[][] lp = new double[6 + 3 * i][];
            for (int t = 0; t < lp.length; t++) {
                lp[t] = logNormalised(r, alphabet.length());
            }
            out.add(TestCase.of(i >= 3, lp.length + " frames over \"" + alphabet + "\"",
                    () -> f.decode(copy(lp), alphabet, 0), got -> Expect.equalText(
                            CtcDecoder.builder(new CtcAlphabet(alphabet, 0)).build().greedy(lp).text(), (String) got, hint)));
        }
        return out;
    }
}
