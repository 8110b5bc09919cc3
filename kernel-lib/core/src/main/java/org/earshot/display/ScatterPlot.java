package org.earshot.display;

import org.knowm.xchart.XYSeries;

/**
 * Points of y against x, from values, in the kit's look: one point per utterance, speaker, test case or model
 * (e.g. WER against real-time factor). No lines join them.
 *
 * <pre>{@code
 * ScatterPlot.builder().title("Accuracy and speed of the decoders")
 *         .xAxis("Real-time factor").yAxis("WER (%)")
 *         .series("greedy", rtfGreedy, werGreedy)
 *         .series("beam 8", rtfBeam, werBeam)
 *         .build()
 * }</pre>
 *
 * <p>With one series there is no legend; with two or more there is. Validation, display and {@link #chart()}
 * are described at {@link XyPlot}.
 */
public final class ScatterPlot extends XyPlot {

    private final int markerSizePx;

    private ScatterPlot(Builder b) {
        super(b);
        this.markerSizePx = b.markerSizePx;
    }

    /** @return a builder; give it a title, both axis titles and at least one series */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void style(XYSeries s) {
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(DOT);
    }

    @Override
    int markerSizePx() {
        return markerSizePx;
    }

    /** Builds a {@link ScatterPlot}; the shared setters are documented at {@link XyPlot.Builder}. */
    public static final class Builder extends XyPlot.Builder<Builder, ScatterPlot> {

        private int markerSizePx = 7;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** @param diameterPx each point's diameter, in pixels, 2 to 30 (default 7) */
        public Builder markerSizePx(int diameterPx) {
            if (diameterPx < 2 || diameterPx > 30) {
                throw new IllegalArgumentException("marker size must be 2 to 30 pixels, got " + diameterPx);
            }
            this.markerSizePx = diameterPx;
            return this;
        }

        @Override
        public ScatterPlot build() {
            validate();
            return new ScatterPlot(this);
        }
    }
}
