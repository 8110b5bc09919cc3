package org.earshot.tts.vocoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;

/**
 * Linear prediction equal to SciPy: autocorrelation, the Levinson-Durbin solution of the normal equations
 * ({@code scipy.linalg.solve_toeplitz}), the prediction error's gain, and the all-pole synthesis filter
 * ({@code scipy.signal.lfilter}), on five Hann-windowed frames of the real "front center" recording
 * ({@code data/fixtures/tts/lpc-fixtures.json}, made by {@code make_lpc_fixtures.py}).
 */
class LpcParityTest {

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    private static double worst(double[] expected, double[] got) {
        assertEquals(expected.length, got.length);
        double peak = 0;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            peak = Math.max(peak, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(expected[i] - got[i]));
        }
        return peak == 0 ? worst : worst / peak;
    }

    @Test
    void autocorrelationLevinsonGainAndSynthesisEqualScipy() throws IOException {
        JsonNode fixture = new ObjectMapper().readTree(Kit.home().resolve("data/fixtures/tts/lpc-fixtures.json")
                .toFile());
        for (JsonNode c : fixture.get("cases")) {
            String name = "frame at " + c.get("start").asInt() + ", order " + c.get("order").asInt();
            int order = c.get("order").asInt();
            double[] frame = doubles(c.get("frame"));
            assertEquals(0, worst(doubles(c.get("autocorrelation")), Lpc.autocorrelation(frame, order)), 1e-12, name);
            Lpc lpc = Lpc.of(frame, order);
            assertEquals(0, worst(doubles(c.get("coefficients")), lpc.coefficients()), 1e-8, name);
            assertEquals(c.get("gain").asDouble(), lpc.gain(), 1e-9 * Math.max(1, c.get("gain").asDouble()), name);
            double[] y = lpc.synthesize(doubles(c.get("excitation")), new double[order]);
            assertEquals(0, worst(doubles(c.get("output")), y), 1e-8, name);
        }
    }

    @Test
    void aFrameInTwoBlocksIsTheFrameInOne() {
        Lpc lpc = Lpc.levinson(new double[] {1, 0.8, 0.5, 0.2}, 3);
        double[] e = new double[50];
        e[0] = 1;
        e[20] = -0.5;
        double[] whole = lpc.synthesize(e, new double[3]);
        double[] history = new double[3];
        double[] first = lpc.synthesize(java.util.Arrays.copyOfRange(e, 0, 17), history);
        double[] second = lpc.synthesize(java.util.Arrays.copyOfRange(e, 17, 50), history);
        for (int i = 0; i < 50; i++) {
            assertEquals(whole[i], i < 17 ? first[i] : second[i - 17], 1e-15);
        }
        assertEquals(0, Lpc.of(new double[40], 4).gain());   // silence: A(z) = 1, no gain
        assertThrows(IllegalArgumentException.class, () -> Lpc.of(new double[10], 10));
    }
}
