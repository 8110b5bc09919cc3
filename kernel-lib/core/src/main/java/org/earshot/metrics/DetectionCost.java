package org.earshot.metrics;

/**
 * The costs and prior of a detection cost function (NIST SRE), for {@link Verification#minDcf(DetectionCost)}:
 * <pre>DCF(θ) = C_miss · P_target · P_miss(θ) + C_fa · (1 − P_target) · P_fa(θ)</pre>
 * normalised by the cost of the better trivial system (accept all or reject all),
 * {@code min(C_miss·P_target, C_fa·(1 − P_target))}, so 1.0 means "no better than guessing".
 *
 * @param targetPrior     P_target, the prior probability of a target trial, in (0, 1)
 * @param missCost        C_miss, the cost of rejecting a target (&gt; 0)
 * @param falseAlarmCost  C_fa, the cost of accepting a non-target (&gt; 0)
 * @see <a href="https://github.com/kaldi-asr/kaldi/blob/master/egs/sre08/v1/sid/compute_min_dcf.py">Kaldi compute_min_dcf.py</a>
 */
public record DetectionCost(double targetPrior, double missCost, double falseAlarmCost) {

    /** P_target = 0.01, C_miss = C_fa = 1: Kaldi's {@code compute_min_dcf.py} default, often quoted on VoxCeleb1. */
    public static final DetectionCost KALDI_DEFAULT = new DetectionCost(0.01, 1, 1);
    /** P_target = 0.05, C_miss = C_fa = 1: the VoxSRC challenges (and voxceleb_trainer). */
    public static final DetectionCost VOXSRC = new DetectionCost(0.05, 1, 1);
    /** P_target = 0.01, C_miss = 10, C_fa = 1: NIST SRE 2008. */
    public static final DetectionCost SRE_2008 = new DetectionCost(0.01, 10, 1);

    public DetectionCost {
        if (!(targetPrior > 0 && targetPrior < 1)) {
            throw new IllegalArgumentException("target_prior (" + targetPrior + ") must lie in (0, 1)");
        }
        if (!(missCost > 0) || !(falseAlarmCost > 0)) {
            throw new IllegalArgumentException("miss_cost (" + missCost + ") and false_alarm_cost (" + falseAlarmCost
                    + ") must be > 0");
        }
    }

    /** @return the normaliser {@code min(C_miss·P_target, C_fa·(1 − P_target))} */
    public double defaultCost() {
        return Math.min(missCost * targetPrior, falseAlarmCost * (1 - targetPrior));
    }

    /**
     * @param missRate       P_miss at some threshold, in [0, 1]
     * @param falseAlarmRate P_fa at that threshold, in [0, 1]
     * @return the normalised DCF at that operating point
     */
    public double normalizedCost(double missRate, double falseAlarmRate) {
        return (missCost * targetPrior * missRate + falseAlarmCost * (1 - targetPrior) * falseAlarmRate) / defaultCost();
    }
}
