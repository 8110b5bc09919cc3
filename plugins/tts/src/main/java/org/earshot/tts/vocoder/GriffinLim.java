package org.earshot.tts.vocoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.earshot.audio.Audio;
import org.earshot.audio.Spectrogram;
import org.earshot.features.PadMode;
import org.earshot.features.Spectral;
import org.earshot.features.Stft;

/**
 * Griffin-Lim phase recovery (§21.3's oldest vocoder): a spectrogram keeps only {@code |X|}; find a signal whose
 * STFT magnitude is as close to it as possible by alternating projections (Griffin &amp; Lim 1984), here with the
 * momentum of the fast Griffin-Lim algorithm (Perraudin, Balazs &amp; Søndergaard 2013):
 *
 * <pre>
 *   S = spec^(1/power),  A₀ = initial phase,  T₋₁ = 0
 *   for i = 0 … n−1:  Tᵢ = STFT(ISTFT(S · Aᵢ))           rebuild from the current phase
 *                     Aᵢ₊₁ = (Tᵢ − α·Tᵢ₋₁) / (|Tᵢ − α·Tᵢ₋₁| + 1e−16),   α = momentum / (1 + momentum)
 *   y = ISTFT(S · Aₙ)
 * </pre>
 *
 * <p>This is {@code torchaudio.functional.griffinlim} step for step (its ISTFT and centred, reflect-padded STFT, its
 * {@code 1e-16}, its momentum rescaling), and equals it on fixtures ({@code data/fixtures/tts/make_vocoder_fixtures.py}).
 * Momentum 0 is the original algorithm; torchaudio's default 0.99 converges in far fewer iterations. Every
 * iteration costs one inverse and one forward STFT, which is why the neural vocoders of §21.3 replaced it.
 *
 * <p>Immutable; {@code GriffinLim.builder().stft(stft).iterations(32).build().reconstruct(magnitude)}.
 *
 * @see <a href="https://pytorch.org/audio/stable/generated/torchaudio.functional.griffinlim.html">torchaudio griffinlim</a>
 */
public final class GriffinLim {

    /** Where the phase starts. */
    public enum InitialPhase {
        /** Every bin's phase 0 (torchaudio's {@code rand_init=False}): {@code A₀ = 1}. */
        ZERO,
        /**
         * Random, as {@code torch.rand} draws a complex tensor: real and imaginary parts each uniform in [0, 1), from
         * {@link Builder#seed}. (The same distribution as torch's, not the same bits.)
         */
        RANDOM
    }

    private static final double EPS = 1e-16; // torchaudio's: angles / (|angles| + 1e-16)

    private final Stft stft;
    private final int iterations;
    private final double momentum;
    private final InitialPhase initialPhase;
    private final long seed;

    private GriffinLim(Builder b) {
        this.stft = Objects.requireNonNull(b.stft, "stft: the transform that made the spectrogram (its window)");
        if (!stft.center()) {
            throw new IllegalArgumentException("Griffin-Lim frames are centred, as torchaudio's (its istft and stft "
                    + "both centre); build the STFT with center(true)");
        }
        this.iterations = b.iterations;
        this.momentum = b.momentum;
        this.initialPhase = b.initialPhase;
        this.seed = b.seed;
    }

    /** @return a builder with torchaudio's defaults: 32 iterations, momentum 0.99, random initial phase, seed 0 */
    public static Builder builder() {
        return new Builder();
    }

    public Stft stft() {
        return stft;
    }

    public int iterations() {
        return iterations;
    }

    public double momentum() {
        return momentum;
    }

    /**
     * A signal whose STFT magnitude approximates the spectrogram; as many samples as {@code torch.istft} gives
     * without a length ({@code hop · (frames − 1)} for a centred transform).
     *
     * @param spectrogram {@code |X|} or {@code |X|²} (its {@link Spectrogram.Amplitude}), linear frequency, made with
     *                    this transform's n_fft, hop and centring
     * @return the sound, at the spectrogram's sample rate and start time
     */
    public Audio reconstruct(Spectrogram spectrogram) {
        return reconstruct(spectrogram, defaultLength(spectrogram));
    }

    /**
     * As {@link #reconstruct(Spectrogram)}, {@code length} samples long (torchaudio's {@code length}).
     *
     * @param spectrogram the target magnitude or power spectrogram
     * @param length      samples of the sound to return (≥ 1)
     * @return the sound
     */
    public Audio reconstruct(Spectrogram spectrogram, int length) {
        return run(spectrogram, length, startingPhase(spectrogram), List.of(iterations)).get(0);
    }

