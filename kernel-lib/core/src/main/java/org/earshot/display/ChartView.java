package org.earshot.display;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** XChart charts as PNG images. */
final class ChartView {

    private ChartView() {
    }

    static MimeBundle bundle(Chart<?, ?> chart) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            String title = chart.getTitle() == null || chart.getTitle().isEmpty() ? "chart" : chart.getTitle();
            return MimeBundle.text("Chart[" + title + ", " + chart.getWidth() + "×" + chart.getHeight() + " px]")
                    .png(png).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
