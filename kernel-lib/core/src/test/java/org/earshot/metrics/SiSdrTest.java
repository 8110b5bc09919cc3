package org.earshot.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.earshot.metrics.SiSdr.Centering;
import org.junit.jupiter.api.Test;

/** Against a numpy transcription of torchmetrics (make_metrics_fixtures.py), plus the worked example. */
class SiSdrTest {

    @Test
    void orthogonalNoiseTenTimesWeakerIsTwentyDbAtAnyGain() {
        int n = 1000;
        double[] s = new double[n];
        double[] estimate = new double[n];
        double[] louder = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = i % 2 == 0 ? 1 : -1;
            double noise = (i / 2) % 2 == 0 ? 1 : -1; // orthogonal to s, same norm
            estimate[i] = s[i] + 0.1 * noise;
            louder[i] = 3 * estimate[i];
        }
        for (Centering c : Centering.values()) {
            assertEquals(20.0, SiSdr.siSdrDb(s, estimate, c), 1e-9);
            assertEquals(20.0, SiSdr.siSdrDb(s, louder, c), 1e-9);
            assertEquals(3.0, SiSdr.optimalScale(s, louder, c), 1e-12);
        }
        assertTrue(Double.isInfinite(SiSdr.siSdrDb(s, scaled(s, 0.5), Centering.NONE))); // an exact multiple: no distortion
    }

    private static double[] scaled(double[] x, double g) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = g * x[i];
        }
        return out;
    }

    @Test
    void equalsTheNumpyTranscriptionOfTorchmetrics() {
        for (JsonNode c : MetricsFixtures.read("metrics-fixtures.json").get("si_sdr")) {
            double[] reference = MetricsFixtures.doubles(c.get("reference"));
            double[] estimate = MetricsFixtures.doubles(c.get("estimate"));
            String name = c.get("name").asText();
            assertEquals(c.get("si_sdr_db").asDouble(), SiSdr.siSdrDb(reference, estimate, Centering.NONE), 1e-9, name);
            assertEquals(c.get("si_sdr_zero_mean_db").asDouble(), SiSdr.siSdrDb(reference, estimate, Centering.ZERO_MEAN),
                    1e-9, name);
            assertEquals(c.get("scale").asDouble(), SiSdr.optimalScale(reference, estimate, Centering.NONE), 1e-12, name);
            assertEquals(c.get("scale_zero_mean").asDouble(), SiSdr.optimalScale(reference, estimate, Centering.ZERO_MEAN),
                    1e-12, name);
        }
    }

    @Test
    void aDcOffsetIsDistortionOnlyWithoutCentering() {
        JsonNode dc = null;
        for (JsonNode c : MetricsFixtures.read("metrics-fixtures.json").get("si_sdr")) {
            dc = c.get("name").asText().equals("dc-offset") ? c : dc;
        }
        double[] reference = MetricsFixtures.doubles(dc.get("reference"));
        double[] estimate = MetricsFixtures.doubles(dc.get("estimate"));
        assertTrue(SiSdr.siSdrDb(reference, estimate, Centering.ZERO_MEAN) > SiSdr.siSdrDb(reference, estimate, Centering.NONE) + 5);
    }

    @Test
    void badInputsAreNamed() {
        assertEquals("the reference is silent (all zero after centering): SI-SDR is undefined",
                assertThrows(IllegalArgumentException.class,
                        () -> SiSdr.siSdrDb(new double[] {2, 2, 2}, new double[] {1, 2, 3}, Centering.ZERO_MEAN)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SiSdr.siSdrDb(new double[3], new double[4], Centering.NONE));
        assertThrows(IllegalArgumentException.class, () -> SiSdr.siSdrDb(new double[] {1}, new double[] {1}, null));
    }
}
