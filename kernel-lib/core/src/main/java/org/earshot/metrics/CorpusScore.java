package org.earshot.metrics;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.earshot.corpus.Corpus;
import org.earshot.corpus.Split;

/**
 * A recogniser's word errors on one split of a kit corpus, in total and per voice (so a held-out accent's
 * difficulty shows).
 *
 * @param total      summed over the split's utterances
 * @param byVoice    {@code engine/voice} → errors (for recordings of people: {@code human/<speaker>})
 * @param byLanguage the recording's language (ISO 639-1, for recordings of people) or the synthetic voice's accent →
 *                   errors
 */
public record CorpusScore(ErrorCounts total, Map<String, ErrorCounts> byVoice, Map<String, ErrorCounts> byLanguage) {

    /**
     * @param entries    a corpus manifest
     * @param split      the split to score (entries of other splits are skipped)
     * @param recognizer the words recognised in an utterance
     * @return the score
     */
    public static CorpusScore of(List<Corpus.Entry> entries, Split split, Function<Corpus.Entry, List<String>> recognizer) {
        ErrorCounts total = new ErrorCounts(0, 0, 0, 0, 0);
        Map<String, ErrorCounts> byVoice = new TreeMap<>();
        Map<String, ErrorCounts> byLanguage = new TreeMap<>();
        for (Corpus.Entry e : entries) {
            if (e.split() != split) {
                continue;
            }
            ErrorCounts c = Wer.align(Wer.words(e.normalized()), recognizer.apply(e)).counts();
            total = total.plus(c);
            byVoice.merge(e.voiceId(), c, ErrorCounts::plus);
            String language = e.provenance().map(Corpus.Provenance::language)
                    .orElse(e.accent() == null ? "unknown" : e.accent());
            byLanguage.merge(language, c, ErrorCounts::plus);
        }
        return new CorpusScore(total, Map.copyOf(byVoice), Map.copyOf(byLanguage));
    }

    /** Prints one line per language (or synthetic accent), indented, in order. */
    public void printByLanguage(PrintStream out) {
        new TreeMap<>(byLanguage).forEach((v, c) -> out.println("  " + v + ": " + c.summaryLine()));
    }

    /** Prints one line per voice, indented, in voice order. */
    public void printByVoice(PrintStream out) {
        new TreeMap<>(byVoice).forEach((v, c) -> out.println("  " + v + ": " + c.summaryLine()));
    }
}
