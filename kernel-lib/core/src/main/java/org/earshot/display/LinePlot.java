package org.earshot.display;

import java.awt.BasicStroke;

import org.knowm.xchart.XYSeries;

/**
 * Curves of y against x, from values, in the kit's look: a spectrum, a window's leakage, the mel scale, WER
 * against a language-model weight. Lines only, unless {@link Builder#markers(boolean)} also marks each point.
 *
 * <pre>{@code
 * LinePlot.builder().title("Spectrum of the 25 ms frame")
 *         .xAxis("Frequency (Hz)").yAxis("Power (dB)")
 *         .series("|X[k]|²", binHz, levelDb)
 *         .build()
 * }</pre>
 *
 * <p>With one series there is no legend (the title names it); with two or more there is. Validation, display
 * and {@link #chart()} are described at {@link XyPlot}. Used in notebooks/21.1-signal.ipynb and
 * 21.2-asr.ipynb.
 */
public final class LinePlot extends XyPlot {

    private static final float LINE_WIDTH_PX = 1.6f;

    private final boolean markers;

    private LinePlot(Builder b) {
        super(b);
        this.markers = b.markers;
    }

    /** @return a builder; give it a title, both axis titles and at least one series */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void style(XYSeries s) {
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(markers ? DOT : NO_MARKER);
        s.setLineStyle(new BasicStroke(LINE_WIDTH_PX, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    @Override
    int markerSizePx() {
        return 4;
    }

    /** Builds a {@link LinePlot}; the shared setters are documented at {@link XyPlot.Builder}. */
    public static final class Builder extends XyPlot.Builder<Builder, LinePlot> {

        private boolean markers;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @param on whether to mark every point with a dot as well (default false), e.g. to show that a waveform
         *           is made of samples
         */
        public Builder markers(boolean on) {
            this.markers = on;
            return this;
        }

        @Override
        public LinePlot build() {
            validate();
            return new LinePlot(this);
        }
    }
}
