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

    /**
     * @return the F0 factor the pitch scale means on espeak-ng's en-us (0 ≈ 74 Hz, 50 ≈ 102 Hz, 99 ≈ 169 Hz, linear
     *         between, over 102 Hz), for a voice that scales its own F0; 1 when no pitch is asked for
     */
    public double pitchFactor() {
        if (pitch.isEmpty()) {
            return 1;
        }
        int p = pitch.getAsInt();
        double hz = p <= 50 ? 74 + (102 - 74) * p / 50.0 : 102 + (169 - 102) * (p - 50) / 49.0;
        return hz / 102;
    }
}
