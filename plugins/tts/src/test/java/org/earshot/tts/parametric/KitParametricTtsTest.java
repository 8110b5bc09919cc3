package org.earshot.tts.parametric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;

import org.earshot.audio.Audio;
import org.earshot.kit.Kit;
import org.earshot.tts.Tts;
import org.earshot.tts.speak.Era;
import org.earshot.tts.speak.Prosody;
import org.earshot.tts.vocoder.SourceFilterVocoder;
import org.junit.jupiter.api.Test;

/** The kit's parametric voice as committed (data/models/kit-parametric), through the kit's front end. */
class KitParametricTtsTest {

    @Test
    void theFrontEndGivesFestivalsPhones() throws Exception {
        try (KitParametricTts tts = KitParametricTts.open(Kit.home())) {
            assertEquals(List.of("pau", "d", "aa", "k", "t", "er", "s", "m", "ih", "th", "pau"),
                    tts.phones("Dr. Smith"));
            assertEquals(Era.PARAMETRIC, tts.era());
            assertTrue(tts.footprintBytes() < 2_000_000, tts.footprintBytes() + " bytes");
            var e = assertThrows(IllegalArgumentException.class, () -> tts.speak("!!!"));
            assertEquals("nothing to say: '!!!' has no words", e.getMessage());
        }
    }

    @Test
    void speaksAndItsSpeedAndPitchAreControls() throws Exception {
        var tts = Tts.engine("kit-parametric", Kit.home()); // closed by the JVM's end: a test's one engine
        SourceFilterVocoder pitch = SourceFilterVocoder.builder().build();
        Audio own = tts.speak("one two three four");
        Audio fast = tts.speak("one two three four", new Prosody(2, OptionalInt.empty()));
        Audio high = tts.speak("one two three four", new Prosody(1, OptionalInt.of(99)));
        assertTrue(own.durationSeconds() > 1 && own.durationSeconds() < 3, own.durationSeconds() + " s");
        assertEquals(own.durationSeconds() / 2, fast.durationSeconds(), 0.02);
        double ratio = pitch.analyse(high).medianF0Hz() / pitch.analyse(own).medianF0Hz();
        assertEquals(169.0 / 102, ratio, 0.12);
        assertTrue(own.peak() <= 0.9 + 1e-6 && own.rmsDbfs() > -35, own.rmsDbfs() + " dBFS");
        assertEquals(own, tts.speak("one two three four")); // the same text, the same sound
    }
}
