package org.earshot.asr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.earshot.kit.Kit;

/**
 * The sclite fixtures as {@link WerCommandTest} reads them. The parity tests themselves moved with WER to
 * kernel-core ({@code org.earshot.metrics.ScliteParityTest}); test classes do not cross modules, so the two
 * helpers the CLI test uses stay here under their old name (rename to {@code ScliteFixtures} together with
 * {@code WerCommandTest}'s three references).
 */
final class ScliteParityTest {

    /** data/fixtures/metrics, made by make_sclite_fixtures.py. */
    static final Path DIR = Kit.home().resolve("data/fixtures/metrics");

    private ScliteParityTest() {
    }

    /** id → {C, S, D, I} from an sclite pra report. */
    static Map<String, int[]> scliteScores(Path pra) throws IOException {
        Map<String, int[]> scores = new LinkedHashMap<>();
        Pattern id = Pattern.compile("^id: \\((.*)\\)$");
        Pattern sc = Pattern.compile("^Scores: \\(#C #S #D #I\\) (\\d+) (\\d+) (\\d+) (\\d+)$");
        String current = null;
        for (String line : Files.readAllLines(pra)) {
            Matcher m = id.matcher(line);
            if (m.matches()) {
                current = m.group(1);
            }
            Matcher s = sc.matcher(line);
            if (s.matches()) {
                scores.put(current, new int[] {Integer.parseInt(s.group(1)), Integer.parseInt(s.group(2)),
                        Integer.parseInt(s.group(3)), Integer.parseInt(s.group(4))});
            }
        }
        return scores;
    }
}
