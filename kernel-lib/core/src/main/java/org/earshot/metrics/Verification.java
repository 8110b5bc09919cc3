package org.earshot.metrics;

import java.util.Arrays;
import java.util.Locale;

import org.earshot.display.Displayable;
import org.earshot.display.Html;
import org.earshot.display.MimeBundle;

/**
 * How well a detector's scores separate target trials from non-target trials (speaker verification, keyword
 * spotting, anti-spoofing): the ROC/DET curve, the equal error rate and the minimum detection cost.
 *
 * <p><b>Curve.</b> A trial is accepted when its score is ≥ the threshold θ. For every θ,
 * <pre>
 * FAR(θ) = #{non-target scores ≥ θ} / N_non-target      (false-accept rate, P_fa)
 * FRR(θ) = #{target scores &lt; θ} / N_target             (false-reject rate, P_miss = 1 − TPR)
 * </pre>
 * The curve has one point per distinct score, in decreasing θ, after a first point at θ = +∞ (FAR 0, FRR 1): the
 * points of scikit-learn's {@code roc_curve(y, s, drop_intermediate=False)} with {@code fpr = FAR},
 * {@code tpr = 1 − FRR}. Tied scores move both rates in one step.
 *
 * <p><b>EER.</b> The equal error rate is where the curve, joined point to point by straight lines, crosses
 * FAR = FRR. It is the EER of the common scikit-learn recipe
 * {@code brentq(lambda x: 1 - x - interp1d(fpr, tpr)(x), 0, 1)} (checked on the fixtures of
 * {@code make_metrics_fixtures.py}). Other conventions differ slightly: the mean of FAR and FRR at the point where
 * they are closest, or the ROC convex hull (BOSARIS' ROCCH-EER), which is never higher. {@link #eerThreshold()} is
 * the threshold of the curve point where |FAR − FRR| is smallest (the first such, in decreasing θ).
 *
 * <p><b>minDCF.</b> {@link #minDcf(DetectionCost)} is the smallest normalised detection cost over the curve's
 * points, as Kaldi's {@code compute_min_dcf.py}.
 *
 * <p>Worked example: targets {0.9, 0.8, 0.4}, non-targets {0.7, 0.3, 0.2, 0.1}. At θ = 0.7 one non-target of four
 * is accepted and one target of three rejected (FAR 25%, FRR 33%); at θ = 0.4, FAR 25%, FRR 0%. The curve crosses
 * FAR = FRR on that vertical step: EER = 25%.
 *
 * <p>Shown in a notebook as a table of EER, minDCF and FRR at fixed FAR; the curve's arrays are for plotting.
 */
public final class Verification implements Displayable {

    private final int targetCount;
    private final int nonTargetCount;
    private final double[] thresholds;
    private final double[] falseAcceptRates;
    private final double[] falseRejectRates;
    private final double eer;
    private final double eerThreshold;

    private Verification(int targetCount, int nonTargetCount, double[] thresholds, double[] far, double[] frr) {
        this.targetCount = targetCount;
        this.nonTargetCount = nonTargetCount;
        this.thresholds = thresholds;
        this.falseAcceptRates = far;
        this.falseRejectRates = frr;
        double rate = Double.NaN;
        for (int i = 1; i < far.length; i++) {
            double before = frr[i - 1] - far[i - 1];
            double after = frr[i] - far[i];
            if (after <= 0) {
                double t = before / (before - after);
                rate = far[i - 1] + t * (far[i] - far[i - 1]);
                break;
            }
        }
        this.eer = rate;
        int nearest = 0;
        for (int i = 1; i < far.length; i++) {
            if (Math.abs(frr[i] - far[i]) < Math.abs(frr[nearest] - far[nearest])) {
                nearest = i;
            }
        }
        this.eerThreshold = thresholds[nearest];
    }

    /**
     * @param targetScores    scores of target trials (same speaker, keyword present…), higher = more target-like;
     *                        at least one, all finite
     * @param nonTargetScores scores of non-target trials; at least one, all finite
     * @return the curve and its summaries
     * @throws IllegalArgumentException when either set is empty or holds NaN or an infinity
     */
    public static Verification of(double[] targetScores, double[] nonTargetScores) {
        check("target", targetScores);
        check("non-target", nonTargetScores);
        int nt = targetScores.length;
        int nn = nonTargetScores.length;
        double[] t = targetScores.clone();
        double[] n = nonTargetScores.clone();
        Arrays.sort(t);
        Arrays.sort(n);
        // walk the distinct scores from high to low; i, j count the scores ≥ θ from the top of each sorted array
        double[] thr = new double[nt + nn + 1];
        double[] far = new double[nt + nn + 1];
        double[] frr = new double[nt + nn + 1];
        thr[0] = Double.POSITIVE_INFINITY;
        far[0] = 0;
        frr[0] = 1;
        int points = 1;
        int it = nt - 1;
        int in = nn - 1;
        int acceptedTargets = 0;
        int acceptedNonTargets = 0;
        while (it >= 0 || in >= 0) {
            double theta = Math.max(it >= 0 ? t[it] : Double.NEGATIVE_INFINITY, in >= 0 ? n[in] : Double.NEGATIVE_INFINITY);
            while (it >= 0 && t[it] == theta) {
                acceptedTargets++;
                it--;
            }
            while (in >= 0 && n[in] == theta) {
                acceptedNonTargets++;
                in--;
            }
            thr[points] = theta;
            far[points] = (double) acceptedNonTargets / nn;
            frr[points] = (double) (nt - acceptedTargets) / nt;
            points++;
        }
        return new Verification(nt, nn, Arrays.copyOf(thr, points), Arrays.copyOf(far, points),
                Arrays.copyOf(frr, points));
    }

