package org.earshot.tts.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;

import org.earshot.audio.Audio;
import org.earshot.kit.Kit;
import org.earshot.models.LogMelFrontEnd;
import org.earshot.tts.Tts;
import org.earshot.tts.speak.Era;
import org.earshot.tts.speak.Prosody;
import org.junit.jupiter.api.Test;

/** The kit's neural voice as committed (data/models/kit-neural): phones → log-mel → Griffin-Lim. */
class KitNeuralTtsTest {

    @Test
    void readsTheKitsPhonesAndRefusesWhatItCannotDo() throws Exception {
        try (KitNeuralTts tts = KitNeuralTts.open(Kit.home())) {
            assertEquals(List.of("pau", "d", "aa", "k", "t", "er", "s", "m", "ih", "th", "pau"),
                    tts.phones("Dr. Smith"));
            assertEquals(Era.NEURAL, tts.era());
            assertTrue(tts.footprintBytes() < 10_000_000, tts.footprintBytes() + " bytes");
            var e = assertThrows(IllegalArgumentException.class, () -> tts.speak("!!!"));
            assertEquals("nothing to say: '!!!' has no words", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> tts.speak("one", new Prosody(1, OptionalInt.of(70))));
            assertEquals("kit-neural cannot change pitch (its model predicts one voice's mels)", e.getMessage());
        }
    }

    @Test
    void speaksTheInterlinguaAndItsSpeedIsAControl() throws Exception {
        var tts = (KitNeuralTts) Tts.engine("kit-neural", Kit.home()); // closed by the JVM's end
        float[][] mel = tts.mel("one two three four", 1);
        float[][] fast = tts.mel("one two three four", 2);
        assertEquals(LogMelFrontEnd.N_MELS, mel[0].length);
        assertEquals(mel.length / 2.0, fast.length, 8, "durations ÷ 2, each rounded");
        Audio own = tts.speak("one two three four");
        assertEquals((mel.length - 1) * 0.01, own.durationSeconds(), 0.001, "a frame every 10 ms");
        assertTrue(own.durationSeconds() > 1 && own.durationSeconds() < 3, own.durationSeconds() + " s");
        assertTrue(own.peak() <= 0.9 + 1e-6 && own.rmsDbfs() > -35, own.rmsDbfs() + " dBFS");
        assertEquals(own, tts.speak("one two three four")); // the same text, the same sound
    }

    @Test
    void toldTheDurationsItPredictsThatManyFrames() throws Exception {
        try (KitNeuralTts tts = KitNeuralTts.open(Kit.home())) {
            List<String> phones = List.of("pau", "w", "ah", "n", "pau");
            float[][] mel = tts.melFor(phones, new int[] {5, 6, 12, 7, 10});
            assertEquals(40, mel.length);
            assertEquals(LogMelFrontEnd.N_MELS, mel[0].length);
            var e = assertThrows(IllegalArgumentException.class, () -> tts.melFor(phones, new int[] {1, 2}));
            assertEquals("5 phones but 2 durations", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> tts.melFor(List.of("pau", "qq"), new int[] {1, 1}));
            assertEquals("phone 'qq' is not kit-neural's", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> tts.melFor(phones, new int[] {0, 0, 0, 0, 0}));
            assertThrows(IllegalArgumentException.class, () -> tts.melFor(phones, new int[] {1, -1, 0, 0, 0}));
        }
    }

    @Test
    void theVocoderStepGivesBackTheMelsItWasGiven() throws Exception {
        var tts = (KitNeuralTts) Tts.engine("kit-neural", Kit.home());
        float[][] mel = tts.mel("seven eight nine", 1);
        float[][] again = LogMelFrontEnd.of(tts.vocode(mel));
        double top = Double.NEGATIVE_INFINITY;
        for (float[] frame : mel) {
            for (float v : frame) {
                top = Math.max(top, v);
            }
        }
        List<Double> differences = new java.util.ArrayList<>();
        for (int t = 0; t < Math.min(mel.length, again.length); t++) {
            for (int k = 0; k < LogMelFrontEnd.N_MELS; k++) {
                if (mel[t][k] > top - 50) { // where there is sound, not the floor
                    differences.add((double) again[t][k] - mel[t][k]);
                }
            }
        }
        double offset = differences.stream().mapToDouble(d -> d).average().orElseThrow(); // the peak's gain
        double error = differences.stream().mapToDouble(d -> Math.abs(d - offset)).average().orElseThrow();
        assertTrue(error < 3, "mean |Δ| " + error + " dB over " + differences.size() + " bins");
    }
}
