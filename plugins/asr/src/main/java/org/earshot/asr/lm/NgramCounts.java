package org.earshot.asr.lm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The n-gram counts of a text: every n-gram of orders 1…N of each sentence padded as {@code <s> w1 … wk </s>}
 * ({@code <s>} only ever as context), and the vocabulary (the words, {@code </s>} and {@code <unk>}).
 */
public final class NgramCounts {

    private final int order;
    private final List<Map<List<String>, Integer>> counts; // counts.get(n-1): n-gram → count
    private final Set<String> vocabulary;

    private NgramCounts(int order, List<Map<List<String>, Integer>> counts, Set<String> vocabulary) {
        this.order = order;
        this.counts = counts;
        this.vocabulary = vocabulary;
    }

    /**
     * @param sentences training text, a list of words per sentence
     * @param order     N (≥ 1)
     * @return the counts
     */
    public static NgramCounts of(List<List<String>> sentences, int order) {
        if (order < 1) {
            throw new IllegalArgumentException("order must be ≥ 1, got " + order);
        }
        List<Map<List<String>, Integer>> counts = new ArrayList<>();
        for (int n = 0; n < order; n++) {
            counts.add(new HashMap<>());
        }
        Set<String> vocabulary = new TreeSet<>();
        vocabulary.add(NgramModel.EOS);
        vocabulary.add(NgramModel.UNK);
        for (List<String> sentence : sentences) {
            List<String> seq = new ArrayList<>();
            seq.add(NgramModel.BOS);
            seq.addAll(sentence);
            seq.add(NgramModel.EOS);
            vocabulary.addAll(sentence);
            for (int j = 1; j < seq.size(); j++) {
                for (int n = 1; n <= order && j - n + 1 >= 0; n++) {
                    counts.get(n - 1).merge(List.copyOf(seq.subList(j - n + 1, j + 1)), 1, Integer::sum);
                }
            }
        }
        if (vocabulary.contains(NgramModel.BOS)) {
            throw new IllegalArgumentException("the text contains '" + NgramModel.BOS + "' as a word");
        }
        return new NgramCounts(order, counts, vocabulary);
    }

    public int order() {
        return order;
    }

    /** @return n-gram → count for order n (read-only) */
    public Map<List<String>, Integer> counts(int n) {
        return java.util.Collections.unmodifiableMap(counts.get(n - 1));
    }

    /** @return the count of one n-gram (0 when unseen) */
    public int count(List<String> gram) {
        return gram.isEmpty() || gram.size() > order ? 0 : counts.get(gram.size() - 1).getOrDefault(gram, 0);
    }

    /** @return the predictable words: training words, {@code </s>}, {@code <unk>} */
    public Set<String> vocabulary() {
        return java.util.Collections.unmodifiableSet(vocabulary);
    }
}
