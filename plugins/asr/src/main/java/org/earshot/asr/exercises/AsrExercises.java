package org.earshot.asr.exercises;

import java.util.List;
import java.util.Random;

import org.earshot.asr.ctc.Ctc;
import org.earshot.asr.ctc.CtcAlphabet;
import org.earshot.asr.ctc.CtcDecoder;
import org.earshot.asr.ctc.CtcPrefixScorer;
import org.earshot.asr.ctc.CtcTrellis;
import org.earshot.asr.Hmm;
import org.earshot.asr.WordLanguageModel;
import org.earshot.asr.hmm.ViterbiTrainer;
import org.earshot.asr.hmm.WordLoopDecoder;
import org.earshot.asr.lm.BackoffModel;
import org.earshot.asr.lm.AddK;
import org.earshot.asr.lm.KneserNey;
import org.earshot.asr.lm.NgramCounts;
import org.earshot.asr.lm.NgramModel;
import org.earshot.audio.Matrices;
import org.earshot.exercises.Comparison;
import org.earshot.exercises.Exercise;
import org.earshot.metrics.Alignment;
import org.earshot.metrics.CorpusScore;
import org.earshot.metrics.ErrorCounts;
import org.earshot.metrics.ScliteReport;
import org.earshot.metrics.Wer;

/**
 * The graded exercises of §21.2, each declared once; reference answers come from the plugin's own code (CTC equal
 * to PyTorch, the n-gram models, the HMM). In a notebook:
 * {@code AsrExercises.CTC_COLLAPSE.check((path, blank) -> collapse(path, blank))}.
 */
public final class AsrExercises {

    private static final String LESSON = "21.2-asr";

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

    /** Exercise 8: WER in percent from the error counts. */
    @FunctionalInterface
    public interface WerPercent {
        double percent(int substitutions, int deletions, int insertions, int referenceWords);
    }

    /** Error counts of an alignment against a reference of {@code referenceWords} words. */
    public record Errors(int substitutions, int deletions, int insertions, int referenceWords) {
        @Override
        public String toString() {
            return "S " + substitutions + ", D " + deletions + ", I " + insertions + ", N " + referenceWords;
        }
    }

    /** A frame-level CTC path, {@code _} the blank. */
    public record Path(String frames) {
        @Override
        public String toString() {
            return "\"" + frames + "\"";
        }
    }

    /** A word and the number of frames it must fill. */
    public record Target(String text, int frames) {
        @Override
        public String toString() {
            return "\"" + text + "\" in " + frames + " frames";
        }
    }

    /** A reference and a hypothesis transcript. */
    public record Transcripts(String reference, String hypothesis) {
        @Override
        public String toString() {
            return "\"" + reference + "\" vs \"" + hypothesis + "\"";
        }
    }

    /** An HMM (log initial, log transition) and the log emission likelihoods of each frame. */
    public record HmmQuestion(double[] logInitial, double[][] logTransition, double[][] logEmission, long seed) {
        @Override
        public String toString() {
            return logInitial.length + " states, " + logEmission.length + " frames (seed " + seed + ")";
        }
    }

    /** A bigram {@code P(word | previous)} over the exercise corpus. */
    public record Bigram(String previous, String word) {
        @Override
        public String toString() {
            return "P(" + word + " | " + previous + ")";
        }
    }

    /** A word whose continuation count is asked. */
    public record Continuation(String word) {
        @Override
        public String toString() {
            return "N1+(• " + word + ")";
        }
    }

    /** Per-frame log-probabilities over an alphabet, its blank at index {@code blank}. */
    public record CtcOutput(double[][] logProbs, String alphabet, int blank) {
        @Override
        public String toString() {
            return logProbs.length + " frames over \"" + alphabet + "\"";
        }
    }

    public static final Exercise<Collapse, Path> CTC_COLLAPSE = Exercise
            .builder("21.2-ctc-collapse", Collapse.class, Path.class)
            .lesson(LESSON).title("The CTC collapse rule").points(1).solvedBy("collapse")
            .forbids(Ctc.class, CtcDecoder.class, CtcPrefixScorer.class)
            .call((f, p) -> f.collapse(p.frames(), '_'))
            .reference(p -> Ctc.collapse(p.frames(), '_'))
            .hint("first merge runs of the same symbol, then drop the blanks")
            .visible(new Path("CCA_TT")).visible(new Path("C_AAT_")).visible(new Path("_CA__T"))
            .visible(new Path("L_L")).visible(new Path("LL"))
            .hidden(new Path("____")).hidden(new Path("a_bb_b")).hidden(new Path("xx_x_xx"))
            .build();

