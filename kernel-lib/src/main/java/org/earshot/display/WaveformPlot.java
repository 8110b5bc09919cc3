package org.earshot.display;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.Locale;

import org.earshot.audio.Audio;

/**
 * A waveform picture: amplitude against time in seconds, one lane per channel.
 *
 * <p>Each pixel column shows the minimum and maximum of the samples it covers (the envelope), so any length of
 * sound, an hour included, is drawn in one pass over the samples and no peak is lost to down-sampling.
 */
public final class WaveformPlot implements Displayable {

    private static final int WIDTH = 760;
    private static final int LANE_HEIGHT = 150;

    private final Audio audio;
    private final String title;

    private WaveformPlot(Audio audio, String title) {
        this.audio = audio;
        this.title = title;
    }

    /** @return a waveform plot of {@code audio} titled "Waveform" */
    public static WaveformPlot of(Audio audio) {
        return new WaveformPlot(audio, "Waveform");
    }

    public WaveformPlot withTitle(String newTitle) {
        return new WaveformPlot(audio, newTitle);
    }

    /** @return the picture as PNG bytes */
    public byte[] toPng() {
        int channels = audio.channelCount();
        int height = PlotFrame.TOP + PlotFrame.BOTTOM + LANE_HEIGHT * channels;
        double lanes = channels;
        // y runs from -channels (bottom lane's -1 edge) … up to +channels; lane c is centred at channels-1-2c.
        PlotFrame frame = new PlotFrame(WIDTH, height, 20, 0, audio.durationSeconds(), -lanes, lanes);
        Graphics2D g = frame.graphics();
        int w = frame.plotWidth();
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
        return frame.png();
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(String.format(Locale.ROOT, "%s: %s", title, audio)).png(toPng()).build();
    }
}
