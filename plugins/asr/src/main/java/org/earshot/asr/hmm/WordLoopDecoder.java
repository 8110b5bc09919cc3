package org.earshot.asr.hmm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.earshot.asr.WordLanguageModel;

/**
 * The classical decoder (§21.2): a Viterbi search over a graph of word models in a loop. Silence, then any
 * sequence of words, each optionally followed by silence; entering word {@code w} after word {@code v} adds
 * {@code lmWeight · ln P(w | v) + wordPenalty}, and the end adds {@code lmWeight · ln P(</s> | last)}. Tokens hold
 * the best score of each state and the word history that got there; states more than {@code beam} below the
 * frame's best are dropped.
 */
public final class WordLoopDecoder {

    private record History(String word, History previous) {
        List<String> words() {
            List<String> out = new ArrayList<>();
            for (History h = this; h != null; h = h.previous) {
                if (h.word != null) {
                    out.add(h.word);
                }
            }
            Collections.reverse(out);
            return out;
        }

        String last() {
            return word == null ? null : word;
        }
    }

    private final AcousticModel model;
    private final List<String> words;
    private final WordLanguageModel lm;
    private final double lmWeight;
    private final double wordPenalty;
    private final double beam;
    private final int[][] chains; // chains[0]: start silence, chains[1]: optional silence, chains[2 + i]: word i

