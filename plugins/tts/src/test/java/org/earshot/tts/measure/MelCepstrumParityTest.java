package org.earshot.tts.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mel-cepstral distortion equal to SPTK 3.9 ({@code data/fixtures/tts/mcd-fixtures.json}, made by
 * {@code make_mcd_fixtures.py}): the mel-cepstra of single frames ({@code window | fftcep | freqt}), every frame of
 * two recordings of "front center" (festival kal and a real person), the DTW path and score ({@code dtw -p 2}), and
 * the distance along it ({@code cdist}).
 */
class MelCepstrumParityTest {

    private static JsonNode fixture;

    @BeforeAll
    static void load() throws IOException {
        fixture = new ObjectMapper().readTree(Kit.home().resolve("data/fixtures/tts/mcd-fixtures.json").toFile());
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    private static double[][] rows(JsonNode a) {
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(a.get(i));
        }
        return out;
    }

    private static Audio wav(String field) throws IOException {
        return Wav.read(Kit.home().resolve(fixture.get(field).asText()));
    }

    @Test
    void aFramesMelCepstrumEqualsSptks() {
        for (JsonNode f : fixture.get("frames")) {
            double[] expected = doubles(f.get("melCepstrum"));
            double[] got = MelCepstrum.ofFrame(doubles(f.get("samples")));
            for (int d = 0; d < expected.length; d++) { // SPTK pipes float32 between its commands
                assertEquals(expected[d], got[d], 2e-4 * Math.max(1, Math.abs(expected[d])),
                        "frame " + f.get("index") + ", c" + d);
            }
        }
    }

    @Test
    void everyFrameOfBothRecordingsEqualsSptk() throws IOException {
        for (String side : List.of("test", "reference")) {
            double[][] expected = rows(fixture.get(side + "Cepstra"));
            double[][] got = MelCepstrum.of(wav(side));
            assertEquals(expected.length, got.length, side + " frames");
            double worst = 0;
            for (int t = 0; t < expected.length; t++) {
                for (int d = 0; d < expected[t].length; d++) {
                    worst = Math.max(worst, Math.abs(expected[t][d] - got[t][d]) / Math.max(1, Math.abs(expected[t][d])));
                }
            }
            assertTrue(worst < 2e-4, side + ": worst difference " + worst);
        }
    }

    @Test
    void dtwPathScoreAndDistanceEqualSptk() {
        double[][] test = rows(fixture.get("testCepstra"));
        double[][] reference = rows(fixture.get("referenceCepstra"));
        double[][] t24 = new double[test.length][];
        double[][] r24 = new double[reference.length][];
        for (int i = 0; i < test.length; i++) {
            t24[i] = java.util.Arrays.copyOfRange(test[i], 1, 25);
        }
        for (int i = 0; i < reference.length; i++) {
            r24[i] = java.util.Arrays.copyOfRange(reference[i], 1, 25);
        }
        Dtw.Alignment a = Dtw.align(t24, r24);
        JsonNode path = fixture.get("path");
        assertEquals(path.size(), a.path().size(), "path length");
        for (int k = 0; k < path.size(); k++) {
            assertEquals(new Dtw.Pair(path.get(k).get(0).asInt(), path.get(k).get(1).asInt()), a.path().get(k),
                    "pair " + k);
        }
        assertEquals(fixture.get("dtwScore").asDouble(), a.score(), 1e-5 * fixture.get("dtwScore").asDouble());
        double[] perPair = doubles(fixture.get("perPairDecibels"));
        for (int k = 0; k < perPair.length; k++) {
            Dtw.Pair p = a.path().get(k);
            assertEquals(perPair[k], MelCepstralDistortion.decibels(test[p.test()], reference[p.reference()]),
                    1e-5 * perPair[k], "pair " + k);
        }
        MelCepstralDistortion.Result mcd = MelCepstralDistortion.between(test, reference, false);
        assertEquals(fixture.get("meanDecibels").asDouble(), mcd.decibels(), 1e-5 * mcd.decibels());
        assertEquals(path.size(), mcd.pairs());
    }

    @Test
    void aRecordingIsNoDistanceFromItselfAndSilenceAroundItChangesLittle() throws IOException {
        Audio kal = wav("test");
        assertEquals(0, MelCepstralDistortion.between(kal, kal).decibels(), 1e-12);
        Audio padded = Audio.mono(new float[8000], 16000).concat(kal).concat(Audio.mono(new float[8000], 16000));
        Audio human = wav("reference");
        double plain = MelCepstralDistortion.between(kal, human).decibels();
        double withSilence = MelCepstralDistortion.between(padded, human).decibels();
        assertEquals(plain, withSilence, 0.05 * plain, "half a second of silence each side is trimmed");
        assertEquals(0, MelCepstralDistortion.between(kal.gain(-12), kal).decibels(), 1e-4,
                "both are brought to the same peak, and the level c0 is left out");
    }

    @Test
    void refusals() {
        assertThrows(IllegalArgumentException.class, () -> MelCepstrum.ofFrame(new double[399]));
        assertThrows(IllegalArgumentException.class, () -> Dtw.align(new double[0][24], new double[3][24]));
        assertThrows(IllegalArgumentException.class, () -> Dtw.align(new double[2][24], new double[3][23]));
    }
}
