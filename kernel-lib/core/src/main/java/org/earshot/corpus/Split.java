package org.earshot.corpus;

import java.util.List;
import java.util.Set;

/**
 * Train, dev and test are <b>voice-disjoint</b>: a voice heard in one split is never heard in another. The test
 * split holds out a whole espeak-ng accent (Scottish English), a whole flite voice (rms) and two espeak-ng variants
 * in every accent; dev holds out another accent (Caribbean English) and the flite voice awb. Generalising to a new
 * voice and a new accent is the question a test split should ask.
 */
public enum Split {
    TRAIN, DEV, TEST;

    static final String TEST_ACCENT = "en-gb-scotland";
    static final String DEV_ACCENT = "en-029";
    static final Set<String> TEST_VARIANTS = Set.of("m7", "Alicia");

    /** @return which split a voice belongs to */
    public static Split of(Voice v) {
        return switch (v.engine()) {
            case ESPEAK_NG -> {
                String variant = v.name().substring(v.name().indexOf('+') + 1);
                if (v.accent().equals(TEST_ACCENT) || TEST_VARIANTS.contains(variant)) {
                    yield TEST;
                }
                yield v.accent().equals(DEV_ACCENT) ? DEV : TRAIN;
            }
            case FLITE -> v.name().equals("rms") ? TEST : v.name().equals("awb") ? DEV : TRAIN;
            case FESTIVAL -> TRAIN;
            case HUMAN -> throw new IllegalArgumentException("a recorded speaker's split is in its manifest "
                    + "(see org.earshot.corpus.real.SpeakerSplits), not a rule of Split: " + v.id());
        };
    }

    /** @return the voices of this split */
    public List<Voice> voices() {
        return Voice.all().stream().filter(v -> of(v) == this).toList();
    }

    /** @return the split's name in a manifest and on the command line: {@code train}, {@code dev} or {@code test} */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @param label {@code train}, {@code dev} or {@code test}, as {@link #label()} writes it
     * @return the split
     * @throws IllegalArgumentException naming the label when it is none of them
     */
    public static Split ofLabel(String label) {
        for (Split s : values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + label + "' is not a split (train, dev or test)");
    }
}
