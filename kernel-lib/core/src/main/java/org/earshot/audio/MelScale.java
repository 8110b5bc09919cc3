package org.earshot.audio;

/**
 * The two mel scales in use (§21.1): perceived pitch as a function of frequency.
 *
 * <ul>
 *   <li>{@link #HTK}: {@code m = 2595·log10(1 + f/700)} (O'Shaughnessy 1987; HTK, torchaudio's default).
 *       Worked examples: 200 Hz ≈ 283 mel, 1000 Hz ≈ 1000 mel, 5000 Hz ≈ 2363 mel.</li>
 *   <li>{@link #SLANEY}: linear below 1 kHz ({@code m = 3f/200}), logarithmic above
 *       ({@code m = 15 + 27·ln(f/1000)/ln(6.4)}) (Slaney's Auditory Toolbox; librosa's default).</li>
 * </ul>
 *
 * @see <a href="https://pytorch.org/audio/stable/generated/torchaudio.functional.melscale_fbanks.html">torchaudio melscale_fbanks</a>
 */
public enum MelScale {
    /** {@code 2595·log10(1 + f/700)}. */
    HTK {
        @Override
        public double hzToMel(double frequencyHz) {
            return 2595.0 * Math.log10(1.0 + frequencyHz / 700.0);
        }

        @Override
        public double melToHz(double mel) {
            return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
        }
    },
    /** Linear to 1 kHz, then logarithmic, as in Slaney's Auditory Toolbox. */
    SLANEY {
        @Override
        public double hzToMel(double frequencyHz) {
            return frequencyHz < BREAK_HZ ? frequencyHz / HZ_PER_MEL
                    : BREAK_MEL + Math.log(frequencyHz / BREAK_HZ) / LOG_STEP;
        }

        @Override
        public double melToHz(double mel) {
            return mel < BREAK_MEL ? mel * HZ_PER_MEL : BREAK_HZ * Math.exp(LOG_STEP * (mel - BREAK_MEL));
        }
    };

    private static final double BREAK_HZ = 1000.0;
    private static final double HZ_PER_MEL = 200.0 / 3.0;
    private static final double BREAK_MEL = BREAK_HZ / HZ_PER_MEL;
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    /**
     * @param frequencyHz frequency in Hz (≥ 0)
     * @return the same frequency in mel
     */
    public abstract double hzToMel(double frequencyHz);

    /**
     * @param mel a pitch in mel (≥ 0)
     * @return the same pitch in Hz
     */
    public abstract double melToHz(double mel);
}
