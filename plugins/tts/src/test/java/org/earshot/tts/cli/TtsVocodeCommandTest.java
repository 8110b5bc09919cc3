package org.earshot.tts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.cli.EarshotCli;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TtsVocodeCommandTest {

    private static final Path VOICE = Kit.home().resolve("data/fixtures/signal/alsa-front-center-16k.wav");

    private static double convergence(String line) {
        Matcher m = Pattern.compile("spectral convergence ([0-9.]+)").matcher(line);
        assertTrue(m.find(), line);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aRecordingIsVocodedAndMoreIterationsComeCloser(@TempDir Path dir) throws IOException {
        var one = EarshotCli.capture(List.of("tts-vocode", VOICE.toString(), "--iterations", "1", "--out",
                dir.resolve("one").toString()), false);
        assertEquals(0, one.exitCode(), one.output());
        var many = EarshotCli.capture(List.of("tts-vocode", VOICE.toString(), "--iterations", "32", "--out",
                dir.resolve("many").toString()), false);
        assertEquals(0, many.exitCode(), many.output());
        assertTrue(convergence(many.output()) < convergence(one.output()), one.output() + many.output());
        Audio original = Wav.read(VOICE);
        Audio vocoded = Wav.read(dir.resolve("many/alsa-front-center-16k.wav"));
        assertEquals(original.frameCount(), vocoded.frameCount());
        assertEquals(original.sampleRate(), vocoded.sampleRate());
    }

    @Test
    void throughMelsTheDetailLostShowsAsAWorseFit(@TempDir Path dir) {
        var linear = EarshotCli.capture(List.of("tts-vocode", VOICE.toString(), "--out", dir.toString()), false);
        var mel = EarshotCli.capture(List.of("tts-vocode", VOICE.toString(), "--mel", "80", "--out",
                dir.resolve("mel").toString()), false);
        assertEquals(0, mel.exitCode(), mel.output());
        assertTrue(mel.output().contains("80 mel bands"), mel.output());
        assertTrue(convergence(mel.output()) > convergence(linear.output()), linear.output() + mel.output());
    }

    @Test
    void aBadFileIsOneLineAndTheOthersAreStillVocoded(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.wav"), "not a wav");
        var r = EarshotCli.capture(List.of("tts-vocode", bad.toString(), VOICE.toString(), "--iterations", "2",
                "--out", dir.resolve("out").toString()), false);
        assertEquals(1, r.exitCode());
        assertTrue(r.output().lines().anyMatch(l -> l.startsWith("earshot tts-vocode: " + bad)), r.output());
        assertTrue(Files.isRegularFile(dir.resolve("out/alsa-front-center-16k.wav")), r.output());
        var momentum = EarshotCli.capture(List.of("tts-vocode", VOICE.toString(), "--momentum", "1", "--out",
                dir.toString()), false);
        assertEquals(1, momentum.exitCode());
        assertEquals(1, momentum.output().strip().lines().count(), momentum.output());
    }

    @Test
    void helpNamesTheOptions() {
        var r = EarshotCli.capture(List.of("tts-vocode", "--help"), false);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("--iterations") && r.output().contains("--mel"), r.output());
    }
}
