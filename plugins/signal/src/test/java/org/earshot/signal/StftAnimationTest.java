package org.earshot.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.earshot.audio.Audio;
import org.earshot.audio.Synth;
import org.earshot.display.Animation;
import org.earshot.features.Stft;
import org.junit.jupiter.api.Test;

class StftAnimationTest {

    private static final Stft STFT = Stft.builder().nFft(400).hopLength(160).build();

    @Test
    void aTrimmedClipIsAnimatedOnItsOwnTimes() {
        Audio speech = Synth.chirp(200, 4000, 1.5, 16000, 0.5);
        Audio clip = speech.trim(0.2, 1.2); // as lesson 21.1, §5
        double[] centres = StftAnimation.windowCentres(clip, STFT, 10);
        assertEquals(10, centres.length);
        assertEquals(0.2, centres[0], 1e-12, "the first picture's window is at the clip's start, not at 0");
        assertEquals(1.2, centres[9], 1e-12, "and the last at its end (centred frames, 101 of them)");
        // the whole recording's animation is where it was
        assertArrayEquals(new double[] {0, 1.5}, new double[] {StftAnimation.windowCentres(speech, STFT, 2)[0],
                StftAnimation.windowCentres(speech, STFT, 2)[1]}, 1e-12);
        // uncentred frames: the first window's centre is n_fft/2 after the start
        Stft uncentred = Stft.builder().nFft(400).hopLength(160).center(false).build();
        assertEquals(0.2 + 200 / 16000.0, StftAnimation.windowCentres(clip, uncentred, 2)[0], 1e-12);
        Animation a = StftAnimation.of(clip, STFT, 3);
        assertEquals(3, a.frameCount());
    }
}
