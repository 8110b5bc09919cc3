package org.earshot.signal;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.earshot.audio.Audio;
import org.earshot.audio.Framing;
import org.earshot.audio.Spectrogram;
import org.earshot.display.Animation;
import org.earshot.display.Heatmap;
import org.earshot.display.WaveformPlot;
import org.earshot.features.Stft;

/**
 * The sliding window made visible (§21.1): an animation in which the analysis window moves along the waveform
 * (shaded) while the spectrogram below fills in, column by column, up to the frame under the window. Both are drawn
 * on the sound's own time axis: {@code StftAnimation.of(speech.trim(0.2, 1.2), stft, 10)} runs from 0.2 to 1.2 s
 * (lesson {@code 21.1-signal}, §5).
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
        int[] shown = framesShown(audio, stft, steps);
        Spectrogram db = stft.power(audio).toDecibels();
        double[][] full = db.values();
        double max = Arrays.stream(full).flatMapToDouble(Arrays::stream).max().orElse(0);
        double[] times = db.times();
        double[] freqs = db.frequencies();
        double frameStep = (double) stft.hopLength() / audio.sampleRate();
        int frames = db.frameCount();
        double half = stft.nFft() / 2.0 / audio.sampleRate();
        List<BufferedImage> pictures = new ArrayList<>();
        for (int t : shown) {
            double centre = times[t];
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

    /**
     * Where the window is in each picture of {@link #of}: the centre of the frame under it, on the sound's own time
     * axis (from {@link Audio#startSeconds()}), the first picture at the first frame and the last at the last.
     *
     * @param audio the sound
     * @param stft  the transform
     * @param steps pictures in the animation (≥ 2)
     * @return {@code [steps]} times, in seconds
     */
    public static double[] windowCentres(Audio audio, Stft stft, int steps) {
        int[] shown = framesShown(audio, stft, steps);
        double[] times = new Framing(audio.sampleRate(), stft.nFft(), stft.hopLength(), stft.center())
                .frameTimes(stft.frameCount(audio.frameCount()));
        return Arrays.stream(shown).mapToDouble(t -> audio.startSeconds() + times[t]).toArray();
    }

    /** @return the frame shown in each picture, evenly spread from the first frame to the last */
    private static int[] framesShown(Audio audio, Stft stft, int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("an animation needs ≥ 2 steps, got " + steps);
        }
        int frames = stft.frameCount(audio.frameCount());
        int[] shown = new int[steps];
        for (int i = 0; i < steps; i++) {
            shown[i] = (int) Math.round((double) i * (frames - 1) / (steps - 1));
        }
        return shown;
    }
}
