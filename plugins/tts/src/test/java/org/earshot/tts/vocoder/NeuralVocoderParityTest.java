package org.earshot.tts.vocoder;

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
import org.earshot.models.LogMelFrontEnd;
import org.earshot.tts.Tts;
import org.earshot.tts.neural.KitNeuralTts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed neural vocoder (data/models/kit-vocoder) run from Java gives PyTorch's samples
 * ({@code data/fixtures/tts/kit-vocoder-fixtures.json}, written by its {@code train.py} from the trained network), and
 * it is one of kit-neural's two vocoder steps.
 */
class NeuralVocoderParityTest {

    @Test
    void javaThroughOnnxRuntimeGivesPytorchsSamples() throws IOException {
        JsonNode f = new ObjectMapper().readTree(Kit.home().resolve("data/fixtures/tts/kit-vocoder-fixtures.json")
                .toFile());
        float[][] mel = new float[f.get("mel").size()][LogMelFrontEnd.N_MELS];
        for (int t = 0; t < mel.length; t++) {
            for (int k = 0; k < LogMelFrontEnd.N_MELS; k++) {
                mel[t][k] = (float) f.get("mel").get(t).get(k).asDouble();
            }
        }
        try (NeuralVocoder vocoder = NeuralVocoder.open(Kit.home())) {
            Audio sound = vocoder.vocode(mel);
            JsonNode expected = f.get("audio");
            assertEquals(expected.size(), sound.frameCount(), "160 T − 80 samples");
            assertEquals(160 * mel.length - 80, sound.frameCount());
            double peak = 0;
            for (JsonNode v : expected) {
                peak = Math.max(peak, Math.abs(v.asDouble()));
            }
            double scale = peak > 0.9 ? 0.9 / peak : 1; // Java keeps the peak below full scale
            float[] got = sound.samples();
            double worst = 0;
            for (int i = 0; i < got.length; i++) {
                worst = Math.max(worst, Math.abs(got[i] - expected.get(i).asDouble() * scale));
            }
            assertTrue(worst < 1e-4, "worst sample difference " + worst);
            assertEquals(MelVocoder.Kind.NEURAL, vocoder.kind());
            assertTrue(vocoder.footprintBytes() > 100_000 && vocoder.footprintBytes() < 10_000_000);
        }
    }

    @Test
    void kitNeuralSpeaksThroughEitherVocoderAndOthersRefuseOne() throws IOException {
        try (var neural = (KitNeuralTts) Tts.engine("kit-neural", Kit.home(), MelVocoder.Kind.NEURAL);
             var griffinLim = (KitNeuralTts) Tts.engine("kit-neural", Kit.home())) {
            assertEquals(MelVocoder.Kind.NEURAL, neural.vocoder());
            assertEquals(MelVocoder.Kind.GRIFFIN_LIM, griffinLim.vocoder());
            float[][] mel = neural.mel("four five six", 1);
            Audio a = neural.vocode(mel);
            Audio b = griffinLim.vocode(mel);
            assertEquals(b.durationSeconds(), a.durationSeconds(), 0.006, "the same frames, the same length");
            assertTrue(a.peak() <= 0.9 + 1e-6 && a.rmsDbfs() > -35, a.rmsDbfs() + " dBFS");
            assertTrue(neural.footprintBytes() > griffinLim.footprintBytes(), "the vocoder's graph is counted");
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> Tts.engine("festival", Kit.home(), MelVocoder.Kind.NEURAL));
        assertEquals("festival makes its sound itself; --vocoder neural is for kit-neural, whose acoustic model"
                + " predicts mels", e.getMessage());
        assertEquals(MelVocoder.Kind.NEURAL, MelVocoder.Kind.of("neural"));
        e = assertThrows(IllegalArgumentException.class, () -> MelVocoder.Kind.of("wavenet"));
        assertEquals("no vocoder 'wavenet' (the vocoders: griffin-lim, neural)", e.getMessage());
    }

    @Test
    void refusesWhatItCannotVocodeAndAMissingModelIsNamed(@TempDir Path empty) throws IOException {
        try (NeuralVocoder vocoder = NeuralVocoder.open(Kit.home())) {
            assertThrows(IllegalArgumentException.class, () -> vocoder.vocode(new float[0][]));
            var e = assertThrows(IllegalArgumentException.class, () -> vocoder.vocode(new float[3][79]));
            assertEquals("frame 0 has 79 values, not 80", e.getMessage());
        }
        var e = assertThrows(IOException.class, () -> NeuralVocoder.openFolder(empty));
        assertEquals(empty.resolve("generator.onnx") + ": no such file (train it: ./earshot train-kit-vocoder)",
                e.getMessage());
        Files.writeString(empty.resolve("generator.onnx"), "not a graph");
        assertThrows(IOException.class, () -> NeuralVocoder.openFolder(empty));
    }
}
