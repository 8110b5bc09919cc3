package org.earshot.tts.g2p;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a letter-to-sound model is scored (§21.3), as Bisani and Ney (2008) and Phonetisaurus score on CMUdict:
 * each word's predicted phones are compared with the closest of its dictionary pronunciations (fewest edits; on a
 * tie the first in the dictionary). The <b>phone error rate</b> is the edit (Levenshtein) distance — the fewest
 * substitutions, deletions and insertions that turn one sequence into the other — summed over the words, over the
 * reference phones summed the same way; the <b>word error rate</b> is the share of words with any error. Stress digits
 * are compared, or dropped ({@link #stressless}), as asked. Equal to the python-Levenshtein library's distance on the
 * committed fixtures ({@code PhoneErrorRateParityTest}).
 *
 * @param words            words scored
 * @param wrongWords       words with at least one error
 * @param edits            the edit distances, summed over the words
 * @param referencePhones  the closest pronunciations' lengths, summed
 */
public record PhoneErrorRate(int words, int wrongWords, long edits, long referencePhones) {

    /**
     * @param hypotheses word → predicted phones
     * @param reference  the dictionary (every hypothesised word must be in it)
     * @param withStress whether {@code AH0} and {@code AH1} differ
     * @return the rates
     */
    public static PhoneErrorRate of(Map<String, List<String>> hypotheses, CmuDictionary reference,
                                    boolean withStress) {
        int wrong = 0;
        long edits = 0;
        long phones = 0;
        for (var e : hypotheses.entrySet()) {
            List<List<String>> refs = reference.lookup(e.getKey());
            if (refs.isEmpty()) {
                throw new IllegalArgumentException("'" + e.getKey() + "' is not in the reference dictionary");
            }
            List<String> hyp = withStress ? e.getValue() : stressless(e.getValue());
            int best = Integer.MAX_VALUE;
            int length = 0;
            for (List<String> r : refs) {
                List<String> ref = withStress ? r : stressless(r);
                int d = editDistance(ref, hyp);
                if (d < best) {
                    best = d;
                    length = ref.size();
                }
            }
            edits += best;
            phones += length;
            wrong += best > 0 ? 1 : 0;
        }
        return new PhoneErrorRate(hypotheses.size(), wrong, edits, phones);
    }

    /**
     * The Levenshtein distance by dynamic programming: {@code D[i][j]} is the distance between the first i phones of
     * {@code a} and the first j of {@code b}, {@code D[i][j] = min(D[i−1][j] + 1, D[i][j−1] + 1,
     * D[i−1][j−1] + [a_i ≠ b_j])}.
     *
     * @return the fewest substitutions, deletions and insertions turning {@code a} into {@code b}
     */
    public static int editDistance(List<String> a, List<String> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (int j = 0; j <= b.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.size(); j++) {
                int substitute = previous[j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.size()];
    }

    /** @return the phones without stress digits ({@code AH0 → AH}) */
    public static List<String> stressless(List<String> phones) {
        return phones.stream().map(p -> p.replaceAll("\\d$", "")).toList();
    }

    /** @return the phone error rate, % */
    public double perPercent() {
        return referencePhones == 0 ? 0 : 100.0 * edits / referencePhones;
    }

    /** @return the word error rate, % */
    public double werPercent() {
        return words == 0 ? 0 : 100.0 * wrongWords / words;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PER %.2f %%, WER %.2f %% (%d words, %d reference phones)", perPercent(),
                werPercent(), words, referencePhones);
    }
}
