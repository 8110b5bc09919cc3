package org.earshot.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.earshot.audio.MelScale;
import org.earshot.audio.Spectrogram;
import org.junit.jupiter.api.Test;

class SpectrogramPlotTest {

    /** A power spectrogram with all energy in the bin nearest {@code toneHz}. */
    static Spectrogram tone(int sampleRate, double toneHz, int frames) {
        int nFft = 256;
        double[][] v = new double[nFft / 2 + 1][frames];
        int bin = (int) Math.round(toneHz * nFft / sampleRate);
        for (int k = 0; k < v.length; k++) {
            java.util.Arrays.fill(v[k], k == bin ? 1.0 : 1e-12);
        }
        return Spectrogram.linear(v, Spectrogram.Amplitude.POWER, sampleRate, nFft, 64, true);
    }

    @Test
    void frequencyTicksComeFromTheSampleRate() {
        double[] ticks8k = SpectrogramPlot.of(tone(8000, 1000, 50)).frequencyTicks();
        double[] ticks16k = SpectrogramPlot.of(tone(16000, 1000, 50)).frequencyTicks();
        assertNotEquals(ticks8k[ticks8k.length - 1], ticks16k[ticks16k.length - 1]);
        assertEquals(4000, ticks8k[ticks8k.length - 1], 1e-9);
        assertEquals(8000, ticks16k[ticks16k.length - 1], 1e-9);
    }

    @Test
    void timeTicksComeFromTheHopLength() {
        // 100 frames of hop 64 at 8 kHz span 0.8 s (last centre 0.792 s); at 16 kHz, 0.4 s (0.396 s)
        double[] t8 = SpectrogramPlot.of(tone(8000, 1000, 100)).timeTicks();
        double[] t16 = SpectrogramPlot.of(tone(16000, 1000, 100)).timeTicks();
        assertEquals(0.7, t8[t8.length - 1], 1e-9, java.util.Arrays.toString(t8));
        assertEquals(0.35, t16[t16.length - 1], 1e-9, java.util.Arrays.toString(t16));
    }

    @Test
    void theToneIsDrawnAtItsFrequency() {
        for (int rate : new int[] {8000, 16000}) {
            PlotFrame f = SpectrogramPlot.of(tone(rate, 1000, 50)).render();
            BufferedImage img = f.image();
            int x = (int) f.px(0.1);
            int toneRgb = img.getRGB(x, (int) Math.round(f.py(1000))) & 0xFFFFFF;
            int quietRgb = img.getRGB(x, (int) Math.round(f.py(3000))) & 0xFFFFFF;
            assertEquals(Colormap.VIRIDIS.rgb(1.0), toneRgb, rate + " Hz: bright at 1000 Hz");
            assertEquals(Colormap.VIRIDIS.rgb(0.0), quietRgb, rate + " Hz: dark at 3000 Hz");
        }
    }

    @Test
    void segmentsAreDrawnAtTheirTimes() {
        Spectrogram s = tone(16000, 1000, 50);
        PlotFrame plain = SpectrogramPlot.of(s).render();
        PlotFrame marked = SpectrogramPlot.of(s).withSegments(List.of(new Segment(0.1, 0.15, "AH"))).render();
        int x = (int) Math.round(marked.px(0.1));
        int y = (int) Math.round(marked.py(3000));
        int line = marked.image().getRGB(x, y) & 0xFFFFFF;
        assertEquals(Colormap.VIRIDIS.rgb(0.0), plain.image().getRGB(x, y) & 0xFFFFFF, "dark there without segments");
        assertTrue((line & 0xFF) > 0xB0 && (line >> 8 & 0xFF) > 0x90, "a light boundary line at 0.1 s: "
                + Integer.toHexString(line));
        assertThrows(IllegalArgumentException.class, () -> new Segment(0.2, 0.1, "x"));
    }

    @Test
    void melSpectrogramsAreLabelledInMel() {
        Spectrogram m = Spectrogram.mel(new double[40][10], Spectrogram.Amplitude.POWER, 16000, 400, 160, true,
                MelScale.HTK, 0, 8000);
        SpectrogramPlot p = SpectrogramPlot.of(m);
        assertEquals("Frequency (mel, HTK)", p.frequencyLabel());
        double[] ticks = p.frequencyTicks();
        assertTrue(ticks[ticks.length - 1] > 2000 && ticks[ticks.length - 1] < MelScale.HTK.hzToMel(8000));
    }

    @Test
    void viridisEnds() {
        assertEquals(0x440154, Colormap.VIRIDIS.rgb(0));
        assertEquals(0xFDE725, Colormap.VIRIDIS.rgb(1));
    }

    @Test
    void niceTicks() {
        assertArrayEquals(new double[] {0, 1000, 2000, 3000, 4000}, Ticks.nice(0, 4000, 5), 1e-9);
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, Ticks.nice(-0.01, 1.01, 5), 1e-9);
        assertEquals("0.25", Ticks.label(0.25));
        assertEquals("8000", Ticks.label(8000));
    }

    @Test
    void aPartOfASoundIsDrawnOnItsOwnTimes() {
        org.earshot.audio.Audio clip = org.earshot.audio.Synth.sine(440, 1.5, 8000, 0.5).trim(0.2, 1.2);
        assertArrayEquals(new double[] {0.2, 1.2}, WaveformPlot.of(clip).timeRange(), 1e-12);
        Spectrogram later = tone(8000, 1000, 50).startingAt(0.2);
        double[] range = SpectrogramPlot.of(later).axisRange();
        assertEquals(0.2 - 0.004, range[0], 1e-12, "the first frame is centred at 0.2 s (hop 64 at 8 kHz)");
        assertTrue(SpectrogramPlot.of(later).timeTicks()[0] >= 0.2 - 0.004);
    }
}
