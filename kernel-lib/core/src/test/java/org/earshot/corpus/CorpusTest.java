package org.earshot.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
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
        CorpusSpec spec = Corpus.spec(TextSource.DIGITS).count(16).seed(3).jobs(2).build();
        List<Corpus.Entry> first = spec.make(a);
        assertEquals(16, first.size());
        Map<Split, Set<String>> voicesBySplit = new HashMap<>();
        for (Corpus.Entry e : first) {
            Audio audio = Wav.read(a.resolve(e.path()));
            assertEquals(16000, audio.sampleRate());
            assertEquals(1, audio.channelCount());
            assertTrue(audio.durationSeconds() > 0.3 && audio.peak() > 0.01, e + " is not speech-like");
            assertEquals(audio.durationSeconds(), e.durationSeconds(), 1e-3);
            voicesBySplit.computeIfAbsent(e.split(), k -> new HashSet<>()).add(e.voiceId());
        }
        for (Split s : voicesBySplit.keySet()) {
            for (Split t : voicesBySplit.keySet()) {
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
        assertEquals(first, spec.make(a), "a rerun changes nothing");
        assertEquals(before, Files.getLastModifiedTime(anyWav), "a rerun makes no file again");
        Path b = tmp.resolve("b");
        Corpus.spec(TextSource.DIGITS).count(16).seed(3).jobs(1).build().make(b);
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
        CorpusSpec.Builder commands = Corpus.spec(TextSource.COMMANDS).count(40).seed(8).jobs(2);
        List<Corpus.Entry> standard = commands.build().make(tmp.resolve("s"));
        List<Corpus.Entry> wide = commands.variety(Variety.WIDE).build().make(tmp.resolve("w"));
        assertEquals(standard.stream().filter(e -> e.split() != Split.TRAIN).toList(),
                wide.stream().filter(e -> e.split() != Split.TRAIN).toList());
        assertEquals(standard.stream().map(Corpus.Entry::text).toList(), wide.stream().map(Corpus.Entry::text).toList());
        assertFalse(standard.stream().filter(e -> e.split() == Split.TRAIN).toList()
                .equals(wide.stream().filter(e -> e.split() == Split.TRAIN).toList()), "training voices differ");
        assertTrue(wide.stream().anyMatch(e -> e.split() == Split.TRAIN && e.engine() != Engine.ESPEAK_NG
                && e.rateWordsPerMinute().isPresent()), "a flite or festival training utterance at its own rate");
    }

    @Test
    void theManifestOnDiskIsTheFormatTrainingScriptsAndOlderCorporaRead(@TempDir Path tmp) throws Exception {
        String espeak = "{\"id\":\"digits-00000-2e9aa88e\",\"path\":\"wav/digits-00000-2e9aa88e.wav\",\"text\":\"815\","
                + "\"normalized\":\"eight one five\",\"engine\":\"espeak_ng\",\"voice\":\"en-gb+m5\",\"accent\":\"en-gb\","
                + "\"rate\":157,\"pitch\":50,\"duration\":1.34,\"split\":\"train\"}";
        String flite = "{\"id\":\"digits-00018-d733cdc3\",\"path\":\"wav/digits-00018-d733cdc3.wav\",\"text\":\"766\","
                + "\"normalized\":\"seven six six\",\"engine\":\"flite\",\"voice\":\"rms\",\"accent\":\"en-us\","
                + "\"rate\":null,\"pitch\":null,\"duration\":3.71,\"split\":\"test\"}";
        Path manifest = tmp.resolve(Corpus.MANIFEST);
        Files.writeString(manifest, espeak + "\n" + flite + "\n");
        List<Corpus.Entry> entries = Corpus.read(manifest);
        Corpus.Entry e = entries.get(0);
        assertEquals(Engine.ESPEAK_NG, e.engine());
        assertEquals(Split.TRAIN, e.split());
        assertEquals(OptionalInt.of(157), e.rateWordsPerMinute());
        assertEquals(OptionalInt.of(50), e.pitch());
        assertEquals(1.34, e.durationSeconds());
        Corpus.Entry f = entries.get(1);
        assertEquals("flite/rms", f.voiceId());
        assertEquals(Split.TEST, f.split());
        assertTrue(f.rateWordsPerMinute().isEmpty() && f.pitch().isEmpty(), "the voice's own rate and pitch");

        Path rewritten = tmp.resolve("again.jsonl");
        Corpus.writeManifest(rewritten, entries);
        assertEquals(Files.readString(manifest), Files.readString(rewritten), "read then written, byte for byte");

        Files.writeString(manifest, espeak.replace("\"train\"", "\"training\""));
        IOException bad = assertThrows(IOException.class, () -> Corpus.read(manifest));
        assertTrue(bad.getMessage().contains(manifest + ", line 1") && bad.getMessage().contains("'training'"),
                bad.getMessage());
    }

    @Test
    void anEngineSaysTextAsWrittenThroughItsOwnFrontEnd() throws Exception {
        Audio espeak = Engine.ESPEAK_NG.say(new Voice(Engine.ESPEAK_NG, "en-us", "en-us"), "Dr. Smith, at 1:50.");
        assertEquals(22050, espeak.sampleRate());
        assertTrue(espeak.durationSeconds() > 1 && espeak.peak() > 0.05, espeak.toString());
        Audio festival = Engine.FESTIVAL.say(new Voice(Engine.FESTIVAL, "kal_diphone", "en-us"), "Dr. Smith.");
        assertEquals(16000, festival.sampleRate());
        assertTrue(festival.durationSeconds() > 0.5, festival.toString());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> Engine.FLITE.say(new Voice(Engine.FESTIVAL, "kal_diphone", "en-us"), "hello"));
        assertTrue(wrong.getMessage().contains("festival/kal_diphone is not a voice of flite"), wrong.getMessage());
    }

    @Test
    void aSpecNamesWhatIsMissingOrWrong() {
        CorpusSpec spec = Corpus.spec(TextSource.SENTENCES).count(5).build();
        assertEquals(new CorpusSpec(TextSource.SENTENCES, Variety.STANDARD, 5, CorpusSpec.DEFAULT_SEED, 1, false), spec);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Corpus.spec(TextSource.DIGITS).build())
                .getMessage().contains("count"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Corpus.spec(TextSource.DIGITS).count(0).build())
                .getMessage().contains("count (0)"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Corpus.spec(TextSource.DIGITS).count(3).jobs(0).build()).getMessage().contains("jobs (0)"));
    }
}
