package org.earshot.asr.hmm;

import java.util.ArrayList;
import java.util.List;

import org.earshot.display.Segment;

/**
 * A forced alignment read as phones (§21.2): where each phone of the transcript begins and ends, ready to draw over
 * the utterance's spectrogram ({@code SpectrogramPlot.withSegments}).
 */
public final class PhoneSegments {

    private PhoneSegments() {
    }

    /**
     * @param model        the acoustic model (3 states per phone)
     * @param sequence     the transcript's states ({@link AcousticModel#statesOf})
     * @param path         the forced alignment ({@link ViterbiTrainer#align}): a state of {@code sequence} per frame
     * @param frameSeconds the hop between frames, in seconds (frame {@code t} is centred at {@code t · frameSeconds})
     * @return one segment per phone occurrence, labelled with the phone ({@code SIL} for silence)
     */
    public static List<Segment> of(AcousticModel model, int[] sequence, int[] path, double frameSeconds) {
        List<Segment> out = new ArrayList<>();
        int j = 0;
        int phoneStart = 0;
        int currentPhone = 0;
        for (int t = 0; t < path.length; t++) {
            while (j < sequence.length - 1 && sequence[j] != path[t]) {
                j++;
            }
            int phone = j / AcousticModel.STATES;
            if (phone != currentPhone) {
                out.add(segment(model, sequence, currentPhone, phoneStart, t, frameSeconds));
                currentPhone = phone;
                phoneStart = t;
            }
        }
        out.add(segment(model, sequence, currentPhone, phoneStart, path.length, frameSeconds));
        return out;
    }

    private static Segment segment(AcousticModel model, int[] sequence, int phoneIndex, int fromFrame, int toFrame,
                                   double frameSeconds) {
        String name = model.phones().get(sequence[phoneIndex * AcousticModel.STATES] / AcousticModel.STATES);
        // word-dependent phones ("nine:N1") are shown as the phone
        String label = name.contains(":") ? name.substring(name.indexOf(':') + 1).replaceAll("\\d+$", "") : name;
        return new Segment((fromFrame - 0.5) * frameSeconds, (toFrame - 0.5) * frameSeconds, label);
    }
}
