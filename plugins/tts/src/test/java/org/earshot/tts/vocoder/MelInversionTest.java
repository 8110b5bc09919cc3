package org.earshot.tts.vocoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.earshot.audio.Audio;
import org.earshot.audio.Spectrogram;
import org.earshot.features.MelFilterbank;
import org.earshot.features.MelSpectrogram;
import org.junit.jupiter.api.Test;

/** The two inverses of a mel filterbank: the pseudo-inverse (torchaudio's) and non-negative least squares. */
class MelInversionTest {

    private static final MelSpectrogram MEL = MelSpectrogram.builder().sampleRate(16000).nFft(400).hopLength(160)
            .nMels(80).build();
    private static final MelFilterbank BANK = MEL.filterbank();

    /** @return ‖F·Ŝ − M‖ / ‖M‖ */
    private static double misfit(Spectrogram linear, Spectrogram mel) {
        double[][] again = BANK.apply(linear).values();
        double[][] m = mel.values();
        double e = 0;
        double n = 0;
        for (int b = 0; b < m.length; b++) {
            for (int t = 0; t < m[b].length; t++) {
                e += (again[b][t] - m[b][t]) * (again[b][t] - m[b][t]);
                n += m[b][t] * m[b][t];
            }
        }
        return Math.sqrt(e / n);
    }

    private static boolean nonNegative(Spectrogram s) {
        for (double[] row : s.values()) {
            for (double v : row) {
                if (v < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void aRealSpectrumsMelsAreFitByBoth() {
        double[] x = new double[8000];
        Random r = new Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.3 * Math.sin(2 * Math.PI * 220 * i / 16000.0) + 0.05 * r.nextGaussian();
        }
        Spectrogram mel = MEL.apply(Audio.mono(x, 16000));
        MelInversion inverse = MelInversion.of(BANK);
        Spectrogram nnls = inverse.nonNegative(mel, 50);
        assertTrue(nonNegative(nnls));
        assertTrue(misfit(nnls, mel) < 0.05, "NNLS misfit " + misfit(nnls, mel));
        assertTrue(misfit(inverse.linear(mel), mel) < 0.05, "pseudo-inverse misfit " + misfit(inverse.linear(mel), mel));
        assertEquals(mel.frameCount(), nnls.frameCount());
        assertEquals(201, nnls.binCount());
    }

    @Test
    void melsNoSpectrumHasStayFitWhereThePseudoInverseLosesThem() {
        // a model's prediction: smooth positive mels that need not come from any spectrum
        double[][] m = new double[80][20];
        Random r = new Random(5);
        for (double[] band : m) {
            for (int t = 0; t < band.length; t++) {
                band[t] = Math.exp(r.nextGaussian());
            }
        }
        Spectrogram mel = MEL.spectrogramOf(m, Spectrogram.Amplitude.POWER);
        MelInversion inverse = MelInversion.of(BANK);
        double clipped = misfit(inverse.linear(mel), mel);
        double few = misfit(inverse.nonNegative(mel, 5), mel);
        double many = misfit(inverse.nonNegative(mel, 50), mel);
        assertTrue(nonNegative(inverse.nonNegative(mel, 50)));
        assertTrue(many <= few + 1e-12, "each update lowers the misfit: " + few + " → " + many);
        assertTrue(many < clipped, "NNLS " + many + " against the clipped pseudo-inverse " + clipped);
        assertThrows(IllegalArgumentException.class, () -> inverse.nonNegative(mel, 0));
    }
}
