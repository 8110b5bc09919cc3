package org.earshot.speakers.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.earshot.audio.Audio;
import org.earshot.audio.Synth;
import org.earshot.kit.Kit;
import org.earshot.models.ModelCard;
import org.earshot.models.ModelFolder;
import org.junit.jupiter.api.Test;

/** The committed xvector-small through ONNX Runtime: its shape, its refusals, its card. */
class NeuralEmbeddingTest {

    private static final Path MODEL = Kit.home().resolve("data/models/xvector-small/model.onnx");

    @Test
    void aClipBecomesAUnitVectorOf192AndTheSameClipTheSameVector() throws IOException {
        Audio tone = Synth.sine(180, 1.0, 16000, 0.3).concat(Synth.sine(360, 0.5, 16000, 0.1));
        try (NeuralEmbedding x = NeuralEmbedding.open(MODEL)) {
            Embedding e = x.embed(tone);
            assertEquals(192, e.dimension());
            double norm = 0;
            for (double v : e.values()) {
                norm += v * v;
            }
            assertEquals(1, norm, 1e-6);
            assertEquals(1, e.cosine(x.embed(tone)), 1e-9, "deterministic");
            // resampled on the way in: the same sound at 8 kHz lands near it
            assertTrue(e.cosine(x.embed(org.earshot.audio.Resample.to(tone, 8000))) > 0.8);
            IllegalArgumentException shortClip = assertThrows(IllegalArgumentException.class,
                    () -> x.embed(Synth.sine(200, 0.1, 16000, 0.3)));
            assertTrue(shortClip.getMessage().contains("needs at least 15 (0.15 s)"), shortClip.getMessage());
        }
    }

    @Test
    void aGraphThatIsNotAnEmbeddingIsRefusedByName() {
        Path ctc = Kit.home().resolve("data/models/ctc-small/model.onnx");
        IOException e = assertThrows(IOException.class, () -> NeuralEmbedding.open(ctc));
        assertTrue(e.getMessage().startsWith(ctc + ": not a speaker embedding graph"), e.getMessage());
    }

    @Test
    void theCardHasEveryFactAndBothKindsOfVoices() throws IOException {
        ModelCard card = ModelFolder.named("xvector-small").card();
        assertEquals("xvector-small — model card", card.title());
        assertTrue(card.facts().keySet().containsAll(List.of("Files", "Architecture", "Data", "Recipe", "Metrics",
                "Limits")), card.facts().keySet().toString());
        assertTrue(card.markdown().contains("| synthetic | test |"), card.markdown());
        assertTrue(card.markdown().contains("| real voices | test |"), card.markdown());
    }
}
