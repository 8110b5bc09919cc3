package org.earshot.display;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.Locale;

import org.earshot.audio.Audio;

/**
 * A waveform picture: amplitude against time in seconds, one lane per channel. The time axis is the sound's own,
 * from {@link Audio#startSeconds()} to {@link Audio#endSeconds()}: a part cut from 0.2 s is drawn from 0.2 s.
 *
 * <p>Each pixel column shows the minimum and maximum of the samples it covers (the envelope), so any length of
 * sound, an hour included, is drawn in one pass over the samples and no peak is lost to down-sampling.
 */
public final class WaveformPlot implements Displayable {

    private static final int WIDTH = 760;
    private static final int LANE_HEIGHT = 150;
    /** The same right margin as {@link Heatmap}'s colorbar, so a waveform lines up with a spectrogram below it. */
    private static final int RIGHT = 86;

    private final Audio audio;
    private final String title;
    private final double highlightStart;
    private final double highlightEnd;

    private WaveformPlot(Audio audio, String title, double highlightStart, double highlightEnd) {
        this.audio = audio;
        this.title = title;
        this.highlightStart = highlightStart;
        this.highlightEnd = highlightEnd;
    }

    /** @return a waveform plot of {@code audio} titled "Waveform" */
    public static WaveformPlot of(Audio audio) {
        return new WaveformPlot(audio, "Waveform", Double.NaN, Double.NaN);
    }

    public WaveformPlot withTitle(String newTitle) {
        return new WaveformPlot(audio, newTitle, highlightStart, highlightEnd);
    }

    /**
     * @param startSeconds start of a span to shade (e.g. an analysis window), in seconds
     * @param endSeconds   its end, in seconds (> start)
     * @return the plot with that span shaded
     */
    public WaveformPlot withHighlight(double startSeconds, double endSeconds) {
        if (!(endSeconds > startSeconds)) {
            throw new IllegalArgumentException("highlight needs end > start, got " + startSeconds + "–" + endSeconds + " s");
        }
        return new WaveformPlot(audio, title, startSeconds, endSeconds);
    }

    /** @return {@code {start, end}} of the time axis, in seconds: the sound's own start and end */
    public double[] timeRange() {
        return new double[] {audio.startSeconds(), audio.endSeconds()};
    }

    /** @return the picture as PNG bytes */
    public byte[] toPng() {
        return render().png();
    }

    /** @return the picture as an image (e.g. a frame of an {@link Animation}) */
    public java.awt.image.BufferedImage toImage() {
        PlotFrame frame = render();
        frame.graphics().dispose();
        return frame.image();
    }

    private PlotFrame render() {
        int channels = audio.channelCount();
        int height = PlotFrame.TOP + PlotFrame.BOTTOM + LANE_HEIGHT * channels;
        double lanes = channels;
        // y runs from -channels (bottom lane's -1 edge) … up to +channels; lane c is centred at channels-1-2c.
        double[] time = timeRange();
        PlotFrame frame = new PlotFrame(WIDTH, height, RIGHT, time[0], time[1], -lanes, lanes);
        Graphics2D g = frame.graphics();
        int w = frame.plotWidth();
        if (!Double.isNaN(highlightStart)) {
            g.setColor(new Color(255, 165, 0, 70));
            int x0 = (int) Math.round(Math.max(frame.plotX(), frame.px(highlightStart)));
            int x1 = (int) Math.round(Math.min(frame.plotX() + w, frame.px(highlightEnd)));
            g.fillRect(x0, frame.plotY(), Math.max(1, x1 - x0), frame.plotHeight());
        }
        int frames = audio.frameCount();
        for (int c = 0; c < channels; c++) {
            float[] x = audio.channel(c);
            double centre = channels - 1 - 2.0 * c;
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(frame.plotX(), (int) Math.round(frame.py(centre)), frame.plotX() + w, (int) Math.round(frame.py(centre)));
            g.setColor(new Color(0x1F77B4));
            for (int col = 0; col < w; col++) {
                int n0 = (int) ((long) col * frames / w);
                int n1 = (int) Math.max(n0 + 1, (long) (col + 1) * frames / w);
                float lo = Float.POSITIVE_INFINITY;
                float hi = Float.NEGATIVE_INFINITY;
                for (int n = n0; n < Math.min(n1, frames); n++) {
                    lo = Math.min(lo, x[n]);
                    hi = Math.max(hi, x[n]);
                }
                if (lo > hi) {
                    continue;
                }
                int yTop = (int) Math.round(frame.py(centre + Math.min(1, hi)));
                int yBottom = (int) Math.round(frame.py(centre + Math.max(-1, lo)));
                g.drawLine(frame.plotX() + col, yTop, frame.plotX() + col, yBottom);
            }
            if (channels > 1) {
                g.setColor(Color.GRAY);
                g.drawString("ch " + c, frame.plotX() + 6, (int) Math.round(frame.py(centre + 1)) + 14);
            }
        }
        String yLabel = channels == 1 ? "Amplitude" : "Amplitude (per channel, ±1)";
        frame.decorate(title, "Time (s)", yLabel, channels == 1);
        return frame;
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(String.format(Locale.ROOT, "%s: %s", title, audio)).png(toPng()).build();
    }
}
