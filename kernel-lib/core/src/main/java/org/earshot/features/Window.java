package org.earshot.features;

/**
 * Analysis windows (§21.1): tapers that make a frame's ends go to zero, trading main-lobe width for side-lobe
 * leakage. With {@code N} = length when periodic ({@code torch.hann_window(periodic=True)}, the STFT default) or
 * length − 1 when symmetric, and {@code n = 0 … length−1}:
 * <ul>
 *   <li>Hann: {@code w[n] = 0.5 − 0.5·cos(2πn/N)}</li>
 *   <li>Hamming: {@code w[n] = 0.54 − 0.46·cos(2πn/N)}</li>
 *   <li>Blackman: {@code w[n] = 0.42 − 0.5·cos(2πn/N) + 0.08·cos(4πn/N)}</li>
 *   <li>Rectangular: {@code w[n] = 1}</li>
 * </ul>
 */
public enum Window {
    HANN(0.5, 0.5, 0.0),
    HAMMING(0.54, 0.46, 0.0),
    BLACKMAN(0.42, 0.5, 0.08),
    RECTANGULAR(1.0, 0.0, 0.0);

    private final double a0;
    private final double a1;
    private final double a2;

    Window(double a0, double a1, double a2) {
        this.a0 = a0;
        this.a1 = a1;
        this.a2 = a2;
    }

    /**
     * @param length   window length in samples (≥ 1)
     * @param periodic true for the periodic form (for spectral analysis), false for the symmetric form
     * @return the coefficients {@code w[0 … length−1]}
     */
    public double[] coefficients(int length, boolean periodic) {
        if (length < 1) {
            throw new IllegalArgumentException("window length must be ≥ 1, got " + length);
        }
        double[] w = new double[length];
        int denominator = periodic ? length : length - 1;
        if (denominator == 0) {
            w[0] = 1.0;
            return w;
        }
        for (int n = 0; n < length; n++) {
            double phase = 2 * Math.PI * n / denominator;
            w[n] = a0 - a1 * Math.cos(phase) + a2 * Math.cos(2 * phase);
        }
        return w;
    }
}
