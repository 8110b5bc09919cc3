package org.earshot.tts.vocoder;

/**
 * μ-law companding (ITU-T G.711's curve, WaveNet's output): a sample {@code x ∈ [−1, 1]} becomes one of
 * {@code Q} classes, fine steps near silence and coarse ones when loud, so 256 classes sound like ~13-bit audio:
 *
 * <pre>
 *   μ = Q − 1,   F(x) = sign(x) · ln(1 + μ|x|) / ln(1 + μ)
 *   class = ⌊(F(x) + 1) / 2 · μ + 0.5⌋                     encode
 *   y = 2·class/μ − 1,   x̂ = sign(y) · ((1 + μ)^|y| − 1) / μ   decode
 * </pre>
 *
 * <p>As {@code torchaudio.functional.mu_law_encoding} / {@code mu_law_decoding}: the same classes on fixtures
 * ({@code data/fixtures/tts/make_vocoder_fixtures.py}), the same decoded values to float32 rounding (torchaudio
 * decodes in float32, this in double); inputs outside [−1, 1] are clipped first (torchaudio leaves them to fall
 * outside the classes).
 *
 * @param quantizationChannels {@code Q}, the number of classes (≥ 2; WaveNet's 256)
 */
public record MuLaw(int quantizationChannels) {

    public MuLaw {
        if (quantizationChannels < 2) {
            throw new IllegalArgumentException("μ-law needs at least 2 classes, got " + quantizationChannels);
        }
    }

    /** @return WaveNet's 256 classes */
    public static MuLaw wavenet() {
        return new MuLaw(256);
    }

    /** @return {@code μ = Q − 1} */
    public double mu() {
        return quantizationChannels - 1;
    }

    /**
     * @param x a sample, [−1, 1] (clipped)
     * @return its class, 0 … Q − 1
     */
    public int encode(double x) {
        double c = Math.max(-1, Math.min(1, x));
        double f = Math.signum(c) * Math.log1p(mu() * Math.abs(c)) / Math.log1p(mu());
        return (int) ((f + 1) / 2 * mu() + 0.5);
    }

    /**
     * @param cls a class, 0 … Q − 1
     * @return the sample it stands for, [−1, 1]
     */
    public double decode(int cls) {
        if (cls < 0 || cls >= quantizationChannels) {
            throw new IllegalArgumentException("class " + cls + " is outside 0 … " + (quantizationChannels - 1));
        }
        double y = cls / mu() * 2 - 1;
        return Math.signum(y) * Math.expm1(Math.abs(y) * Math.log1p(mu())) / mu();
    }

    /** @return every sample's class */
    public int[] encode(float[] samples) {
        int[] out = new int[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = encode(samples[i]);
        }
        return out;
    }

    /** @return every class's sample */
    public float[] decode(int[] classes) {
        float[] out = new float[classes.length];
        for (int i = 0; i < classes.length; i++) {
            out[i] = (float) decode(classes[i]);
        }
        return out;
    }
}
