package org.earshot.tts.vocoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.audio.Audio;
import org.earshot.kit.Kit;
import org.earshot.models.Posteriors;
import org.junit.jupiter.api.Test;

/**
 * wavenet-tiny from Java equals PyTorch: the log-probabilities of the whole network run on the first 1,500 samples of
 * the real "front center" recording ({@code data/fixtures/tts/wavenet-fixtures.json}, written by the model's
 * {@code train.py}), reproduced by the cached generator (queues per layer, teacher forced) and by the naive one
 * (the last 511 samples through every layer).
 */
class WaveNetParityTest {

    private static final Path MODEL = Kit.home().resolve("data/models/wavenet-tiny");

    private static JsonNode fixture() throws IOException {
        return new ObjectMapper().readTree(Kit.home().resolve("data/fixtures/tts/wavenet-fixtures.json").toFile());
    }

    @Test
    void cachedAndNaiveGenerationGivePyTorchsLogProbabilities() throws IOException {
        JsonNode f = fixture();
        int[] classes = new int[f.get("classes").size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = f.get("classes").get(i).asInt();
        }
        List<Integer> positions = new ArrayList<>();
        f.get("positions").forEach(p -> positions.add(p.asInt()));
        try (WaveNet net = WaveNet.open(MODEL)) {
            assertEquals(511, net.receptiveField());
            WaveNet.Cache cache = net.cache();
            double worstCached = 0;
            double worstNaive = 0;
            int k = 0;
            for (int t = 0; t <= positions.get(positions.size() - 1); t++) {
                double[] cached = Posteriors.logSoftmax(cache.next(classes[t]));
                if (t == positions.get(k)) {
                    JsonNode expected = f.get("logProbs").get(k);
                    for (int c = 0; c < 256; c++) {
                        worstCached = Math.max(worstCached, Math.abs(cached[c] - expected.get(c).asDouble()));
                    }
                    if (t >= net.receptiveField() - 1) {   // the window holds the whole receptive field
                        double[] naive = Posteriors.logSoftmax(net.nextNaive(java.util.Arrays.copyOf(classes, t + 1)));
                        for (int c = 0; c < 256; c++) {
                            worstNaive = Math.max(worstNaive, Math.abs(naive[c] - expected.get(c).asDouble()));
                        }
                    }
                    k++;
                }
            }
            assertEquals(positions.size(), k);
            assertTrue(worstCached < 1e-4, "cached vs PyTorch: " + worstCached);
            assertTrue(worstNaive < 1e-4, "naive vs PyTorch: " + worstNaive);
        }
    }

    @Test
    void bothGeneratorsDrawTheSameSoundFromTheSameSeed() throws IOException {
        try (WaveNet net = WaveNet.open(MODEL)) {
            Audio cached = net.generate(700, WaveNet.Generation.CACHED, 1.0, 5);
            Audio naive = net.generate(700, WaveNet.Generation.NAIVE, 1.0, 5);
            assertEquals(16000, cached.sampleRate());
            assertEquals(700, cached.frameCount());
            org.junit.jupiter.api.Assertions.assertArrayEquals(cached.samples(), naive.samples());
            assertThrows(IllegalArgumentException.class, () -> net.generate(10, WaveNet.Generation.CACHED, 0, 1));
            Audio prompt = cached.trim(0, 300 / 16000.0);
            Audio goesOn = net.continuation(prompt, 200, WaveNet.Generation.CACHED, 1.0, 9);
            assertEquals(500, goesOn.frameCount());
            org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOf(prompt.samples(), 300),
                    java.util.Arrays.copyOf(goesOn.samples(), 300));
            org.junit.jupiter.api.Assertions.assertArrayEquals(goesOn.samples(),
                    net.continuation(prompt, 200, WaveNet.Generation.NAIVE, 1.0, 9).samples());
            IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                    () -> net.bitsPerSample(Audio.mono(new float[800], 8000)));
            assertTrue(rate.getMessage().contains("8000 Hz"), rate.getMessage());
        }
    }

    @Test
    void aFolderWithoutAModelSaysHowToMakeOne(@org.junit.jupiter.api.io.TempDir Path empty) {
        IOException e = assertThrows(IOException.class, () -> WaveNet.open(empty));
        assertTrue(e.getMessage().contains("./earshot train-wavenet"), e.getMessage());
    }
}
