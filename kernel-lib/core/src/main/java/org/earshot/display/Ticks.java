package org.earshot.display;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "Nice" axis ticks: multiples of 1, 2 or 5 × 10^k that fall inside a range (Heckbert, Graphics Gems, 1990).
 */
final class Ticks {

    private Ticks() {
    }

    /**
     * @param lo     range start
     * @param hi     range end (> lo)
     * @param target about how many ticks
     * @return tick positions in [lo, hi], ascending
     */
    static double[] nice(double lo, double hi, int target) {
        if (!(hi > lo)) {
            return new double[] {lo};
        }
        double step = niceStep((hi - lo) / Math.max(1, target));
        List<Double> ticks = new ArrayList<>();
        for (double v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
            ticks.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return ticks.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double niceStep(double rough) {
        double exponent = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / exponent;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * exponent;
    }

    /**
     * @return a short label: integers as such, others to 6 significant digits without trailing zeros
     *         ({@code 0.25}, {@code 0.0005}); below 10⁻⁴ or from 10⁹ up (a log axis) in scientific notation,
     *         {@code 1e-05}
     */
    static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        if (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e9 || !Double.isFinite(v)) {
            String[] p = String.format(Locale.ROOT, "%.2e", v).split("e");
            return p.length < 2 ? p[0] : p[0].replaceAll("0+$", "").replaceAll("\\.$", "") + "e" + p[1];
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
