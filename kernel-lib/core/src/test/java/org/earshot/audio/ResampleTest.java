package org.earshot.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against scipy.signal.resample_poly, on fixtures made by data/fixtures/signal/make_scipy_resample_fixtures.py:
 * the same numbers, and the quality figures (passband error, stopband rejection) of both.
 */
class ResampleTest {

    private static JsonNode fixtures;

    @BeforeAll
    static void load() throws IOException {
        fixtures = new ObjectMapper().readTree(Kit.home().resolve("data/fixtures/signal/scipy-resample-fixtures.json").toFile());
    }

    private static double[] array(JsonNode node) {
        double[] a = new double[node.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = node.get(i).asDouble();
        }
        return a;
    }

    private static JsonNode fixture(String name) {
        for (JsonNode c : fixtures.get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no fixture " + name);
    }

    @Test
    void equalsScipyResamplePoly() {
        for (JsonNode c : fixtures.get("cases")) {
            double[] expected = array(c.get("output"));
            double[] actual = Resample.ratio(c.get("up").asInt(), c.get("down").asInt()).apply(array(c.get("input")));
            assertEquals(expected.length, actual.length, c.get("name").asText() + ": length");
            double worst = 0;
            for (int n = 0; n < expected.length; n++) {
                worst = Math.max(worst, Math.abs(expected[n] - actual[n]));
            }
            System.out.printf(Locale.ROOT, "resample %s: max |Δ| vs scipy %.2e%n", c.get("name").asText(), worst);
            assertTrue(worst < 1e-9, c.get("name").asText() + ": " + worst);
        }
    }

    /** Amplitude of the {@code f} Hz component of {@code y} (rate {@code sr}) over its middle half, by least squares. */
    static double amplitude(double[] y, double sr, double f) {
        int from = y.length / 4;
        int to = 3 * y.length / 4;
        double ss = 0, sc = 0, cc = 0, ys = 0, yc = 0;
        for (int n = from; n < to; n++) {
            double s = Math.sin(2 * Math.PI * f * n / sr);
            double c = Math.cos(2 * Math.PI * f * n / sr);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            ys += y[n] * s;
            yc += y[n] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (ys * cc - yc * sc) / det;
        double b = (yc * ss - ys * sc) / det;
        return Math.hypot(a, b);
    }

    @Test
    void passbandAndStopbandQualityAsScipys() {
        JsonNode pass = fixture("passband 1 kHz 48k->16k");
        JsonNode stop = fixture("stopband 10 kHz 48k->16k");
        Resample r = Resample.ratio(1, 3);
        double oursPass = 20 * Math.log10(amplitude(r.apply(array(pass.get("input"))), 16000, 1000));
        double scipyPass = 20 * Math.log10(amplitude(array(pass.get("output")), 16000, 1000));
        // a 10 kHz tone sampled at 16 kHz would alias to 6 kHz: how much of it is left there
        double oursStop = 20 * Math.log10(amplitude(r.apply(array(stop.get("input"))), 16000, 6000));
        double scipyStop = 20 * Math.log10(amplitude(array(stop.get("output")), 16000, 6000));
        System.out.printf(Locale.ROOT, "resample 48k->16k: passband error at 1 kHz %.4f dB (scipy %.4f dB); "
                + "stopband rejection at 10 kHz %.1f dB (scipy %.1f dB)%n", oursPass, scipyPass, oursStop, scipyStop);
        assertTrue(Math.abs(oursPass) < 0.01, "passband error " + oursPass + " dB");
        assertTrue(oursStop < -55, "stopband rejection " + oursStop + " dB"); // Kaiser β 5: about -57 dB
        assertEquals(scipyPass, oursPass, 1e-6);
        assertEquals(scipyStop, oursStop, 0.01);
    }

    @Test
    void naiveDecimationAliases() {
        // the same 10 kHz tone, decimated by keeping every 3rd sample: it comes back at full strength at 6 kHz
        Audio tone = Synth.sine(10000, 0.2, 48000, 1.0);
        Audio aliased = Resample.naiveDecimate(tone, 3);
        assertEquals(16000, aliased.sampleRate());
        double[] y = new double[aliased.frameCount()];
        float[] f = aliased.samples();
        for (int i = 0; i < y.length; i++) {
            y[i] = f[i];
        }
        assertEquals(1.0, amplitude(y, 16000, 6000), 1e-3);
    }

    @Test
    void ratiosAndRates() {
        assertEquals(160, Resample.between(44100, 16000).up());
        assertEquals(441, Resample.between(44100, 16000).down());
        Audio a = Resample.to(Synth.sine(440, 1.0, 44100, 0.5), 16000);
        assertEquals(16000, a.sampleRate());
        assertEquals(16000, a.frameCount());
        assertEquals(a.peakDbfs(), Synth.sine(440, 1.0, 16000, 0.5).peakDbfs(), 0.05);
        assertThrows(IllegalArgumentException.class, () -> Resample.ratio(2, 3).apply(Synth.sine(440, 0.1, 8000, 0.5)));
    }

    @Test
    void besselAndKaiserMatchKnownValues() {
        assertEquals(1.0, Resample.besselI0(0), 0);
        assertEquals(27.239871823604442, Resample.besselI0(5), 1e-12); // scipy.special.i0(5)
        double[] w = Resample.kaiser(5, 5.0);
        assertEquals(1.0 / 27.239871823604442, w[0], 1e-15);
        assertEquals(1.0, w[2], 1e-15);
    }
}
