package org.earshot.tts.g2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;

class LetterToSoundTest {

    private static float[] step(int best, int classes) {
        float[] s = new float[classes];
        java.util.Arrays.fill(s, -5f);
        s[best] = -0.1f;
        return s;
    }

    @Test
    void greedyCtcMergesRepeatsAndDropsBlanks() {
        List<String> symbols = List.of("<blank>", "AE", "K", "T");
        // _ K K _ AE _ T T  →  K AE T;  T _ T → T T (a blank between repeats keeps both)
        float[][] cat = {step(0, 4), step(2, 4), step(2, 4), step(0, 4), step(1, 4), step(0, 4), step(3, 4),
            step(3, 4)};
        assertEquals(List.of("K", "AE", "T"), LetterToSound.greedyCtc(cat, symbols));
        assertEquals(List.of("T", "T"), LetterToSound.greedyCtc(new float[][] {step(3, 4), step(0, 4), step(3, 4)},
                symbols));
        assertEquals(List.of(), LetterToSound.greedyCtc(new float[][] {step(0, 4)}, symbols));
    }

    @Test
    void theCommittedModelReadsWordsAndBeatsEspeakOnASampleOfTestWords() throws Exception {
        Path folder = Kit.home().resolve("data/models/g2p-ctc");
        CmuDictionary dictionary = CmuDictionary.read(CmuDictionary.POCKETSPHINX);
        try (LetterToSound lts = LetterToSound.open(folder)) {
            assertEquals(List.of("K", "AE", "T"), lts.phones("cat"));
            assertThrows(IllegalArgumentException.class, () -> lts.phones("ca§t"));
            assertTrue(!lts.knows("") && lts.knows("Cat"));
            Map<String, List<String>> predicted = new LinkedHashMap<>();
            Map<String, List<String>> espeak = new LinkedHashMap<>();
            for (String line : java.nio.file.Files.readAllLines(Kit.home().resolve(
                    "data/fixtures/tts/espeak-g2p-test.tsv"))) {
                String[] f = line.split("\t", -1);
                if (predicted.size() < 500 && lts.knows(f[0])) { // the first 500 test words, alphabetically
                    predicted.put(f[0], lts.phones(f[0]));
                    espeak.put(f[0], f[1].isBlank() ? List.of() : List.of(f[1].split(" ")));
                }
            }
            PhoneErrorRate ours = PhoneErrorRate.of(predicted, dictionary, false);
            PhoneErrorRate theirs = PhoneErrorRate.of(espeak, dictionary, false);
            System.out.println("500 test words: g2p-ctc " + ours + "; espeak-ng " + theirs);
            assertTrue(ours.werPercent() < theirs.werPercent(), ours + " vs espeak-ng " + theirs);
        }
    }
}
