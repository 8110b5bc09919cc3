package org.earshot.speakers.meeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.cli.EarshotCli;
import org.earshot.corpus.Corpus;
import org.earshot.corpus.Engine;
import org.earshot.corpus.Split;
import org.earshot.metrics.SpeakerSegment;
import org.earshot.speakers.diarization.Rttm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The meeting generator on a small corpus of five "speakers" whose clips are harmonic tones, each speaker its own
 * pitch (kajongg's voices, one of them in German: maybe one person with an English one; Tux Paint's readers, one a
 * language: two people), with silence around each clip.
 */
class MeetingGeneratorTest {

    @TempDir
    static Path corpus;

    private static final double[] PITCH_HZ = {110, 180, 260, 370, 520};
    private static final String[][] SPEAKER = {{"kajongg/one", "en", "kajongg"}, {"kajongg/two", "en", "kajongg"},
            {"tuxpaint/fr", "fr", "tuxpaint-stamps-default"}, {"tuxpaint/es", "es", "tuxpaint-stamps-default"},
            {"kajongg/de/one", "de", "kajongg"}};

    @BeforeAll
    static void writeCorpus() throws IOException {
        List<Corpus.Entry> entries = new ArrayList<>();
        Files.createDirectories(corpus.resolve("wav"));
        for (int s = 0; s < SPEAKER.length; s++) {
            for (int c = 0; c < 12; c++) {
                double seconds = 0.4 + 0.05 * c;
                String path = "wav/" + s + "-" + c + ".wav";
                Wav.write(clip(PITCH_HZ[s], seconds), corpus.resolve(path), Wav.Encoding.PCM_16);
                entries.add(new Corpus.Entry(s + "-" + c, path, "word", "word", Engine.HUMAN, SPEAKER[s][0],
                        SPEAKER[s][1], OptionalInt.empty(), OptionalInt.empty(), seconds + 0.4, Split.TEST,
                        Optional.of(new Corpus.Provenance(SPEAKER[s][1], SPEAKER[s][0], SPEAKER[s][2], "1",
                                "GPL-2+"))));
            }
        }
        Corpus.writeManifest(corpus.resolve(Corpus.MANIFEST), entries);
    }

