package org.earshot.tts.parametric;

/**
 * One of a phone's three states in the kit's statistical parametric voice (§21.3): what an HMM state of HTS holds,
 * reduced to means. The spectral envelope is kept as the mean <em>normalised autocorrelation</em> of the state's
 * frames, ρ[k] = r[k]/r[0]: a mean of autocorrelations is itself an autocorrelation (a sum of positive definite
 * Toeplitz matrices is one), so the Levinson-Durbin recursion always turns it, or any blend of two states', into a
 * stable all-pole filter, which averaging the filter coefficients themselves would not guarantee.
 *
 * @param autocorrelation ρ[0 … p], ρ[0] = 1: the mean normalised autocorrelation of the state's frames
 * @param logEnergy       the mean natural log of the frames' energy per sample (r[0] over the window's energy)
 * @param voicedShare     the share of its frames that were voiced (0 … 1); the state is voiced above one half
 * @param logF0Offset     the mean of its voiced frames' ln F0 less the utterance's F0 line, 0 when none was voiced
 */
public record StateModel(double[] autocorrelation, double logEnergy, double voicedShare, double logF0Offset) {

    public StateModel {
        if (autocorrelation.length < 2 || Math.abs(autocorrelation[0] - 1) > 1e-9) {
            throw new IllegalArgumentException("a state's autocorrelation is ρ[0 … p] with ρ[0] = 1");
        }
        if (!(voicedShare >= 0 && voicedShare <= 1)) {
            throw new IllegalArgumentException("voiced share " + voicedShare + ": want 0 … 1");
        }
        autocorrelation = autocorrelation.clone();
    }

    @Override
    public double[] autocorrelation() {
        return autocorrelation.clone();
    }

    /** @return whether the state is voiced: more than half its training frames were */
    public boolean voiced() {
        return voicedShare > 0.5;
    }
}
