package org.earshot.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class WindowTest {

    @Test
    void periodicAndSymmetricHann() {
        assertArrayEquals(new double[] {0, 0.5, 1, 0.5}, Window.HANN.coefficients(4, true), 1e-12);
        assertArrayEquals(new double[] {0, 0.75, 0.75, 0}, Window.HANN.coefficients(4, false), 1e-12);
    }

    @Test
    void hammingAndBlackmanEndValues() {
        double[] hamming = Window.HAMMING.coefficients(5, false);
        assertArrayEquals(new double[] {0.08, 0.54, 1.0, 0.54, 0.08}, hamming, 1e-12);
        double[] blackman = Window.BLACKMAN.coefficients(3, false);
        assertArrayEquals(new double[] {0.0, 1.0, 0.0}, blackman, 1e-12);
        assertArrayEquals(new double[] {1.0}, Window.HANN.coefficients(1, false), 0);
    }
}