    public static final Exercise<CountAlignments, Target> CTC_ALIGNMENTS = Exercise
            .builder("21.2-ctc-alignments", CountAlignments.class, Target.class)
            .lesson(LESSON).title("Count the CTC alignments of a word").points(2).solvedBy("countAlignments")
            .forbids(Ctc.class, CtcTrellis.class)
            .call((f, t) -> f.count(t.text(), t.frames()))
            .reference(t -> Math.round(Ctc.countAlignments(t.text().chars().toArray(), t.frames())))
            .hint("count paths over the extended target _ l1 _ l2 … _ with the CTC forward recursion (all y = 1);"
                    + " a repeated letter cannot skip the blank between")
            .visible(new Target("cat", 3)).visible(new Target("cat", 6)).visible(new Target("ab", 4))
            .visible(new Target("aa", 4))
            .hidden(new Target("see", 7)).hidden(new Target("a", 5))
            .build();

    public static final Exercise<WordEdits, Transcripts> EDIT_DISTANCE = Exercise
            .builder("21.2-word-edit-distance", WordEdits.class, Transcripts.class)
            .lesson(LESSON).title("Word errors by edit distance").points(2).solvedBy("wordErrors")
            .forbids(Wer.class, Alignment.class, ScliteReport.class, CorpusScore.class)
            .call((f, t) -> f.errors(org.earshot.metrics.Wer.words(t.reference()), org.earshot.metrics.Wer.words(t.hypothesis())))
            .reference(t -> levenshtein(org.earshot.metrics.Wer.words(t.reference()), org.earshot.metrics.Wer.words(t.hypothesis())))
            .hint("dynamic programming: d[i][j] = min(d[i-1][j] + 1, d[i][j-1] + 1, d[i-1][j-1] + (same ? 0 : 1))")
            .visible(new Transcripts("the cat sat on the mat", "the cat sat the mat"))
            .visible(new Transcripts("a b c", "a x c d")).visible(new Transcripts("hello world", ""))
            .visible(new Transcripts("", "uh huh"))
            .hidden(new Transcripts("one two three four", "four three two one"))
            .hidden(new Transcripts("the the the cat", "the cat cat"))
            .build();

    public static final Exercise<Viterbi, HmmQuestion> VITERBI = Exercise
            .builder("21.2-viterbi", Viterbi.class, HmmQuestion.class)
            .lesson(LESSON).title("Viterbi on a 3-state HMM").points(3).solvedBy("viterbi")
            .forbids(Hmm.class, WordLoopDecoder.class, ViterbiTrainer.class)
            .call((f, h) -> f.path(h.logInitial().clone(), Matrices.copy(h.logTransition()), Matrices.copy(h.logEmission())))
            .reference(h -> new Hmm(h.logInitial(), h.logTransition()).viterbi(h.logEmission()))
            .hint("δ_t(j) = ln b_j(o_t) + max_i (δ_{t-1}(i) + ln a_ij); keep back-pointers, start from the best final state")
            .visible(hmm(0)).visible(hmm(1)).visible(hmm(2)).hidden(hmm(3)).hidden(hmm(4))
            .build();

    public static final Exercise<AddOneBigram, Bigram> ADD_ONE = Exercise
            .builder("21.2-add-one-bigram", AddOneBigram.class, Bigram.class)
            .lesson(LESSON).title("An add-one bigram probability").points(2).solvedBy("addOneBigram")
            .forbids(AddK.class, KneserNey.class, NgramCounts.class, NgramModel.class, BackoffModel.class,
                    WordLanguageModel.class)
            .call((f, b) -> f.probability(corpus(), b.previous(), b.word()))
            .reference(b -> Math.pow(10, AddK.train(corpus(), 2, 1).log10Prob(List.of(b.previous()), b.word())))
            .compare(Comparison.within(1e-12))
            .hint("(c(previous word) + 1) / (c(previous) + |V|), V = the corpus words plus </s> and <unk>")
            .visible(new Bigram("turn", "on")).visible(new Bigram("the", "light")).visible(new Bigram("the", "door"))
            .hidden(new Bigram("on", "light")).hidden(new Bigram("light", "</s>")).hidden(new Bigram("please", "turn"))
            .build();

