package org.earshot.speakers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.earshot.audio.Audio;
import org.earshot.audio.Synth;
import org.earshot.audio.Wav;
import org.earshot.cli.EarshotCli;
import org.earshot.kit.Kit;
import org.earshot.speakers.diarization.Rttm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeakersCommandsTest {

    private static final Path DER = Kit.home().resolve("data/fixtures/speakers/der");

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void derPrintsMdEvalsNumbersOnItsLastLine() {
        var r = EarshotCli.capture(List.of("der", DER.resolve("worked-example.ref.rttm").toString(),
                DER.resolve("worked-example.hyp.rttm").toString()), false);
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("DER=9.21% missed=0.00% false_alarm=0.00% confusion=9.21% scored=19.000s", lastLine(r.output()));
        var noCollar = EarshotCli.capture(List.of("der", DER.resolve("reference-overlap.ref.rttm").toString(),
                DER.resolve("reference-overlap.hyp.rttm").toString(), "--collar", "0", "--no-overlap"), false);
        assertTrue(lastLine(noCollar.output()).startsWith("DER=3.53% "), noCollar.output());
    }

    @Test
    void derNamesABadFileInOneLine(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.rttm"), "SPEAKER m 1 0 x <NA> <NA> A <NA> <NA>\n");
        var r = EarshotCli.capture(List.of("der", bad.toString(), DER.resolve("worked-example.hyp.rttm").toString()),
                false);
        assertEquals(1, r.exitCode());
        assertEquals("earshot der: " + bad + ":1: duration 'x' is not a finite number of seconds", r.output().strip());
        var missing = EarshotCli.capture(List.of("der", dir.resolve("none.rttm").toString(), bad.toString()), false);
        assertEquals(1, missing.exitCode());
        assertTrue(missing.output().strip().startsWith("earshot der: " + dir.resolve("none.rttm") + ": "), missing.output());
        Path other = Files.writeString(dir.resolve("other.rttm"), "SPEAKER elsewhere 1 0 1 <NA> <NA> A <NA> <NA>\n");
        var wrongId = EarshotCli.capture(List.of("der", DER.resolve("worked-example.ref.rttm").toString(),
                other.toString()), false);
        assertEquals(1, wrongId.exitCode());
        assertEquals(1, wrongId.output().strip().lines().count(), wrongId.output());
    }

    @Test
    void vadWritesTheSpeechAsRttm(@TempDir Path dir) throws IOException {
        Audio silence = Audio.mono(new double[8000], 16000);
        Path wav = dir.resolve("tone.wav");
        Wav.write(silence.concat(Synth.sine(300, 1.0, 16000, 0.5)).concat(silence), wav, Wav.Encoding.PCM_16);
        Path out = dir.resolve("tone.rttm");
        var r = EarshotCli.capture(List.of("vad", wav.toString(), "--hangover-ms", "100", "--out", out.toString()), false);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(lastLine(r.output()).startsWith("segments=1 speech=1.1"), r.output());
        var turns = Rttm.read(out).get("tone");
        assertEquals(1, turns.size());
        assertEquals("speech", turns.get(0).speaker());
        var bad = EarshotCli.capture(List.of("vad", dir.toString(), "--out", out.toString()), false);
        assertEquals(1, bad.exitCode());
        assertEquals(1, bad.output().strip().lines().count(), bad.output());
        assertTrue(bad.output().contains(dir.toString()), bad.output());
    }

    @Test
    void vadScoresItsSpeechAgainstAReferenceOnItsLastLine(@TempDir Path dir) throws IOException {
        Audio silence = Audio.mono(new double[8000], 16000);
        Path wav = dir.resolve("tone.wav");
        Wav.write(silence.concat(Synth.sine(300, 1.0, 16000, 0.5)).concat(silence), wav, Wav.Encoding.PCM_16);
        Path ref = Files.writeString(dir.resolve("ref.rttm"), "SPEAKER tone 1 0.500 1.000 <NA> <NA> A <NA> <NA>\n");
        var r = EarshotCli.capture(List.of("vad", wav.toString(), "--hangover-ms", "0", "--reference",
                ref.toString()), false);
        assertEquals(0, r.exitCode(), r.output());
        String last = lastLine(r.output());
        assertTrue(last.matches("precision=\\d\\.\\d{4} recall=\\d\\.\\d{4} f1=\\d\\.\\d{4} missed=\\d+\\.\\d{3}s \\(\\d+\\.\\d\\d%\\)"
                + " false_alarm=\\d+\\.\\d{3}s \\(\\d+\\.\\d\\d%\\) speech=1\\.000s"), last);
        // 25 ms frames straddle the tone's edges: the detected speech reaches a frame's overhang past each edge
        assertTrue(last.startsWith("precision=0.98") && last.contains(" recall=1.0000 ") && last.contains(" missed=0.000s"),
                last);
        double falseAlarm = Double.parseDouble(last.replaceAll(".* false_alarm=([0-9.]+)s.*", "$1"));
        assertTrue(falseAlarm > 0 && falseAlarm <= 0.03, last);
        // another detector's regions, scored as they are: [0.4, 1.5) s against [0.5, 1.5) s
        Path hyp = Files.writeString(dir.resolve("hyp.rttm"), "SPEAKER tone 1 0.400 1.100 <NA> <NA> speech <NA> <NA>\n");
        var given = EarshotCli.capture(List.of("vad", wav.toString(), "--hypothesis", hyp.toString(), "--reference",
                ref.toString()), false);
        assertEquals(0, given.exitCode(), given.output());
        assertEquals("precision=0.9091 recall=1.0000 f1=0.9524 missed=0.000s (0.00%) false_alarm=0.100s (10.00%)"
                + " speech=1.000s", lastLine(given.output()));
        var help = EarshotCli.capture(List.of("vad", "--help"), false);
        assertEquals(0, help.exitCode());
        assertTrue(help.output().contains("--reference") && help.output().contains("--detector"), help.output());
    }

    @Test
    void vadNamesABadReferenceOrMissingChoiceInOneLine(@TempDir Path dir) throws IOException {
        Path wav = dir.resolve("tone.wav");
        Wav.write(Synth.sine(300, 1.0, 16000, 0.5), wav, Wav.Encoding.PCM_16);
        Path missing = dir.resolve("none.rttm");
        var r = EarshotCli.capture(List.of("vad", wav.toString(), "--reference", missing.toString()), false);
        assertEquals(1, r.exitCode());
        assertEquals(1, r.output().strip().lines().count(), r.output());
        assertTrue(r.output().strip().startsWith("earshot vad: " + missing), r.output());
        Path two = Files.writeString(dir.resolve("two.rttm"), "SPEAKER a 1 0 1 <NA> <NA> A <NA> <NA>\n"
                + "SPEAKER b 1 0 1 <NA> <NA> A <NA> <NA>\n");
        var wrongId = EarshotCli.capture(List.of("vad", wav.toString(), "--reference", two.toString()), false);
        assertEquals(1, wrongId.exitCode());
        assertEquals("earshot vad: " + two + ": no recording 'tone' among its 2 recordings", wrongId.output().strip());
        var nothing = EarshotCli.capture(List.of("vad", wav.toString()), false);
        assertEquals(2, nothing.exitCode());
        assertEquals(1, nothing.output().strip().lines().count(), nothing.output());
        var detector = EarshotCli.capture(List.of("vad", wav.toString(), "--detector", "webrtc", "--out",
                dir.resolve("o.rttm").toString()), false);
        assertEquals(2, detector.exitCode());
        assertEquals("earshot vad: --detector webrtc: energy, silero or silero-frames", detector.output().strip());
    }

    @Test
    void diarizeRefusesOptionsThatCannotGoTogetherInOneLine(@TempDir Path dir) {
        String wav = dir.resolve("never-read.wav").toString();
        String out = dir.resolve("out.rttm").toString();
        for (List<String> bad : List.of(List.of("--speakers", "0"), List.of("--bic", "-1"),
                List.of("--clustering", "spectral", "--bic", "3"), List.of("--clustering", "spectral", "--threshold",
                        "0.5"), List.of("--speakers", "3", "--bic", "3"), List.of("--threshold", "5"))) {
            List<String> args = new java.util.ArrayList<>(List.of("diarize", wav, "--out", out));
            args.addAll(bad);
            var run = EarshotCli.capture(args, false);
            assertEquals(2, run.exitCode(), bad + ": " + run.output());
            assertTrue(run.output().strip().startsWith("earshot diarize: --") && run.output().strip().lines().count()
                    == 1, bad + ": " + run.output());
        }
        assertTrue(Files.notExists(dir.resolve("out.rttm")));
    }
}
