package org.earshot.asr.lm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Interpolated modified Kneser–Ney smoothing (§21.2; Chen &amp; Goodman 1998), the smoothing of KenLM's lmplz and
 * SRILM's {@code -kndiscount -interpolate}.
 *
 * <ul>
 *   <li><b>Adjusted counts.</b> The highest order uses raw counts {@code c}; a lower order uses the
 *       <em>continuation count</em> {@code N1+(• h w)}, the number of different words seen before it (a word that
 *       only ever follows one word, like "Francisco", gets a small unigram probability); n-grams that start with
 *       {@code <s>} keep raw counts, since nothing can precede them.</li>
 *   <li><b>Three discounts per order</b> from the counts-of-counts {@code t_k} (n-grams with adjusted count k):
 *       {@code Y = t1/(t1 + 2·t2)}, {@code D1 = 1 − 2Y·t2/t1}, {@code D2 = 2 − 3Y·t3/t2},
 *       {@code D3+ = 3 − 4Y·t4/t3}.</li>
 *   <li><b>Interpolation.</b> {@code P(w|h) = (a(h,w) − D(a(h,w)))/Σ_v a(h,v) + γ(h)·P(w|h′)} with
 *       {@code γ(h) = (D1·N1(h•) + D2·N2(h•) + D3+·N3+(h•)) / Σ_v a(h,v)} and {@code h′} the history without its
 *       oldest word; unigrams interpolate with the uniform distribution {@code 1/|V|} (so {@code <unk>} gets
 *       {@code γ/|V|}).</li>
 * </ul>
 *
 * The result is stored exactly in backoff form ({@link BackoffModel}): listed n-grams carry the interpolated
 * probability, contexts carry {@code γ} as their backoff weight. When a count-of-count is zero (tiny corpora) the
 * discounts fall back to {@code 0.5, 1.0, 1.5}.
 */
public final class KneserNey {

    private KneserNey() {
    }

    /**
     * @param sentences training text
     * @param order     N (≥ 1)
     * @return the model in backoff form
     */
    public static BackoffModel train(List<List<String>> sentences, int order) {
        NgramCounts counts = NgramCounts.of(sentences, order);
        List<Map<List<String>, Integer>> adjusted = adjustedCounts(counts);
        List<double[]> discounts = new ArrayList<>();
        for (Map<List<String>, Integer> a : adjusted) {
            discounts.add(discounts(a));
        }
        List<Map<List<String>, BackoffModel.Entry>> grams = new ArrayList<>();
        List<Map<List<String>, Double>> probs = new ArrayList<>(); // interpolated P(w | h) of listed n-grams
        List<Map<List<String>, Double>> gammas = new ArrayList<>(); // γ(h), keyed by the context h
        Set<String> vocabulary = counts.vocabulary();
        for (int n = 1; n <= order; n++) {
            Map<List<String>, Integer> a = adjusted.get(n - 1);
            double[] d = discounts.get(n - 1);
            Map<List<String>, double[]> contexts = new HashMap<>(); // h → {total, N1, N2, N3+}
            for (Map.Entry<List<String>, Integer> e : a.entrySet()) {
                double[] c = contexts.computeIfAbsent(e.getKey().subList(0, n - 1), k -> new double[4]);
                c[0] += e.getValue();
                c[Math.min(3, e.getValue())]++;
            }
            Map<List<String>, Double> gamma = new HashMap<>();
            for (Map.Entry<List<String>, double[]> e : contexts.entrySet()) {
                double[] c = e.getValue();
                gamma.put(e.getKey(), (d[0] * c[1] + d[1] * c[2] + d[2] * c[3]) / c[0]);
            }
            Map<List<String>, Double> p = new HashMap<>();
            if (n == 1) {
                double[] c = contexts.get(List.of());
                double g = gamma.get(List.of());
                for (String w : vocabulary) {
                    int aw = a.getOrDefault(List.of(w), 0);
                    p.put(List.of(w), (aw - discount(d, aw)) / c[0] + g / vocabulary.size());
                }
            } else {
                for (Map.Entry<List<String>, Integer> e : a.entrySet()) {
                    List<String> gram = e.getKey();
                    List<String> h = gram.subList(0, n - 1);
                    double lower = interpolated(probs, gammas, gram.subList(1, n));
                    p.put(gram, (e.getValue() - discount(d, e.getValue())) / contexts.get(h)[0] + gamma.get(h) * lower);
                }
            }
            probs.add(p);
            gammas.add(gamma);
        }
        for (int n = 1; n <= order; n++) {
            Map<List<String>, BackoffModel.Entry> table = new HashMap<>();
            Map<List<String>, Double> nextGamma = n < order ? gammas.get(n) : Map.of();
            for (Map.Entry<List<String>, Double> e : probs.get(n - 1).entrySet()) {
                Double g = nextGamma.get(e.getKey());
                table.put(e.getKey(), new BackoffModel.Entry(Math.log10(e.getValue()), g == null ? 0 : Math.log10(g)));
            }
            if (n == 1) {
                Double g = nextGamma.get(List.of(NgramModel.BOS));
                table.put(List.of(NgramModel.BOS), new BackoffModel.Entry(BackoffModel.NEVER, g == null ? 0 : Math.log10(g)));
            }
            grams.add(table);
        }
        return new BackoffModel(grams);
    }

