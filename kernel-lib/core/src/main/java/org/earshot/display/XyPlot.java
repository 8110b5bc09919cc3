package org.earshot.display;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A plot of y against x from values, in the kit's look ({@link KitStyle}): the common part of {@link LinePlot}
 * (curves: a spectrum, a filter's response, WER against a weight) and {@link ScatterPlot} (points: one per
 * utterance, speaker or test case).
 *
 * <p>Immutable: built once by its builder, which checks every series as it is added — x and y of the same
 * length, x finite, y finite or NaN (a gap in the line, e.g. an unvoiced frame of a pitch track) — so a mistake
 * fails at the line that made it, with the series' name, not later inside XChart.
 *
 * <p>Displayable: the last expression of a cell shows it as a PNG. {@link #chart()} hands out the XChart chart
 * behind it, a fresh one each call, for whoever wants to tweak what the builder does not offer.
 */
public abstract sealed class XyPlot implements Displayable permits LinePlot, ScatterPlot {

    /** One named series; arrays are the plot's own copies. */
    record Series(String name, double[] x, double[] y) {
    }

    private final String title;
    private final String xAxisTitle;
    private final String yAxisTitle;
    private final AxisScale xScale;
    private final AxisScale yScale;
    private final Double xMin;
    private final Double xMax;
    private final Double yMin;
    private final Double yMax;
    private final int widthPx;
    private final int heightPx;
    private final Legend legend;
    private final List<Series> series;

    XyPlot(Builder<?, ?> b) {
        this.title = b.title;
        this.xAxisTitle = b.xAxisTitle;
        this.yAxisTitle = b.yAxisTitle;
        this.xScale = b.xScale;
        this.yScale = b.yScale;
        this.xMin = b.xMin;
        this.xMax = b.xMax;
        this.yMin = b.yMin;
        this.yMax = b.yMax;
        this.widthPx = b.widthPx;
        this.heightPx = b.heightPx;
        this.legend = b.legend;
        this.series = List.copyOf(b.series);
    }

    /** @return the title */
    public String title() {
        return title;
    }

    /** @return the x-axis title, with its unit (e.g. "Time (s)") */
    public String xAxisTitle() {
        return xAxisTitle;
    }

    /** @return the y-axis title, with its unit (e.g. "Power (dB)") */
    public String yAxisTitle() {
        return yAxisTitle;
    }

    /** @return the series' names, in the order they were added */
    public List<String> seriesNames() {
        return series.stream().map(Series::name).toList();
    }

    /** @return whether the picture has a legend (by default only with two or more series) */
    public boolean legendVisible() {
        return legend.shows(series.size());
    }

    /** @return {@code {width, height}} of the picture, in pixels */
    public int[] sizePx() {
        return new int[] {widthPx, heightPx};
    }

    /**
     * @return a new XChart chart drawing this plot, styled by {@link KitStyle}; changing it does not change this
     *         plot (show the changed chart itself)
     */
    public XYChart chart() {
        XYChart chart = new XYChartBuilder().width(widthPx).height(heightPx).title(title).xAxisTitle(xAxisTitle)
                .yAxisTitle(yAxisTitle).build();
        KitStyle.apply(chart);
        XYStyler s = chart.getStyler();
        s.setLegendVisible(legendVisible());
        s.setXAxisLogarithmic(xScale == AxisScale.LOGARITHMIC);
        s.setYAxisLogarithmic(yScale == AxisScale.LOGARITHMIC);
        s.setXAxisMin(xMin);
        s.setXAxisMax(xMax);
        s.setYAxisMin(yMin);
        s.setYAxisMax(yMax);
        s.setMarkerSize(markerSizePx());
        for (Series one : series) {
            XYSeries added = chart.addSeries(one.name(), one.x(), one.y());
            style(added);
        }
        return chart;
    }

    /** Sets how one series is drawn (line, markers); the colour comes from {@link KitStyle}'s cycle. */
    abstract void style(XYSeries s);

    /** @return the markers' diameter, in pixels */
    abstract int markerSizePx();

    /** @return the picture as PNG bytes */
    public byte[] toPng() {
        return ChartView.png(chart());
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toString()).png(toPng()).build();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s[%s: %s vs %s, series %s]", getClass().getSimpleName(), title,
                yAxisTitle, xAxisTitle, seriesNames());
    }

    /**
     * What {@link LinePlot.Builder} and {@link ScatterPlot.Builder} share: titles, scales, limits, size, legend
     * and series.
     *
     * @param <B> the concrete builder, returned by every setter
     * @param <P> the plot it builds
     */
    public abstract static sealed class Builder<B extends Builder<B, P>, P extends XyPlot>
            permits LinePlot.Builder, ScatterPlot.Builder {

        private String title;
        private String xAxisTitle;
        private String yAxisTitle;
        private AxisScale xScale = AxisScale.LINEAR;
        private AxisScale yScale = AxisScale.LINEAR;
        private Double xMin;
        private Double xMax;
        private Double yMin;
        private Double yMax;
        private int widthPx = KitStyle.WIDTH_PX;
        private int heightPx = KitStyle.HEIGHT_PX;
        private Legend legend = Legend.AUTO;
        private final List<Series> series = new ArrayList<>();
        private final Set<String> names = new LinkedHashSet<>();

        Builder() {
        }

        abstract B self();

        /** @param text the figure's title: what it shows, e.g. "Spectrum of a 25 ms frame" */
        public B title(String text) {
            this.title = requireText(text, "the title");
            return self();
        }

        /** @param titleWithUnit the x axis's title, with its unit: "Time (s)", "Frequency (Hz)" */
        public B xAxis(String titleWithUnit) {
            this.xAxisTitle = requireText(titleWithUnit, "the x-axis title");
            return self();
        }

        /** @param titleWithUnit the y axis's title, with its unit: "Power (dB)", "WER (%)" */
        public B yAxis(String titleWithUnit) {
            this.yAxisTitle = requireText(titleWithUnit, "the y-axis title");
            return self();
        }

        /** @param scale how x maps to position (default {@link AxisScale#LINEAR}) */
        public B xScale(AxisScale scale) {
            this.xScale = java.util.Objects.requireNonNull(scale, "xScale");
            return self();
        }

        /** @param scale how y maps to position (default {@link AxisScale#LINEAR}) */
        public B yScale(AxisScale scale) {
            this.yScale = java.util.Objects.requireNonNull(scale, "yScale");
            return self();
        }

        /** @param value the x axis's left end, in x's unit (default: from the data) */
        public B xMin(double value) {
            this.xMin = requireFinite(value, "xMin");
            return self();
        }

        /** @param value the x axis's right end, in x's unit (default: from the data) */
        public B xMax(double value) {
            this.xMax = requireFinite(value, "xMax");
            return self();
        }

        /** @param value the y axis's bottom, in y's unit (default: from the data), e.g. −120 dB */
        public B yMin(double value) {
            this.yMin = requireFinite(value, "yMin");
            return self();
        }

        /** @param value the y axis's top, in y's unit (default: from the data) */
        public B yMax(double value) {
            this.yMax = requireFinite(value, "yMax");
            return self();
        }

        /**
         * @param width  picture width, in pixels (default {@value KitStyle#WIDTH_PX}, as wide as a spectrogram)
         * @param height picture height, in pixels (default {@value KitStyle#HEIGHT_PX})
         */
        public B sizePx(int width, int height) {
            if (width < 200 || height < 150 || width > 4000 || height > 4000) {
                throw new IllegalArgumentException("a plot is 200 to 4000 pixels wide and 150 to 4000 high, got "
                        + width + " × " + height);
            }
            this.widthPx = width;
            this.heightPx = height;
            return self();
        }

        /** @param when whether to show a legend (default {@link Legend#AUTO}: with two or more series) */
        public B legend(Legend when) {
            this.legend = java.util.Objects.requireNonNull(when, "legend");
            return self();
        }

        /**
         * Adds a series.
         *
         * @param name its name, shown in the legend; unique within the plot
         * @param x    x values, finite, in the x axis's unit (copied)
         * @param y    y values, as many as x, finite or NaN for a gap (copied)
         * @throws IllegalArgumentException when the lengths differ, the series is empty, an x is not finite, a y is
         *                                  infinite, or the name is taken
         */
        public B series(String name, double[] x, double[] y) {
            requireText(name, "a series name");
            if (x.length != y.length) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "series \"%s\": x has %d values but y has %d; each point needs one of each", name, x.length,
                        y.length));
            }
            if (x.length == 0) {
                throw new IllegalArgumentException("series \"" + name + "\" is empty");
            }
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i])) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "series \"%s\": x[%d] = %s; x values must be finite", name, i, x[i]));
                }
                if (Double.isInfinite(y[i])) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "series \"%s\": y[%d] = %s; y values must be finite, or NaN for a gap (for dB of a "
                                    + "power p, floor it first: 10·log10(max(p, 1e-10)))", name, i, y[i]));
                }
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("series name \"" + name + "\" is used twice; names tell series "
                        + "apart in the legend");
            }
            series.add(new Series(name, x.clone(), y.clone()));
            return self();
        }

        /** As {@link #series(String, double[], double[])}, with y at x = 0, 1, 2, … (index units) */
        public B series(String name, double[] y) {
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
            }
            return series(name, x, y);
        }

        /** As {@link #series(String, double[], double[])}, for integer x (frame numbers, counts) */
        public B series(String name, int[] x, double[] y) {
            return series(name, java.util.Arrays.stream(x).asDoubleStream().toArray(), y);
        }

        /** As {@link #series(String, double[], double[])}, for float y (an {@code Audio}'s samples) */
        public B series(String name, double[] x, float[] y) {
            double[] yd = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                yd[i] = y[i];
            }
            return series(name, x, yd);
        }

        /** As {@link #series(String, double[], double[])}, for lists (null elements are not allowed) */
        public B series(String name, List<? extends Number> x, List<? extends Number> y) {
            return series(name, toArray(x, name, "x"), toArray(y, name, "y"));
        }

        /** @return the plot */
        public abstract P build();

        /** Checks what only the whole plot can tell; called by {@link #build()}. */
        void validate() {
            String kind = kind();
            if (title == null) {
                throw new IllegalArgumentException(kind + " needs a title: .title(\"what it shows\")");
            }
            if (xAxisTitle == null || yAxisTitle == null) {
                throw new IllegalArgumentException(kind + " \"" + title + "\" needs both axis titles, with units: "
                        + ".xAxis(\"Time (s)\").yAxis(\"Amplitude\")");
            }
            if (series.isEmpty()) {
                throw new IllegalArgumentException(kind + " \"" + title + "\" has no series: add one with "
                        + ".series(name, x, y)");
            }
            requireOrdered(xMin, xMax, "x");
            requireOrdered(yMin, yMax, "y");
            if (xScale == AxisScale.LOGARITHMIC) {
                requirePositive(true, xMin, xMax);
            }
            if (yScale == AxisScale.LOGARITHMIC) {
                requirePositive(false, yMin, yMax);
            }
        }

        private String kind() {
            return getClass().getEnclosingClass().getSimpleName();
        }

        private void requirePositive(boolean onX, Double min, Double max) {
            String axis = onX ? "x" : "y";
            if (min != null && !(min > 0) || max != null && !(max > 0)) {
                throw new IllegalArgumentException("the " + axis + " axis is logarithmic, so its limits must be > 0, "
                        + "got " + axis + "Min " + min + ", " + axis + "Max " + max);
            }
            for (Series s : series) {
                double[] v = onX ? s.x() : s.y();
                for (int i = 0; i < v.length; i++) {
                    if (!(v[i] > 0) && !Double.isNaN(v[i])) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                                "the %s axis is logarithmic, so its values must be > 0: series \"%s\" has %s[%d] = %s",
                                axis, s.name(), axis, i, v[i]));
                    }
                }
            }
        }
    }

    static String requireText(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return text;
    }

    static double requireFinite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be finite, got " + v);
        }
        return v;
    }

    static void requireOrdered(Double min, Double max, String axis) {
        if (min != null && max != null && !(min < max)) {
            throw new IllegalArgumentException(axis + "Min (" + min + ") must be < " + axis + "Max (" + max + ")");
        }
    }

    static double[] toArray(List<? extends Number> values, String series, String axis) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            Number n = values.get(i);
            if (n == null) {
                throw new IllegalArgumentException("series \"" + series + "\": " + axis + "[" + i + "] is null");
            }
            a[i] = n.doubleValue();
        }
        return a;
    }

    /** Marker shapes, for subclasses. */
    static final org.knowm.xchart.style.markers.Marker NO_MARKER = SeriesMarkers.NONE;
    static final org.knowm.xchart.style.markers.Marker DOT = SeriesMarkers.CIRCLE;
}
