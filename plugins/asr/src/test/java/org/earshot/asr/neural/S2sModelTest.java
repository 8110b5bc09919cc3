package org.earshot.asr.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.metrics.ErrorCounts;
import org.earshot.metrics.Wer;
import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.corpus.Corpus;
import org.earshot.corpus.Split;
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
    /** Joint decoding's errors do not come in bursts: a narrower margin. */
    static final double JOINT_MARGIN_POINTS = 10;
    static final String JOINT = "joint CTC/attention beam 4 (λ 0.3)";

    @Test
    void decodesHeldOutVoicesAsTheCardSays(@TempDir Path tmp) throws Exception {
        JsonNode metrics = new ObjectMapper().readTree(Kit.home().resolve("data/models/s2s-small/metrics.json").toFile());
        double cardWer = metrics.path("test").path("wer").asDouble();
        double cardJointWer = metrics.path("java").path(JOINT).path("test").asDouble(Double.NaN);
        try (S2sModel s2s = Asr.encoderDecoder("s2s-small")) {
            assertTrue(s2s.hasCtc(), "the encoder exports its CTC output");
            ErrorCounts greedy = new ErrorCounts(0, 0, 0, 0, 0);
            ErrorCounts joint = new ErrorCounts(0, 0, 0, 0, 0);
            for (TextSource source : java.util.List.of(TextSource.DIGITS, TextSource.COMMANDS)) {
              Path dir = tmp.resolve(source.name());
              for (Corpus.Entry e : Corpus.spec(source).count(200).seed(778).jobs(2).build().make(dir)) {
                if (e.split() != Split.TEST) {
                    continue;
                }
                Audio a = Wav.read(dir.resolve(e.path()));
                S2sModel.Decoding d = s2s.greedy(a, 200);
                greedy = greedy.plus(Wer.align(Wer.words(e.normalized()), Wer.words(d.text())).counts());
                joint = joint.plus(Wer.align(Wer.words(e.normalized()),
                        Wer.words(s2s.beam(a, 4, 200, 0.3).text())).counts());
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
            System.out.printf("s2s-small on fresh held-out digits and commands: greedy %.2f%% (card %.2f%%), joint "
                    + "CTC/attention %.2f%% (card %.2f%%) of %d words%n", greedy.errorRatePercent(), cardWer,
                    joint.errorRatePercent(), cardJointWer, greedy.n());
            assertTrue(greedy.errorRatePercent() <= cardWer + MARGIN_POINTS, greedy.summaryLine() + " vs card " + cardWer);
            assertTrue(joint.errorRatePercent() <= cardJointWer + JOINT_MARGIN_POINTS,
                    joint.summaryLine() + " vs card " + cardJointWer);
        }
    }

    @Test
    void theCtcWeightIsAProbabilityWeight() throws Exception {
        try (S2sModel s2s = Asr.encoderDecoder("s2s-small")) {
            Audio a = Wav.read(Path.of("/usr/share/sounds/alsa/Front_Center.wav"));
            assertThrows(IllegalArgumentException.class, () -> s2s.beam(a, 2, 10, 1.5));
            assertThrows(IllegalArgumentException.class, () -> s2s.beam(a, 2, 10, -0.1));
        }
    }

    @Test
    void aVocabularyWithoutTheCtcSymbolsIsNamed(@TempDir Path tmp) throws IOException {
        Path model = Kit.home().resolve("data/models/s2s-small");
        for (String f : java.util.List.of("encoder.onnx", "decoder.onnx")) {
            Files.copy(model.resolve(f), tmp.resolve(f));
        }
        Files.writeString(tmp.resolve("vocab.json"), Files.readString(model.resolve("vocab.json"))
                .replace("\"ctc_symbols\"", "\"unused\""));
        IOException e = assertThrows(IOException.class, () -> S2sModel.load(tmp));
        assertTrue(e.getMessage().contains("vocab.json") && e.getMessage().contains("ctc_symbols"), e.getMessage());
    }

    @Test
    void aFolderWithoutTheGraphsIsNamed(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("vocab.json"), "{}");
        IOException e = assertThrows(IOException.class, () -> S2sModel.load(tmp));
        assertTrue(e.getMessage().contains("encoder.onnx: no such file"), e.getMessage());
    }
}
