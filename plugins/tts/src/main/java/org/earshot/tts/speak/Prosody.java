package org.earshot.tts.speak;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * How fast and how high to speak: the controllability column of the era table.
 *
 * @param speedFactor speed as a factor of the voice's own (1: its own; 1.5: half as fast again, the durations ÷
 *                    1.5); 0.25 ≤ factor ≤ 4 (espeak-ng speaks no slower than 80 words a minute, 0.46)
 * @param pitch       espeak-ng's pitch scale 0–99 (50 its own; measured on en-us: 0 ≈ 74 Hz, 50 ≈ 102 Hz, 99 ≈
 *                    169 Hz), or
 *                    empty for the voice's own — the engines that cannot change pitch refuse it
 */
public record Prosody(double speedFactor, OptionalInt pitch) {

    /** The voice's own rate and pitch. */
    public static final Prosody OWN = new Prosody(1, OptionalInt.empty());

    public Prosody {
        if (!(speedFactor >= 0.25 && speedFactor <= 4)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "speed factor %s: want 0.25 to 4 (1 = the"
                    + " voice's own)", speedFactor));
        }
        if (pitch.isPresent() && (pitch.getAsInt() < 0 || pitch.getAsInt() > 99)) {
            throw new IllegalArgumentException("pitch " + pitch.getAsInt() + ": want 0–99 (50 = the voice's own)");
        }
    }
}
