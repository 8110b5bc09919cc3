package org.earshot.asr.ctc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.earshot.asr.WordLanguageModel;
import org.earshot.metrics.Wer;

/**
 * Decoding a CTC model's frame-level log-probabilities into text (§21.2).
 *
 * <ul>
 *   <li><b>Greedy</b>: the most likely class every frame, then collapse. Fast; ignores that many paths share a
 *       label sequence.</li>
 *   <li><b>Prefix beam search</b> (Hannun et al. 2014): keeps the {@code beamWidth} most likely label prefixes,
 *       each with two probabilities — of ending in a blank ({@code p_b}) and not ({@code p_nb}) — so that paths
 *       that collapse to the same prefix are summed, not competing.</li>
 *   <li><b>With a language model</b> (shallow fusion): whenever a space completes a word, and at the end, the
 *       prefix's score gains {@code lmWeight · ln P_LM(word | history) + wordBonus}:
 *       <pre>score(W) = ln p_CTC(W | x) + α·ln P_LM(W) + β·|W|</pre></li>
 *   <li><b>Under a closed vocabulary</b> ({@link ClosedVocabulary}, lexicon-constrained search): a prefix may only
 *       grow into a prefix of an allowed word, and a word may only end (a space, or the end) where it is one; so
 *       the search chooses among the task's words instead of spelling by sound. With or without the LM. When every
 *       prefix left in the beam at the end is inside a word (the sound spelled none of the words at the end), the
 *       best of them is returned with its unfinished word dropped (its labels keep the space before it), its score
 *       that prefix's without the language model's end-of-sentence term, rather than nothing.</li>
 * </ul>
 *
 * Immutable; build with {@link #builder(CtcAlphabet)}.
 */
public final class CtcDecoder {