    /**
     * @param model       the acoustic model
     * @param lexicon     pronunciations of {@code words}
     * @param words       the vocabulary of the loop
     * @param lm          the language model
     * @param lmWeight    its weight against the acoustic log-likelihoods (tens, since those are summed per frame)
     * @param wordPenalty added per word (negative discourages insertions)
     * @param beam        pruning width, in natural-log units
     */
    public WordLoopDecoder(AcousticModel model, Lexicon lexicon, List<String> words, WordLanguageModel lm,
                           double lmWeight, double wordPenalty, double beam) {
        this.model = model;
        this.words = List.copyOf(words);
        this.lm = lm;
        this.lmWeight = lmWeight;
        this.wordPenalty = wordPenalty;
        this.beam = beam;
        this.chains = new int[2 + words.size()][];
        chains[0] = model.states(AcousticModel.SIL);
        chains[1] = model.states(AcousticModel.SIL);
        for (int i = 0; i < words.size(); i++) {
            List<Integer> s = new ArrayList<>();
            for (String phone : lexicon.phones(words.get(i))) {
                Arrays.stream(model.states(phone)).forEach(s::add);
            }
            chains[2 + i] = s.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * @param model   the acoustic model
     * @param lexicon pronunciations of {@code words}
     * @param words   the vocabulary of the loop
     * @return a builder with every other field named: {@code .languageModel(bigram, 10).wordPenalty(0).beam(400)}
     */
    public static Builder builder(AcousticModel model, Lexicon lexicon, java.util.Collection<String> words) {
        return new Builder(model, lexicon, List.copyOf(words));
    }

    /** Builds a {@link WordLoopDecoder}; the language model is required, the word penalty (0) and beam (400) not. */
    public static final class Builder {
        private final AcousticModel model;
        private final Lexicon lexicon;
        private final List<String> words;
        private WordLanguageModel lm;
        private double lmWeight;
        private double wordPenalty;
        private double beam = 400;

        private Builder(AcousticModel model, Lexicon lexicon, List<String> words) {
            this.model = model;
            this.lexicon = lexicon;
            this.words = words;
        }

        /**
         * @param model  the word language model
         * @param weight its weight λ against the acoustic log-likelihoods (tens: those are summed over frames)
         */
        public Builder languageModel(WordLanguageModel model, double weight) {
            this.lm = model;
            this.lmWeight = weight;
            return this;
        }

        /** @param logPenalty added per word, natural log (negative discourages insertions; default 0) */
        public Builder wordPenalty(double logPenalty) {
            this.wordPenalty = logPenalty;
            return this;
        }

        /** @param width the pruning beam, natural-log units (default 400) */
        public Builder beam(double width) {
            this.beam = width;
            return this;
        }

        public WordLoopDecoder build() {
            if (lm == null) {
                throw new IllegalStateException("a word-loop decoder needs a language model: .languageModel(lm, weight)");
            }
            return new WordLoopDecoder(model, lexicon, words, lm, lmWeight, wordPenalty, beam);
        }
    }

    /**
     * @param features {@code [frame][39]}
     * @return the best word sequence
     */
    public List<String> decode(double[][] features) {
        int c = chains.length;
        double[][] score = new double[c][];
        History[][] hist = new History[c][];
        for (int k = 0; k < c; k++) {
            score[k] = new double[chains[k].length];
            Arrays.fill(score[k], Double.NEGATIVE_INFINITY);
            hist[k] = new History[chains[k].length];
        }
        double[] emit = model.emissionLogLikelihoods(features[0]);
        score[0][0] = emit[chains[0][0]];
        for (int t = 1; t < features.length; t++) {
            emit = model.emissionLogLikelihoods(features[t]);
            // exits of the previous frame: ends of the start silence, the optional silence and every word
            double bestWordExit = Double.NEGATIVE_INFINITY;
            History bestWordExitHistory = null;
            List<double[]> exitScores = new ArrayList<>();
            List<History> exitHistories = new ArrayList<>();
            for (int k = 0; k < c; k++) {
                int last = chains[k].length - 1;
                if (score[k][last] == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                double exit = score[k][last] + model.logNext(chains[k][last]);
                exitScores.add(new double[] {exit, k});
                exitHistories.add(hist[k][last]);
                if (k >= 2 && exit > bestWordExit) {
                    bestWordExit = exit;
                    bestWordExitHistory = hist[k][last];
                }
            }
            double[][] next = new double[c][];
            History[][] nextHist = new History[c][];
            double frameBest = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                int[] ch = chains[k];
                next[k] = new double[ch.length];
                nextHist[k] = new History[ch.length];
                for (int j = 0; j < ch.length; j++) {
                    double stay = score[k][j] + model.logSelfLoop()[ch[j]];
                    double step = j > 0 ? score[k][j - 1] + model.logNext(ch[j - 1]) : Double.NEGATIVE_INFINITY;
                    double best = Math.max(stay, step);
                    History h = stay >= step ? hist[k][j] : (j > 0 ? hist[k][j - 1] : null);
                    if (j == 0 && k == 1 && bestWordExit > best) { // optional silence after a word
                        best = bestWordExit;
                        h = bestWordExitHistory;
                    }
                    if (j == 0 && k >= 2) { // entering word k-2 from any exit
                        String w = words.get(k - 2);
                        for (int e = 0; e < exitScores.size(); e++) {
                            History prev = exitHistories.get(e);
                            double entry = exitScores.get(e)[0] + lmWeight * lm.logProb(context(prev), w) + wordPenalty;
                            if (entry > best) {
                                best = entry;
                                h = new History(w, prev);
                            }
                        }
                    }
                    if (best > Double.NEGATIVE_INFINITY) {
                        next[k][j] = best + emit[ch[j]];
                        nextHist[k][j] = h;
                        frameBest = Math.max(frameBest, next[k][j]);
                    } else {
                        next[k][j] = Double.NEGATIVE_INFINITY;
                    }
                }
            }
            for (int k = 0; k < c; k++) {
                for (int j = 0; j < next[k].length; j++) {
                    if (next[k][j] < frameBest - beam) {
                        next[k][j] = Double.NEGATIVE_INFINITY;
                        nextHist[k][j] = null;
                    }
                }
            }
            score = next;
            hist = nextHist;
        }
        double best = Double.NEGATIVE_INFINITY;
        History winner = null;
        for (int k = 1; k < c; k++) {
            int last = chains[k].length - 1;
            if (score[k][last] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            History h = hist[k][last];
            double end = score[k][last] + lmWeight * lm.logProb(context(h), WordLanguageModel.END);
            if (end > best) {
                best = end;
                winner = h;
            }
        }
        return winner == null ? List.of() : winner.words();
    }

    private static List<String> context(History h) {
        return h == null ? List.of() : h.words();
    }
}
