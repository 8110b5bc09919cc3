package org.earshot.display;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;

/**
 * Bars, one per category and series, from values, in the kit's look: errors by kind (substitutions, deletions,
 * insertions), WER per speaker, time per stage of a pipeline. Several series stand side by side in each category.
 *
 * <pre>{@code
 * BarPlot.builder().title("Errors on the test set").xAxis("Kind of error").yAxis("Count (words)")
 *         .categories("substitutions", "deletions", "insertions")
 *         .series("HMM-GMM", new double[] {12, 3, 5})
 *         .series("CTC", new double[] {7, 2, 2})
 *         .build()
 * }</pre>
 *
 * <p>Immutable; every series must have one value per category, checked by {@link Builder#build()}. A legend
 * appears with two or more series. {@link #chart()} hands out the XChart chart behind it, a fresh one each call.
 */
public final class BarPlot implements Displayable {

    private record Series(String name, double[] values) {
    }

    private final String title;
    private final String xAxisTitle;
    private final String yAxisTitle;
    private final List<String> categories;
    private final List<Series> series;
    private final AxisScale yScale;
    private final Double yMin;
    private final Double yMax;
    private final int widthPx;
    private final int heightPx;
    private final Legend legend;

    private BarPlot(Builder b) {
        this.title = b.title;
        this.xAxisTitle = b.xAxisTitle;
        this.yAxisTitle = b.yAxisTitle;
        this.categories = List.copyOf(b.categories);
        this.series = List.copyOf(b.series);
        this.yScale = b.yScale;
        this.yMin = b.yMin;
        this.yMax = b.yMax;
        this.widthPx = b.widthPx;
        this.heightPx = b.heightPx;
        this.legend = b.legend;
    }

    /** @return a builder; give it a title, both axis titles, the categories and at least one series */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the title */
    public String title() {
        return title;
    }

    /** @return the categories, left to right */
    public List<String> categories() {
        return categories;
    }

    /** @return the series' names, in the order they were added */
    public List<String> seriesNames() {
        return series.stream().map(Series::name).toList();
    }

    /** @return whether the picture has a legend (by default only with two or more series) */
    public boolean legendVisible() {
        return legend.shows(series.size());
    }

