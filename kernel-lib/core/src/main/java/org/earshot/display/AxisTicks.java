package org.earshot.display;

import java.util.Arrays;

/**
 * The ticks of one axis of a kit picture: where they are, in axis units, and what they say.
 *
 * @param values tick positions, in axis units
 * @param labels one label per position
 */
record AxisTicks(double[] values, String[] labels) {

    /** No ticks (an unnumbered axis). */
    static final AxisTicks NONE = new AxisTicks(new double[0], new String[0]);

    AxisTicks {
        if (values.length != labels.length) {
            throw new IllegalArgumentException(values.length + " tick positions but " + labels.length + " labels");
        }
        values = values.clone();
        labels = labels.clone();
    }

    /** @return "nice" numbered ticks in {@code [lo, hi]} ({@link Ticks#nice}) */
    static AxisTicks nice(double lo, double hi, int target) {
        double[] v = Ticks.nice(lo, hi, target);
        return new AxisTicks(v, Arrays.stream(v).mapToObj(Ticks::label).toArray(String[]::new));
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public String[] labels() {
        return labels.clone();
    }
}