    /**
     * As {@link #reconstruct(Spectrogram, int)}, starting from a given phase instead of {@link InitialPhase}: the
     * complex values {@code A₀} the magnitude is multiplied by first (not necessarily unit-modulus: torchaudio's
     * random start is not). Used to compare with torchaudio from the very values {@code torch.rand} drew.
     *
     * @param spectrogram the target
     * @param length      samples to return
     * @param start       {@code A₀}, {@code [bins][frames]} like the spectrogram
     * @return the sound
     */
    public Audio reconstruct(Spectrogram spectrogram, int length, Spectral.Complex start) {
        requireShape(spectrogram, start.binCount(), start.frameCount());
        return run(spectrogram, length, new double[][][] {start.real(), start.imag()}, List.of(iterations)).get(0);
    }

    /**
     * The sound after each of the given iteration counts, from one run (what the lesson plays: Griffin-Lim after
     * 0, 1, 4, 32 iterations). Each is what {@link #reconstruct(Spectrogram, int)} would return with that many
     * iterations.
     *
     * @param spectrogram the target
     * @param length      samples of each sound
     * @param counts      iteration counts, ascending, each in 0 … {@link #iterations()}
     * @return one sound per count
     */
    public List<Audio> snapshots(Spectrogram spectrogram, int length, int... counts) {
        List<Integer> at = new ArrayList<>();
        int previous = -1;
        for (int c : counts) {
            if (c <= previous || c > iterations) {
                throw new IllegalArgumentException("iteration counts must ascend within 0 … " + iterations + ": " + c);
            }
            at.add(c);
            previous = c;
        }
        return run(spectrogram, length, startingPhase(spectrogram), at);
    }

    /**
     * Spectral convergence {@code ‖ |STFT(y)| − |X| ‖_F / ‖X‖_F}: how far a sound's magnitude is from the target
     * (0 when it matches), the number Griffin-Lim drives down.
     *
     * @param spectrogram the target, {@code |X|} or {@code |X|²}
     * @param audio       a sound
     * @return the relative Frobenius distance of the magnitudes
     */
    public double spectralConvergence(Spectrogram spectrogram, Audio audio) {
        double[][] target = magnitudes(spectrogram);
        double[][] got = stft.magnitude(audio).values();
        double num = 0;
        double den = 0;
        for (int k = 0; k < target.length; k++) {
            for (int t = 0; t < target[k].length; t++) {
                double g = t < got[k].length ? got[k][t] : 0;
                num += (g - target[k][t]) * (g - target[k][t]);
                den += target[k][t] * target[k][t];
            }
        }
        return den == 0 ? (num == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(num / den);
    }

    private List<Audio> run(Spectrogram spectrogram, int length, double[][][] start, List<Integer> at) {
        if (length < 1) {
            throw new IllegalArgumentException("length must be ≥ 1 sample, got " + length);
        }
        double[][] s = magnitudes(spectrogram);
        int bins = s.length;
        int frames = s[0].length;
        double[][] aRe = start[0];
        double[][] aIm = start[1];
        double[][] prevRe = new double[bins][frames];
        double[][] prevIm = new double[bins][frames];
        double alpha = momentum / (1 + momentum);
        List<Audio> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; ; i++) {
            double[] y = inverse(s, aRe, aIm, length);
            if (next < at.size() && at.get(next) == i) {
                out.add(Audio.mono(y, spectrogram.sampleRate()).startingAt(spectrogram.startSeconds()));
                next++;
            }
            if (next == at.size()) {
                return out;
            }
            Spectral.Complex rebuilt = Spectral.stft(y, stft.nFft(), stft.hopLength(), stft.frameWindow(), true,
                    PadMode.REFLECT);
            double[][] rRe = rebuilt.real();
            double[][] rIm = rebuilt.imag();
            requireShape(spectrogram, rebuilt.binCount(), rebuilt.frameCount());
            for (int k = 0; k < bins; k++) {
                for (int t = 0; t < frames; t++) {
                    double re = rRe[k][t] - alpha * prevRe[k][t];
                    double im = rIm[k][t] - alpha * prevIm[k][t];
                    double norm = Math.sqrt(re * re + im * im) + EPS; // |z| (Math.hypot is ~10× slower)
                    aRe[k][t] = re / norm;
                    aIm[k][t] = im / norm;
                }
            }
            prevRe = rRe;
            prevIm = rIm;
        }
    }

    /** {@code ISTFT(S · A)}: the magnitudes with the current phase, back to samples. */
    private double[] inverse(double[][] s, double[][] aRe, double[][] aIm, int length) {
        int bins = s.length;
        int frames = s[0].length;
        double[][] re = new double[bins][frames];
        double[][] im = new double[bins][frames];
        for (int k = 0; k < bins; k++) {
            for (int t = 0; t < frames; t++) {
                re[k][t] = s[k][t] * aRe[k][t];
                im[k][t] = s[k][t] * aIm[k][t];
            }
        }
        int covered = coveredLength(frames);
        double[] y = Spectral.istft(Spectral.Complex.of(re, im), stft.nFft(), stft.hopLength(), stft.frameWindow(),
                true, Math.min(length, covered));
        if (y.length == length) {
            return y;
        }
        double[] padded = new double[length]; // torch.istft pads with zeros past the last frame
        System.arraycopy(y, 0, padded, 0, y.length);
        return padded;
    }

