package org.earshot.tts.vocoder;

import java.util.Objects;

import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.earshot.audio.Spectrogram;
import org.earshot.features.MelFilterbank;

/**
 * A mel spectrogram back to linear frequency bins, the step before Griffin-Lim when a TTS acoustic model predicts
 * mels (§21.3: the mel spectrogram is the interlingua ASR and TTS share). The mel filters map {@code K} bins to
 * {@code M < K} bands, {@code M = Fᵀ·S}, so many spectra give the same mels; take the one of least energy that
 * fits best, and drop what comes out negative:
 *
 * <pre>  Ŝ = max(0, (Fᵀ)⁺ · M)        (Fᵀ)⁺ the Moore–Penrose pseudo-inverse, by SVD</pre>
 *
 * <p>This is torchaudio's {@code InverseMelScale} from version 2.1 ({@code torch.linalg.lstsq} with the
 * {@code gelsd} driver, then {@code relu}), equal on fixtures ({@code data/fixtures/tts/make_vocoder_fixtures.py}).
 * The detail the mels threw away (harmonics between band centres) does not come back: that loss is part of what a
 * neural vocoder learns to restore.
 */
public final class MelInversion {

    private final MelFilterbank filterbank;
    private final double[][] pseudoInverse; // [K bins][M mels]

    private final double[][] gram; // FᵀF, [K bins][K bins], for nonNegative
    private final int[] bandFrom; // FᵀF is banded: bin i meets only the bins that share a mel band with it
    private final int[] bandTo;

    private MelInversion(MelFilterbank filterbank) {
        this.filterbank = filterbank;
        double[][] f = filterbank.weights(); // Fᵀ, [M mels][K bins]
        this.pseudoInverse = new SingularValueDecomposition(MatrixUtils.createRealMatrix(f)).getSolver().getInverse()
                .getData();
        int bins = f[0].length;
        this.gram = new double[bins][bins];
        for (double[] band : f) {
            for (int i = 0; i < bins; i++) {
                if (band[i] != 0) {
                    for (int j = 0; j < bins; j++) {
                        gram[i][j] += band[i] * band[j];
                    }
                }
            }
        }
        this.bandFrom = new int[bins];
        this.bandTo = new int[bins];
        for (int k = 0; k < bins; k++) {
            bandFrom[k] = bins;
            for (int j = 0; j < bins; j++) {
                if (gram[k][j] != 0) {
                    bandFrom[k] = Math.min(bandFrom[k], j);
                    bandTo[k] = j + 1;
                }
            }
        }
    }

    /**
     * @param filterbank the mel filters the spectrogram was made with
     * @return the inversion (the pseudo-inverse computed once)
     */
    public static MelInversion of(MelFilterbank filterbank) {
        return new MelInversion(Objects.requireNonNull(filterbank));
    }

    public MelFilterbank filterbank() {
        return filterbank;
    }

    /**
     * @param mel a mel spectrogram of power or magnitude made with this filterbank
     * @return the linear spectrogram {@code Ŝ}, same amplitude, framing and start
     */
    public Spectrogram linear(Spectrogram mel) {
        check(mel);
        double[][] m = mel.values();
        int bins = pseudoInverse.length;
        int frames = mel.frameCount();
        double[][] s = new double[bins][frames];
        for (int k = 0; k < bins; k++) {
            double[] row = pseudoInverse[k];
            for (int b = 0; b < row.length; b++) {
                double w = row[b];
                double[] mb = m[b];
                for (int t = 0; t < frames; t++) {
                    s[k][t] += w * mb[t];
                }
            }
            for (int t = 0; t < frames; t++) {
                s[k][t] = Math.max(0, s[k][t]);
            }
        }
        return Spectrogram.linear(s, mel.amplitude(), mel.sampleRate(), mel.nFft(), mel.hopLength(), mel.centered())
                .startingAt(mel.startSeconds());
    }

    /**
     * The non-negative least-squares inverse, the problem librosa's {@code mel_to_stft} solves: the spectrum
     * {@code Ŝ ≥ 0} with the least {@code ‖F·Ŝ − M‖²}, by Lee and Seung's multiplicative updates from
     * {@code Ŝ₀ = Fᵀ·M}:
     *
     * <pre>  Ŝ ← Ŝ ⊙ (Fᵀ·M) ⊘ (Fᵀ·F·Ŝ + ε)</pre>
     *
     * <p>each of which lowers the error and keeps every bin ≥ 0. Where the mels came from a real spectrum,
     * {@link #linear} is as good and exact; a model's predicted mels are often no spectrum's at all (with 400-point
     * FFTs several low mel bands share one or two bins), and then the pseudo-inverse swings negative, the clipping
     * throws energy away and Griffin-Lim inherits the damage. This stays a spectrum.
     *
     * @param mel        a mel spectrogram of power or magnitude made with this filterbank (or predicted for it)
     * @param iterations updates (≥ 1; tens are enough)
     * @return the linear spectrogram, same amplitude, framing and start
     */
    public Spectrogram nonNegative(Spectrogram mel, int iterations) {
        check(mel);
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations " + iterations + ": want ≥ 1");
        }
        double[][] f = filterbank.weights(); // [M mels][K bins]
        int mels = f.length;
        int bins = f[0].length;
        int frames = mel.frameCount();
        double[][] m = mel.values();
        double[][] ftm = new double[bins][frames];
        for (int b = 0; b < mels; b++) {
            for (int k = 0; k < bins; k++) {
                double w = f[b][k];
                if (w != 0) {
                    for (int t = 0; t < frames; t++) {
                        ftm[k][t] += w * m[b][t];
                    }
                }
            }
        }
        double[][] s = new double[bins][];
        for (int k = 0; k < bins; k++) {
            s[k] = ftm[k].clone();
        }
        double[] column = new double[bins];
        for (int it = 0; it < iterations; it++) {
            for (int t = 0; t < frames; t++) {
                for (int i = 0; i < bins; i++) {
                    double sum = 0;
                    double[] row = gram[i];
                    for (int j = bandFrom[i]; j < bandTo[i]; j++) {
                        if (row[j] != 0) {
                            sum += row[j] * s[j][t];
                        }
                    }
                    column[i] = sum;
                }
                for (int i = 0; i < bins; i++) {
                    s[i][t] = s[i][t] * ftm[i][t] / (column[i] + 1e-30);
                }
            }
        }
        return Spectrogram.linear(s, mel.amplitude(), mel.sampleRate(), mel.nFft(), mel.hopLength(), mel.centered())
                .startingAt(mel.startSeconds());
    }

    private void check(Spectrogram mel) {
        if (mel.melScale().isEmpty() || mel.binCount() != filterbank.melCount()) {
            throw new IllegalArgumentException("need a mel spectrogram of " + filterbank.melCount() + " bands, got "
                    + mel);
        }
        if (mel.amplitude() == Spectrogram.Amplitude.DECIBELS) {
            throw new IllegalArgumentException("invert mel power or magnitude, not decibels (undo the dB scale first)");
        }
        if (mel.nFft() / 2 + 1 != filterbank.frequencyCount()) {
            throw new IllegalArgumentException("the filterbank has " + filterbank.frequencyCount() + " bins, the "
                    + "spectrogram's n_fft " + mel.nFft() + " has " + (mel.nFft() / 2 + 1));
        }
    }
}
