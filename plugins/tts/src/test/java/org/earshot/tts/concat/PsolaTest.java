package org.earshot.tts.concat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.earshot.audio.Audio;
import org.earshot.tts.vocoder.SourceFilterVocoder;
import org.junit.jupiter.api.Test;

/** TD-PSOLA on a voiced sound whose pulses are known: identity, pitch and duration change the right way. */
class PsolaTest {

    private static final int RATE = 16000;

    /** A 100 Hz "vowel": one decaying 700 Hz burst per pulse, 0.5 s; pulses at multiples of 160 samples. */
    private static double[] vowel() {
        double[] x = new double[RATE / 2];
        for (int pulse = 0; pulse < x.length; pulse += 160) {
            for (int j = 0; j < 160 && pulse + j < x.length; j++) {
                x[pulse + j] += 0.5 * Math.exp(-j / 25.0) * Math.cos(2 * Math.PI * 700 * j / RATE);
            }
        }
        return x;
    }

    /** @return a mark on each of {@link #vowel()}'s pulses, every one voiced */
    private static Psola.Marks pulses(double[] x) {
        int[] marks = new int[x.length / 160];
        boolean[] voiced = new boolean[marks.length];
        for (int i = 0; i < marks.length; i++) {
            marks[i] = 160 * i;
            voiced[i] = true;
        }
        return new Psola.Marks(marks, voiced);
    }

    private static double f0(double[] x) {
        return SourceFilterVocoder.builder().build().analyse(Audio.mono(x, RATE)).medianF0Hz();
    }

    @Test
    void marksFallOnThePulses() {
        double[] x = vowel();
        double[] f0 = new double[51];
        java.util.Arrays.fill(f0, 100);
        Psola.Marks marks = Psola.marks(x, RATE, f0, 0.01, 0.005);
        int[] m = marks.samples();
        assertTrue(m.length >= 49 && m.length <= 51, m.length + " marks");
        for (int i = 1; i < m.length - 1; i++) {
            assertEquals(0, m[i] % 160, "mark " + i + " at " + m[i]);
            assertTrue(marks.voiced()[i]);
        }
        double[] silent = new double[RATE / 10];
        Psola.Marks unvoiced = Psola.marks(silent, RATE, new double[11], 0.01, 0.005);
        assertEquals(20, unvoiced.count(), "one every 5 ms where there is no pitch");
    }

    @Test
    void unchangedItGivesBackTheSound() {
        double[] x = vowel();
        Psola.Marks pulses = pulses(x);
        int[] marks = pulses.samples();
        boolean[] voiced = pulses.voiced();
        double[] y = Psola.modify(x, marks, voiced, 1, 1);
        assertEquals(x.length, y.length);
        double error = 0;
        double energy = 0;
        for (int i = 320; i < x.length - 320; i++) {
            error += (y[i] - x[i]) * (y[i] - x[i]);
            energy += x[i] * x[i];
        }
        assertTrue(error / energy < 1e-6, "relative error " + error / energy);
    }

    @Test
    void pitchAndDurationChangeApart() {
        double[] x = vowel();
        Psola.Marks pulses = pulses(x);
        int[] marks = pulses.samples();
        boolean[] voiced = pulses.voiced();
        double[] higher = Psola.modify(x, marks, voiced, 1, 1.5);
        double[] longer = Psola.modify(x, marks, voiced, 2, 1);
        assertEquals(x.length, higher.length);
        assertEquals(150, f0(higher), 4);
        assertEquals(2 * x.length, longer.length);
        assertEquals(100, f0(longer), 3);
        double[] target = Psola.modify(List.of(new Psola.Piece(x, 0, x.length, new Psola.Marks(marks, voiced))), 1,
                t -> t < 0.25 ? 125 : 150, 1); // the target's clock is seconds of output
        assertEquals(125, f0(java.util.Arrays.copyOfRange(target, 0, 3600)), 4);
        assertEquals(150, f0(java.util.Arrays.copyOfRange(target, 4400, 8000)), 4);
    }

    @Test
    void badInputIsRefused() {
        double[] x = vowel();
        var e = assertThrows(IllegalArgumentException.class,
                () -> Psola.modify(x, new int[] {5, 3}, new boolean[2], 1, 1));
        assertTrue(e.getMessage().startsWith("pitch mark 1 at sample 3: want increasing marks"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Psola.modify(x, new int[] {5}, new boolean[1], 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Psola.modify(x, new int[0], new boolean[0], 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Psola.marks(x, 16000, new double[0], 0.01, 0.005));
        Psola.Marks nonsense = Psola.marks(new double[1600], 16000, new double[] {1e9, Double.NaN}, 0.01, 0.005);
        assertEquals(20, nonsense.count(), "an F0 above Nyquist or NaN is no pitch: unvoiced marks, no endless loop");
    }
}
