package org.earshot.speakers.meeting;

import java.util.List;
import java.util.Objects;

import org.earshot.audio.Audio;
import org.earshot.metrics.SpeakerSegment;

/**
 * A generated meeting: its sound, its reference "who spoke when" (one segment per clip, overlaps included) and the
 * speakers in it (corpus speaker ids).
 *
 * @param id        the recording id in RTTM, e.g. {@code meeting-7-3spk}
 * @param audio     the mix, mono
 * @param reference the reference turns, by start time
 * @param speakers  who speaks, in the order drawn
 * @param noise     the noise under the speech, and where it comes from
 */
public record Meeting(String id, Audio audio, List<SpeakerSegment> reference, List<String> speakers,
                      MeetingNoise noise) {

    public Meeting {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(noise, "noise");
        reference = List.copyOf(reference);
        speakers = List.copyOf(speakers);
    }

    /** A meeting with no noise. */
    public Meeting(String id, Audio audio, List<SpeakerSegment> reference, List<String> speakers) {
        this(id, audio, reference, speakers, MeetingNoise.NONE);
    }

    /** @return the seconds where two or more reference speakers speak at once, over the seconds of speech */
    public double overlapFraction() {
        double step = 0.01;
        int both = 0;
        int any = 0;
        for (double t = 0; t < audio.durationSeconds(); t += step) {
            int n = 0;
            for (SpeakerSegment s : reference) {
                if (s.startSeconds() <= t && t < s.endSeconds()) {
                    n++;
                }
            }
            any += n > 0 ? 1 : 0;
            both += n > 1 ? 1 : 0;
        }
        return any == 0 ? 0 : both / (double) any;
    }
}
