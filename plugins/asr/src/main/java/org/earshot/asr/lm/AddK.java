package org.earshot.asr.lm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Add-k smoothing (§21.2; k = 1 is Laplace's add-one): pretend every n-gram was seen k more times,
 *
 * <pre>P(w | h) = (c(h, w) + k) / (c(h) + k·|V|)</pre>
 *
 * with {@code h} the last {@code N − 1} words (fewer at a sentence start) and {@code |V|} the predictable
 * vocabulary. Simple, and a reference point for Kneser–Ney: it gives far too much mass to unseen n-grams.
 */
public final class AddK implements NgramModel {

    private final NgramCounts counts;
    private final double k;
    private final Map<List<String>, Integer> contextTotals = new HashMap<>();

    private AddK(NgramCounts counts, double k) {
        this.counts = counts;
        this.k = k;
        for (int n = 1; n <= counts.order(); n++) {
            for (Map.Entry<List<String>, Integer> e : counts.counts(n).entrySet()) {
                contextTotals.merge(e.getKey().subList(0, n - 1), e.getValue(), Integer::sum);
            }
        }
    }

    /**
     * @param sentences training text
     * @param order     N
     * @param k         the pseudo-count (> 0)
     * @return the model
     */
    public static AddK train(List<List<String>> sentences, int order, double k) {
        if (!(k > 0)) {
            throw new IllegalArgumentException("k must be > 0, got " + k);
        }
        return new AddK(NgramCounts.of(sentences, order), k);
    }

    @Override
    public int order() {
        return counts.order();
    }

    @Override
    public Set<String> vocabulary() {
        return counts.vocabulary();
    }

    @Override
    public double log10Prob(List<String> history, String word) {
        List<String> context = new ArrayList<>();
        context.add(BOS);
        for (String h : history) {
            context.add(counts.vocabulary().contains(h) ? h : UNK);
        }
        int keep = Math.min(order() - 1, context.size());
        List<String> h = context.subList(context.size() - keep, context.size());
        List<String> gram = new ArrayList<>(h);
        gram.add(counts.vocabulary().contains(word) ? word : UNK);
        double numerator = counts.count(gram) + k;
        double denominator = contextTotals.getOrDefault(h, 0) + k * counts.vocabulary().size();
        return Math.log10(numerator / denominator);
    }
}
