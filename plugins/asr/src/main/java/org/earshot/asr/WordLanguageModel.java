package org.earshot.asr;

import java.util.List;

/**
 * A language model over words, as a decoder consults it: {@code ln P(word | history)}. The n-gram models of §21.2
 * implement it; so can anything else (a neural LM, a grammar).
 */
@FunctionalInterface
public interface WordLanguageModel {

    /** The end-of-sentence token: scored once a hypothesis is complete. */
    String END = "</s>";

    /**
     * @param history the words so far, oldest first (the model uses as many as its order allows)
     * @param word    the next word, or {@link #END}
     * @return {@code ln P(word | history)} (natural log; −∞ for impossible)
     */
    double logProb(List<String> history, String word);
}
