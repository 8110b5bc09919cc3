package org.earshot.asr.ctc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.earshot.asr.WordLanguageModel;
import org.junit.jupiter.api.Test;

class CtcDecoderTest {

    static final CtcAlphabet ABC = new CtcAlphabet("_ab", 0);

    /** Frames given as probabilities, turned into natural logs. */
    static double[][] logs(double[][] p) {
        double[][] l = new double[p.length][];
        for (int t = 0; t < p.length; t++) {
            l[t] = new double[p[t].length];
            for (int k = 0; k < p[t].length; k++) {
                l[t][k] = Math.log(p[t][k]);
            }
        }
        return l;
    }

    @Test
    void beamSearchSumsPathsThatGreedyTreatsApart() {
        // Two frames. Greedy picks the blank twice (0.6·0.6 = 0.36) and outputs "". But "a" is reached by
        // a a, a _, _ a: 0.4·0.4 + 0.4·0.6 + 0.6·0.4 = 0.64 — more likely than "" (0.36).
        double[][] lp = logs(new double[][] {{0.6, 0.4, 1e-12}, {0.6, 0.4, 1e-12}});
        CtcDecoder decoder = CtcDecoder.builder(ABC).beamWidth(4).build();
        assertEquals("", decoder.greedy(lp).text());
        CtcDecoder.Hypothesis best = decoder.decode(lp);
        assertEquals("a", best.text());
        assertEquals(Math.log(0.64), best.score(), 1e-9);
    }

