package org.earshot.tts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.cli.EarshotCli;
import org.earshot.tts.speak.Era;
import org.earshot.tts.speak.ProductionTts;
import org.earshot.tts.speak.Prosody;
import org.earshot.tts.vocoder.SourceFilterVocoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production engines behind one interface, through ./earshot tts-speak (their Debian packages are requirements). */
class TtsSpeakCommandTest {

    private static final String TEXT = "Dr. Smith will see you at 1:50.";

    @Test
    void everyEngineSpeaksAndSpeedsUpWhenAsked(@TempDir Path dir) throws IOException {
        for (ProductionTts tts : ProductionTts.values()) {
            Path own = dir.resolve(tts.label() + ".wav");
            Path fast = dir.resolve(tts.label() + "-fast.wav");
            var said = EarshotCli.capture(List.of("tts-speak", TEXT, "--engine", tts.label(), "--out", own.toString()),
                    false);
            assertEquals(0, said.exitCode(), said.output());
            assertTrue(said.output().strip().startsWith("engine=" + tts.label() + " era="), said.output());
            var faster = EarshotCli.capture(List.of("tts-speak", TEXT, "--engine", tts.label(), "--rate", "1.5",
                    "--out", fast.toString()), false);
            assertEquals(0, faster.exitCode(), faster.output());
            double seconds = Wav.read(own).durationSeconds();
            double fastSeconds = Wav.read(fast).durationSeconds();
            assertTrue(seconds > 1.5 && seconds < 5, tts + ": " + seconds + " s");
            // 1.5× as fast: about two thirds of the time (pauses and the engines' own rounding aside)
            assertTrue(fastSeconds < 0.8 * seconds && fastSeconds > 0.5 * seconds,
                    tts + ": " + seconds + " s at its own rate, " + fastSeconds + " s at 1.5");
        }
        assertEquals(Era.CONCATENATIVE, ProductionTts.FESTIVAL.era());
        assertEquals(Era.PARAMETRIC, ProductionTts.FESTIVAL_HTS.era());
    }

    @Test
    void espeakChangesItsPitchAndTheOthersSaySoInOneLine(@TempDir Path dir) throws Exception {
        SourceFilterVocoder analysis = SourceFilterVocoder.builder().build();
        Audio low = ProductionTts.ESPEAK.speak("a long sentence about the weather", new Prosody(1, OptionalInt.of(10)));
        Audio high = ProductionTts.ESPEAK.speak("a long sentence about the weather", new Prosody(1, OptionalInt.of(90)));
        double lowHz = analysis.analyse(low).medianF0Hz();
        double highHz = analysis.analyse(high).medianF0Hz();
        assertTrue(highHz > 1.5 * lowHz, lowHz + " Hz at pitch 10, " + highHz + " Hz at 90");
        var refused = EarshotCli.capture(List.of("tts-speak", "hello", "--engine", "festival", "--pitch", "80",
                "--out", dir.resolve("x.wav").toString()), false);
        assertEquals(2, refused.exitCode());
        assertEquals("earshot tts-speak: festival cannot change its voice's pitch here (espeak can)",
                refused.output().strip());
        var unknown = EarshotCli.capture(List.of("tts-speak", "hello", "--engine", "tacotron", "--out",
                dir.resolve("y.wav").toString()), false);
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.output().contains("the engines: festival, festival-hts, flite, espeak"), unknown.output());
        assertTrue(Files.notExists(dir.resolve("x.wav")) && Files.notExists(dir.resolve("y.wav")));
        assertThrows(IllegalArgumentException.class, () -> new Prosody(5, OptionalInt.empty()));
        IllegalArgumentException slow = assertThrows(IllegalArgumentException.class,
                () -> ProductionTts.ESPEAK.speak("hello", new Prosody(0.3, OptionalInt.empty())));
        assertTrue(slow.getMessage().contains("no slower than 80 words a minute"), slow.getMessage());
        Audio minus = ProductionTts.ESPEAK.speak("-5 degrees outside"); // text, not an option
        assertTrue(minus.durationSeconds() > 0.5, minus.toString());
        assertThrows(IllegalArgumentException.class, () -> ProductionTts.FLITE.speak(" "));
    }

    @Test
    void theKitsFrontEndCanReadForTheEngine(@TempDir Path dir) {
        var kit = EarshotCli.capture(List.of("tts-speak", "Elm Dr.", "--engine", "espeak", "--kit-front-end", "--out",
                dir.resolve("k.wav").toString()), false);
        assertEquals(0, kit.exitCode(), kit.output());
        assertTrue(kit.output().contains("text=\"elm drive\""), kit.output());
    }
}
