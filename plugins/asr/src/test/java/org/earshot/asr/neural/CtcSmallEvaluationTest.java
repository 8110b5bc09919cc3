package org.earshot.asr.neural;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.metrics.ErrorCounts;
import org.earshot.metrics.Wer;
import org.earshot.audio.Wav;
import org.earshot.corpus.Corpus;
import org.earshot.corpus.Split;
import org.earshot.corpus.TextSource;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed CTC models ({@code ctc-small}, {@code ctc-people}) against their model cards: on a freshly generated corpus (new texts, seed 777) its
 * held-out-voice WER must not be worse than the card's test WER by more than {@value #MARGIN_POINTS} points (a
 * small sample: ~100 utterances of voices never heard in training).
 */
class CtcSmallEvaluationTest {

    static final double MARGIN_POINTS = 8;

    @Test
    void heldOutVoicesScoreAsTheCardSays(@TempDir Path tmp) throws Exception {
        List<Path> corpora = new ArrayList<>();
        for (TextSource source : List.of(TextSource.DIGITS, TextSource.COMMANDS)) {
            Path corpus = tmp.resolve(source.name());
            Corpus.spec(source).count(400).seed(777).jobs(2).build().make(corpus);
            corpora.add(corpus);
        }
        for (String name : List.of("ctc-small", "ctc-people")) {
            Path dir = Kit.home().resolve("data/models").resolve(name);
            double cardWer = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile()).path("test")
                    .path("wer").asDouble();
            AsrPipeline asr = Asr.pipeline(name);
            ErrorCounts total = new ErrorCounts(0, 0, 0, 0, 0);
            List<String> errors = new ArrayList<>();
            for (Path corpus : corpora) {
                for (Corpus.Entry e : Corpus.read(corpus.resolve(Corpus.MANIFEST))) {
                    if (e.split() != Split.TEST) {
                        continue;
                    }
                    List<String> ref = Wer.words(e.normalized());
                    List<String> hyp = Wer.words(asr.transcribe(Wav.read(corpus.resolve(e.path()))).text());
                    ErrorCounts c = Wer.align(ref, hyp).counts();
                    total = total.plus(c);
                    if (c.errorRatePercent() > 0 && errors.size() < 5) {
                        errors.add(e.voice() + ": " + e.normalized() + " → " + String.join(" ", hyp));
                    }
                }
            }
            System.out.printf("%s on fresh held-out voices: %s (card: %.2f%%)%n", name, total.summaryLine(), cardWer);
            assertTrue(total.errorRatePercent() <= cardWer + MARGIN_POINTS,
                    name + ": " + total.summaryLine() + " vs card " + cardWer + "%; e.g. " + errors);
        }
    }
}