    public static final Exercise<ContinuationCount, Continuation> CONTINUATION = Exercise
            .builder("21.2-continuation-count", ContinuationCount.class, Continuation.class)
            .lesson(LESSON).title("A Kneser-Ney continuation count").points(1).solvedBy("continuationCount")
            .forbids(KneserNey.class, NgramCounts.class, NgramModel.class, BackoffModel.class, AddK.class,
                    WordLanguageModel.class)
            .call((f, c) -> f.count(corpus(), c.word()))
            .reference(c -> KneserNey.adjustedCounts(NgramCounts.of(corpus(), 2)).get(0).getOrDefault(List.of(c.word()), 0))
            .hint("count the distinct words (and <s>) that appear right before it, not how often it appears")
            .visible(new Continuation("the")).visible(new Continuation("light")).visible(new Continuation("turn"))
            .hidden(new Continuation("please")).hidden(new Continuation("</s>"))
            .build();

    public static final Exercise<GreedyCtc, CtcOutput> GREEDY_CTC = Exercise
            .builder("21.2-greedy-ctc", GreedyCtc.class, CtcOutput.class)
            .lesson(LESSON).title("Greedy CTC decoding").points(1).solvedBy("greedyDecode").buildsOn(CTC_COLLAPSE)
            .forbids(CtcDecoder.class, Ctc.class, CtcPrefixScorer.class)
            .call((f, o) -> f.decode(Matrices.copy(o.logProbs()), o.alphabet(), o.blank()))
            .reference(o -> CtcDecoder.builder(new CtcAlphabet(o.alphabet(), o.blank())).build().greedy(o.logProbs()).text())
            .hint("take the most likely symbol of every frame, then apply the collapse rule")
            .visible(ctcOutput(0)).visible(ctcOutput(1)).visible(ctcOutput(2)).hidden(ctcOutput(3)).hidden(ctcOutput(4))
            .build();

    public static final Exercise<WerPercent, Errors> WER_PERCENT = Exercise
            .builder("21.2-wer-percent", WerPercent.class, Errors.class)
            .lesson(LESSON).title("WER as a percentage").points(1).solvedBy("werPercent")
            .forbids(ErrorCounts.class, Wer.class, CorpusScore.class, ScliteReport.class)
            .call((f, e) -> f.percent(e.substitutions(), e.deletions(), e.insertions(), e.referenceWords()))
            .reference(e -> new org.earshot.metrics.ErrorCounts(e.referenceWords(), e.referenceWords()
                    - e.substitutions() - e.deletions(), e.substitutions(), e.deletions(), e.insertions())
                    .errorRatePercent())
            .compare(Comparison.within(1e-9))
            .hint("WER = 100·(S + D + I) / N, N the words of the reference (not of the hypothesis): it can pass 100 %")
            .visible(new Errors(0, 1, 0, 6)).visible(new Errors(2, 1, 1, 10)).visible(new Errors(0, 0, 3, 2))
            .hidden(new Errors(0, 0, 0, 7)).hidden(new Errors(5, 3, 4, 40)).hidden(new Errors(1, 0, 0, 3))
            .build();

    /** The exercises, in the order of the solutions notebook. */
    public static List<Exercise<?, ?>> all() {
        return Exercise.declaredIn(AsrExercises.class);
    }

    private static HmmQuestion hmm(int i) {
        Random r = new Random(100 + i);
        int frames = 4 + 2 * i;
        double[] init = logNormalised(r, 3);
        double[][] trans = {logNormalised(r, 3), logNormalised(r, 3), logNormalised(r, 3)};
        double[][] emit = new double[frames][];
        for (int t = 0; t < frames; t++) {
            emit[t] = logNormalised(r, 3);
        }
        return new HmmQuestion(init, trans, emit, 100 + i);
    }

    private static CtcOutput ctcOutput(int i) {
        String alphabet = "_ abc";
        Random r = new Random(7 + i);
        double[][] lp = new double[6 + 3 * i][];
        for (int t = 0; t < lp.length; t++) {
            lp[t] = logNormalised(r, alphabet.length());
        }
        return new CtcOutput(lp, alphabet, 0);
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


    static List<List<String>> corpus() {
        return List.of(List.of("turn", "on", "the", "light"), List.of("turn", "off", "the", "light"),
                List.of("open", "the", "door"), List.of("turn", "on", "the", "radio"), List.of("the", "light", "please"));
    }

}
