package org.earshot.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;

/**
 * Per-utterance C/S/D/I equal to NIST sclite's, on data/fixtures/metrics (made by make_sclite_fixtures.py): random edits
 * with many tied alignments, the lesson's example, empty hypotheses, repeated words, case changes.
 */
class ScliteParityTest {

    static final Path DIR = Kit.home().resolve("data/fixtures/metrics");

    private static void compare(Path pra, boolean characters) throws IOException {
        Map<String, List<String>> ref = Trn.read(DIR.resolve("ref.trn"));
        Map<String, List<String>> hyp = Trn.read(DIR.resolve("hyp.trn"));
        Map<String, int[]> sclite = ScliteReport.scores(pra);
        assertEquals(ref.size(), sclite.size());
        List<String> mismatches = new ArrayList<>();
        for (String id : ref.keySet()) {
            Alignment a = characters
                    ? Wer.alignCharacters(String.join(" ", ref.get(id)), String.join(" ", hyp.get(id)))
                    : Wer.align(ref.get(id), hyp.get(id));
            int[] expected = sclite.get(id);
            int[] got = {a.correct(), a.substitutions(), a.deletions(), a.insertions()};
            if (!java.util.Arrays.equals(expected, got)) {
                mismatches.add(id + ": sclite " + java.util.Arrays.toString(expected) + ", ours " + java.util.Arrays.toString(got)
                        + "\n" + String.join("\n", a.rows()));
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + ref.size() + " differ:\n"
                + String.join("\n", mismatches.subList(0, Math.min(5, mismatches.size()))));
    }

    @Test
    void wordScoresEqualSclites() throws IOException {
        compare(DIR.resolve("sclite-words.pra"), false);
    }

    @Test
    void characterScoresEqualSclitesDashC() throws IOException {
        compare(DIR.resolve("sclite-chars.pra"), true);
    }

    @Test
    void theLessonsExample() {
        Alignment a = Wer.align("the cat sat on the mat", "the cat sat the mat");
        assertEquals(new ErrorCounts(6, 5, 0, 1, 0), a.counts());
        assertEquals("N=6 C=5 S=0 D=1 I=0 WER=16.67%", a.counts().summaryLine());
    }
}
