package org.earshot.asr.lm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.earshot.asr.WordLanguageModel;

/**
 * An n-gram language model (§21.2): {@code P(w | h)} with the history cut to the last {@code order − 1} words.
 * Sentences are padded as in SRILM and KenLM: {@code <s>} starts the context and is never predicted; {@code </s>}
 * ends a sentence and is predicted like a word; words outside the vocabulary are {@code <unk>}.
 */
public interface NgramModel extends WordLanguageModel {

    String BOS = "<s>";
    String EOS = WordLanguageModel.END;
    String UNK = "<unk>";

    /** @return n, the longest n-gram the model uses */
    int order();

    /** @return the words it can predict: the training words, {@code </s>} and {@code <unk>} (not {@code <s>}) */
    Set<String> vocabulary();

    /**
     * @param history the words so far, oldest first, without {@code <s>} (it is added)
     * @param word    the next word or {@code </s>}
     * @return {@code log10 P(word | history)}
     */
    double log10Prob(List<String> history, String word);

    @Override
    default double logProb(List<String> history, String word) {
        return log10Prob(history, word) * Math.log(10);
    }

    /**
     * Perplexity on held-out sentences, as SRILM's {@code ppl}: {@code 10^(−(1/N)·Σ log10 P(w_i | h_i))} over every
     * word and every sentence end ({@code N} counts both).
     *
     * @param sentences held-out text, a list of words per sentence
     * @return the perplexity
     */
    default double perplexity(List<List<String>> sentences) {
        double sum = 0;
        long n = 0;
        for (List<String> sentence : sentences) {
            List<String> history = new ArrayList<>();
            for (String w : sentence) {
                sum += log10Prob(history, w);
                history.add(w);
                n++;
            }
            sum += log10Prob(history, EOS);
            n++;
        }
        return Math.pow(10, -sum / n);
    }

    /**
     * Draws a sentence word by word from {@code P(w | h)} until {@code </s>}.
     *
     * @param random   the source of randomness (seed it for repeatable lessons)
     * @param maxWords stop after this many words
     * @return the words (no {@code <s>}, no {@code </s>})
     */
    default List<String> sample(Random random, int maxWords) {
        List<String> words = new ArrayList<>();
        List<String> vocabulary = new ArrayList<>(vocabulary());
        vocabulary.sort(null);
        while (words.size() < maxWords) {
            double u = random.nextDouble();
            double cumulative = 0;
            String chosen = EOS;
            for (String w : vocabulary) {
                cumulative += Math.pow(10, log10Prob(words, w));
                if (u < cumulative) {
                    chosen = w;
                    break;
                }
            }
            if (chosen.equals(EOS)) {
                break;
            }
            words.add(chosen);
        }
        return words;
    }
}
