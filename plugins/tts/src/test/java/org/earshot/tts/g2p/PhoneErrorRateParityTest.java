package org.earshot.tts.g2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;

/**
 * espeak-ng's letter-to-sound rules on the held-out CMU words, scored by {@link PhoneErrorRate}, against the same
 * score from python-Levenshtein (data/fixtures/tts/make_espeak_g2p_fixtures.py): the split, the closest-pronunciation
 * rule and the edit distance all agree.
 */
class PhoneErrorRateParityTest {

    private static final Path FIXTURES = Kit.home().resolve("data/fixtures/tts");

    @Test
    void espeakBaselineEqualsTheScriptsScore() throws Exception {
        CmuDictionary dictionary = CmuDictionary.read(CmuDictionary.POCKETSPHINX);
        Map<String, List<String>> espeak = new LinkedHashMap<>();
        for (String line : Files.readAllLines(FIXTURES.resolve("espeak-g2p-test.tsv"), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            espeak.put(f[0], f[1].isBlank() ? List.of() : List.of(f[1].split(" ")));
        }
        CmuDictionary test = dictionary.split(true);
        assertEquals(test.size(), espeak.size(), "the fixture holds every test word, and only those");
        espeak.keySet().forEach(w -> assertTrue(CmuDictionary.isTestWord(w), w));
        JsonNode ref = new ObjectMapper().readTree(FIXTURES.resolve("espeak-g2p-summary.json").toFile());
        PhoneErrorRate score = PhoneErrorRate.of(espeak, dictionary, false);
        System.out.println("espeak-ng on " + test.size() + " held-out CMU words: " + score);
        assertEquals(ref.get("words").asInt(), score.words());
        assertEquals(ref.get("wrongWords").asInt(), score.wrongWords());
        assertEquals(ref.get("edits").asLong(), score.edits());
        assertEquals(ref.get("referencePhones").asLong(), score.referencePhones());
        assertEquals(ref.get("perPercent").asDouble(), score.perPercent(), 1e-9);
        assertEquals(dictionary.size(), test.size() + dictionary.split(false).size());
    }

    @Test
    void editDistanceByHandAndTheClosestPronunciationCounts(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        assertEquals(0, PhoneErrorRate.editDistance(List.of("K", "AE", "T"), List.of("K", "AE", "T")));
        assertEquals(1, PhoneErrorRate.editDistance(List.of("K", "AE", "T"), List.of("K", "AH", "T")));
        assertEquals(3, PhoneErrorRate.editDistance(List.of(), List.of("K", "AE", "T")));
        assertEquals(2, PhoneErrorRate.editDistance(List.of("AH", "B", "K"), List.of("AH", "K", "D")));
        Path file = dir.resolve("tiny.dict");
        Files.writeString(file, "read R EH D\nread(2) R IY D\nthe DH AH0 # a comment\n");
        CmuDictionary d = CmuDictionary.read(file);
        assertEquals(List.of(List.of("R", "EH", "D"), List.of("R", "IY", "D")), d.lookup("READ"));
        PhoneErrorRate r = PhoneErrorRate.of(Map.of("read", List.of("R", "IY", "D"), "the", List.of("DH", "AH1")),
                d, false);
        assertEquals(0, r.edits(), "read matches its second pronunciation; stress ignored");
        PhoneErrorRate stressed = PhoneErrorRate.of(Map.of("the", List.of("DH", "AH1")), d, true);
        assertEquals(1, stressed.edits());
        assertEquals(50.0, stressed.perPercent(), 1e-12);
        assertEquals(100.0, stressed.werPercent(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> PhoneErrorRate.of(Map.of("zzz", List.of("Z")), d, false));
        Files.writeString(file, "lonely\n");
        assertTrue(assertThrows(java.io.IOException.class, () -> CmuDictionary.read(file)).getMessage()
                .startsWith(file + ":1: not 'word PHONES…'"));
        assertFalse(CmuDictionary.isTestWord("read") && CmuDictionary.isTestWord("the") && CmuDictionary.isTestWord(
                "a"), "one word in ten is a test word, not every one");
    }
}
