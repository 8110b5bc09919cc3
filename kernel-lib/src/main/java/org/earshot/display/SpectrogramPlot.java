package org.earshot.display;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

import org.earshot.audio.Spectrogram;

/**
 * A spectrogram picture: time in seconds across, frequency up (Hz for linear bins, mel for mel bands, from the
 * value's own sample rate, hop length and scale), colour in dB on the viridis map, with a colorbar.
 *
 * <p>Values that are not yet in dB are converted ({@link Spectrogram#toDecibels()}); the colour range spans the
 * {@code dynamicRangeDb} below the maximum (80 dB by default, as torchaudio's {@code top_db} in the lessons).
 * When there are more frames or bins than pixels, each pixel shows the largest value it covers, so short events
 * and thin harmonics stay visible.
 *
 * <p>Immutable: {@code withTitle} and {@code withDynamicRange} return new plots.
 */
public final class SpectrogramPlot implements Displayable {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 320;
    private static final int RIGHT = 86;

    private final Spectrogram spectrogram;
    private final String title;
    private final double dynamicRangeDb;

    private SpectrogramPlot(Spectrogram spectrogram, String title, double dynamicRangeDb) {
        this.spectrogram = spectrogram;
        this.title = title;
        this.dynamicRangeDb = dynamicRangeDb;
    }

    /** @return a plot of {@code spectrogram} titled after its kind, with an 80 dB colour range */
    public static SpectrogramPlot of(Spectrogram spectrogram) {
        String kind = spectrogram.melScale().isPresent() ? "Mel spectrogram" : "Spectrogram";
        return new SpectrogramPlot(spectrogram, kind, 80);
    }

    public SpectrogramPlot withTitle(String newTitle) {
        return new SpectrogramPlot(spectrogram, newTitle, dynamicRangeDb);
    }

    /**
     * @param rangeDb how many dB below the maximum the colours span (> 0)
     * @return the plot with that range
     */
    public SpectrogramPlot withDynamicRange(double rangeDb) {
        if (!(rangeDb > 0)) {
            throw new IllegalArgumentException("dynamic range must be > 0 dB, got " + rangeDb);
        }
        return new SpectrogramPlot(spectrogram, title, rangeDb);
    }

    /** @return the y-axis label: {@code "Frequency (Hz)"} or {@code "Frequency (mel, HTK)"} */
    public String frequencyLabel() {
        return spectrogram.melScale().map(m -> "Frequency (mel, " + m + ")").orElse("Frequency (Hz)");
    }

    /**
     * The data range of the picture's axes, derived from the value: each frame spans one hop around its centre
     * time, each bin half a bin spacing around its centre frequency (clipped to 0 … sr/2 for linear bins).
     *
     * @return {@code {timeStart, timeEnd, frequencyLow, frequencyHigh}} in seconds and {@link Spectrogram#frequencyUnit()}
     */
    public double[] axisRange() {
        double[] times = spectrogram.times();
        double[] freqs = spectrogram.frequencies();
        double frameStep = (double) spectrogram.hopLength() / spectrogram.sampleRate();
        double binStep = freqs.length > 1 ? freqs[1] - freqs[0] : 1;
        double yLo = freqs[0] - binStep / 2;
        double yHi = freqs[freqs.length - 1] + binStep / 2;
        if (spectrogram.melScale().isEmpty()) {
            yLo = Math.max(0, yLo);
            yHi = Math.min(spectrogram.sampleRate() / 2.0, yHi);
        }
        return new double[] {times[0] - frameStep / 2, times[times.length - 1] + frameStep / 2, yLo, yHi};
    }

    /** @return the values labelled on the frequency axis, in {@link Spectrogram#frequencyUnit()} */
    public double[] frequencyTicks() {
        double[] r = axisRange();
        return Ticks.nice(r[2], r[3], PlotFrame.yTickTarget(HEIGHT));
    }

    /** @return the values labelled on the time axis, in seconds */
    public double[] timeTicks() {
        double[] r = axisRange();
        return Ticks.nice(r[0], r[1], PlotFrame.xTickTarget(WIDTH, RIGHT));
    }

    /** @return the picture as PNG bytes */
    public byte[] toPng() {
        return render().png();
    }

