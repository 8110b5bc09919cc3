package org.earshot.corpus.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.corpus.Corpus;
import org.earshot.corpus.Engine;
import org.earshot.corpus.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real corpus' parsing, mapping and split rules on small fixtures; one run against Debian's archive. */
class RealCorpusTest {

    @Test
    void spokenFormsSpellNumbersPerLanguageAndLeaveOutWhatTheyCannotSpell() {
        assertEquals(Optional.of("bamboo one"), Transcripts.normalize("bamboo 1", "en"));
        assertEquals(Optional.of("bambus eins"), Transcripts.normalize("Bambus 1", "de"));
        assertEquals(Optional.of("verletzt ruf zu beginn"), Transcripts.normalize("Verletzt „Ruf zu Beginn“", "de"));
        assertEquals(Optional.of("волос за ухо"), Transcripts.normalize("вол+ос за ухо,", "ru"));
        assertEquals(Optional.of("you'll regret that"), Transcripts.normalize("You'll regret that!", "en"));
        assertEquals(Optional.of("uh oh"), Transcripts.normalize("Uh-oh", "en"));
        assertEquals(Optional.empty(), Transcripts.normalize("Un billet de 20 euros", "fr"));
        assertEquals(Optional.empty(), Transcripts.normalize("...", "en"));
    }

    @Test
    void theLastMatchingCopyrightStanzaGivesTheLicence() {
        Dep5Copyright c = Dep5Copyright.parse("""
                Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/

                Files: *
                Copyright: 2004 A
                License: GPL-2

                Files: share/hedgewars/Data/Sounds/*
                 share/other/*
                Copyright: 2004 B
                License: GFDL-1.3

                Files: share/hedgewars/Data/Sounds/Droplet*.ogg
                License: CC-BY-SA-3.0
                """, Path.of("copyright"));
        assertEquals("GFDL-1.3", c.licenceOf("share/hedgewars/Data/Sounds/voices/British/Hello.ogg"));
        assertEquals("GFDL-1.3", c.licenceOf("share/other/x.ogg"));
        assertEquals("CC-BY-SA-3.0", c.licenceOf("share/hedgewars/Data/Sounds/Droplet1.ogg"));
        assertEquals("GPL-2", c.licenceOf("bin/hedgewars"));
    }