    /** One decoded hypothesis: its labels, text and fused score (natural log). */
    public record Hypothesis(int[] labels, String text, double score) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Hypothesis h && Arrays.equals(labels, h.labels) && text.equals(h.text) && score == h.score;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(labels), text, score);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "\"%s\" (%.3f)", text, score);
        }
    }

    private final CtcAlphabet alphabet;
    private final int beamWidth;
    private final WordLanguageModel lm;
    private final double lmWeight;
    private final double wordBonus;
    private final ClosedVocabulary vocabulary;

    private CtcDecoder(Builder b) {
        this.alphabet = b.alphabet;
        this.beamWidth = b.beamWidth;
        this.lm = b.lm;
        this.lmWeight = b.lmWeight;
        this.wordBonus = b.wordBonus;
        this.vocabulary = b.vocabulary;
    }

    /** @return the alphabet it decodes */
    public CtcAlphabet alphabet() {
        return alphabet;
    }

    /** @return a builder: beam 8, no language model */
    public static Builder builder(CtcAlphabet alphabet) {
        return new Builder(alphabet);
    }

    /**
     * Greedy decoding: argmax every frame, then the collapse rule.
     *
     * @param logProbs {@code [T][C]}
     * @return the best path's text
     */
    public Hypothesis greedy(double[][] logProbs) {
        checkShape(logProbs);
        int[] path = new int[logProbs.length];
        double score = 0;
        for (int t = 0; t < logProbs.length; t++) {
            int best = 0;
            for (int k = 1; k < logProbs[t].length; k++) {
                if (logProbs[t][k] > logProbs[t][best]) {
                    best = k;
                }
            }
            path[t] = best;
            score += logProbs[t][best];
        }
        int[] labels = Ctc.collapse(path, alphabet.blank());
        return new Hypothesis(labels, alphabet.text(labels), score);
    }

    /** @return the best hypothesis of the prefix beam search */
    public Hypothesis decode(double[][] logProbs) {
        return beamSearch(logProbs).get(0);
    }

    /**
     * Prefix beam search (with the language model when one is set).
     *
     * @param logProbs {@code [T][C]} natural-log probabilities
     * @return the surviving hypotheses, best first
     */
    public List<Hypothesis> beamSearch(double[][] logProbs) {
        checkShape(logProbs);
        int blank = alphabet.blank();
        int space = alphabet.space();
        Map<Prefix, Beam> beams = new HashMap<>();
        beams.put(Prefix.EMPTY, new Beam(0, Double.NEGATIVE_INFINITY, 0));
        for (double[] frame : logProbs) {
            Map<Prefix, Beam> next = new HashMap<>();
            for (Map.Entry<Prefix, Beam> e : beams.entrySet()) {
                Prefix prefix = e.getKey();
                Beam beam = e.getValue();
                double total = Ctc.logAdd(beam.blank, beam.nonBlank);
                for (int c = 0; c < frame.length; c++) {
                    double p = frame[c];
                    if (p == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    if (c == blank) {
                        next.computeIfAbsent(prefix, k -> Beam.empty(beam.lm)).addBlank(total + p);
                        continue;
                    }
                    boolean repeat = c == prefix.last();
                    if (vocabulary != null && !allowed(prefix, c)) {
                        if (repeat) { // the letter held on: still the same prefix
                            next.computeIfAbsent(prefix, k -> Beam.empty(beam.lm)).addNonBlank(beam.nonBlank + p);
                        }
                        continue;
                    }
                    Prefix extended = prefix.plus(c);
                    double lmScore = beam.lm;
                    if (c == space && lm != null) {
                        lmScore += wordScore(prefix);
                    }
                    Beam target = next.computeIfAbsent(extended, k -> Beam.empty(0));
                    target.lm = lmScore;
                    if (repeat) {
                        target.addNonBlank(beam.blank + p); // a repeat needs a blank in between
                        next.computeIfAbsent(prefix, k -> Beam.empty(beam.lm)).addNonBlank(beam.nonBlank + p);
                    } else {
                        target.addNonBlank(total + p);
                    }
                }
            }
            beams = prune(next);
        }
        List<Hypothesis> out = new ArrayList<>();
        Hypothesis unfinished = null; // the best prefix ending inside a word, its finished words kept
        for (Map.Entry<Prefix, Beam> e : beams.entrySet()) {
            if (vocabulary != null && !complete(e.getKey())) { // ends inside a word the vocabulary does not have
                double score = Ctc.logAdd(e.getValue().blank, e.getValue().nonBlank) + e.getValue().lm;
                if (unfinished == null || score > unfinished.score()) {
                    int[] labels = e.getKey().labels;
                    int cut = labels.length;
                    while (cut > 0 && labels[cut - 1] != space) {
                        cut--;
                    }
                    int[] words = java.util.Arrays.copyOf(labels, cut);
                    unfinished = new Hypothesis(words, alphabet.text(words).strip(), score);
                }
                continue;
            }
            double score = Ctc.logAdd(e.getValue().blank, e.getValue().nonBlank) + e.getValue().lm;
            if (lm != null) {
                score += finalScore(e.getKey());
            }
            int[] labels = e.getKey().labels;
            out.add(new Hypothesis(labels, alphabet.text(labels), score));
        }
        out.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
        if (out.isEmpty()) { // every survivor ends inside a word: keep the best one's finished words
            out.add(unfinished != null ? unfinished : new Hypothesis(new int[0], "", Double.NEGATIVE_INFINITY));
        }
        return out;
    }

    /** Whether the closed vocabulary lets {@code prefix} grow by {@code label}. */
    private boolean allowed(Prefix prefix, int label) {
        String partial = partialWord(prefix);
        if (label == alphabet.space()) {
            return vocabulary.isWord(partial);
        }
        return vocabulary.isPrefix(partial + alphabet.symbols().charAt(label));
    }

    /** Whether {@code prefix} ends between words, or on a whole word of the vocabulary. */
    private boolean complete(Prefix prefix) {
        String partial = partialWord(prefix);
        return partial.isEmpty() || vocabulary.isWord(partial);
    }

    /** The letters after the prefix's last space: the word it is spelling. */
    private String partialWord(Prefix prefix) {
        String text = alphabet.text(prefix.labels);
        return text.substring(text.lastIndexOf(' ') + 1);
    }

    private Map<Prefix, Beam> prune(Map<Prefix, Beam> next) {
        if (next.size() <= beamWidth) {
            return next;
        }
        List<Map.Entry<Prefix, Beam>> entries = new ArrayList<>(next.entrySet());
        entries.sort(Comparator.comparingDouble((Map.Entry<Prefix, Beam> e) -> e.getValue().score()).reversed());
        Map<Prefix, Beam> kept = new HashMap<>();
        for (int i = 0; i < beamWidth; i++) {
            kept.put(entries.get(i).getKey(), entries.get(i).getValue());
        }
        return kept;
    }

    /** LM score of the word that a space after {@code prefix} completes (0 when there is no word to complete). */
    private double wordScore(Prefix prefix) {
        List<String> words = words(prefix);
        String text = alphabet.text(prefix.labels);
        if (words.isEmpty() || text.endsWith(" ")) {
            return 0;
        }
        String word = words.get(words.size() - 1);
        return lmWeight * lm.logProb(words.subList(0, words.size() - 1), word) + wordBonus;
    }

    /** At the end: the last, unfinished word (if any) and the end of the sentence. */
    private double finalScore(Prefix prefix) {
        List<String> words = words(prefix);
        String text = alphabet.text(prefix.labels);
        double score = 0;
        if (!words.isEmpty() && !text.endsWith(" ")) {
            score += lmWeight * lm.logProb(words.subList(0, words.size() - 1), words.get(words.size() - 1)) + wordBonus;
        }
        return score + lmWeight * lm.logProb(words, WordLanguageModel.END);
    }

    private List<String> words(Prefix prefix) {
        return Wer.words(alphabet.text(prefix.labels));
    }

    private void checkShape(double[][] logProbs) {
        if (logProbs.length == 0) {
            throw new IllegalArgumentException("no frames to decode");
        }
        for (int t = 0; t < logProbs.length; t++) {
            if (logProbs[t].length != alphabet.size()) {
                throw new IllegalArgumentException("frame " + t + " has " + logProbs[t].length + " classes; the alphabet has "
                        + alphabet.size());
            }
        }
    }

    /** An immutable label prefix with value equality. */
    private record Prefix(int[] labels) {
        static final Prefix EMPTY = new Prefix(new int[0]);

        Prefix plus(int label) {
            int[] l = Arrays.copyOf(labels, labels.length + 1);
            l[labels.length] = label;
            return new Prefix(l);
        }

        int last() {
            return labels.length == 0 ? -1 : labels[labels.length - 1];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Prefix p && Arrays.equals(labels, p.labels);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(labels);
        }
    }

    /** Log-probabilities of a prefix ending in a blank and not, and its language-model score so far. */
    private static final class Beam {
        double blank;
        double nonBlank;
        double lm;

        Beam(double blank, double nonBlank, double lm) {
            this.blank = blank;
            this.nonBlank = nonBlank;
            this.lm = lm;
        }

        static Beam empty(double lm) {
            return new Beam(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, lm);
        }

        void addBlank(double logP) {
            blank = Ctc.logAdd(blank, logP);
        }

        void addNonBlank(double logP) {
            nonBlank = Ctc.logAdd(nonBlank, logP);
        }

        double score() {
            return Ctc.logAdd(blank, nonBlank) + lm;
        }
    }

    /** Builds a {@link CtcDecoder}. */
    public static final class Builder {
        private final CtcAlphabet alphabet;
        private int beamWidth = 8;
        private WordLanguageModel lm;
        private double lmWeight;
        private double wordBonus;
        private ClosedVocabulary vocabulary;

        private Builder(CtcAlphabet alphabet) {
            this.alphabet = Objects.requireNonNull(alphabet, "alphabet");
        }

        /** @param width prefixes kept after each frame (≥ 1; default 8) */
        public Builder beamWidth(int width) {
            if (width < 1) {
                throw new IllegalArgumentException("beam width must be ≥ 1, got " + width);
            }
            this.beamWidth = width;
            return this;
        }

        /**
         * @param model     the word language model
         * @param weight    α, its weight against the acoustic score
         * @param bonus     β, added per word (counters the LM's bias toward short outputs)
         */
        public Builder languageModel(WordLanguageModel model, double weight, double bonus) {
            if (alphabet.space() < 0) {
                throw new IllegalArgumentException("a word language model needs a space in the alphabet to find words");
            }
            this.lm = Objects.requireNonNull(model, "model");
            this.lmWeight = weight;
            this.wordBonus = bonus;
            return this;
        }

        /**
         * @param words the only words the search may spell ({@link ClosedVocabulary}); the alphabet needs a space
         */
        public Builder vocabulary(ClosedVocabulary words) {
            if (alphabet.space() < 0) {
                throw new IllegalArgumentException("a closed vocabulary needs a space in the alphabet to find words");
            }
            this.vocabulary = Objects.requireNonNull(words, "words");
            return this;
        }

        public CtcDecoder build() {
            return new CtcDecoder(this);
        }
    }
}
