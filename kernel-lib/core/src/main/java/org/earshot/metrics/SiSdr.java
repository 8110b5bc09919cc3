package org.earshot.metrics;

import org.earshot.audio.Audio;

/**
 * Scale-invariant signal-to-distortion ratio, SI-SDR (Le Roux, Wisdom, Erdogan &amp; Hershey 2019, "SDR –
 * half-baked or well done?", ICASSP), the usual score of source separation and enhancement.
 *
 * <p>The reference {@code s} is first scaled to best fit the estimate {@code ŝ}, so turning the volume up or down
 * neither helps nor hurts; what is left over is distortion:
 * <pre>
 * α = ⟨ŝ, s⟩ / ‖s‖²          (the optimal scale)
 * e = α·s − ŝ                (the distortion)
 * SI-SDR = 10·log10( ‖α·s‖² / ‖e‖² )   dB
 * </pre>
 * With {@link Centering#ZERO_MEAN} both signals first have their mean subtracted, as the paper assumes and as
 * asteroid ({@code pairwise_neg_sisdr}, default) and torchmetrics with {@code zero_mean=True} do; with
 * {@link Centering#NONE} they are taken as they are (torchmetrics' default, {@code zero_mean=False}). A DC offset in
 * the estimate counts as distortion only in the latter. torchmetrics adds machine epsilon to numerator and
 * denominator; we do not, so results agree except for silent or perfect signals (checked against a numpy
 * transcription of torchmetrics in {@code data/fixtures/metrics/make_metrics_fixtures.py}).
 *
 * <p>Worked example: ŝ = s + 0.1·n with n orthogonal to s and ‖n‖ = ‖s‖ gives α = 1 and SI-SDR = 20 dB; so does
 * 3·ŝ. As in {@link Snr}, the reference comes first (as in mir_eval), the estimate second.
 *
 * @see <a href="https://arxiv.org/abs/1811.02508">Le Roux et al. 2019, arXiv:1811.02508</a>
 * @see <a href="https://lightning.ai/docs/torchmetrics/stable/audio/scale_invariant_signal_distortion_ratio.html">torchmetrics SI-SDR</a>
 */
public final class SiSdr {

    /** Whether the signals' means are removed before scoring. */
    public enum Centering {
        /** Score the signals as given (torchmetrics' default, {@code zero_mean=False}). */
        NONE,
        /** Subtract each signal's mean first (the paper; asteroid's default; torchmetrics {@code zero_mean=True}). */
        ZERO_MEAN
    }

    private SiSdr() {
    }

    /**
     * @param reference the clean reference {@code s} (not all zero, nor constant under {@code ZERO_MEAN})
     * @param estimate  the estimate {@code ŝ}, same length
     * @param centering whether means are removed first
     * @return SI-SDR in dB; {@code +∞} when the estimate is an exact multiple of the reference
     * @throws IllegalArgumentException when the lengths differ, the signals are empty or the reference is silent
     */
    public static double siSdrDb(double[] reference, double[] estimate, Centering centering) {
        double[][] se = centred(reference, estimate, centering);
        double[] s = se[0];
        double[] e = se[1];
        double alpha = scaleOf(s, e);
        double target = 0;
        double distortion = 0;
        for (int n = 0; n < s.length; n++) {
            double t = alpha * s[n];
            target += t * t;
            distortion += (t - e[n]) * (t - e[n]);
        }
        return 10.0 * Math.log10(target / distortion);
    }

    /**
     * @param reference the clean reference (mixed down)
     * @param estimate  the estimate, same sample rate and length
     * @param centering whether means are removed first
     * @return SI-SDR in dB, as {@link #siSdrDb(double[], double[], Centering)}
     */
    public static double siSdrDb(Audio reference, Audio estimate, Centering centering) {
        Snr.checkAudio(reference, estimate);
        return siSdrDb(Snr.toDouble(reference.samples()), Snr.toDouble(estimate.samples()), centering);
    }

    /**
     * @param reference the clean reference {@code s}
     * @param estimate  the estimate {@code ŝ}, same length
     * @param centering whether means are removed first
     * @return the optimal scale {@code α = ⟨ŝ, s⟩ / ‖s‖²} (1 when the estimate has the reference's level)
     */
    public static double optimalScale(double[] reference, double[] estimate, Centering centering) {
        double[][] se = centred(reference, estimate, centering);
        return scaleOf(se[0], se[1]);
    }

    private static double scaleOf(double[] s, double[] e) {
        double dot = 0;
        double energy = 0;
        for (int n = 0; n < s.length; n++) {
            dot += e[n] * s[n];
            energy += s[n] * s[n];
        }
        if (energy == 0) {
            throw new IllegalArgumentException("the reference is silent (all zero after centering): SI-SDR is undefined");
        }
        return dot / energy;
    }

    private static double[][] centred(double[] reference, double[] estimate, Centering centering) {
        Snr.checkPair(reference, estimate);
        if (centering == null) {
            throw new IllegalArgumentException("centering must be NONE or ZERO_MEAN, not null");
        }
        if (centering == Centering.NONE) {
            return new double[][] {reference, estimate};
        }
        return new double[][] {minusMean(reference), minusMean(estimate)};
    }

    private static double[] minusMean(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] - mean;
        }
        return out;
    }
}
