package org.earshot.speakers.verification;

import java.util.Locale;

import org.earshot.metrics.Verification;

/**
 * A threshold chosen on a verification curve, with the error rates it gives (§21.4). Accept when score ≥ θ.
 *
 * <p>{@link #atFalseAcceptRate} is how a product picks θ: a phone unlock may tolerate one impostor in a thousand
 * (FAR ≤ 0.1%) and pays for it in false rejections. As θ rises FAR falls and FRR rises, so the lowest θ meeting
 * the FAR bound rejects the fewest targets. Among the curve's thresholds (each distinct score, and +∞ for "accept
 * nobody"), it is the smallest θ with FAR(θ) ≤ the bound.
 *
 * <p>Worked example: targets {0.9, 0.8, 0.4}, non-targets {0.7, 0.3, 0.2, 0.1}. FAR ≤ 0: θ = 0.8 (both targets
 * above 0.7 accepted, FRR 1/3); FAR ≤ 0.25: θ = 0.4 (FAR 0.25, FRR 0).
 *
 * @param threshold        θ; {@code +∞} when no finite threshold meets the bound
 * @param falseAcceptRate  FAR(θ), in [0, 1]
 * @param falseRejectRate  FRR(θ), in [0, 1]
 */
public record OperatingPoint(double threshold, double falseAcceptRate, double falseRejectRate) {

    /**
     * @param curve              the scores' curve
     * @param maxFalseAcceptRate the largest FAR tolerated, in [0, 1]
     * @return the smallest threshold of the curve with FAR ≤ that, and its rates
     */
    public static OperatingPoint atFalseAcceptRate(Verification curve, double maxFalseAcceptRate) {
        if (!(maxFalseAcceptRate >= 0 && maxFalseAcceptRate <= 1)) {
            throw new IllegalArgumentException("max_false_accept_rate (" + maxFalseAcceptRate + ") must lie in [0, 1]");
        }
        double[] thr = curve.thresholds();
        double[] far = curve.falseAcceptRates();
        double[] frr = curve.falseRejectRates();
        int best = 0; // θ = +∞: FAR 0
        for (int i = 1; i < thr.length && far[i] <= maxFalseAcceptRate; i++) {
            best = i;
        }
        return new OperatingPoint(thr[best], far[best], frr[best]);
    }

    /**
     * @param curve the scores' curve
     * @return the point at {@link Verification#eerThreshold()}: where FAR and FRR are closest
     */
    public static OperatingPoint atEqualErrorRate(Verification curve) {
        double[] thr = curve.thresholds();
        double target = curve.eerThreshold();
        for (int i = 0; i < thr.length; i++) {
            if (thr[i] == target) {
                return new OperatingPoint(thr[i], curve.falseAcceptRates()[i], curve.falseRejectRates()[i]);
            }
        }
        throw new IllegalStateException("the EER threshold " + target + " is not a point of its own curve");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "θ=%.4g: FAR %.2f%%, FRR %.2f%%", threshold, 100 * falseAcceptRate,
                100 * falseRejectRate);
    }
}