    @Test
    void speakersAreSplitDisjointlyByAFixedRule() {
        List<String> four = List.of("kajongg/male1", "kajongg/male2", "kajongg/female1", "kajongg/female2");
        Map<String, Split> s = SpeakerSplits.assign(four, false);
        assertEquals(s, SpeakerSplits.assign(List.of(four.get(3), four.get(2), four.get(1), four.get(0)), false), "order of listing does not matter");
        assertEquals(1, s.values().stream().filter(x -> x == Split.TEST).count());
        assertEquals(1, s.values().stream().filter(x -> x == Split.DEV).count());
        assertEquals(2, s.values().stream().filter(x -> x == Split.TRAIN).count());
        assertEquals(Map.of("a/b", Split.TRAIN), SpeakerSplits.assign(List.of("a/b", "a/b"), false));
        assertEquals(Map.of("alsa/x", Split.TEST), SpeakerSplits.assign(List.of("alsa/x"), true));
        Map<String, Split> ten = SpeakerSplits.assign(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), false);
        assertEquals(2, ten.values().stream().filter(x -> x == Split.TEST).count());
        assertEquals(2, ten.values().stream().filter(x -> x == Split.DEV).count());
    }

    @Test
    void onePersonIsInOneSplitAcrossLanguages() {
        // kajongg's layout: the German voices are three of the English people (their ARTIST tags) and one more
        String[][] voices = {{"male1", "en", "Wolfgang"}, {"male2", "en", "male2"}, {"female1", "en", "Petra"},
                {"female2", "en", "Maria"}, {"de/male1", "de", "Wolfgang"}, {"de/male2", "de", "Klaus"},
                {"de/female1", "de", "Petra"}, {"de/female2", "de", "Maria"}};
        List<Recording> recordings = new java.util.ArrayList<>();
        for (String[] v : voices) {
            recordings.add(new Recording(Path.of(v[0] + ".ogg"), Recording.Format.OGG_VORBIS, v[0], "eins", "eins",
                    v[1], "kajongg/" + v[0], "kajongg/" + v[2]));
        }
        Map<String, Split> s = RealCorpus.splits(RealSource.KAJONGG, recordings);
        Map<String, Split> english = SpeakerSplits.assign(List.of("kajongg/male1", "kajongg/male2",
                "kajongg/female1", "kajongg/female2"), false);
        for (var e : english.entrySet()) {
            assertEquals(e.getValue(), s.get(e.getKey()), "English is split as before: " + e.getKey());
        }
        for (String[] v : voices) {
            for (String[] w : voices) {
                if (v[2].equals(w[2])) {
                    assertEquals(s.get("kajongg/" + v[0]), s.get("kajongg/" + w[0]), v[2] + " in two splits: " + s);
                }
            }
        }
        // German: the one person not heard in English takes the test place the rule gives the group
        assertEquals(Split.TEST, s.get("kajongg/de/male2"), s.toString());
        assertEquals(1, s.entrySet().stream().filter(e -> e.getKey().contains("/de/") && e.getValue() == Split.TEST)
                .count(), s.toString());
        // with a split fixed, the others fill the places left: the group's one test place is taken
        Map<String, Split> filled = SpeakerSplits.assign(List.of("a", "b", "c", "d"), false, Map.of("a", Split.TEST));
        assertEquals(Split.TEST, filled.get("a"));
        assertEquals(1, filled.values().stream().filter(x -> x == Split.TEST).count());
        assertEquals(1, filled.values().stream().filter(x -> x == Split.DEV).count());
    }

    @Test
    void kajonggsOwnSourceNamesEachVoiceFile() throws IOException {
        String tilePy = """
                class Tile(str):
                    stone = 's'
                    bamboo = 'b'
                    character = 'c'
                    wind = 'w'
                    dragon = 'd'
                    dragons = 'bgr'
                    white, green, red = dragons
                    winds = 'eswn'
                    def groupName(self):
                        names = {
                            Tile.stone: i18nc('kajongg', 'stone'),
                            Tile.bamboo: i18nc('kajongg', 'bamboo'),
                            Tile.character: i18nc('kajongg', 'character'),
                            Tile.dragon: i18nc('kajongg', 'dragon')}
                    def valueName(self):
                        names = {
                            Tile.white: i18nc('kajongg', 'white'),
                            Tile.red: i18nc('kajongg', 'red'),
                            Tile.green: i18nc('kajongg', 'green')}
                    def name(self):
                            result = {
                                East: i18n('East Wind'),
                                South: i18n('South Wind'),
                                West: i18n('West Wind'),
                                North: i18n('North Wind')}[self.value]
                """;
        String messagePy = """
                class MessageOriginalCall(NotifyAtOnceMessage, ServerMessage):
                        NotifyAtOnceMessage.__init__(self, name=i18ncE('kajongg', 'Original Call'),
                class MessagePung(PungChowMessage, ServerMessage):
                                     name=i18ncE('kajongg', 'Pung'),
                """;
        Map<String, KajonggVoices.Phrase> p = KajonggVoices.phrases(tilePy, messagePy);
        assertEquals("bamboo 1", p.get("b1").english());
        assertEquals("stone 9", p.get("s9").english());
        assertEquals("character 5", p.get("c5").english());
        assertEquals("dragon white", p.get("db").english());
        assertEquals("dragon red", p.get("dr").english());
        assertEquals("East Wind", p.get("we").english());
        assertEquals("North Wind", p.get("wn").english());
        assertEquals("Original Call", p.get("originalcall").english());
        assertEquals("Pung", p.get("pung").english());
        assertEquals(27 + 3 + 4 + 2, p.size());
    }

    @Test
    void tuxpaintsFirstLineIsEnglishAndTheOthersAreByLocale() {
        Map<String, String> d = TuxpaintStamps.descriptions(List.of("A red kangaroo.", "ach.utf8=Kangaru ma kwar.",
                "fr.utf8=Un kangourou rouge.", "hi.utf8=एक लाल कंगारू|", "pt_BR.utf8="));
        assertEquals("A red kangaroo.", d.get("en"));
        assertEquals("Un kangourou rouge.", d.get("fr"));
        assertEquals("एक लाल कंगारू", d.get("hi"));
        assertFalse(d.containsKey("pt_BR"));
    }

    @Test
    void aManifestWithoutProvenanceReadsAsBeforeAndSyntheticLinesGainNoFields(@TempDir Path dir) throws IOException {
        Path m = dir.resolve(Corpus.MANIFEST);
        Files.writeString(m, "{\"id\":\"digits-00000-ab\",\"path\":\"wav/a.wav\",\"text\":\"1 2\",\"normalized\":\"one two\","
                + "\"engine\":\"flite\",\"voice\":\"rms\",\"accent\":\"en-us\",\"rate\":null,\"pitch\":null,"
                + "\"duration\":1.0,\"split\":\"test\"}\n");
        List<Corpus.Entry> old = Corpus.read(m);
        assertTrue(old.get(0).provenance().isEmpty());
        Corpus.writeManifest(m, old);
        assertFalse(Files.readString(m).contains("language"), Files.readString(m));
        Corpus.Entry human = new Corpus.Entry("x", "wav/x.wav", "Front Left", "front left", Engine.HUMAN,
                "alsa-utils/speaker-test", "en", OptionalInt.empty(), OptionalInt.empty(), 1.2, Split.TEST,
                Optional.of(new Corpus.Provenance("en", "alsa-utils/speaker-test", "alsa-utils", "1.2.8-1", "GPL-2")));
        Corpus.writeManifest(m, List.of(human));
        assertEquals(List.of(human), Corpus.read(m));
        assertEquals("human/alsa-utils/speaker-test", Corpus.read(m).get(0).voiceId());
    }

    /** A fake alsa-utils .deb (two stereo 48 kHz WAVs and a noise) put in the cache, so nothing is downloaded. */
    @Test
    void aCachedPackageIsConvertedTo16kMonoOnceAndListedWithItsLicence(@TempDir Path tmp) throws Exception {
        assumeTrue(onPath("dpkg-deb"), "dpkg-deb is not installed");
        Path tree = tmp.resolve("pkg");
        Files.createDirectories(tree.resolve("DEBIAN"));
        Files.writeString(tree.resolve("DEBIAN/control"), "Package: alsa-utils\nVersion: 9.9-1\nArchitecture: all\n"
                + "Maintainer: Test <t@example.org>\nDescription: fixture\n");
        Path sounds = Files.createDirectories(tree.resolve("usr/share/sounds/alsa"));
        for (String name : List.of("Front_Left", "Rear_Right", "Noise")) {
            float[][] stereo = new float[2][4800];
            for (int i = 0; i < 4800; i++) {
                stereo[0][i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 48000.0));
                stereo[1][i] = stereo[0][i];
            }
            Wav.write(Audio.of(stereo, 48000), sounds.resolve(name + ".wav"), Wav.Encoding.PCM_16);
        }
        Path doc = Files.createDirectories(tree.resolve("usr/share/doc/alsa-utils"));
        Files.writeString(doc.resolve("copyright"), "Format: x\n\nFiles: *\nCopyright: 1998 X\nLicense: GPL-2\n");
        Path cache = tmp.resolve("cache");
        Files.createDirectories(cache.resolve("debs"));
        Process p = new ProcessBuilder("dpkg-deb", "--build", "--root-owner-group", tree.toString(),
                cache.resolve("debs/alsa-utils_9.9-1_all.deb").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);

        RealCorpus corpus = RealCorpus.builder().sources(List.of(RealSource.ALSA)).cache(cache).build();
        Path dir = tmp.resolve("corpus");
        RealCorpus.Result r = corpus.make(dir);
        assertEquals(List.of(), r.failures());
        assertEquals(2, r.entries().size(), "Noise.wav says nothing");
        Corpus.Entry e = r.entries().get(0);
        assertEquals("Front Left", e.text());
        assertEquals("front left", e.normalized());
        assertEquals(Engine.HUMAN, e.engine());
        assertEquals(Split.TEST, e.split());
        assertEquals(new Corpus.Provenance("en", "alsa-utils/speaker-test", "alsa-utils", "9.9-1", "GPL-2"),
                e.provenance().orElseThrow());
        Audio a = Wav.read(dir.resolve(e.path()));
        assertEquals(16000, a.sampleRate());
        assertEquals(1, a.channelCount());
        assertEquals(0.1, e.durationSeconds(), 1e-3);
        assertEquals(r.entries(), Corpus.read(dir.resolve(Corpus.MANIFEST)));

        FileTime before = Files.getLastModifiedTime(dir.resolve(e.path()));
        Files.setLastModifiedTime(dir.resolve(e.path()), FileTime.fromMillis(before.toMillis() - 10_000));
        FileTime old = Files.getLastModifiedTime(dir.resolve(e.path()));
        assertEquals(r.entries(), corpus.make(dir).entries());
        assertEquals(old, Files.getLastModifiedTime(dir.resolve(e.path())), "a WAV already there is not made again");
        assertEquals(1, RealCorpus.builder().sources(List.of(RealSource.ALSA)).cache(cache).limit(1).build()
                .make(tmp.resolve("one")).entries().size());
    }

    /** The real command's work, against Debian's archive: skipped where apt-get cannot download. */
    @Test
    void alsaAndKajonggFromDebian(@TempDir Path tmp) throws Exception {
        assumeTrue(onPath("apt-get") && onPath("dpkg-deb"), "apt-get and dpkg-deb are needed");
        RealCorpus.Result r = RealCorpus.builder().sources(List.of(RealSource.ALSA, RealSource.KAJONGG)).limit(2)
                .cache(tmp.resolve("cache")).jobs(2).build().make(tmp.resolve("real"));
        assumeTrue(r.failures().stream().noneMatch(f -> f.contains("apt-get download")),
                "apt-get cannot download from the archive here: " + r.failures());
        assertEquals(List.of(), r.failures());
        assertEquals(4, r.entries().size());
        Set<String> sources = new HashSet<>();
        for (Corpus.Entry e : r.entries()) {
            Corpus.Provenance p = e.provenance().orElseThrow();
            sources.add(p.sourcePackage());
            assertTrue(e.durationSeconds() > 0.3, e.toString());
            assertFalse(p.licence().isBlank());
        }
        assertEquals(Set.of("alsa-utils", "kajongg"), sources);
        assertTrue(r.entries().stream().anyMatch(e -> e.normalized().equals("bambus eins")), r.entries().toString());
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }
}
