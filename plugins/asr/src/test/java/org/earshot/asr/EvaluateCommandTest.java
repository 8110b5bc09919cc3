package org.earshot.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.earshot.corpus.Corpus;
import org.earshot.corpus.Split;
import org.earshot.corpus.TextSource;
import org.earshot.metrics.Wer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./earshot evaluate}: a line per decoder, the WER a hand count gives; a broken file named, the rest scored. */
class EvaluateCommandTest {

    @Test
    void scoresEveryDecoderAndNamesABrokenFile(@TempDir Path tmp) throws Exception {
        Path corpus = tmp.resolve("c");
        List<Corpus.Entry> entries = Corpus.spec(TextSource.DIGITS).count(40).seed(6).jobs(2).build().make(corpus);
        String[] r = WerCommandTest.run("evaluate", corpus.toString(), "--no-progress", "--beam", "4");
        assertEquals("0", r[0], r[2]);
        List<String> lines = r[1].lines().toList();
        assertEquals(4, lines.size(), r[1]);
        assertTrue(lines.get(1).startsWith("greedy: N="), r[1]);
        assertTrue(lines.get(2).startsWith("prefix beam 4: N="), r[1]);
        assertTrue(lines.get(3).startsWith("prefix beam 4 + word LM: N="), r[1]);
        long testWords = entries.stream().filter(e -> e.split() == Split.TEST)
                .mapToLong(e -> Wer.words(e.normalized()).size()).sum();
        assertTrue(lines.get(1).contains("N=" + testWords + " "), "every test word counted: " + r[1]);

        Corpus.Entry victim = entries.stream().filter(e -> e.split() == Split.TEST).findFirst().orElseThrow();
        Files.writeString(corpus.resolve(victim.path()), "RIFF but not really");
        String[] broken = WerCommandTest.run("evaluate", corpus.toString(), "--no-progress");
        assertEquals("1", broken[0]);
        assertEquals(1, broken[2].lines().count(), broken[2]);
        assertTrue(broken[2].contains(victim.path()), broken[2]);
        assertTrue(broken[1].contains("N=" + testWords + " "), "the broken file's words count as deleted: " + broken[1]);

        String[] none = WerCommandTest.run("evaluate", tmp.resolve("nowhere").toString());
        assertEquals("1", none[0]);
        assertTrue(none[2].startsWith("earshot evaluate: ") && none[2].contains("nowhere"), none[2]);
    }
}
