package org.earshot.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.earshot.audio.Audio;
import org.earshot.audio.MelScale;
import org.earshot.audio.Spectrogram;
import org.earshot.audio.Synth;
import org.junit.jupiter.api.Test;

/** The functional layer: its formulas, and that each transform gives exactly what its function does. */
class SpectralTest {

    static final Audio VOICE = Synth.chirp(200, 3000, 0.3, 16000, 0.7);
    static final double[] X = VOICE.doubleSamples();

    static void assertMatrixEquals(double[][] expected, double[][] actual, double delta, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], delta, what + ": row " + i);
        }
    }

    // ------------------------------------------------------------------------- transforms = functions

    @Test
    void stftTransformIsTheFunction() {
        Stft stft = Stft.builder().nFft(512).winLength(400).hopLength(128).window(Window.HAMMING).build();
        assertMatrixEquals(Spectral.spectrogram(X, 512, 128, 400, Window.HAMMING, true, PadMode.REFLECT, 2.0),
                stft.power(VOICE).values(), 0, "power");
        assertMatrixEquals(Spectral.spectrogram(X, 512, 128, 400, Window.HAMMING, true, PadMode.REFLECT, 1.0),
                stft.magnitude(VOICE).values(), 0, "magnitude");
        Spectral.Complex x = Spectral.stft(X, 512, 128, 400, Window.HAMMING, true, PadMode.REFLECT);
        ComplexSpectrogram c = stft.complex(VOICE);
        assertMatrixEquals(x.real(), c.real(), 0, "real");
        assertMatrixEquals(x.imag(), c.imag(), 0, "imag");
        assertMatrixEquals(Spectral.power(x), stft.power(VOICE).values(), 1e-9, "|X|² from the complex STFT");
        assertMatrixEquals(Spectral.magnitude(x), stft.magnitude(VOICE).values(), 1e-9, "|X| from the complex STFT");
        assertArrayEquals(Spectral.frameWindow(Window.HAMMING, 400, 512), stft.frameWindow(), 0);
        assertEquals(Spectral.frameCount(X.length, 512, 128, true), stft.frameCount(X.length));
    }

    @Test
    void istftUndoesStftAndIsWhatTheTransformCalls() {
        double[] w = Window.HANN.coefficients(256, true);
        Spectral.Complex x = Spectral.stft(X, 256, 64, w, true, PadMode.REFLECT);
        double[] back = Spectral.istft(x, 256, 64, w, true, X.length);
        assertArrayEquals(X, back, 1e-9);
        Stft stft = Stft.builder().nFft(256).hopLength(64).build();
        float[] viaTransform = stft.inverse(stft.complex(VOICE), X.length).samples();
        for (int n = 0; n < X.length; n++) {
            assertEquals((float) back[n], viaTransform[n], 0, "sample " + n);
        }
    }

    @Test
    void melFilterbankTransformIsTheFunction() {
        for (MelFilterbank.Norm norm : MelFilterbank.Norm.values()) {
            for (MelScale scale : MelScale.values()) {
                assertMatrixEquals(Spectral.melFilterbank(257, 20, 7600, 64, 16000, norm, scale),
                        MelFilterbank.create(257, 20, 7600, 64, 16000, norm, scale).weights(), 0, norm + "/" + scale);
            }
        }
    }

    @Test
    void melSpectrogramTransformIsSpectrogramThenFilterbank() {
        double[][] fb = Spectral.melFilterbank(201, 0, 8000, 80, 16000, MelFilterbank.Norm.NONE, MelScale.HTK);
        for (double power : new double[] {2.0, 1.0}) {
            MelSpectrogram mel = MelSpectrogram.builder().sampleRate(16000).nFft(400).hopLength(160).nMels(80)
                    .power(power).build();
            double[][] expected = Spectral.melSpectrogram(
                    Spectral.spectrogram(X, 400, 160, 400, Window.HANN, true, PadMode.REFLECT, power), fb);
            // the transform's fused path (filters applied frame by frame) adds in the same order: exactly equal
            assertMatrixEquals(expected, mel.apply(VOICE).values(), 0, "power " + power);
            assertMatrixEquals(expected, Spectral.melSpectrogram(X, 400, 160, Window.HANN.coefficients(400, true),
                    true, PadMode.REFLECT, power, fb), 0, "fused function, power " + power);
        }
        Spectrogram linear = Stft.builder().nFft(400).hopLength(160).build().power(VOICE);
        MelFilterbank bank = MelFilterbank.create(201, 0, 8000, 80, 16000, MelFilterbank.Norm.NONE, MelScale.HTK);
        assertMatrixEquals(Spectral.melSpectrogram(linear.values(), fb), bank.apply(linear).values(), 0, "apply");
    }

    @Test
    void toDecibelsIsPowerToDbOrMagnitudeToDb() {
        Stft stft = Stft.builder().nFft(400).hopLength(160).build();
        Spectrogram p = stft.power(VOICE);
        assertMatrixEquals(Spectral.powerToDb(p.values(), 80), p.toDecibels(80).values(), 0, "power, top_db 80");
        assertMatrixEquals(Spectral.powerToDb(p.values(), Double.POSITIVE_INFINITY), p.toDecibels().values(), 0,
                "power, no floor");
        Spectrogram m = stft.magnitude(VOICE);
        assertMatrixEquals(Spectral.magnitudeToDb(m.values(), 60), m.toDecibels(60).values(), 0, "magnitude");
        // half the dB of the power: 20·log10|X| = 10·log10|X|²
        assertMatrixEquals(p.toDecibels(60).values(), m.toDecibels(60).values(), 1e-9, "20·log10|X| = 10·log10|X|²");
        Spectrogram db = p.toDecibels();
        assertMatrixEquals(Spectral.topDbFloor(db.values(), 30), db.toDecibels(30).values(), 0, "dB, floor only");
    }

    @Test
    void mfccTransformIsDctOfTheLogMel() {
        Mfcc mfcc = Mfcc.builder().sampleRate(16000).nMfcc(13).nMels(40).nFft(400).hopLength(160).build();
        double[][] mel = MelSpectrogram.builder().sampleRate(16000).nFft(400).hopLength(160).nMels(40).build()
                .apply(VOICE).values();
        assertMatrixEquals(Spectral.mfcc(Spectral.powerToDb(mel, 80), 13, Dct.Norm.ORTHO), mfcc.apply(VOICE).values(),
                0, "dB");
        Mfcc ln = Mfcc.builder().sampleRate(16000).nMfcc(20).nMels(40).nFft(400).hopLength(160).logMels(true)
                .dctNorm(Dct.Norm.NONE).build();
        assertMatrixEquals(Spectral.mfcc(Spectral.log(mel, Spectral.LOG_MEL_OFFSET), 20, Dct.Norm.NONE),
                ln.apply(VOICE).values(), 0, "ln, no DCT norm");
        assertThrows(IllegalArgumentException.class, () -> Spectral.mfcc(mel, 41, Dct.Norm.ORTHO));
    }

    // ---------------------------------------------------------------------------------- the formulas

    @Test
    void decibelsFollowTorchaudiosAmplitudeToDb() {
        double[][] p = {{1, 0.01, 0}, {1e-12, 100, 0.5}};
        // 10·log10(max(x, 1e-10)): 0 is clamped to −100 dB
        assertMatrixEquals(new double[][] {{0, -20, -100}, {-100, 20, 10 * Math.log10(0.5)}},
                Spectral.powerToDb(p, Double.POSITIVE_INFINITY), 1e-12, "no floor");
        // top_db 30 below the maximum (20 dB): nothing under −10 dB
        assertMatrixEquals(new double[][] {{0, -10, -10}, {-10, 20, 10 * Math.log10(0.5)}}, Spectral.powerToDb(p, 30),
                1e-12, "top_db 30");
        assertMatrixEquals(new double[][] {{0, -40, -200}}, Spectral.magnitudeToDb(new double[][] {{1, 0.01, 0}},
                Double.POSITIVE_INFINITY), 1e-12, "magnitude: 20·log10, the clamp not squared");
        // db_multiplier = log10(ref): relative to ref 10, power 1 is −10 dB
        assertMatrixEquals(new double[][] {{-10, 0}}, Spectral.amplitudeToDb(new double[][] {{1, 10}}, 10, 1e-10, 1,
                Double.POSITIVE_INFINITY), 1e-12, "reference 10");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Spectral.powerToDb(p, 0)).getMessage()
                .startsWith("top_db must be > 0 dB"));
    }

    @Test
    void topDbFloorIsRelativeToEachSpectrogramsOwnMaximum() {
        // torchaudio on one (freq, time) spectrogram, or per item of a 4-D batch: each has its own cut-off
        double[][] loud = {{1, 1e-12}};
        double[][] quiet = {{1e-4, 1e-12}};
        assertArrayEquals(new double[] {0, -80}, Spectral.powerToDb(loud, 80)[0], 1e-12);
        assertArrayEquals(new double[] {-40, -100}, Spectral.powerToDb(quiet, 80)[0], 1e-12, "floor −120 dB, not −80");
        assertArrayEquals(new double[] {-40, -60}, Spectral.powerToDb(quiet, 20)[0], 1e-12);
    }

    @Test
    void padModesPadAsTorch() {
        float[] x = {1, 2, 3, 4};
        assertArrayEquals(new double[] {3, 2, 1, 2, 3, 4, 3, 2}, pad(x, 2, PadMode.REFLECT), 0);
        assertArrayEquals(new double[] {0, 0, 1, 2, 3, 4, 0, 0}, pad(x, 2, PadMode.CONSTANT), 0);
        assertArrayEquals(new double[] {1, 1, 1, 2, 3, 4, 4, 4}, pad(x, 2, PadMode.REPLICATE), 0);
        assertArrayEquals(new double[] {3, 4, 1, 2, 3, 4, 1, 2}, pad(x, 2, PadMode.CIRCULAR), 0);
        assertArrayEquals(pad(x, 2, PadMode.REFLECT), Stft.reflectPad(x, 2), 0);
        // a centred STFT is the uncentred STFT of the padded signal
        float[] samples = VOICE.samples();
        for (PadMode mode : PadMode.values()) {
            assertMatrixEquals(Spectral.spectrogram(pad(samples, 128, mode), 256, 64, 256, Window.HANN, false, mode, 2),
                    Spectral.spectrogram(X, 256, 64, 256, Window.HANN, true, mode, 2), 1e-9, mode.toString());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Spectral.stft(new double[100], 400, 160, 400,
                Window.HANN, true, PadMode.REFLECT)).getMessage().contains("reflect padding of 200"));
        assertEquals(1, Spectral.stft(new double[100], 400, 160, 400, Window.HANN, true, PadMode.CONSTANT)
                .frameCount());
    }

    private static double[] pad(float[] x, int pad, PadMode mode) {
        double[] y = new double[x.length + 2 * pad];
        for (int i = 0; i < y.length; i++) {
            int j = mode.index(i - pad, x.length);
            y[i] = j < 0 ? 0 : x[j];
        }
        return y;
    }

    @Test
    void badArgumentsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Spectral.spectrogram(X, 256, 64, 300,
                Window.HANN, true, PadMode.REFLECT, 2)).getMessage().equals("n_fft (256) must be ≥ win_length (300)"));
        assertThrows(IllegalArgumentException.class, () -> Spectral.spectrogram(X, 256, 0, 256, Window.HANN, true,
                PadMode.REFLECT, 2));
        assertThrows(IllegalArgumentException.class, () -> Spectral.spectrogram(X, 256, 64, 256, Window.HANN, true,
                PadMode.REFLECT, 0));
        double[][] fb = Spectral.melFilterbank(201, 0, 8000, 40, 16000, MelFilterbank.Norm.NONE, MelScale.HTK);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Spectral.melSpectrogram(new double[257][3], fb))
                .getMessage().contains("201 frequency bins per filter, the spectrogram 257"));
    }
}
