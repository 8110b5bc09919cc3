package org.earshot.metrics;

import java.util.Locale;

/**
 * Who spoke when: one speaker turn, an RTTM {@code SPEAKER} line
 * ({@code SPEAKER file 1 <start> <duration> <NA> <NA> <speaker> <NA> <NA>}).
 *
 * @param startSeconds where the turn begins, in seconds (finite)
 * @param endSeconds   where it ends, in seconds (&gt; start)
 * @param speaker      the speaker's label (non-blank); hypothesis labels need not match the reference's
 */
public record SpeakerSegment(double startSeconds, double endSeconds, String speaker) {

    public SpeakerSegment {
        if (!Double.isFinite(startSeconds) || !Double.isFinite(endSeconds)) {
            throw new IllegalArgumentException("segment times must be finite: " + startSeconds + " s to " + endSeconds + " s");
        }
        if (!(endSeconds > startSeconds)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "segment of '%s' ends (%.3f s) before it starts (%.3f s): end must be > start", speaker, endSeconds,
                    startSeconds));
        }
        if (speaker == null || speaker.isBlank()) {
            throw new IllegalArgumentException("a segment needs a speaker label");
        }
    }

    /** @return a segment from its start and duration, as an RTTM line gives them */
    public static SpeakerSegment ofDuration(double startSeconds, double durationSeconds, String speaker) {
        return new SpeakerSegment(startSeconds, startSeconds + durationSeconds, speaker);
    }

    /** @return {@code endSeconds − startSeconds} */
    public double durationSeconds() {
        return endSeconds - startSeconds;
    }
}