    /** Interpolated probability of {@code gram} (last word given the rest), from the orders already built. */
    private static double interpolated(List<Map<List<String>, Double>> probs, List<Map<List<String>, Double>> gammas,
                                       List<String> gram) {
        Double listed = probs.get(gram.size() - 1).get(gram);
        if (listed != null) {
            return listed;
        }
        List<String> h = gram.subList(0, gram.size() - 1);
        double g = h.isEmpty() ? 1 : gammas.get(gram.size() - 1).getOrDefault(h, 1.0);
        return g * interpolated(probs, gammas, gram.subList(1, gram.size()));
    }

    /**
     * Kneser–Ney's adjusted counts: raw counts at the top order and for {@code <s>}-initial n-grams, continuation
     * counts {@code N1+(• gram)} (how many different words precede it) below.
     *
     * @param counts the text's n-gram counts
     * @return per order (index n − 1): n-gram → adjusted count
     */
    public static List<Map<List<String>, Integer>> adjustedCounts(NgramCounts counts) {
        int order = counts.order();
        List<Map<List<String>, Integer>> adjusted = new ArrayList<>();
        for (int n = 1; n <= order; n++) {
            Map<List<String>, Integer> a = new HashMap<>();
            if (n == order) {
                a.putAll(counts.counts(n));
            } else {
                Map<List<String>, Set<String>> leftWords = new HashMap<>();
                for (List<String> longer : counts.counts(n + 1).keySet()) {
                    leftWords.computeIfAbsent(longer.subList(1, n + 1), k -> new HashSet<>()).add(longer.get(0));
                }
                for (Map.Entry<List<String>, Integer> e : counts.counts(n).entrySet()) {
                    List<String> gram = e.getKey();
                    boolean sentenceStart = gram.get(0).equals(NgramModel.BOS);
                    a.put(gram, sentenceStart ? e.getValue() : leftWords.getOrDefault(gram, Set.of()).size());
                }
            }
            adjusted.add(a);
        }
        return adjusted;
    }

    /** {D1, D2, D3+} from the counts-of-counts of one order's adjusted counts. */
    static double[] discounts(Map<List<String>, Integer> adjusted) {
        double[] t = new double[5];
        for (int c : adjusted.values()) {
            if (c >= 1 && c <= 4) {
                t[c]++;
            }
        }
        if (t[1] == 0 || t[2] == 0 || t[3] == 0 || t[4] == 0) {
            return new double[] {0.5, 1.0, 1.5};
        }
        double y = t[1] / (t[1] + 2 * t[2]);
        double[] d = {1 - 2 * y * t[2] / t[1], 2 - 3 * y * t[3] / t[2], 3 - 4 * y * t[4] / t[3]};
        for (int i = 0; i < 3; i++) {
            d[i] = Math.max(0, Math.min(i + 1, d[i]));
        }
        return d;
    }

    private static double discount(double[] d, int count) {
        return count == 0 ? 0 : d[Math.min(3, count) - 1];
    }
}