    @Test
    void aWideBeamFindsTheExactMostLikelyLabelSequence() {
        Random random = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            int frames = 4;
            double[][] p = randomFrames(random, frames, 3);
            double[][] lp = logs(p);
            // exact: sum the probability of every path per collapsed label sequence
            Map<String, Double> exact = new HashMap<>();
            for (int code = 0; code < 81; code++) {
                int[] path = new int[frames];
                double prob = 1;
                for (int t = 0, c = code; t < frames; t++, c /= 3) {
                    path[t] = c % 3;
                    prob *= p[t][path[t]];
                }
                exact.merge(ABC.text(Ctc.collapse(path, 0)), prob, Double::sum);
            }
            String best = exact.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            CtcDecoder.Hypothesis h = CtcDecoder.builder(ABC).beamWidth(100).build().decode(lp);
            assertEquals(best, h.text(), "trial " + trial);
            assertEquals(Math.log(exact.get(best)), h.score(), 1e-9);
            // and the beam's probability of a sequence is the CTC probability of that target
            if (!best.isEmpty()) {
                assertEquals(-Ctc.loss(lp, ABC.labels(best), 0), h.score(), 1e-9);
            }
        }
    }

    @Test
    void aLanguageModelChangesTheWinner() {
        CtcAlphabet alphabet = new CtcAlphabet("_ ab", 0);
        // acoustically "ab" is a little more likely than "aa"... the frames: a, then b (0.55) vs a (0.45)
        double[][] lp = logs(new double[][] {
                {1e-6, 1e-6, 0.999998, 1e-12}, {0.999, 1e-6, 1e-6, 0.000998}, {1e-6, 1e-6, 0.45, 0.55}});
        CtcDecoder plain = CtcDecoder.builder(alphabet).beamWidth(8).build();
        assertEquals("ab", plain.decode(lp).text());
        WordLanguageModel likesAa = (history, word) -> switch (word) {
            case "aa" -> Math.log(0.9);
            case "ab" -> Math.log(0.1);
            default -> Math.log(1.0);
        };
        CtcDecoder fused = CtcDecoder.builder(alphabet).beamWidth(8).languageModel(likesAa, 1.0, 0.0).build();
        assertEquals("aa", fused.decode(lp).text());
        CtcDecoder weak = CtcDecoder.builder(alphabet).beamWidth(8).languageModel(likesAa, 0.01, 0.0).build();
        assertEquals("ab", weak.decode(lp).text(), "a small LM weight leaves the acoustics in charge");
    }

    @Test
    void underAClosedVocabularyTheBeamFindsTheMostLikelyAllowedSequence() {
        // reference: every path of 5 frames over "_ ab" (4^5), collapsed, kept only if each word is allowed
        CtcAlphabet alphabet = new CtcAlphabet("_ ab", 0);
        ClosedVocabulary words = ClosedVocabulary.of(List.of("ab", "b", "ba"));
        Random random = new Random(11);
        for (int trial = 0; trial < 30; trial++) {
            int frames = 5;
            double[][] p = randomFrames(random, frames, 4);
            Map<String, Double> exact = new HashMap<>();
            for (int code = 0; code < 1024; code++) {
                int[] path = new int[frames];
                double prob = 1;
                for (int t = 0, c = code; t < frames; t++, c /= 4) {
                    path[t] = c % 4;
                    prob *= p[t][path[t]];
                }
                String text = alphabet.text(Ctc.collapse(path, 0));
                // allowed: "" or words joined by single spaces, perhaps one space after the last
                String core = text.endsWith(" ") ? text.substring(0, text.length() - 1) : text;
                boolean allowed = text.isEmpty()
                        || !core.isEmpty() && java.util.Arrays.stream(core.split(" ", -1)).allMatch(words::isWord);
                if (allowed) {
                    exact.merge(text, prob, Double::sum);
                }
            }
            String best = exact.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            CtcDecoder.Hypothesis h = CtcDecoder.builder(alphabet).beamWidth(200).vocabulary(words).build().decode(lp(p));
            assertEquals(best, h.text(), "trial " + trial);
            assertEquals(Math.log(exact.get(best)), h.score(), 1e-9, "trial " + trial);
        }
    }

    @Test
    void whenEveryPrefixLeftEndsInsideAWordTheFinishedWordsAreKept() {
        CtcAlphabet alphabet = new CtcAlphabet("_ abcdefghijklmnopqrstuvwxyz'", 0);
        String heard = "six fe"; // the last word is spelled by no digit: "fe" begins none
        double[][] p = new double[heard.length()][alphabet.size()];
        for (int t = 0; t < heard.length(); t++) {
            java.util.Arrays.fill(p[t], 0.01);
            p[t][alphabet.symbols().indexOf(heard.charAt(t))] = 0.9;
        }
        ClosedVocabulary digits = ClosedVocabulary.of(org.earshot.corpus.TextSource.DIGITS);
        CtcDecoder narrow = CtcDecoder.builder(alphabet).beamWidth(2).vocabulary(digits).build();
        List<CtcDecoder.Hypothesis> left = narrow.beamSearch(lp(p));
        assertEquals(1, left.size());
        assertEquals("six", left.get(0).text()); // "six f…" survived, "six" alone did not: its words are kept
        assertTrue(Double.isFinite(left.get(0).score()));
    }

    @Test
    void aClosedVocabularyTurnsSpellingBySoundIntoTheNearestWord() {
        CtcAlphabet alphabet = new CtcAlphabet("_ abcdefghijklmnopqrstuvwxyz'", 0);
        // frames that spell "fife" (a sound-alike), one letter a frame with a little room for the others
        double[][] p = new double[4][alphabet.size()];
        String heard = "fife";
        for (int t = 0; t < 4; t++) {
            java.util.Arrays.fill(p[t], 0.01);
            p[t][alphabet.symbols().indexOf(heard.charAt(t))] = 0.5;
            p[t][alphabet.symbols().indexOf("five".charAt(t))] += 0.2;
        }
        double[][] lp = lp(p);
        assertEquals("fife", CtcDecoder.builder(alphabet).beamWidth(16).build().decode(lp).text());
        ClosedVocabulary digits = ClosedVocabulary.of(org.earshot.corpus.TextSource.DIGITS);
        assertEquals(10, digits.size(), digits.words().toString());
        assertEquals("five", CtcDecoder.builder(alphabet).beamWidth(16).vocabulary(digits).build().decode(lp).text());
    }

    @Test
    void closedVocabularyChecksItsWords() {
        assertTrue(ClosedVocabulary.of(List.of("Seven")).isWord("seven"));
        assertTrue(ClosedVocabulary.of(List.of("seven")).isPrefix("sev"));
        assertTrue(ClosedVocabulary.of(List.of("seven")).isPrefix(""));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ClosedVocabulary.of(List.of("two words")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ClosedVocabulary.of(List.of()));
    }

    /** @return {@code frames} rows of {@code classes} random probabilities, each row summing to 1 */
    private static double[][] randomFrames(Random random, int frames, int classes) {
        double[][] p = new double[frames][classes];
        for (double[] row : p) {
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                row[k] = random.nextDouble();
                sum += row[k];
            }
            for (int k = 0; k < classes; k++) {
                row[k] /= sum;
            }
        }
        return p;
    }

    /** Probabilities (rows summing to anything) as normalised natural logs. */
    private static double[][] lp(double[][] p) {
        double[][] out = new double[p.length][];
        for (int t = 0; t < p.length; t++) {
            double sum = java.util.Arrays.stream(p[t]).sum();
            out[t] = java.util.Arrays.stream(p[t]).map(v -> Math.log(v / sum)).toArray();
        }
        return out;
    }

    @Test
    void alphabetChecks() {
        assertEquals(List.of(1, 2), java.util.Arrays.stream(ABC.labels("ab")).boxed().toList());
        assertTrue(new CtcAlphabet("_ ab", 0).space() == 1);
    }
}