    /**
     * @return a new XChart chart drawing this plot, styled by {@link KitStyle}; changing it does not change this
     *         plot
     */
    public CategoryChart chart() {
        CategoryChart chart = new CategoryChartBuilder().width(widthPx).height(heightPx).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        KitStyle.apply(chart);
        CategoryStyler s = chart.getStyler();
        s.setLegendVisible(legendVisible());
        s.setPlotGridVerticalLinesVisible(false);
        s.setYAxisLogarithmic(yScale == AxisScale.LOGARITHMIC);
        s.setYAxisMin(yMin);
        s.setYAxisMax(yMax);
        s.setAvailableSpaceFill(0.7);
        for (Series one : series) {
            List<Double> values = java.util.Arrays.stream(one.values()).boxed().toList();
            chart.addSeries(one.name(), categories, values);
        }
        return chart;
    }

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
        return String.format(Locale.ROOT, "BarPlot[%s: %s by %s, categories %s, series %s]", title, yAxisTitle,
                xAxisTitle, categories, seriesNames());
    }

    /** Builds a {@link BarPlot}. */
    public static final class Builder {

        private String title;
        private String xAxisTitle;
        private String yAxisTitle;
        private List<String> categories;
        private final List<Series> series = new ArrayList<>();
        private final Set<String> names = new LinkedHashSet<>();
        private AxisScale yScale = AxisScale.LINEAR;
        private Double yMin;
        private Double yMax;
        private int widthPx = KitStyle.WIDTH_PX;
        private int heightPx = KitStyle.HEIGHT_PX;
        private Legend legend = Legend.AUTO;

        private Builder() {
        }

        /** @param text the figure's title: what it shows */
        public Builder title(String text) {
            this.title = XyPlot.requireText(text, "the title");
            return this;
        }

        /** @param titleWithUnit what the categories are, e.g. "Speaker" or "Kind of error" */
        public Builder xAxis(String titleWithUnit) {
            this.xAxisTitle = XyPlot.requireText(titleWithUnit, "the x-axis title");
            return this;
        }

        /** @param titleWithUnit the bars' quantity, with its unit: "WER (%)", "Time (ms)" */
        public Builder yAxis(String titleWithUnit) {
            this.yAxisTitle = XyPlot.requireText(titleWithUnit, "the y-axis title");
            return this;
        }

        /** @param names the categories, left to right, distinct and not empty */
        public Builder categories(List<String> names) {
            Set<String> seen = new LinkedHashSet<>();
            for (String n : names) {
                XyPlot.requireText(n, "a category name");
                if (!seen.add(n)) {
                    throw new IllegalArgumentException("category \"" + n + "\" appears twice");
                }
            }
            if (seen.isEmpty()) {
                throw new IllegalArgumentException("a bar plot needs at least one category");
            }
            this.categories = List.copyOf(names);
            return this;
        }

        /** As {@link #categories(List)} */
        public Builder categories(String... names) {
            return categories(List.of(names));
        }

        /**
         * Adds a series: one bar in each category.
         *
         * @param name   its name, shown in the legend; unique within the plot
         * @param values one finite value per category, in the categories' order (copied)
         */
        public Builder series(String name, double[] values) {
            XyPlot.requireText(name, "a series name");
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "series \"%s\": value[%d] = %s; bar heights must be finite", name, i, values[i]));
                }
            }
            if (categories != null && values.length != categories.size()) {
                throw lengthMismatch(name, values.length);
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("series name \"" + name + "\" is used twice");
            }
            series.add(new Series(name, values.clone()));
            return this;
        }

        /** As {@link #series(String, double[])}, for counts */
        public Builder series(String name, int[] values) {
            return series(name, java.util.Arrays.stream(values).asDoubleStream().toArray());
        }

        /** As {@link #series(String, double[])}, for a list (null elements are not allowed) */
        public Builder series(String name, List<? extends Number> values) {
            return series(name, XyPlot.toArray(values, name, "value"));
        }

        /** @param scale how bar heights map to position (default {@link AxisScale#LINEAR}) */
        public Builder yScale(AxisScale scale) {
            this.yScale = Objects.requireNonNull(scale, "yScale");
            return this;
        }

        /** @param value the y axis's bottom, in y's unit (default: 0 or the data's minimum) */
        public Builder yMin(double value) {
            this.yMin = XyPlot.requireFinite(value, "yMin");
            return this;
        }

        /** @param value the y axis's top, in y's unit (default: from the data) */
        public Builder yMax(double value) {
            this.yMax = XyPlot.requireFinite(value, "yMax");
            return this;
        }

        /** @param width picture width, in pixels; @param height picture height, in pixels (default 760 × 320) */
        public Builder sizePx(int width, int height) {
            if (width < 200 || height < 150 || width > 4000 || height > 4000) {
                throw new IllegalArgumentException("a plot is 200 to 4000 pixels wide and 150 to 4000 high, got "
                        + width + " × " + height);
            }
            this.widthPx = width;
            this.heightPx = height;
            return this;
        }

        /** @param when whether to show a legend (default {@link Legend#AUTO}: with two or more series) */
        public Builder legend(Legend when) {
            this.legend = Objects.requireNonNull(when, "legend");
            return this;
        }

        /** @return the plot */
        public BarPlot build() {
            if (title == null) {
                throw new IllegalArgumentException("BarPlot needs a title: .title(\"what it shows\")");
            }
            if (xAxisTitle == null || yAxisTitle == null) {
                throw new IllegalArgumentException("BarPlot \"" + title + "\" needs both axis titles: "
                        + ".xAxis(\"Speaker\").yAxis(\"WER (%)\")");
            }
            if (categories == null) {
                throw new IllegalArgumentException("BarPlot \"" + title + "\" needs its categories: "
                        + ".categories(\"a\", \"b\", …)");
            }
            if (series.isEmpty()) {
                throw new IllegalArgumentException("BarPlot \"" + title + "\" has no series: add one with "
                        + ".series(name, values)");
            }
            for (Series s : series) {
                if (s.values().length != categories.size()) {
                    throw lengthMismatch(s.name(), s.values().length);
                }
                if (yScale == AxisScale.LOGARITHMIC) {
                    for (int i = 0; i < s.values().length; i++) {
                        if (!(s.values()[i] > 0)) {
                            throw new IllegalArgumentException(String.format(Locale.ROOT,
                                    "the y axis is logarithmic, so bar heights must be > 0: series \"%s\" has "
                                            + "%s = %s", s.name(), categories.get(i), s.values()[i]));
                        }
                    }
                }
            }
            XyPlot.requireOrdered(yMin, yMax, "y");
            return new BarPlot(this);
        }

        private IllegalArgumentException lengthMismatch(String name, int n) {
            return new IllegalArgumentException(String.format(Locale.ROOT,
                    "series \"%s\" has %d values but there are %d categories %s; give one value per category",
                    name, n, categories.size(), categories));
        }
    }
}
