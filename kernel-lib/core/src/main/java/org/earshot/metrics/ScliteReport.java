package org.earshot.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NIST sclite's per-utterance alignment report ({@code sclite -o pra}): the reference {@link Wer} is held to.
 * The parity tests compare with it; so can anyone who scored a system with sclite.
 */
public final class ScliteReport {

    private ScliteReport() {
    }

    /**
     * @param pra an sclite {@code -o pra} report (e.g. {@code data/fixtures/metrics/sclite-words.pra}, made by
     *            {@code make_sclite_fixtures.py})
     * @return utterance id → {C, S, D, I}, in the report's order
     * @throws IOException when it cannot be read
     */
    public static Map<String, int[]> scores(Path pra) throws IOException {
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