    /** 0.2 s of silence, a tone with its first three harmonics at −10 dBFS peak, 0.2 s of silence. */
    private static Audio clip(double f0, double seconds) {
        int rate = 16000;
        int pad = rate / 5;
        int n = (int) Math.round(seconds * rate);
        double[] x = new double[n + 2 * pad];
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double v = Math.sin(2 * Math.PI * f0 * t) + 0.5 * Math.sin(4 * Math.PI * f0 * t)
                    + 0.25 * Math.sin(6 * Math.PI * f0 * t);
            x[pad + i] = 0.18 * v * Math.sin(Math.PI * i / n);
        }
        return Audio.mono(x, rate);
    }

    private static MeetingGenerator.Builder generator() {
        return MeetingGenerator.builder().corpus(corpus).speakers(2, 4).seconds(20);
    }

    @Test
    void aSeedGivesOneMeetingAndItsReferenceLiesInIt() throws IOException {
        MeetingGenerator g = generator().build();
        Meeting a = g.meeting(7);
        Meeting b = g.meeting(7);
        assertEquals(a.reference(), b.reference());
        assertTrue(java.util.Arrays.equals(a.audio().samples(), b.audio().samples()));
        assertFalse(a.reference().equals(g.meeting(8).reference()), "another seed, another meeting");
        assertTrue(a.audio().durationSeconds() >= 20, "about the length asked: " + a.audio().durationSeconds());
        assertTrue(a.speakers().size() >= 2 && a.speakers().size() <= 4, a.speakers().toString());
        Set<String> speaking = new HashSet<>();
        for (SpeakerSegment s : a.reference()) {
            assertTrue(s.startSeconds() >= 0 && s.endSeconds() <= a.audio().durationSeconds(), s.toString());
            // each clip is cut to its tone: 0.4–0.95 s, not the 0.4 s of silence around it
            assertTrue(s.durationSeconds() > 0.3 && s.durationSeconds() < 1.0, s.toString());
            speaking.add(s.speaker());
        }
        assertEquals(new HashSet<>(a.speakers()), speaking, "everyone drawn speaks");
        // turns alternate: two consecutive clips of different speakers never start a turn of the same one
        assertTrue(a.reference().get(0).startSeconds() > 0.29, "0.3 s of silence first");
    }

    @Test
    void kajonggsOnePersonInTwoLanguagesIsNeverTwoSpeakersOfAMeeting() throws IOException {
        MeetingGenerator g = generator().speakers(3, 3).build(); // 3 are always possible: de/one, fr, es
        boolean tuxpaintTogether = false;
        for (int seed = 0; seed < 20; seed++) {
            List<String> who = g.meeting(seed).speakers();
            assertFalse(who.contains("kajongg/one") && who.contains("kajongg/de/one"), who.toString());
            assertFalse(who.contains("kajongg/two") && who.contains("kajongg/de/one"), who.toString());
            tuxpaintTogether |= who.contains("tuxpaint/fr") && who.contains("tuxpaint/es"); // one reader a language
        }
        assertTrue(tuxpaintTogether, "Tux Paint's readers of two languages are two people, so they may meet");
    }

    @Test
    void overlapAndNoiseAreWhatWasAskedFor() throws IOException {
        Meeting none = generator().overlap(0).build().meeting(3);
        assertEquals(0, none.overlapFraction());
        Meeting always = generator().overlap(1).build().meeting(3);
        assertTrue(always.overlapFraction() > 0.05, "overlap: " + always.overlapFraction());
        for (int seed = 1; seed <= 30; seed++) { // turns overlap other speakers, never their own speaker's
            List<SpeakerSegment> turns = generator().speakers(2, 3).overlap(1).build().meeting(seed).reference();
            for (SpeakerSegment a : turns) {
                for (SpeakerSegment b : turns) {
                    assertTrue(a == b || !a.speaker().equals(b.speaker()) || a.endSeconds() <= b.startSeconds()
                            || b.endSeconds() <= a.startSeconds(), "seed " + seed + ": " + a + " overlaps " + b);
                }
            }
        }
        Meeting noisy = generator().overlap(0).noiseSnrDb(10).build().meeting(3);
        // the noise, measured where nobody speaks, is 10 dB below the speech's mean power (± 1 dB)
        double[] clean = none.audio().doubleSamples();
        double[] x = noisy.audio().doubleSamples();
        double speech = 0;
        double noise = 0;
        int ns = 0;
        int nn = 0;
        boolean[] inSpeech = new boolean[x.length];
        for (SpeakerSegment s : none.reference()) {
            for (int i = (int) Math.round(s.startSeconds() * 16000); i < Math.round(s.endSeconds() * 16000); i++) {
                inSpeech[i] = true;
            }
        }
        for (int i = 0; i < x.length; i++) {
            if (inSpeech[i]) {
                speech += clean[i] * clean[i];
                ns++;
            } else {
                noise += x[i] * x[i];
                nn++;
            }
        }
        double snr = 10 * Math.log10((speech / ns) / (noise / nn));
        assertEquals(10, snr, 1.0);
    }

    @Test
    void tooFewSpeakersOrNoCorpusIsSaidInOneLine(@TempDir Path empty) {
        IOException few = assertThrows(IOException.class, () -> generator().speakers(2, 9).build());
        assertTrue(few.getMessage().contains("5 speakers with ≥ 10 clips in the test split, fewer than the 9"),
                few.getMessage());
        IOException none = assertThrows(IOException.class, () -> MeetingGenerator.builder().corpus(empty).build());
        assertTrue(none.getMessage().endsWith("no corpus manifest here; make one with ./earshot corpus real"));
        assertThrows(IllegalArgumentException.class, () -> generator().speakers(1, 3).build());
        assertThrows(IllegalArgumentException.class, () -> generator().overlap(1.5).build());
    }

    @Test
    void meetingThenDiarizeFindTheTonesSpeakers(@TempDir Path out) throws IOException {
        var made = EarshotCli.capture(List.of("meeting", "--corpus", corpus.toString(), "--speakers", "3",
                "--overlap", "0", "--seconds", "30", "--count", "2", "--seed", "5", "--out", out.toString()), false);
        assertEquals(0, made.exitCode(), made.output());
        assertTrue(made.output().strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("meetings=2 "),
                made.output());
        List<String> wavs = new ArrayList<>();
        try (var s = Files.list(out)) {
            s.filter(p -> p.toString().endsWith(".wav")).sorted().forEach(p -> wavs.add(p.toString()));
        }
        assertEquals(2, wavs.size());
        assertEquals(2, Rttm.read(out.resolve("reference.rttm")).size());
        // three pitches far apart: agglomerative to a threshold finds them and their count; spectral told the count
        // finds them too. (BIC merging, the default, is left out: a pure tone's MFCC frames barely vary, so one
        // tone's clusters look like different Gaussians and a 3-tone meeting is counted as 4.)
        for (List<String> how : List.of(List.of("--clustering", "agglomerative", "--bic", "0"),
                List.of("--clustering", "spectral", "--speakers", "3"))) {
            List<String> args = new ArrayList<>(List.of("diarize"));
            args.addAll(wavs);
            args.addAll(how);
            args.addAll(List.of("--out", out.resolve("hyp.rttm").toString(), "--reference",
                    out.resolve("reference.rttm").toString()));
            var diarized = EarshotCli.capture(args, false);
            assertEquals(0, diarized.exitCode(), diarized.output());
            String last = diarized.output().strip().lines().reduce((a, b) -> b).orElseThrow();
            assertTrue(last.matches("DER=\\d+\\.\\d\\d% .* speakers_exact=2/2"), how + ": " + diarized.output());
            double der = Double.parseDouble(last.substring(4, last.indexOf('%')));
            assertTrue(der < 10, how + ": " + diarized.output());
        }
        var bad = EarshotCli.capture(List.of("diarize", out.resolve("missing.wav").toString(), wavs.get(0), "--out",
                out.resolve("h2.rttm").toString()), false);
        assertEquals(1, bad.exitCode(), "a missing file fails the run");
        assertTrue(bad.output().contains("earshot diarize: " + out.resolve("missing.wav")), bad.output());
        assertEquals(1, Rttm.read(out.resolve("h2.rttm")).size(), "the readable one is still written");
    }

    /** Three "recordings of a place": band-limited noise with a slow swell, at 22.05 kHz (resampled to 16 kHz). */
    private static Path ambience(Path dir) throws IOException {
        java.util.Random r = new java.util.Random(42);
        for (int k = 0; k < 3; k++) {
            int n = 22050 * (2 + k);
            double[] x = new double[n];
            double low = 0;
            for (int i = 0; i < n; i++) {
                low = 0.9 * low + 0.1 * r.nextGaussian();
                x[i] = 0.2 * low * (1 + 0.5 * Math.sin(2 * Math.PI * 0.7 * i / 22050.0));
            }
            Wav.write(Audio.mono(x, 22050), dir.resolve("place-" + k + ".wav"), Wav.Encoding.PCM_16);
        }
        return dir;
    }

    @Test
    void ambienceIsMixedAtTheAskedSnrOverTheSpeechAndTheSeedFixesIt(@TempDir Path dir) throws IOException {
        Ambience place = Ambience.of(ambience(dir), "test place (CC0)");
        Meeting clean = generator().overlap(0.2).build().meeting(3);
        for (double snr : new double[] {15, 5}) {
            MeetingGenerator g = generator().overlap(0.2).noiseSnrDb(snr).ambience(place).build();
            Meeting noisy = g.meeting(3);
            assertEquals(clean.reference(), noisy.reference(), "the noise changes no turn");
            double[] x = clean.audio().doubleSamples();
            double[] y = noisy.audio().doubleSamples();
            double[] noise = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                noise[i] = y[i] - x[i];
            }
            boolean[] mask = MeetingGenerator.speechMask(x.length, clean.reference(), 16000);
            assertEquals(snr, MeetingGenerator.snrDb(x, noise, mask), 0.1, "SNR over the speech");
            assertEquals(MeetingNoise.Kind.AMBIENCE, noisy.noise().kind());
            assertEquals("test place (CC0)", noisy.noise().source());
            assertFalse(noisy.noise().parts().isEmpty());
            assertTrue(place.names().containsAll(noisy.noise().parts()), noisy.noise().parts().toString());
            Meeting again = g.meeting(3);
            assertTrue(java.util.Arrays.equals(noisy.audio().samples(), again.audio().samples()), "one seed, one mix");
            assertEquals(noisy.noise(), again.noise());
            assertFalse(noisy.noise().parts().equals(g.meeting(4).noise().parts())
                    && java.util.Arrays.equals(noisy.audio().samples(), g.meeting(4).audio().samples()));
        }
        assertEquals(MeetingNoise.NONE, clean.noise());
        assertThrows(IllegalArgumentException.class, () -> generator().ambience(place).build(), "ambience needs an SNR");
        assertThrows(IOException.class, () -> Ambience.of(dir.resolve("nowhere"), "x"));
    }

    @Test
    void meetingWritesItsNoiseSourceInTheMetadata(@TempDir Path out, @TempDir Path dir) throws IOException {
        ambience(dir);
        var made = EarshotCli.capture(List.of("meeting", "--corpus", corpus.toString(), "--speakers", "2",
                "--seconds", "10", "--count", "2", "--seed", "5", "--noise-snr", "5", "--noise", "ambience",
                "--ambience", dir.toString(), "--out", out.toString()), false);
        assertEquals(0, made.exitCode(), made.output());
        List<String> lines = Files.readAllLines(out.resolve("meetings.jsonl"));
        assertEquals(2, lines.size());
        var meta = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(0));
        assertEquals("ambience", meta.path("noise").path("kind").asText());
        assertEquals(5.0, meta.path("noise").path("snr_db").asDouble());
        assertTrue(meta.path("noise").path("recordings").size() > 0, lines.get(0));
        var noSnr = EarshotCli.capture(List.of("meeting", "--corpus", corpus.toString(), "--noise", "ambience",
                "--out", out.toString()), false);
        assertEquals(2, noSnr.exitCode());
        assertEquals("earshot meeting: --noise ambience needs --noise-snr DB", noSnr.output().strip());
        var help = EarshotCli.capture(List.of("meeting", "--help"), false);
        assertEquals(0, help.exitCode());
        assertTrue(help.output().contains("--ambience"), help.output());
    }
}
