package org.earshot.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.earshot.audio.Audio;
import org.earshot.audio.Spectrogram;
import org.earshot.audio.Synth;
import org.junit.jupiter.api.Test;

class StftTest {

    /** The DFT by its definition, X[k] = Σ x[n]·e^{−2πikn/N}: the slow, obvious version the lesson starts from. */
    static double[] naivePower(double[] frame, int bins) {
        int n = frame.length;
        double[] p = new double[bins];
        for (int k = 0; k < bins; k++) {
            double re = 0;
            double im = 0;
            for (int i = 0; i < n; i++) {
                re += frame[i] * Math.cos(2 * Math.PI * k * i / n);
                im -= frame[i] * Math.sin(2 * Math.PI * k * i / n);
            }
            p[k] = re * re + im * im;
        }
        return p;
    }

    private static void agreesWithTheNaiveDft(int nFft, int winLength, boolean center) {
        Audio a = Synth.chirp(300, 3000, 0.1, 8000, 0.7);
        Stft stft = Stft.builder().nFft(nFft).winLength(winLength).hopLength(37).center(center).build();
        Spectrogram s = stft.power(a);
        float[] x = a.samples();
        double[] padded = center ? Stft.reflectPad(x, nFft / 2) : Stft.reflectPad(x, 0);
        double[] w = new double[nFft];
        System.arraycopy(Window.HANN.coefficients(winLength, true), 0, w, (nFft - winLength) / 2, winLength);
        for (int t : new int[] {0, 3, s.frameCount() - 1}) {
            double[] frame = new double[nFft];
            for (int n = 0; n < nFft; n++) {
                frame[n] = padded[t * 37 + n] * w[n];
            }
            double[] expected = naivePower(frame, nFft / 2 + 1);
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k], s.value(k, t), 1e-9 * (1 + expected[k]), "n_fft " + nFft + " frame " + t + " bin " + k);
            }
        }
    }

    @Test
    void evenFftSizeMatchesTheDefinition() {
        agreesWithTheNaiveDft(256, 256, true);
    }

    @Test
    void oddFftSizeMatchesTheDefinition() {
        agreesWithTheNaiveDft(255, 200, false);
    }

    @Test
    void shortWindowIsCentredInTheFrame() {
        agreesWithTheNaiveDft(256, 100, true);
    }

    @Test
    void frameCountsFollowTorchStft() {
        Stft centred = Stft.builder().nFft(400).hopLength(160).build();
        assertEquals(1 + 16000 / 160, centred.frameCount(16000));
        Stft plain = Stft.builder().nFft(400).hopLength(160).center(false).build();
        assertEquals(1 + (16000 - 400) / 160, plain.frameCount(16000));
        assertThrows(IllegalArgumentException.class, () -> plain.frameCount(399));
    }

    @Test
    void torchaudioDefaults() {
        Stft d = Stft.builder().build();
        assertEquals(400, d.nFft());
        assertEquals(400, d.winLength());
        assertEquals(200, d.hopLength()); // torchaudio.transforms: win_length // 2
        assertThrows(IllegalArgumentException.class, () -> Stft.builder().nFft(256).winLength(300).build());
    }

    @Test
    void inverseRecoversTheSignal() {
        Audio a = Synth.chirp(100, 3000, 0.3, 8000, 0.7);
        for (boolean center : new boolean[] {true, false}) {
            // uncentred, sample 0 sits where a Hann window is 0, so no window can recover it (torch.istft refuses
            // too); Hamming's ends are 0.08
            Window w = center ? Window.HANN : Window.HAMMING;
            Stft stft = Stft.builder().nFft(256).hopLength(64).center(center).window(w).build();
            ComplexSpectrogram x = stft.complex(a);
            int length = center ? a.frameCount() : 256 + 64 * (x.frameCount() - 1);
            float[] back = stft.inverse(x, length).samples();
            float[] orig = a.samples();
            for (int n = 0; n < length; n++) {
                assertEquals(orig[n], back[n], 1e-5, "center " + center + ", sample " + n);
            }
        }
    }

    @Test
    void complexAndPowerAgree() {
        Audio a = Synth.sine(440, 0.1, 8000, 0.5);
        Stft stft = Stft.builder().nFft(128).hopLength(32).build();
        assertArrayEquals(stft.power(a).values()[14], stft.complex(a).power().values()[14], 1e-12);
    }

    @Test
    void inverseRejectsAnotherFraming() {
        ComplexSpectrogram x = Stft.builder().nFft(128).hopLength(32).build().complex(Synth.sine(440, 0.1, 8000, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Stft.builder().nFft(128).hopLength(64).build().inverse(x, 100));
        Stft hann = Stft.builder().nFft(128).hopLength(32).center(false).build();
        ComplexSpectrogram h = hann.complex(Synth.sine(440, 0.1, 8000, 0.5));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> hann.inverse(h, 200)).getMessage()
                .contains("vanishes at sample 0"));
        // a rectangular window with hop > n_fft leaves gaps no overlap-add can fill
        Stft gappy = Stft.builder().nFft(16).hopLength(20).window(Window.RECTANGULAR).center(false).build();
        ComplexSpectrogram g = gappy.complex(Synth.sine(440, 0.1, 8000, 0.5));
        assertThrows(IllegalArgumentException.class, () -> gappy.inverse(g, 36));
    }

    @Test
    void reflectPaddingDoesNotRepeatTheEdge() {
        assertArrayEquals(new double[] {3, 2, 1, 2, 3, 4, 3, 2}, Stft.reflectPad(new float[] {1, 2, 3, 4}, 2), 0);
    }

    @Test
    void aToneLandsInItsBin() {
        // 1000 Hz at 8 kHz with n_fft 256: bin 1000·256/8000 = 32
        Spectrogram s = Stft.builder().nFft(256).hopLength(64).build().magnitude(Synth.sine(1000, 0.5, 8000, 1.0));
        int t = s.frameCount() / 2;
        int best = 0;
        for (int k = 1; k < s.binCount(); k++) {
            if (s.value(k, t) > s.value(best, t)) {
                best = k;
            }
        }
        assertEquals(32, best);
        assertEquals(1000.0, s.frequencies()[best], 1e-9);
        // Hann window sums to N/2, so a full-scale sine peaks at |X| = N/4
        assertEquals(256 / 4.0, s.value(32, t), 0.5);
    }

    @Test
    void aPartOfASoundKeepsItsTimesAndOnlyItsTimes() {
        Audio speech = Synth.chirp(200, 4000, 1.5, 16000, 0.5);
        Audio clip = speech.trim(0.2, 1.2);
        Audio fromZero = clip.startingAt(0);
        Stft stft = Stft.builder().nFft(400).hopLength(160).build();
        Spectrogram power = stft.power(clip);
        assertEquals(0.2, power.startSeconds(), 1e-12);
        assertEquals(0.2, power.times()[0], 1e-12);
        assertEquals(1.2, power.times()[power.frameCount() - 1], 1e-12);
        assertArrayEquals(stft.power(fromZero).values(), power.values(), "the numbers do not move, only the times");
        assertEquals(0.2, power.toDecibels().times()[0], 1e-12);
        assertEquals(0.2, stft.magnitude(clip).times()[0], 1e-12);
        assertEquals(0.2, stft.complex(clip).power().times()[0], 1e-12);
        assertEquals(0.2, stft.inverse(stft.complex(clip), clip.frameCount()).startSeconds(), 1e-12);
        MelSpectrogram mel = MelSpectrogram.builder().sampleRate(16000).nFft(400).hopLength(160).nMels(40).build();
        assertEquals(0.2, mel.apply(clip).times()[0], 1e-12);
        assertArrayEquals(mel.apply(fromZero).values(), mel.apply(clip).values());
        MelFilterbank bank = MelFilterbank.create(201, 0, 8000, 40, 16000, MelFilterbank.Norm.NONE,
                org.earshot.audio.MelScale.HTK);
        assertEquals(0.2, bank.apply(power).times()[0], 1e-12);
        Mfcc mfcc = Mfcc.builder().sampleRate(16000).nMfcc(13).nMels(40).nFft(400).hopLength(160).build();
        FeatureFrames coefficients = mfcc.apply(clip);
        assertEquals(0.2, coefficients.times()[0], 1e-12);
        assertEquals(0.2, coefficients.features(1, 13).times()[0], 1e-12);
        assertArrayEquals(mfcc.apply(fromZero).values(), coefficients.values());
        assertEquals(0, stft.power(speech).times()[0]);
        assertTrue(power.toString().endsWith("hop 160, from 0.200 s]"), power.toString());
    }
}
