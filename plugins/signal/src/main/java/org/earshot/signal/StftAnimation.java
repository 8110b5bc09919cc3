package org.earshot.signal;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.earshot.audio.Audio;
import org.earshot.audio.Spectrogram;
import org.earshot.display.Animation;
import org.earshot.display.Heatmap;
import org.earshot.display.WaveformPlot;
import org.earshot.features.Stft;

/**
 * The sliding window made visible (§21.1): an animation in which the analysis window moves along the waveform
 * (shaded) while the spectrogram below fills in, column by column, up to the frame under the window.
 */
public final class StftAnimation {

    private StftAnimation() {
    }

    /**
     * @param audio the sound (a second or two reads best)
     * @param stft  the transform whose frames are shown
     * @param steps pictures in the animation (≥ 2)
     * @return the animation, 250 ms per picture
     */
    public static Animation of(Audio audio, Stft stft, int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("an animation needs ≥ 2 steps, got " + steps);
        }
        Spectrogram db = stft.power(audio).toDecibels();
        double[][] full = db.values();
        double max = Arrays.stream(full).flatMapToDouble(Arrays::stream).max().orElse(0);
        double[] times = db.times();
        double[] freqs = db.frequencies();
        double frameStep = (double) stft.hopLength() / audio.sampleRate();
        int frames = db.frameCount();
        double half = stft.nFft() / 2.0 / audio.sampleRate();
        double offset = stft.center() ? 0 : half;
        List<BufferedImage> pictures = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            int t = (int) Math.round((double) i * (frames - 1) / (steps - 1));
            double centre = t * frameStep + offset;
            BufferedImage wave = WaveformPlot.of(audio).withTitle(String.format(java.util.Locale.ROOT,
                    "Window %d of %d at %.3f s", t + 1, frames, centre)).withHighlight(centre - half, centre + half).toImage();
            double[][] partial = new double[full.length][frames];
            for (int k = 0; k < full.length; k++) {
                Arrays.fill(partial[k], Double.NaN);
                System.arraycopy(full[k], 0, partial[k], 0, t + 1);
            }
            BufferedImage spec = Heatmap.builder().values(partial).title("Spectrogram so far")
                    .xAxis(Heatmap.Axis.seconds(frameStep).startingAt(times[0]))
                    .yAxis(Heatmap.Axis.numeric("Frequency (Hz)", freqs[1] - freqs[0]).startingAt(freqs[0]))
                    .colorbar("Level (dB)").colorRange(max - 80, max).yLimits(0, audio.sampleRate() / 2.0)
                    .build().toImage();
            BufferedImage both = new BufferedImage(Math.max(wave.getWidth(), spec.getWidth()),
                    wave.getHeight() + spec.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = both.createGraphics();
            g.drawImage(wave, 0, 0, null);
            g.drawImage(spec, 0, wave.getHeight(), null);
            g.dispose();
            pictures.add(both);
        }
        return Animation.of(pictures, 250, "STFT: the window slides along the sound and the spectrogram fills in");
    }
}
