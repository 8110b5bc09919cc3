package org.earshot.display;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * XChart charts as PNG images: the one path by which any chart, whether built with XChart directly or by
 * {@link LinePlot}, {@link ScatterPlot} or {@link BarPlot}, reaches a notebook. It draws a chart as it is given;
 * the kit's look is {@link KitStyle}'s, applied by the plot builders (a chart built by hand keeps its own).
 */
final class ChartView {

    private ChartView() {
    }

    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MimeBundle bundle(Chart<?, ?> chart) {
        String title = chart.getTitle() == null || chart.getTitle().isEmpty() ? "chart" : chart.getTitle();
        return MimeBundle.text("Chart[" + title + ", " + chart.getWidth() + "×" + chart.getHeight() + " px]")
                .png(png(chart)).build();
    }
}
