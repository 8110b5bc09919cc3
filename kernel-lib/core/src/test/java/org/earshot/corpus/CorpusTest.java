package org.earshot.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real engines (installed by ./earshot setup): a small corpus, made twice. */
class CorpusTest {

    @Test
    void splitsAreVoiceDisjointAndHoldOutAnAccentAndAFliteVoice() {
        Map<String, Split> seen = new HashMap<>();
        for (Voice v : Voice.all()) {
            assertTrue(seen.put(v.id(), Split.of(v)) == null, "voice listed twice: " + v.id());
        }
        assertTrue(Split.TEST.voices().stream().allMatch(v -> Split.of(v) == Split.TEST));
        Set<String> trainAccents = new HashSet<>();
        Split.TRAIN.voices().forEach(v -> trainAccents.add(v.accent() + "/" + v.engine()));
        assertFalse(trainAccents.contains("en-gb-scotland/ESPEAK_NG"), "a whole accent is held out for test");
        assertTrue(Split.TEST.voices().contains(new Voice(Engine.FLITE, "rms", "en-us")));
        assertTrue(Split.TRAIN.voices().stream().noneMatch(v -> v.name().equals("rms")));
        assertEquals(8 * 16 + 4 + 1, Voice.all().size());
    }

    @Test
    void spokenNumbers() {
        assertEquals("one thousand two hundred five", SpokenNumbers.words(1205));
        assertEquals("forty two", SpokenNumbers.words(42));
        assertEquals("one fifty", SpokenNumbers.time(1, 50));
        assertEquals("nine oh five", SpokenNumbers.time(9, 5));
        assertEquals("one dollar fifty", SpokenNumbers.dollars(1, 50));
        assertEquals("four one five", SpokenNumbers.digits("415"));
    }

    @Test
    void textsHaveASpokenFormOfLowerCaseWords() {
        for (TextSource s : TextSource.values()) {
            for (Utterance u : s.generate(200, 5)) {
                assertTrue(u.normalized().matches("[a-z' ]+"), s + ": " + u);
            }
        }
        assertTrue(TextSource.SENTENCES.generate(400, 1).stream().anyMatch(u -> u.text().contains("Dr. ")
                && u.normalized().contains("doctor ")));
        assertEquals(TextSource.DIGITS.generate(50, 9), TextSource.DIGITS.generate(50, 9));
    }

    @Test
    void aSmallCorpusIsMadeOnceAndTheSameForTheSameSeed(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        List<Corpus.Entry> first = Corpus.make(TextSource.DIGITS, 16, 3, a, 2, false);
        assertEquals(16, first.size());
        Map<String, Set<String>> voicesBySplit = new HashMap<>();
        for (Corpus.Entry e : first) {
            Audio audio = Wav.read(a.resolve(e.path()));
            assertEquals(16000, audio.sampleRate());
            assertEquals(1, audio.channelCount());
            assertTrue(audio.durationSeconds() > 0.3 && audio.peak() > 0.01, e + " is not speech-like");
            assertEquals(audio.durationSeconds(), e.duration(), 1e-3);
            voicesBySplit.computeIfAbsent(e.split(), k -> new HashSet<>()).add(e.engine() + "/" + e.voice());
        }
        for (String s : voicesBySplit.keySet()) {
            for (String t : voicesBySplit.keySet()) {
                if (!s.equals(t)) {
                    Set<String> both = new HashSet<>(voicesBySplit.get(s));
                    both.retainAll(voicesBySplit.get(t));
                    assertTrue(both.isEmpty(), s + " and " + t + " share " + both);
                }
            }
        }
        String manifest = Files.readString(a.resolve("manifest.jsonl"));
        Path anyWav = a.resolve(first.get(0).path());
        FileTime made = Files.getLastModifiedTime(anyWav);
        Files.setLastModifiedTime(anyWav, FileTime.fromMillis(made.toMillis() - 60_000));
        FileTime before = Files.getLastModifiedTime(anyWav);
        assertEquals(first, Corpus.make(TextSource.DIGITS, 16, 3, a, 2, false), "a rerun changes nothing");
        assertEquals(before, Files.getLastModifiedTime(anyWav), "a rerun makes no file again");
        Path b = tmp.resolve("b");
        Corpus.make(TextSource.DIGITS, 16, 3, b, 1, false);
        assertEquals(manifest, Files.readString(b.resolve("manifest.jsonl")), "same seed, same manifest");
        assertEquals(first, Corpus.read(a.resolve("manifest.jsonl")));
    }

    @Test
    void theWideVarietyAddsTrainingVoicesOnly() {
        List<Voice> pool = Variety.WIDE.pool(Split.TRAIN);
        assertTrue(pool.stream().allMatch(v -> Split.of(v) == Split.TRAIN), "no dev or test voice is trained on");
        assertTrue(pool.stream().noneMatch(v -> v.name().endsWith("+m7") || v.name().endsWith("+Alicia")));
        assertTrue(new HashSet<>(pool).containsAll(Split.TRAIN.voices()));
        double recorded = pool.stream().filter(v -> v.engine() != Engine.ESPEAK_NG).count() / (double) pool.size();
        assertTrue(recorded > 0.12 && recorded < 0.25, "recorded-voice share " + recorded);
        assertEquals(Split.TEST.voices(), Variety.WIDE.pool(Split.TEST));
        assertEquals(Split.DEV.voices(), Variety.WIDE.pool(Split.DEV));
    }

    @Test
    void dedicatedTrainingVoicesLeaveDevAndTestAsTheyWere(@TempDir Path tmp) throws Exception {
        List<Corpus.Entry> standard = Corpus.make(TextSource.COMMANDS, 40, 8, tmp.resolve("s"), 2, false);
        List<Corpus.Entry> wide = Corpus.make(TextSource.COMMANDS, Variety.WIDE, 40, 8, tmp.resolve("w"), 2, false);
        assertEquals(standard.stream().filter(e -> !e.split().equals("train")).toList(),
                wide.stream().filter(e -> !e.split().equals("train")).toList());
        assertEquals(standard.stream().map(Corpus.Entry::text).toList(), wide.stream().map(Corpus.Entry::text).toList());
        assertFalse(standard.stream().filter(e -> e.split().equals("train")).toList()
                .equals(wide.stream().filter(e -> e.split().equals("train")).toList()), "training voices differ");
        assertTrue(wide.stream().anyMatch(e -> e.split().equals("train") && !e.engine().equals("espeak_ng")
                && e.rate() != null), "a flite or festival training utterance at its own rate");
    }
}
