package org.earshot.tts.parametric;

import java.util.List;

/**
 * One phone of the kit's statistical parametric voice (§21.3): how long it lasts and its three states (onset,
 * middle, offset), as a three-state left-to-right HMM of HTS would hold them, reduced to means.
 *
 * @param phone        the phone, festival's radio phone set (ARPAbet, lower case, {@code ax} for a reduced vowel,
 *                     {@code pau} for silence)
 * @param meanSeconds  its mean duration away from a pause
 * @param count        how many times it was seen in training
 * @param states       onset, middle and offset
 */
public record PhoneModel(String phone, double meanSeconds, int count, List<StateModel> states) {

    /** States per phone, as in HTS. */
    public static final int STATES = 3;

    public PhoneModel {
        if (states.size() != STATES) {
            throw new IllegalArgumentException(phone + ": " + states.size() + " states, want " + STATES);
        }
        if (!(meanSeconds > 0)) {
            throw new IllegalArgumentException(phone + ": mean duration " + meanSeconds + " s, want > 0");
        }
        states = List.copyOf(states);
    }
}