    private static void check(String name, double[] scores) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("no " + name + " scores: both target and non-target trials are needed");
        }
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException(name + " score " + i + " is " + scores[i] + ": scores must be finite");
            }
        }
    }

    /** @return N_target, the number of target trials */
    public int targetCount() {
        return targetCount;
    }

    /** @return N_non-target, the number of non-target trials */
    public int nonTargetCount() {
        return nonTargetCount;
    }

    /** @return the curve's thresholds θ, decreasing, {@code +∞} first; shape {@code [points]} */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** @return FAR at each threshold, in [0, 1], non-decreasing; shape {@code [points]} */
    public double[] falseAcceptRates() {
        return falseAcceptRates.clone();
    }

    /** @return FRR at each threshold, in [0, 1], non-increasing; shape {@code [points]} */
    public double[] falseRejectRates() {
        return falseRejectRates.clone();
    }

    /** @return the EER as a fraction in [0, 1] (the interpolated crossing of FAR = FRR) */
    public double eer() {
        return eer;
    }

    /** @return the EER in percent */
    public double eerPercent() {
        return 100 * eer;
    }

    /** @return the threshold of the curve point where |FAR − FRR| is smallest */
    public double eerThreshold() {
        return eerThreshold;
    }

    /**
     * @param cost the prior and costs, e.g. {@link DetectionCost#VOXSRC}
     * @return the minimum normalised detection cost over the curve's points
     */
    public double minDcf(DetectionCost cost) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < thresholds.length; i++) {
            best = Math.min(best, cost.normalizedCost(falseRejectRates[i], falseAcceptRates[i]));
        }
        return best;
    }

    /**
     * @param maxFalseAcceptRate the largest FAR tolerated, in [0, 1] (e.g. 0.01)
     * @return the smallest FRR among the curve's points with FAR ≤ that
     */
    public double falseRejectRateAt(double maxFalseAcceptRate) {
        if (!(maxFalseAcceptRate >= 0 && maxFalseAcceptRate <= 1)) {
            throw new IllegalArgumentException("max_false_accept_rate (" + maxFalseAcceptRate + ") must lie in [0, 1]");
        }
        double best = 1;
        for (int i = 0; i < thresholds.length && falseAcceptRates[i] <= maxFalseAcceptRate; i++) {
            best = Math.min(best, falseRejectRates[i]);
        }
        return best;
    }

    /**
     * The DET curve (Martin et al. 1997): false-reject rate against false-accept rate, both in percent on logarithmic
     * axes (the points where either rate is 0 cannot be drawn on them and are left out), with the EER marked where the
     * curve crosses the diagonal.
     *
     * @param title the plot's title, e.g. {@code "Speaker verification, 40 speakers"}
     * @return the curve, drawn like every kit plot
     */
    public org.earshot.display.LinePlot detCurve(String title) {
        java.util.List<Double> far = new java.util.ArrayList<>();
        java.util.List<Double> frr = new java.util.ArrayList<>();
        for (int i = 0; i < thresholds.length; i++) {
            if (falseAcceptRates[i] > 0 && falseRejectRates[i] > 0) {
                far.add(100 * falseAcceptRates[i]);
                frr.add(100 * falseRejectRates[i]);
            }
        }
        if (far.isEmpty()) {
            throw new IllegalStateException("no point of the DET curve has both error rates above 0 (the scores"
                    + " separate the trials perfectly): nothing to draw on logarithmic axes");
        }
        var plot = org.earshot.display.LinePlot.builder().title(title)
                .xAxis("False accept rate (%)").yAxis("False reject rate (%)")
                .xScale(org.earshot.display.AxisScale.LOGARITHMIC).yScale(org.earshot.display.AxisScale.LOGARITHMIC)
                .series("DET", far, frr);
        if (eer() > 0) {
            plot.series(String.format(Locale.ROOT, "EER %.2f%%", eerPercent()), new double[] {eerPercent()},
                    new double[] {eerPercent()}).markers(true);
        }
        return plot.build();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Verification[%d target, %d non-target trials, EER=%.2f%%, minDCF(0.01)=%.4f]",
                targetCount, nonTargetCount, eerPercent(), minDcf(DetectionCost.KALDI_DEFAULT));
    }

    @Override
    public MimeBundle toMimeBundle() {
        String[][] rows = {
                {"Trials", targetCount + " target, " + nonTargetCount + " non-target"},
                {"EER", String.format(Locale.ROOT, "%.2f%% (threshold ≈ %.4g)", eerPercent(), eerThreshold)},
                {"minDCF (P_target 0.01, C_miss 1, C_fa 1)", String.format(Locale.ROOT, "%.4f", minDcf(DetectionCost.KALDI_DEFAULT))},
                {"minDCF (P_target 0.05, C_miss 1, C_fa 1)", String.format(Locale.ROOT, "%.4f", minDcf(DetectionCost.VOXSRC))},
                {"FRR at FAR ≤ 1%", String.format(Locale.ROOT, "%.2f%%", 100 * falseRejectRateAt(0.01))},
                {"FRR at FAR ≤ 0.1%", String.format(Locale.ROOT, "%.2f%%", 100 * falseRejectRateAt(0.001))},
        };
        StringBuilder text = new StringBuilder("Verification\n");
        StringBuilder html = new StringBuilder("<table class=\"earshot-verification\"><caption>Verification</caption><tbody>");
        for (String[] r : rows) {
            text.append(String.format(Locale.ROOT, "  %-42s %s%n", r[0], r[1]));
            html.append("<tr><th style=\"text-align:left\">").append(Html.escape(r[0])).append("</th><td>")
                    .append(Html.escape(r[1])).append("</td></tr>");
        }
        html.append("</tbody></table>");
        return MimeBundle.text(text.toString().stripTrailing()).html(html.toString()).build();
    }
}
