package org.earshot.tts.parametric;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One phone of the kit's statistical parametric voice (§21.3): how long it lasts and its three states (onset,
 * middle, offset), as a three-state left-to-right HMM of HTS would hold them, reduced to means.
 *
 * @param phone        the phone, festival's radio phone set (ARPAbet, lower case, {@code ax} for a reduced vowel,
 *                     {@code pau} for silence)
 * @param meanSeconds  its mean duration away from a pause
 * @param count        how many times it was seen in training
 * @param states       onset, middle and offset, over every context
 * @param onsets       the onset state after a given phone (the left context), where it was seen often enough:
 *                     coarticulation, the transition from the phone before, which a context-free mean blurs
 * @param offsets      the offset state before a given phone (the right context), likewise
 */
public record PhoneModel(String phone, double meanSeconds, int count, List<StateModel> states,
                         Map<String, StateModel> onsets, Map<String, StateModel> offsets) {

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
        onsets = java.util.Collections.unmodifiableMap(new TreeMap<>(onsets == null ? Map.of() : onsets));
        offsets = java.util.Collections.unmodifiableMap(new TreeMap<>(offsets == null ? Map.of() : offsets));
    }

    /**
     * @param state the state (0 onset, 1 middle, 2 offset)
     * @param left  the phone before, or null at the start
     * @param right the phone after, or null at the end
     * @return the state's model in that context: the onset after {@code left} or the offset before {@code right}
     *         where trained, else the context-free one
     */
    public StateModel state(int state, String left, String right) {
        StateModel inContext = state == 0 && left != null ? onsets.get(left)
                : state == STATES - 1 && right != null ? offsets.get(right) : null;
        return inContext != null ? inContext : states.get(state);
    }
}
