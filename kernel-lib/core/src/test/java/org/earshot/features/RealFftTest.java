package org.earshot.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.earshot.audio.Audio;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;

/** The kit's real FFT against JTransforms, the reference it replaces for the sizes speech uses. */
class RealFftTest {

    /** Speech sizes the issue names, the small sizes that exercise each radix alone, and fallbacks. */
    private static final int[] PLANNED = {2, 4, 6, 8, 10, 16, 30, 50, 64, 90, 160, 256, 320, 400, 480, 512, 640, 800,
        960, 1024};
    private static final int[] FALLBACK = {1, 3, 7, 9, 14, 22, 401, 1000 + 2 * 7, 2048, 4096};

    /** max |X − X_ref| / max |X_ref| over every bin. */
    private static double relativeError(double[] x, double[] re, double[] im) {
        int n = x.length;
        double[] ref = x.clone();
        new DoubleFFT_1D(n).realForward(ref);
        double err = 0;
        double scale = 0;
        for (int k = 0; k <= n / 2; k++) {
            double r = Spectral.packedRe(ref, k, n);
            double i = Spectral.packedIm(ref, k, n);
            err = Math.max(err, Math.hypot(re[k] - r, im[k] - i));
            scale = Math.max(scale, Math.hypot(r, i));
        }
        return err / scale;
    }

    @Test
    void equalsJTransformsOnRandomFramesOfEverySize() {
        Random random = new Random(400);
        for (int n : PLANNED) {
            assertTrue(RealFft.supports(n), n + " should be planned");
            assertTrue(RealFft.of(n).planned());
            checkSize(n, random);
        }
        for (int n : FALLBACK) {
            assertFalse(RealFft.of(n).planned(), n + " should fall back to JTransforms");
            checkSize(n, random);
        }
    }

    private static void checkSize(int n, Random random) {
        RealFft fft = RealFft.of(n);
        for (int trial = 0; trial < 3; trial++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextGaussian() * Math.pow(10, trial * 3); // 1, 1e3, 1e6: relative, not absolute
            }
            double[] re = new double[n / 2 + 1];
            double[] im = new double[n / 2 + 1];
            fft.forward(x, re, im);
            double err = relativeError(x, re, im);
            assertTrue(err <= 1e-12, "N = " + n + ": relative error " + err);
        }
    }

    @Test
    void eachLaneOfABatchIsItsOwnFrame() {
        int n = 400;
        RealFft fft = RealFft.of(n);
        RealFft.Batch batch = fft.batch();
        Random random = new Random(7);
        double[][] frames = new double[RealFft.LANES][n];
        for (int l = 0; l < RealFft.LANES; l++) {
            for (int i = 0; i < n; i++) {
                frames[l][i] = l == 3 ? 0 : random.nextGaussian(); // one silent frame among them
                batch.input()[i][l] = frames[l][i];
            }
        }
        batch.transform();
        double[][] power = new double[n / 2 + 1][RealFft.LANES];
        batch.power(power);
        for (int l = 0; l < RealFft.LANES; l++) {
            double[] re = new double[n / 2 + 1];
            double[] im = new double[n / 2 + 1];
            for (int k = 0; k <= n / 2; k++) {
                re[k] = batch.real()[k][l];
                im[k] = batch.imag()[k][l];
                assertEquals(re[k] * re[k] + im[k] * im[k], power[k][l], 0);
            }
            if (l == 3) {
                assertArrayEquals(new double[n / 2 + 1], re, 0);
            } else {
                assertTrue(relativeError(frames[l], re, im) <= 1e-12, "lane " + l);
            }
        }
    }

    @Test
    void theWorkedExampleOfTheLesson() {
        // a cosine of 3 cycles in 8 samples: all its energy in bin 3, N/2 = 4 each
        double[] x = new double[8];
        for (int i = 0; i < 8; i++) {
            x[i] = Math.cos(2 * Math.PI * 3 * i / 8);
        }
        double[] re = new double[5];
        double[] im = new double[5];
        RealFft.of(8).forward(x, re, im);
        assertArrayEquals(new double[] {0, 0, 0, 4, 0}, re, 1e-14); // the samples themselves are rounded
        assertArrayEquals(new double[5], im, 1e-14);
    }

    @Test
    void badSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RealFft.of(0));
        assertThrows(IllegalArgumentException.class, () -> RealFft.of(8).forward(new double[7], new double[5],
                new double[5]));
    }

    @Test
    void aMultiChannelSoundIsReadAsItsMixdown() {
        Audio stereo = Audio.of(new float[][] {{0.1f, 0.2f, -0.3f, 0.7f}, {0.3f, -0.2f, 0.5f, 0.1f}}, 16000);
        double[] part = new double[3];
        stereo.copySamples(1, part, 0, 3);
        double[] whole = stereo.mixdown().doubleSamples();
        assertArrayEquals(new double[] {whole[1], whole[2], whole[3]}, part, 0);
        assertThrows(IndexOutOfBoundsException.class, () -> stereo.copySamples(2, part, 0, 3));
    }
}