    /** Draws the picture; the frame exposes its pixel geometry to tests in this package. */
    PlotFrame render() {
        Spectrogram db = spectrogram.toDecibels();
        int bins = db.binCount();
        int frames = db.frameCount();
        double[] r = axisRange();
        PlotFrame frame = new PlotFrame(WIDTH, HEIGHT, RIGHT, r[0], r[1], r[2], r[3]);

        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < bins; k++) {
            for (int t = 0; t < frames; t++) {
                max = Math.max(max, db.value(k, t));
            }
        }
        double floor = max - dynamicRangeDb;
        int w = frame.plotWidth();
        int h = frame.plotHeight();
        double[] times = db.times();
        double[] freqs = db.frequencies();
        double frameStep = (double) db.hopLength() / db.sampleRate();
        double binStep = bins > 1 ? freqs[1] - freqs[0] : 1;
        int[][] rowBins = new int[h][];
        for (int row = 0; row < h; row++) { // row 0 is the top; a row covers [yBottom, yTop) in data units
            double yTop = r[3] - row * (r[3] - r[2]) / h;
            double yBottom = r[3] - (row + 1) * (r[3] - r[2]) / h;
            rowBins[row] = coveredIndices(yBottom, yTop, freqs[0], binStep, bins);
        }
        int[] pixels = new int[w * h];
        for (int col = 0; col < w; col++) {
            double xLeft = r[0] + col * (r[1] - r[0]) / w;
            double xRight = r[0] + (col + 1) * (r[1] - r[0]) / w;
            int[] cols = coveredIndices(xLeft, xRight, times[0], frameStep, frames);
            for (int row = 0; row < h; row++) {
                double v = Double.NEGATIVE_INFINITY;
                for (int k = rowBins[row][0]; k <= rowBins[row][1]; k++) {
                    for (int t = cols[0]; t <= cols[1]; t++) {
                        v = Math.max(v, db.value(k, t));
                    }
                }
                pixels[row * w + col] = Colormap.VIRIDIS.rgb((v - floor) / dynamicRangeDb);
            }
        }
        frame.image().setRGB(frame.plotX(), frame.plotY(), w, h, pixels, 0, w);
        drawColorbar(frame, floor, max);
        frame.decorate(title, "Time (s)", frequencyLabel());
        return frame;
    }

    /**
     * The cells (bins or frames, centred at {@code first + i·step}, each {@code step} wide) that overlap the pixel
     * span {@code [lo, hi)}; at least the nearest one.
     *
     * @return {@code {firstIndex, lastIndex}}, inclusive, within {@code 0 … count−1}
     */
    static int[] coveredIndices(double lo, double hi, double first, double step, int count) {
        int a = (int) Math.floor((lo - first) / step + 0.5);
        int b = (int) Math.ceil((hi - first) / step + 0.5) - 1;
        a = Math.max(0, Math.min(count - 1, a));
        b = Math.max(a, Math.min(count - 1, b));
        return new int[] {a, b};
    }

    private void drawColorbar(PlotFrame frame, double floorDb, double maxDb) {
        Graphics2D g = frame.graphics();
        int x = frame.plotX() + frame.plotWidth() + 14;
        int y = frame.plotY();
        int barWidth = 14;
        int h = frame.plotHeight();
        BufferedImage bar = new BufferedImage(barWidth, h, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < h; row++) {
            int rgb = Colormap.VIRIDIS.rgb(1.0 - (double) row / Math.max(1, h - 1));
            for (int c = 0; c < barWidth; c++) {
                bar.setRGB(c, row, rgb);
            }
        }
        g.drawImage(bar, x, y, null);
        g.setColor(Color.DARK_GRAY);
        g.drawRect(x, y, barWidth, h);
        FontMetrics fm = g.getFontMetrics();
        for (double tick : Ticks.nice(floorDb, maxDb, 5)) {
            int ty = (int) Math.round(y + h - (tick - floorDb) / (maxDb - floorDb) * h);
            g.drawLine(x + barWidth, ty, x + barWidth + 3, ty);
            g.drawString(Ticks.label(tick), x + barWidth + 5, ty + fm.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        frame.drawVertical("Level (dB)", WIDTH - 8, y + h / 2);
    }

    @Override
    public MimeBundle toMimeBundle() {
        String text = String.format(Locale.ROOT, "%s: %s", title, spectrogram);
        return MimeBundle.text(text).png(toPng()).build();
    }

    @Override
    public String toString() {
        return "SpectrogramPlot[" + title + ", " + spectrogram + "]";
    }
}
