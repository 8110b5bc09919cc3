package org.earshot.asr.lm;

import java.util.List;

import org.earshot.asr.WordLanguageModel;
import org.earshot.asr.ctc.ClosedVocabulary;

/**
 * The simplest grammar: any sequence of a vocabulary's words, each word and the end equally likely,
 * <pre>P(w | history) = 1 / (|V| + 1)   for w ∈ V ∪ {&lt;/s&gt;}</pre>
 * so every word a hypothesis adds costs ln(|V| + 1): a word-insertion penalty that grows with the vocabulary, as a
 * telephone menu's word loop has. The language model of a closed-vocabulary task without training transcripts.
 */
public final class WordLoop implements WordLanguageModel {

    private final ClosedVocabulary vocabulary;
    private final double logProb;

    /** @param vocabulary its words */
    public WordLoop(ClosedVocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.logProb = -Math.log(vocabulary.size() + 1.0);
    }

    @Override
    public double logProb(List<String> history, String word) {
        return word.equals(END) || vocabulary.isWord(word) ? logProb : Double.NEGATIVE_INFINITY;
    }
}
