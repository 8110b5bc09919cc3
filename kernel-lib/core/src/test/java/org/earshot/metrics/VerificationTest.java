package org.earshot.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import org.earshot.display.MimeBundle;
import org.junit.jupiter.api.Test;

/** Against scikit-learn's roc_curve and the brentq EER recipe, and Kaldi's minDCF (make_metrics_fixtures.py). */
class VerificationTest {

    @Test
    void theWorkedExample() {
        Verification v = Verification.of(new double[] {0.9, 0.8, 0.4}, new double[] {0.7, 0.3, 0.2, 0.1});
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0.9, 0.8, 0.7, 0.4, 0.3, 0.2, 0.1}, v.thresholds());
        assertArrayEquals(new double[] {0, 0, 0, 0.25, 0.25, 0.5, 0.75, 1}, v.falseAcceptRates(), 1e-15);
        assertArrayEquals(new double[] {1, 2 / 3.0, 1 / 3.0, 1 / 3.0, 0, 0, 0, 0}, v.falseRejectRates(), 1e-15);
        assertEquals(0.25, v.eer(), 1e-15);
        assertEquals(0.7, v.eerThreshold());
        assertEquals(1 / 3.0, v.falseRejectRateAt(0.01), 1e-15);
    }

    @Test
    void perfectSeparationHasZeroEer() {
        Verification v = Verification.of(new double[] {3, 4}, new double[] {1, 2});
        assertEquals(0.0, v.eer());
        assertEquals(3.0, v.eerThreshold());
        assertEquals(0.0, v.minDcf(DetectionCost.VOXSRC));
    }

    @Test
    void equalsScikitLearnAndKaldi() {
        for (JsonNode c : MetricsFixtures.read("metrics-fixtures.json").get("verification")) {
            String name = c.get("name").asText();
            Verification v = Verification.of(MetricsFixtures.doubles(c.get("targets")),
                    MetricsFixtures.doubles(c.get("nontargets")));
            double[] thresholds = v.thresholds();
            assertEquals(Double.POSITIVE_INFINITY, thresholds[0]);
            assertArrayEquals(MetricsFixtures.doubles(c.get("thresholds")), Arrays.copyOfRange(thresholds, 1, thresholds.length),
                    0, name);
            assertArrayEquals(MetricsFixtures.doubles(c.get("far")), v.falseAcceptRates(), 1e-12, name);
            assertArrayEquals(MetricsFixtures.doubles(c.get("frr")), v.falseRejectRates(), 1e-12, name);
            assertEquals(c.get("eer").asDouble(), v.eer(), 1e-9, name);
            assertEquals(c.get("eer_nearest_threshold").asDouble(), v.eerThreshold(), 0, name);
            JsonNode dcf = c.get("min_dcf");
            assertEquals(dcf.get("0.01/1.0/1.0").asDouble(), v.minDcf(DetectionCost.KALDI_DEFAULT), 1e-12, name);
            assertEquals(dcf.get("0.05/1.0/1.0").asDouble(), v.minDcf(DetectionCost.VOXSRC), 1e-12, name);
            assertEquals(dcf.get("0.01/10.0/1.0").asDouble(), v.minDcf(DetectionCost.SRE_2008), 1e-12, name);
        }
    }

    @Test
    void showsAsATable() {
        Verification v = Verification.of(new double[] {0.9, 0.8, 0.4}, new double[] {0.7, 0.3, 0.2, 0.1});
        MimeBundle b = v.toMimeBundle();
        String html = b.get(MimeBundle.HTML).orElseThrow();
        assertTrue(html.startsWith("<table class=\"earshot-verification\">"), html);
        assertTrue(html.contains("<th style=\"text-align:left\">EER</th><td>25.00% (threshold ≈ 0.7000)</td>"), html);
        assertTrue(b.plainText().contains("3 target, 4 non-target"), b.plainText());
        assertTrue(v.toString().contains("EER=25.00%"), v.toString());
    }

    @Test
    void badInputsAreNamed() {
        assertEquals("no non-target scores: both target and non-target trials are needed",
                assertThrows(IllegalArgumentException.class, () -> Verification.of(new double[] {1}, new double[0]))
                        .getMessage());
        assertEquals("target score 1 is NaN: scores must be finite",
                assertThrows(IllegalArgumentException.class,
                        () -> Verification.of(new double[] {1, Double.NaN}, new double[] {0})).getMessage());
        assertEquals("target_prior (1.0) must lie in (0, 1)",
                assertThrows(IllegalArgumentException.class, () -> new DetectionCost(1, 1, 1)).getMessage());
    }

    @Test
    void theDetCurveIsDrawnOnLogAxesWithTheEerMarked() {
        java.util.Random r = new java.util.Random(5);
        double[] target = r.doubles(200).map(x -> 1 + x).toArray();
        double[] nonTarget = r.doubles(300).map(x -> 0.6 + x).toArray();
        Verification v = Verification.of(target, nonTarget);
        var det = v.detCurve("two overlapping score ranges");
        assertEquals("False accept rate (%)", det.xAxisTitle());
        assertEquals(2, det.seriesNames().size(), det.seriesNames().toString());
        assertTrue(det.seriesNames().get(1).startsWith("EER "));
        assertTrue(det.toPng().length > 1000);
        assertThrows(IllegalStateException.class,
                () -> Verification.of(new double[] {3, 4}, new double[] {1, 2}).detCurve("separable"));
    }
}
