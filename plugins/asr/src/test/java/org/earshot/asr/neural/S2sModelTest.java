package org.earshot.asr.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.asr.Wer;
import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.corpus.Corpus;
import org.earshot.corpus.TextSource;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed s2s-small: its Java decoding loop, attention, and its card's WER on fresh held-out voices (digits
 * and commands, seed 778): not worse than the card by more than {@value #MARGIN_POINTS} points.
 */
class S2sModelTest {

    /** A small sample (~50 utterances) of a model whose errors come in bursts (repeated words): a wide margin. */
    static final double MARGIN_POINTS = 25;

    @Test
    void decodesHeldOutVoicesAsTheCardSays(@TempDir Path tmp) throws Exception {
        double cardWer = new ObjectMapper().readTree(Kit.home().resolve("data/models/s2s-small/metrics.json").toFile())
                .path("test").path("wer").asDouble();
        try (S2sModel s2s = Asr.encoderDecoder("s2s-small")) {
            int errors = 0;
            int words = 0;
            for (TextSource source : java.util.List.of(TextSource.DIGITS, TextSource.COMMANDS)) {
              Path dir = tmp.resolve(source.name());
              for (Corpus.Entry e : Corpus.make(source, 200, 778, dir, 2, false)) {
                if (!e.split().equals("test")) {
                    continue;
                }
                Audio a = Wav.read(dir.resolve(e.path()));
                S2sModel.Decoding d = s2s.greedy(a, 200);
                var c = Wer.align(Wer.words(e.normalized()), Wer.words(d.text())).counts();
                errors += c.substituted() + c.deleted() + c.inserted();
                words += c.n();
                // one attention row per written step, each a distribution over the encoder frames
                assertEquals(d.steps().size(), d.attention().length);
                for (double[] row : d.attention()) {
                    double sum = 0;
                    for (double w : row) {
                        sum += w;
                    }
                    assertEquals(1, sum, 1e-3);
                }
              }
            }
            double wer = 100.0 * errors / words;
            System.out.printf("s2s-small on fresh held-out digits and commands: %.2f%% of %d words (card: %.2f%%)%n", wer, words, cardWer);
            assertTrue(wer <= cardWer + MARGIN_POINTS, wer + "% vs card " + cardWer + "%");
        }
    }

    @Test
    void aFolderWithoutTheGraphsIsNamed(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("vocab.json"), "{}");
        IOException e = assertThrows(IOException.class, () -> S2sModel.load(tmp));
        assertTrue(e.getMessage().contains("encoder.onnx: no such file"), e.getMessage());
    }
}
