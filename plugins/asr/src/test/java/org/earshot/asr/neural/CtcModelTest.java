package org.earshot.asr.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.audio.Audio;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading ONNX CTC models: both layouts, checked shapes, and numbers equal to PyTorch's. */
class CtcModelTest {

    private static final Path FIXTURES = Kit.home().resolve("data/fixtures/asr/onnx");

    @Test
    void aWav2vec2StyleExportLoadsAndComputesWhatPyTorchComputes() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(FIXTURES.resolve("wav2vec2-tiny/expected.json").toFile());
        float[] tone = new float[expected.get("samples").asInt()];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) Math.sin(2 * Math.PI * 440 * i / 16000.0);
        }
        try (CtcModel model = CtcModel.load(FIXTURES.resolve("wav2vec2-tiny"))) {
            assertEquals(CtcModel.Layout.WAVEFORM, model.layout());
            assertEquals(8, model.alphabet().size());
            assertEquals(0, model.alphabet().blank());
            assertEquals(' ', model.alphabet().symbols().charAt(4));
            double[][] lp = model.logProbs(Audio.mono(tone, 16000));
            JsonNode want = expected.get("log_probs");
            assertEquals(want.size(), lp.length);
            double worst = 0;
            for (int t = 0; t < lp.length; t++) {
                for (int k = 0; k < lp[t].length; k++) {
                    worst = Math.max(worst, Math.abs(want.get(t).get(k).asDouble() - lp[t][k]));
                }
            }
            assertTrue(worst < 1e-4, "max |Δ| vs PyTorch: " + worst);
            // other rates are resampled for the user: 0.5 s at 8 kHz gives the same number of frames
            float[] half = new float[tone.length / 2];
            assertEquals(lp.length, model.logProbs(Audio.mono(half, 8000)).length);
            // a transcript never shows the special tokens
            String text = new AsrPipeline(model, org.earshot.asr.ctc.CtcDecoder.builder(model.alphabet()).build(), true)
                    .transcribe(lp).text();
            assertTrue(text.chars().allMatch(c -> c == ' ' || (c >= 'a' && c <= 'c')), text);
        }
    }

    @Test
    void aModelOfTheWrongShapeIsRefusedWithTheReason() {
        IOException e = assertThrows(IOException.class, () -> CtcModel.load(FIXTURES.resolve("wrong-shape")));
        assertTrue(e.getMessage().contains("'features' must be float32 of rank 3 with last dimension 80, is float32 "
                + "[-1, -1, 40]"), e.getMessage());
    }

    @Test
    void missingOrBrokenFilesAreNamed(@TempDir Path tmp) throws IOException {
        IOException missing = assertThrows(IOException.class, () -> CtcModel.load(tmp));
        assertTrue(missing.getMessage().contains("model.onnx: no such file"), missing.getMessage());
        Files.writeString(tmp.resolve("model.onnx"), "not a model");
        Files.writeString(tmp.resolve("vocab.json"), "{\"symbols\": [\"_\"]}");
        IOException broken = assertThrows(IOException.class, () -> CtcModel.load(tmp));
        assertTrue(broken.getMessage().contains("ONNX Runtime cannot load it"), broken.getMessage());
    }
}
