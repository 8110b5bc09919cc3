package org.earshot.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AudioTest {

    @Test
    void knowsItsDurationAndPeakLevel() {
        Audio a = Synth.sine(440, 1.0, 16000, 0.5);
        assertEquals(16000, a.frameCount());
        assertEquals(1.0, a.durationSeconds(), 1e-12);
        assertEquals(20 * Math.log10(0.5), a.peakDbfs(), 0.01);
        assertEquals("Audio[1.000 s, 16000 Hz, mono, peak -6.0 dBFS]", a.toString());
    }

    @Test
    void isImmutable() {
        float[] x = {0.1f, 0.2f};
        Audio a = Audio.mono(x, 8000);
        x[0] = 1f;
        a.channel(0)[1] = 1f;
        assertArrayEquals(new float[] {0.1f, 0.2f}, a.channel(0));
    }

    @Test
    void mixdownIsTheChannelMean() {
        Audio a = Audio.of(new float[][] {{1f, 0f}, {0f, -1f}}, 8000);
        assertArrayEquals(new float[] {0.5f, -0.5f}, a.samples());
    }

    @Test
    void levelsTrimJoinAndGain() {
        Audio a = Synth.sine(1000, 1.0, 8000, 1.0);
        assertEquals(-3.0103, a.rmsDbfs(), 1e-3);
        Audio quieter = a.gain(-20);
        assertEquals(-23.0103, quieter.rmsDbfs(), 1e-3);
        assertEquals(-20.0, quieter.peakDbfs(), 1e-3);
        Audio part = a.trim(0.25, 0.5);
        assertEquals(2000, part.frameCount());
        assertEquals(a.channel(0)[2000], part.channel(0)[0]);
        Audio both = part.concat(quieter.trim(0, 0.25));
        assertEquals(0.5, both.durationSeconds(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> a.trim(0.5, 1.5));
        assertThrows(IllegalArgumentException.class, () -> a.concat(Synth.sine(1000, 1.0, 16000, 1.0)));
        assertEquals(Double.NEGATIVE_INFINITY, Audio.mono(new float[10], 8000).rmsDbfs());
    }

    @Test
    void rejectsBadValues() {
        assertThrows(IllegalArgumentException.class, () -> Audio.mono(new float[] {Float.NaN}, 8000));
        assertThrows(IllegalArgumentException.class, () -> Audio.mono(new float[] {0f}, 0));
        assertThrows(IllegalArgumentException.class, () -> Audio.of(new float[][] {{0f}, {0f, 1f}}, 8000));
    }

    @Test
    void chirpSweepsItsInstantaneousFrequency() {
        // zero crossings per second near the end of a 100 → 1100 Hz sweep ≈ 2 × 1100
        Audio c = Synth.chirp(100, 1100, 1.0, 48000, 1.0);
        float[] x = c.samples();
        int crossings = 0;
        for (int n = 48000 - 4800; n < 48000; n++) {
            if ((x[n - 1] < 0) != (x[n] < 0)) {
                crossings++;
            }
        }
        assertEquals(2 * 1050 * 0.1, crossings, 4); // mean frequency over the last 0.1 s is 1050 Hz
    }

    @Test
    void aPartRemembersWhereItWasCut() {
        Audio a = Synth.sine(1000, 1.5, 8000, 1.0);
        assertEquals(0, a.startSeconds());
        Audio part = a.trim(0.2, 1.2);
        assertEquals(0.2, part.startSeconds(), 1e-12);
        assertEquals(1.2, part.endSeconds(), 1e-12);
        assertEquals(0.2, part.times()[0], 1e-12);
        assertEquals("Audio[1.000 s from 0.200 s, 8000 Hz, mono, peak 0.0 dBFS]", part.toString());
        Audio inner = part.trim(0.5, 0.75); // counted from the part's own first sample
        assertEquals(0.7, inner.startSeconds(), 1e-12);
        assertEquals(a.channel(0)[5600], inner.channel(0)[0]);
        assertEquals(0.2, part.gain(-6).startSeconds(), 1e-12);
        assertEquals(0.2, part.mixdown().startSeconds(), 1e-12);
        assertEquals(0.2, part.concat(part).startSeconds(), 1e-12);
        assertEquals(0.2, Resample.to(part, 16000).startSeconds(), 1e-12);
        assertEquals(0.2, Resample.naiveDecimate(part, 2).startSeconds(), 1e-12);
        // the same samples at another time are another value; startingAt(0) forgets the cut
        Audio again = Audio.mono(part.samples(), 8000);
        assertEquals(0, again.startSeconds());
        assertEquals(false, again.equals(part));
        assertEquals(again, part.startingAt(0));
        assertEquals(again.hashCode(), part.startingAt(-0.0).hashCode());
        assertThrows(IllegalArgumentException.class, () -> part.startingAt(Double.NaN));
    }
}
