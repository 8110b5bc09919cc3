package org.earshot.tts.concat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import org.earshot.audio.Audio;
import org.earshot.kit.Kit;
import org.earshot.tts.Tts;
import org.earshot.tts.parametric.TimedPhone;
import org.earshot.tts.speak.Era;
import org.earshot.tts.speak.Prosody;
import org.earshot.tts.vocoder.SourceFilterVocoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit's diphone voice: built from known recordings, and as committed (data/models/kit-concat). */
class KitConcatTtsTest {

    /** A recording of "pau aa s pau": silence, a 100 Hz vowel, noise, silence; 0.2 s each. */
    private static DiphoneVoice.Recording recording(long seed) {
        int rate = 16000;
        double[] x = new double[4 * 3200];
        java.util.Random r = new java.util.Random(seed);
        for (int i = 3200; i < 6400; i++) {
            int j = (i - 3200) % 160;
            x[i] = 0.5 * Math.exp(-j / 25.0) * Math.cos(2 * Math.PI * 700 * j / rate);
        }
        for (int i = 6400; i < 9600; i++) {
            x[i] = 0.1 * r.nextGaussian();
        }
        return new DiphoneVoice.Recording(Audio.mono(x, rate), List.of(new TimedPhone("pau", 0, 0.2),
                new TimedPhone("aa", 0.2, 0.4), new TimedPhone("s", 0.4, 0.6), new TimedPhone("pau", 0.6, 0.8)));
    }

    @Test
    void diphonesRunFromMiddleToMiddleAndSurviveTheirFiles(@TempDir Path dir) throws Exception {
        DiphoneVoice v = DiphoneVoice.build(List.of(recording(1), recording(2)), "test recordings");
        assertEquals(java.util.Set.of("pau-aa", "aa-s", "s-pau"), v.units().keySet());
        DiphoneVoice.Unit aaS = v.units().get("aa-s");
        assertEquals(3200, aaS.coreEnd() - aaS.core(), "the middle of aa to the middle of s: 0.2 s");
        assertEquals(1600, aaS.boundary() - aaS.core());
        v.write(dir);
        DiphoneVoice back = DiphoneVoice.read(dir);
        assertEquals(v.units().keySet(), back.units().keySet());
        DiphoneVoice.Unit read = back.units().get("aa-s");
        assertEquals(List.of(aaS.core(), aaS.coreEnd(), aaS.boundary()), List.of(read.core(), read.coreEnd(),
                read.boundary()));
        assertEquals(java.util.Arrays.toString(aaS.marks().samples()), java.util.Arrays.toString(read.marks().samples()));
        assertEquals(java.util.Arrays.toString(aaS.marks().voiced()), java.util.Arrays.toString(read.marks().voiced()));
        for (int i = 0; i < aaS.samples().length; i++) {
            assertEquals(aaS.samples()[i], read.samples()[i], 1 / 32768.0, "sample " + i + " (16-bit)");
        }
        assertEquals(v.f0Hz(0.5), back.f0Hz(0.5), 1e-9);
        DiphoneVoice.Plan plan = back.plan(List.of("pau", "aa", "s", "pau"));
        assertEquals(3, plan.pieces().size());
        assertEquals(0, plan.halfPhonePairs());
        DiphoneVoice.Plan stood = back.plan(List.of("pau", "s", "aa", "pau")); // no pair of it was recorded
        assertEquals(3, stood.halfPhonePairs()); // pau-s, s-aa, aa-pau
        assertEquals(6, stood.pieces().size(), "two half-phones each");
        assertEquals(3, stood.phonePairs());
        var e = assertThrows(IllegalArgumentException.class, () -> back.plan(List.of("pau", "zh", "pau")));
        assertEquals("no unit ends with the phone 'zh' (the voice's phones: aa pau s; retrain it on recordings that"
                + " have it: ./earshot train-kit-concat)", e.getMessage());
        Files.delete(dir.resolve("units.wav"));
        var missing = assertThrows(java.io.IOException.class, () -> DiphoneVoice.read(dir));
        assertTrue(missing.getMessage().contains("train it: ./earshot train-kit-concat"), missing.getMessage());
    }

    @Test
    void theCommittedVoiceSpeaksAndItsSpeedAndPitchAreControls() throws Exception {
        var tts = Tts.engine("kit-concat", Kit.home()); // closed by the JVM's end
        assertEquals(Era.CONCATENATIVE, tts.era());
        assertTrue(tts.footprintBytes() < 8_000_000, tts.footprintBytes() + " bytes");
        Audio own = tts.speak("one two three four");
        Audio fast = tts.speak("one two three four", new Prosody(2, OptionalInt.empty()));
        Audio high = tts.speak("one two three four", new Prosody(1, OptionalInt.of(99)));
        assertTrue(own.durationSeconds() > 1 && own.durationSeconds() < 3, own.durationSeconds() + " s");
        assertEquals(own.durationSeconds() / 2, fast.durationSeconds(), 0.01);
        SourceFilterVocoder f0 = SourceFilterVocoder.builder().build();
        assertEquals(169.0 / 102, f0.analyse(high).medianF0Hz() / f0.analyse(own).medianF0Hz(), 0.12);
        assertTrue(own.peak() <= 0.9 + 1e-6 && own.rmsDbfs() > -35, own.rmsDbfs() + " dBFS");
        assertEquals(own, tts.speak("one two three four"));
        var e = assertThrows(IllegalArgumentException.class, () -> tts.speak("!!!"));
        assertEquals("nothing to say: '!!!' has no words", e.getMessage());
    }
}
