package org.earshot.asr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.earshot.asr.ctc.ClosedVocabulary;
import org.earshot.asr.lm.WordLoop;
import org.earshot.asr.WordLanguageModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularySpecTest {

    @TempDir
    Path tmp;

    @Test
    void digitsAreTheTenDigitWordsAndPartsAddUp() throws IOException {
        ClosedVocabulary digits = VocabularySpec.parse("digits", null);
        assertEquals(Set.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
                digits.words());
        Path file = Files.writeString(tmp.resolve("words.txt"), "Bamboo stone\ncharacter\n");
        ClosedVocabulary both = VocabularySpec.parse("digits, " + file, null);
        assertEquals(13, both.size());
        assertTrue(both.isWord("bamboo"));
        ClosedVocabulary task = VocabularySpec.parse("task", List.of("east", "wind"));
        assertEquals(Set.of("east", "wind"), task.words());
        assertTrue(VocabularySpec.parse("commands", null).isWord("kitchen"));
    }

    @Test
    void aPartThatIsNothingKnownIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VocabularySpec.parse("digits,nope.txt", null));
        assertTrue(e.getMessage().contains("'nope.txt'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VocabularySpec.parse("task", null));
        assertTrue(e.getMessage().contains("task"), e.getMessage());
    }

    @Test
    void theWordLoopCostsEveryWordTheSame() {
        WordLoop loop = new WordLoop(ClosedVocabulary.of(List.of("one", "two", "three")));
        assertEquals(-Math.log(4), loop.logProb(List.of(), "one"), 1e-12);
        assertEquals(-Math.log(4), loop.logProb(List.of("one", "two"), WordLanguageModel.END), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, loop.logProb(List.of(), "four"));
    }
}
