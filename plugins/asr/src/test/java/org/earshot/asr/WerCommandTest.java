package org.earshot.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.earshot.cli.EarshotCli;
import org.earshot.metrics.Trn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WerCommandTest {

    /** Runs the CLI, returning {exit code, stdout, stderr}. */
    static String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int rc = EarshotCli.commandLine().execute(args);
            return new String[] {Integer.toString(rc), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static String expectedTotal(Path pra) throws Exception {
        int[] sum = new int[4];
        for (int[] s : org.earshot.metrics.ScliteReport.scores(pra).values()) {
            for (int i = 0; i < 4; i++) {
                sum[i] += s[i];
            }
        }
        int n = sum[0] + sum[1] + sum[2];
        return String.format(Locale.ROOT, "N=%d C=%d S=%d D=%d I=%d WER=%.2f%%", n, sum[0], sum[1], sum[2], sum[3],
                100.0 * (sum[1] + sum[2] + sum[3]) / n);
    }

    @Test
    void totalsEqualSclitesOnTheFixtures() throws Exception {
        Path dir = org.earshot.kit.Kit.home().resolve("data/fixtures/metrics");
        for (boolean cer : new boolean[] {false, true}) {
            String[] r = cer ? run("wer", dir.resolve("ref.trn").toString(), dir.resolve("hyp.trn").toString(), "--cer")
                    : run("wer", dir.resolve("ref.trn").toString(), dir.resolve("hyp.trn").toString());
            assertEquals("0", r[0], r[2]);
            List<String> lines = r[1].lines().toList();
            assertEquals(expectedTotal(dir.resolve(cer ? "sclite-chars.pra" : "sclite-words.pra")), lines.get(lines.size() - 1));
        }
    }

    @Test
    void perUtteranceLinesComeFirst() throws Exception {
        Path dir = org.earshot.kit.Kit.home().resolve("data/fixtures/metrics");
        String[] r = run("wer", dir.resolve("ref.trn").toString(), dir.resolve("hyp.trn").toString(), "--per-utterance");
        List<String> lines = r[1].lines().toList();
        Map<String, List<String>> ref = Trn.read(dir.resolve("ref.trn"));
        assertEquals(ref.size() + 1, lines.size());
        assertEquals("spk1-lesson-seed: N=6 C=5 S=0 D=1 I=0 WER=16.67%", lines.get(0));
        assertEquals("spk1-empty-hyp: N=2 C=0 S=0 D=2 I=0 WER=100.00%", lines.get(1));
    }

    @Test
    void aMissingIdIsAnErrorNamingIt(@TempDir Path tmp) throws Exception {
        Path ref = tmp.resolve("ref.trn");
        Path hyp = tmp.resolve("hyp.trn");
        Files.writeString(ref, "a b (u1)\nc d (u2)\n");
        Files.writeString(hyp, "a b (u1)\n");
        String[] r = run("wer", ref.toString(), hyp.toString());
        assertEquals("1", r[0]);
        assertEquals("earshot wer: " + ref + ": utterance 'u2' is not in " + hyp, r[2].strip());
        Files.writeString(hyp, "a b (u1)\nno id here\n");
        r = run("wer", ref.toString(), hyp.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains(hyp + ":2: no utterance id"), r[2]);
    }
}
