package org.earshot.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.display.Segment;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;

/** Silero VAD from Java on a real recording (alsa-utils' "Front Center", a human voice). */
class SileroVadTest {

    @Test
    void findsTheSpeechOfARealRecordingBetweenSilences() throws Exception {
        Audio voice = Wav.read(Kit.home().resolve("data/fixtures/signal/alsa-front-center-16k.wav"));
        float[] padded = new float[voice.samples().length + 2 * 16000];
        System.arraycopy(voice.samples(), 0, padded, 16000, voice.samples().length);
        Audio padded16k = Audio.mono(padded, 16000);
        try (SileroVad vad = SileroVad.load()) {
            List<Segment> speech = vad.speech(padded16k);
            assertEquals(1, speech.size(), speech.toString());
            Segment s = speech.get(0);
            double end = 1.0 + voice.samples().length / 16000.0;
            assertTrue(Math.abs(s.start() - 1.0) < 0.3, "starts near 1 s: " + s);
            assertTrue(s.end() > 1.3 && s.end() < end + 0.3, "ends within the voice: " + s + " (voice ends " + end + ")");
            assertEquals(List.of(), vad.speech(Audio.mono(new float[3 * 16000], 16000)), "silence has no speech");
            List<Segment> frames = vad.speechFrames(padded16k, 0.5);
            assertTrue(!frames.isEmpty() && frames.get(0).start() > 0.7 && frames.get(frames.size() - 1).end() < end + 0.3,
                    "frames with p >= 0.5 lie on the voice: " + frames);
            assertEquals(List.of(), vad.speechFrames(Audio.mono(new float[3 * 16000], 16000), 0.5));
        }
    }
}
