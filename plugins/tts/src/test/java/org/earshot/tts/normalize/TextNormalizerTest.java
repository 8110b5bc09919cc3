package org.earshot.tts.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;

import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TextNormalizerTest {

    static final Path CASES = Kit.home().resolve("data/fixtures/tts/normalize-cases.tsv");

    /** One hand-written case: the TSV's line, what is written, what a reader says. */
    record Case(int line, String input, String expected) {
        @Override
        public String toString() {
            return line + ": " + input;
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(CASES, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 2) {
                throw new IllegalStateException(CASES + ":" + (i + 1) + ": want 2 TAB-separated fields, got " + f.length);
            }
            out.add(new Case(i + 1, f[0], f[1]));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void handWrittenCase(Case c) {
        assertEquals(c.expected(), TextNormalizer.english().normalize(c.input()), c.toString());
    }

    @Test
    void thereAreAtLeastAHundredDistinctCases() throws IOException {
        var inputs = new HashSet<String>();
        cases().forEach(c -> assertTrue(inputs.add(c.input()), "duplicate case " + c));
        assertTrue(inputs.size() >= 100, inputs.size() + " cases");
    }

    static Stream<Rule> rules() {
        return EnglishRules.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void everyRuleSaysItsOwnExampleAndFiresOnIt(Rule rule) {
        var normalizer = TextNormalizer.english();
        assertEquals(rule.expected(), normalizer.normalize(rule.example()), rule.name());
        assertTrue(normalizer.trace(rule.example()).stream().anyMatch(s -> s.rule().equals(rule.name())),
                rule.name() + " does not fire on its own example: " + normalizer.trace(rule.example()));
    }

    @Test
    void ruleNamesAreUnique() {
        assertEquals(EnglishRules.ALL.size(), EnglishRules.ALL.stream().map(Rule::name).distinct().count());
    }

    @Test
    void traceSaysWhichRuleReadEachSpan() {
        var steps = TextNormalizer.english().trace("Dr. Smith paid $1.50");
        assertEquals(List.of("title-before-name", "word", "word", "money"), steps.stream().map(TextNormalizer.Step::rule).toList());
        assertEquals("$1.50", steps.get(3).written());
        assertEquals(15, steps.get(3).start());
    }

    @Test
    void emptyTextIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> TextNormalizer.english().normalize("  "));
        assertTrue(e.getMessage().startsWith("text is empty"), e.getMessage());
    }

    @Test
    void outputIsLowerCaseWordsWithoutPunctuation() throws IOException {
        for (Case c : cases()) {
            String said = TextNormalizer.english().normalize(c.input());
            assertTrue(said.matches("[\\p{Ll}\\p{N}' ]*"), said);
            assertFalse(said.contains("  "), said);
        }
    }

    @Test
    void numberWordsMatchTheChapter() {
        assertEquals("nineteen ninety nine", NumberWords.year(1999));
        assertEquals("twenty twenty six", NumberWords.year(2026));
        assertEquals("two thousand", NumberWords.year(2000));
        assertEquals("two thousand five", NumberWords.year(2005));
        assertEquals("nineteen hundred", NumberWords.year(1900));
        assertEquals("twenty first", NumberWords.ordinal(21));
        assertEquals("minus five", NumberWords.number("-5"));
    }

    @Test
    void acronymRuleFollowsItsDocumentedSteps() {
        assertTrue(Acronyms.isPronounceable("UNESCO"));
        assertTrue(Acronyms.isPronounceable("SCUBA"));
        assertFalse(Acronyms.isPronounceable("BBC"), "three letters are spelled");
        assertFalse(Acronyms.isPronounceable("HTML"), "a run of 4 consonants");
        assertFalse(Acronyms.isPronounceable("JPEG"), "JP is no English onset");
        assertFalse(Acronyms.isPronounceable("NOAA"), "a run of 3 vowels");
        assertFalse(Acronyms.isPronounceable("UCLA"), "a known spelled one");
    }

    @Test
    void ruleTableShowsEveryRuleInTextAndHtml() {
        var bundle = RuleTable.english().toMimeBundle();
        for (Rule r : EnglishRules.ALL) {
            assertTrue(bundle.plainText().contains(r.name()), r.name());
            assertTrue(bundle.get("text/html").orElseThrow().contains(r.name()), r.name());
        }
    }
}
