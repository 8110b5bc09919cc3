package org.earshot.features;

import org.earshot.audio.Matrices;
import org.earshot.audio.Spectrogram;

/**
 * The complex STFT {@code X[k, t] = re + i·im}, {@code [nFft/2 + 1][frames]}, with the framing it was made with, so
 * that {@link Stft#inverse(ComplexSpectrogram, int)} can undo it and {@link #power()} labels its axes.
 */
public final class ComplexSpectrogram {

    private final double[][] real;
    private final double[][] imag;
    private final int sampleRate;
    private final int nFft;
    private final int hopLength;
    private final boolean centered;

    ComplexSpectrogram(double[][] real, double[][] imag, int sampleRate, int nFft, int hopLength, boolean centered) {
        this.real = real;
        this.imag = imag;
        this.sampleRate = sampleRate;
        this.nFft = nFft;
        this.hopLength = hopLength;
        this.centered = centered;
    }

    /** @return real parts {@code [bin][frame]}, a copy */
    public double[][] real() {
        return Matrices.copy(real);
    }

    /** @return imaginary parts {@code [bin][frame]}, a copy */
    public double[][] imag() {
        return Matrices.copy(imag);
    }

    public int binCount() {
        return real.length;
    }

    public int frameCount() {
        return real[0].length;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int nFft() {
        return nFft;
    }

    public int hopLength() {
        return hopLength;
    }

    public boolean centered() {
        return centered;
    }

    double re(int k, int t) {
        return real[k][t];
    }

    double im(int k, int t) {
        return imag[k][t];
    }

    /** @return {@code |X|²} as a labelled {@link Spectrogram} */
    public Spectrogram power() {
        return spectrogram(true);
    }

    /** @return {@code |X|} as a labelled {@link Spectrogram} */
    public Spectrogram magnitude() {
        return spectrogram(false);
    }

    private Spectrogram spectrogram(boolean power) {
        double[][] v = new double[real.length][real[0].length];
        for (int k = 0; k < v.length; k++) {
            for (int t = 0; t < v[k].length; t++) {
                double p = real[k][t] * real[k][t] + imag[k][t] * imag[k][t];
                v[k][t] = power ? p : Math.sqrt(p);
            }
        }
        return Spectrogram.linear(v, power ? Spectrogram.Amplitude.POWER : Spectrogram.Amplitude.MAGNITUDE,
                sampleRate, nFft, hopLength, centered);
    }

}
