package org.earshot.display;

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

    private final Spectrogram spectrogram;
    private final String title;
    private final double dynamicRangeDb;
    private final java.util.List<Segment> segments;

    private SpectrogramPlot(Spectrogram spectrogram, String title, double dynamicRangeDb,
                            java.util.List<Segment> segments) {
        this.spectrogram = spectrogram;
        this.title = title;
        this.dynamicRangeDb = dynamicRangeDb;
        this.segments = segments;
    }

    /** @return a plot of {@code spectrogram} titled after its kind, with an 80 dB colour range */
    public static SpectrogramPlot of(Spectrogram spectrogram) {
        String kind = spectrogram.melScale().isPresent() ? "Mel spectrogram" : "Spectrogram";
        return new SpectrogramPlot(spectrogram, kind, 80, java.util.List.of());
    }

    public SpectrogramPlot withTitle(String newTitle) {
        return new SpectrogramPlot(spectrogram, newTitle, dynamicRangeDb, segments);
    }

    /**
     * @param rangeDb how many dB below the maximum the colours span (> 0)
     * @return the plot with that range
     */
    public SpectrogramPlot withDynamicRange(double rangeDb) {
        if (!(rangeDb > 0)) {
            throw new IllegalArgumentException("dynamic range must be > 0 dB, got " + rangeDb);
        }
        return new SpectrogramPlot(spectrogram, title, rangeDb, segments);
    }

    /**
     * @param spans labelled time spans in seconds (e.g. the phones of a forced alignment)
     * @return the plot with their boundaries and labels drawn over it
     */
    public SpectrogramPlot withSegments(java.util.List<Segment> spans) {
        return new SpectrogramPlot(spectrogram, title, dynamicRangeDb, java.util.List.copyOf(spans));
    }

    /** @return the y-axis label: {@code "Frequency (Hz)"} or {@code "Frequency (mel, HTK)"} */
    public String frequencyLabel() {
        return spectrogram.melScale().map(m -> "Frequency (mel, " + m + ")").orElse("Frequency (Hz)");
    }

    /** @return the underlying heat map: cells centred on the value's own frame times and bin frequencies */
    public Heatmap heatmap() {
        Spectrogram db = spectrogram.toDecibels();
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < db.binCount(); k++) {
            for (int t = 0; t < db.frameCount(); t++) {
                max = Math.max(max, db.value(k, t));
            }
        }
        double[] times = db.times();
        double[] freqs = db.frequencies();
        double frameStep = (double) db.hopLength() / db.sampleRate();
        double binStep = freqs.length > 1 ? freqs[1] - freqs[0] : 1;
        Heatmap.Builder map = Heatmap.builder().values(db.values()).title(title)
                .xAxis(Heatmap.Axis.seconds(frameStep).startingAt(times[0]))
                .yAxis(Heatmap.Axis.numeric(frequencyLabel(), binStep).startingAt(freqs[0]))
                .colorbar("Level (dB)").colorRange(max - dynamicRangeDb, max).segments(segments);
        return (db.melScale().isEmpty() ? map.yLimits(0, db.sampleRate() / 2.0) : map).build();
    }

    /** @return {@code {timeStart, timeEnd, frequencyLow, frequencyHigh}} of the picture, in seconds and
     *          {@link Spectrogram#frequencyUnit()} */
    public double[] axisRange() {
        return heatmap().axisRange();
    }

    /** @return the values labelled on the frequency axis, in {@link Spectrogram#frequencyUnit()} */
    public double[] frequencyTicks() {
        return heatmap().yTicks();
    }

    /** @return the values labelled on the time axis, in seconds */
    public double[] timeTicks() {
        return heatmap().xTicks();
    }

    /** @return the picture as PNG bytes */
    public byte[] toPng() {
        return heatmap().toPng();
    }

    /** Draws the picture; the frame exposes its pixel geometry to tests in this package. */
    PlotFrame render() {
        return heatmap().render();
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