    /** @return the samples the frames reach: {@code n_fft + hop·(frames − 1)}, less the centring pad at the start */
    private int coveredLength(int frames) {
        return stft.nFft() + stft.hopLength() * (frames - 1) - stft.nFft() / 2;
    }

    /** @return {@code torch.istft}'s length when none is given: both centring pads dropped */
    private int defaultLength(Spectrogram spectrogram) {
        return stft.nFft() + stft.hopLength() * (spectrogram.frameCount() - 1) - 2 * (stft.nFft() / 2);
    }

    private double[][][] startingPhase(Spectrogram spectrogram) {
        int bins = spectrogram.binCount();
        int frames = spectrogram.frameCount();
        double[][] re = new double[bins][frames];
        double[][] im = new double[bins][frames];
        SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k < bins; k++) {
            for (int t = 0; t < frames; t++) {
                if (initialPhase == InitialPhase.ZERO) {
                    re[k][t] = 1;
                } else {
                    re[k][t] = random.nextDouble();
                    im[k][t] = random.nextDouble();
                }
            }
        }
        return new double[][][] {re, im};
    }

    /** @return {@code S = spec^(1/power)}: magnitudes, checked against this transform's framing */
    private double[][] magnitudes(Spectrogram spectrogram) {
        if (spectrogram.melScale().isPresent()) {
            throw new IllegalArgumentException("Griffin-Lim needs a linear-frequency spectrogram; this one is on the "
                    + "mel scale (map it back to linear bins first)");
        }
        if (spectrogram.nFft() != stft.nFft() || spectrogram.hopLength() != stft.hopLength()
                || spectrogram.centered() != stft.center()) {
            throw new IllegalArgumentException("the spectrogram was made with n_fft " + spectrogram.nFft() + ", hop "
                    + spectrogram.hopLength() + ", centred " + spectrogram.centered() + "; this Griffin-Lim's STFT has "
                    + stft.nFft() + ", " + stft.hopLength() + ", " + stft.center());
        }
        double[][] v = spectrogram.values();
        double[][] s = new double[v.length][];
        for (int k = 0; k < v.length; k++) {
            s[k] = new double[v[k].length];
            for (int t = 0; t < v[k].length; t++) {
                s[k][t] = switch (spectrogram.amplitude()) {
                    case MAGNITUDE -> v[k][t];
                    case POWER -> Math.sqrt(v[k][t]);
                    case DECIBELS -> throw new IllegalArgumentException("Griffin-Lim needs |X| or |X|², not decibels "
                            + "(undo the dB scale first)");
                };
            }
        }
        return s;
    }

    private static void requireShape(Spectrogram spectrogram, int bins, int frames) {
        if (bins != spectrogram.binCount() || frames != spectrogram.frameCount()) {
            throw new IllegalArgumentException("phase is " + bins + "×" + frames + " but the spectrogram is "
                    + spectrogram.binCount() + "×" + spectrogram.frameCount());
        }
    }

    /** Builds a {@link GriffinLim}; torchaudio's defaults unless set. */
    public static final class Builder {
        private Stft stft;
        private int iterations = 32;
        private double momentum = 0.99;
        private InitialPhase initialPhase = InitialPhase.RANDOM;
        private long seed;

        private Builder() {
        }

        /** @param transform the STFT the spectrogram was made with (n_fft, hop, window, centring) */
        public Builder stft(Stft transform) {
            this.stft = Objects.requireNonNull(transform);
            return this;
        }

        /** @param n iterations, ≥ 0 (default 32, torchaudio's {@code n_iter}) */
        public Builder iterations(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("iterations must be ≥ 0, got " + n);
            }
            this.iterations = n;
            return this;
        }

        /** @param m momentum in [0, 1) (default 0.99; 0 is the original Griffin-Lim) */
        public Builder momentum(double m) {
            if (!(m >= 0 && m < 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1), got " + m);
            }
            this.momentum = m;
            return this;
        }

        /** @param phase where the phase starts (default {@link InitialPhase#RANDOM}) */
        public Builder initialPhase(InitialPhase phase) {
            this.initialPhase = Objects.requireNonNull(phase);
            return this;
        }

        /** @param s the random start's seed (default 0): same seed, same sound */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public GriffinLim build() {
            return new GriffinLim(this);
        }
    }
}
