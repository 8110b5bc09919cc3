package org.earshot.features;

import org.earshot.audio.Spectrogram;

/**
 * The complex STFT {@code X[k, t] = re + i·im}, {@code [nFft/2 + 1][frames]}, with the framing it was made with, so
 * that {@link Stft#inverse(ComplexSpectrogram, int)} can undo it and {@link #power()} labels its axes.
 */
public final class ComplexSpectrogram {

    private final Spectral.Complex x;
    private final int sampleRate;
    private final int nFft;
    private final int hopLength;
    private final boolean centered;
    private final double startSeconds;

    ComplexSpectrogram(Spectral.Complex x, int sampleRate, int nFft, int hopLength, boolean centered,
                       double startSeconds) {
        this.x = x;
        this.sampleRate = sampleRate;
        this.nFft = nFft;
        this.hopLength = hopLength;
        this.centered = centered;
        this.startSeconds = startSeconds;
    }

    /** @return real parts {@code [bin][frame]}, a copy */
    public double[][] real() {
        return x.real();
    }

    /** @return imaginary parts {@code [bin][frame]}, a copy */
    public double[][] imag() {
        return x.imag();
    }

    /** @return the complex values without their axes, as {@link Spectral}'s functions take them */
    public Spectral.Complex matrix() {
        return x;
    }

    public int binCount() {
        return x.binCount();
    }

    public int frameCount() {
        return x.frameCount();
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

    /** @return where the analysed sound began, in seconds ({@code Audio.startSeconds()}) */
    public double startSeconds() {
        return startSeconds;
    }

    /** @return {@code |X|²} as a labelled {@link Spectrogram} ({@link Spectral#power}) */
    public Spectrogram power() {
        return Spectrogram.linear(Spectral.power(x), Spectrogram.Amplitude.POWER, sampleRate, nFft, hopLength, centered)
                .startingAt(startSeconds);
    }

    /** @return {@code |X|} as a labelled {@link Spectrogram} ({@link Spectral#magnitude}) */
    public Spectrogram magnitude() {
        return Spectrogram.linear(Spectral.magnitude(x), Spectrogram.Amplitude.MAGNITUDE, sampleRate, nFft, hopLength,
                centered).startingAt(startSeconds);
    }
}
