package org.earshot.display;

/**
 * How an axis of a {@link LinePlot}, {@link ScatterPlot} or {@link BarPlot} maps values to positions.
 */
public enum AxisScale {

    /** Equal steps of value are equal distances: time in seconds, frequency in Hz, levels already in dB. */
    LINEAR,

    /**
     * Equal ratios are equal distances ({@code log10} of the value): for quantities spanning decades, such as
     * error rates on a DET curve (1 %, 10 %) or frequency as the ear hears it (100 Hz, 1 kHz, 10 kHz). Every value
     * on a logarithmic axis must be &gt; 0.
     */
    LOGARITHMIC
}
