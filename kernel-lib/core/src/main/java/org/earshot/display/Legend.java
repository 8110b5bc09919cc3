package org.earshot.display;

/** Whether a {@link LinePlot}, {@link ScatterPlot} or {@link BarPlot} shows a legend of its series' names. */
public enum Legend {

    /** A legend when there are two or more series; one series is named by the title and axis titles. */
    AUTO,

    /** Always a legend. */
    SHOWN,

    /** Never a legend (e.g. twenty mel filters, where the shape is the point, not which is which). */
    HIDDEN;

    /** @return whether a plot with {@code seriesCount} series shows its legend */
    public boolean shows(int seriesCount) {
        return switch (this) {
            case AUTO -> seriesCount >= 2;
            case SHOWN -> true;
            case HIDDEN -> false;
        };
    }
}
