package org.earshot.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Word error rate by minimum-cost alignment (§21.2), as NIST sclite scores it.
 *
 * <p>The alignment minimises the total cost with sclite's default weights: correct 0, substitution 4, insertion 3,
 * deletion 3 (so a substitution, 4, is cheaper than a deletion plus an insertion, 6). Words compare without regard
 * to case, as sclite does by default. Among alignments of equal cost, the one sclite reports is chosen (checked on
 * 307 utterances of {@code data/fixtures/metrics}): tracing back from the end, a diagonal step (correct or substitution)
 * is preferred, then a deletion, then an insertion.
 *
 * <p>Worked example: "the cat sat on the mat" against "the cat sat the mat" is one deletion in six words,
 * WER 1/6 = 16.67%.
 */
public final class Wer {

    public static final int COST_SUBSTITUTION = 4;
    public static final int COST_INSERTION = 3;
    public static final int COST_DELETION = 3;

    private Wer() {
    }

    /**
     * @param reference  what was said
     * @param hypothesis what was recognised (either may be empty)
     * @return the alignment
     */
    public static Alignment align(List<String> reference, List<String> hypothesis) {
        int n = reference.size();
        int m = hypothesis.size();
        int[][] cost = new int[n + 1][m + 1];
        for (int i = 1; i <= n; i++) {
            cost[i][0] = i * COST_DELETION;
        }
        for (int j = 1; j <= m; j++) {
            cost[0][j] = j * COST_INSERTION;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int diagonal = cost[i - 1][j - 1] + (same(reference.get(i - 1), hypothesis.get(j - 1)) ? 0 : COST_SUBSTITUTION);
                cost[i][j] = Math.min(diagonal, Math.min(cost[i - 1][j] + COST_DELETION, cost[i][j - 1] + COST_INSERTION));
            }
        }
        List<Alignment.Edit> edits = new ArrayList<>();
        int i = n;
        int j = m;
        while (i > 0 || j > 0) {
            if (i > 0 && j > 0) {
                boolean match = same(reference.get(i - 1), hypothesis.get(j - 1));
                if (cost[i][j] == cost[i - 1][j - 1] + (match ? 0 : COST_SUBSTITUTION)) {
                    edits.add(new Alignment.Edit(match ? Alignment.Op.CORRECT : Alignment.Op.SUBSTITUTION,
                            reference.get(i - 1), hypothesis.get(j - 1)));
                    i--;
                    j--;
                    continue;
                }
            }
            if (i > 0 && cost[i][j] == cost[i - 1][j] + COST_DELETION) {
                edits.add(new Alignment.Edit(Alignment.Op.DELETION, reference.get(i - 1), null));
                i--;
            } else {
                edits.add(new Alignment.Edit(Alignment.Op.INSERTION, null, hypothesis.get(j - 1)));
                j--;
            }
        }
        Collections.reverse(edits);
        return new Alignment(edits);
    }

    /** @return the alignment of two sentences split on white space */
    public static Alignment align(String reference, String hypothesis) {
        return align(words(reference), words(hypothesis));
    }

    /**
     * Character alignment, as sclite's {@code -c}: every character but white space is a token.
     *
     * @return the alignment of the two texts' characters
     */
    public static Alignment alignCharacters(String reference, String hypothesis) {
        return align(characters(reference), characters(hypothesis));
    }

    /** @return the words of a text, split on white space */
    public static List<String> words(String text) {
        String t = text.strip();
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
    }

    /** @return the characters of a text, white space left out */
    public static List<String> characters(String text) {
        List<String> out = new ArrayList<>();
        text.codePoints().filter(c -> !Character.isWhitespace(c)).forEach(c -> out.add(new String(Character.toChars(c))));
        return out;
    }

    private static boolean same(String a, String b) {
        return a.equals(b) || a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
}
