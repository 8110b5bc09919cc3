package org.earshot.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.earshot.audio.Audio;
import org.junit.jupiter.api.Test;

/** The chapter's 20 dB example, the clamp, and a numpy transcription (make_metrics_fixtures.py). */
class SnrTest {

    /** A square-ish wave and a noise of the same power: adding 0.1 × the noise is 20 dB SNR. */
    @Test
    void noiseTenTimesWeakerInAmplitudeIsTwentyDb() {
        int n = 1000;
        double[] clean = new double[n];
        double[] degraded = new double[n];
        for (int i = 0; i < n; i++) {
            clean[i] = i % 2 == 0 ? 1 : -1;
            double noise = (i / 2) % 2 == 0 ? 1 : -1; // same power as the clean signal
            degraded[i] = clean[i] + 0.1 * noise;
        }
        assertEquals(20.0, Snr.snrDb(clean, degraded), 1e-9);
        assertEquals(20.0, Snr.segmentalSnrDb(clean, degraded, 100, 50), 1e-9);
    }

    @Test
    void framesAreClampedToMinusTenAndThirtyFiveDb() {
        double[] clean = {0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1};
        double[] degraded = {0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1, 1, 1, 1, 1.001};
        double[] frames = Snr.frameSnrDb(clean, degraded, 4, 4);
        assertEquals(3, frames.length);
        assertEquals(-10.0, frames[0]); // silent reference, error: −∞ → −10
        assertEquals(35.0, frames[1]); // no error: +∞ → 35
        assertEquals(35.0, frames[2]); // 10·log10(4 / 1e-6) ≈ 66 dB → 35
        assertEquals(20.0, Snr.segmentalSnrDb(clean, degraded, 4, 4), 1e-12);
        assertEquals(-10.0, Snr.frameSnrDb(new double[4], new double[4], 4, 4)[0]); // 0/0 as Loizou's eps: −10
        assertTrue(Double.isInfinite(Snr.snrDb(degraded, degraded)));
    }

    @Test
    void equalsTheNumpyTranscription() {
        for (JsonNode c : MetricsFixtures.read("metrics-fixtures.json").get("snr")) {
            double[] clean = MetricsFixtures.doubles(c.get("clean"));
            double[] degraded = MetricsFixtures.doubles(c.get("degraded"));
            int frame = c.get("frame_length").asInt();
            int hop = c.get("hop_length").asInt();
            String name = c.get("name").asText();
            assertEquals(c.get("snr_db").asDouble(), Snr.snrDb(clean, degraded), 1e-9, name);
            assertEquals(c.get("segmental_snr_db").asDouble(), Snr.segmentalSnrDb(clean, degraded, frame, hop), 1e-9, name);
            assertArrayEquals(MetricsFixtures.doubles(c.get("frame_snr_db")), Snr.frameSnrDb(clean, degraded, frame, hop),
                    1e-9, name);
        }
    }

    @Test
    void audioOverloadsMixDownAndCheckTheRate() {
        double[] clean = new double[1600];
        double[] degraded = new double[1600];
        for (int i = 0; i < clean.length; i++) {
            clean[i] = 0.5 * Math.sin(2 * Math.PI * 440 * i / 16000.0);
            degraded[i] = clean[i] + 0.05 * Math.sin(2 * Math.PI * 3000 * i / 16000.0 + 1);
        }
        Audio a = Audio.mono(clean, 16000);
        Audio b = Audio.mono(degraded, 16000);
        assertEquals(Snr.snrDb(Snr.toDouble(a.samples()), Snr.toDouble(b.samples())), Snr.snrDb(a, b), 1e-12);
        assertEquals(20.0, Snr.snrDb(a, b), 0.05);
        assertEquals(20.0, Snr.segmentalSnrDb(a, b, 0.030, 0.0075), 0.2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Snr.snrDb(a, Audio.mono(degraded, 8000)));
        assertEquals("sample rates differ: 16000 Hz and 8000 Hz (resample first)", e.getMessage());
    }

    @Test
    void badInputsAreNamed() {
        assertEquals("the reference has 3 samples but the other signal 2: they must be aligned and of equal length",
                assertThrows(IllegalArgumentException.class, () -> Snr.snrDb(new double[3], new double[2])).getMessage());
        assertEquals("the clean reference is silent (all zero): its SNR is undefined",
                assertThrows(IllegalArgumentException.class, () -> Snr.snrDb(new double[3], new double[] {1, 0, 0}))
                        .getMessage());
        assertEquals("frame_length (8) must be ≤ the signal length (4 samples)",
                assertThrows(IllegalArgumentException.class, () -> Snr.frameSnrDb(new double[4], new double[4], 8, 2))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Snr.frameSnrDb(new double[4], new double[4], 2, 0));
    }
}
