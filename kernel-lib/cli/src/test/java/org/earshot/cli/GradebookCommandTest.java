package org.earshot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.earshot.exercises.CheckReport;
import org.earshot.grading.batch.ClassOutput;
import org.earshot.grading.batch.StudentResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code earshot gradebook record|override|export|history} and {@code grade --shard/--merge}'s refusals, through
 * picocli as a user types them: exit 0 and a line saying what was done, or exit 1 and one line saying why not.
 */
class GradebookCommandTest {

    @TempDir
    Path tmp;

    /** What a command printed and returned. */
    private record Ran(int code, String out, String err) {
    }

    private static Ran run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
        ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
        System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
        try {
            CommandLine cli = EarshotCli.commandLine();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            int code = cli.execute(args);
            return new Ran(code, out + sysOut.toString(StandardCharsets.UTF_8),
                    err + sysErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }

    private static void assertOneLineRefusal(Ran r, String why) {
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains(why), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }

    /** A grade output folder of two students: ada full marks on both exercises, bo half of the first. */
    private Path output() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        List<StudentResult> results = new ArrayList<>();
        for (String s : List.of("ada", "bo")) {
            List<StudentResult.ExerciseResult> ex = new ArrayList<>();
            for (String e : List.of("99.7-one", "99.7-two")) {
                boolean full = s.equals("ada");
                List<CheckReport.CaseResult> cases = List.of(
                        new CheckReport.CaseResult("a", false, 1, CheckReport.Status.PASSED, "1", "1", ""),
                        new CheckReport.CaseResult("b", true, 1, full ? CheckReport.Status.PASSED
                                : CheckReport.Status.FAILED, "1", "0", ""));
                ex.add(new StudentResult.ExerciseResult(e, 2, full ? 2 : e.endsWith("one") ? 1 : 0, null,
                        full || e.endsWith("one") ? "ok" : "missing", cases));
            }
            results.add(new StudentResult(s, "99.7-cli", "ok", ex, "", 0.1, 1, "cd".repeat(32),
                    s.equals("ada") ? "2026-12-05T20:00:00Z" : "2026-12-06T08:00:00Z"));
        }
        ClassOutput.write(out, "99.7-cli", List.of("99.7-one", "99.7-two"), results);
        return out;
    }

    @Test
    void recordOverrideExportAndHistoryOfAClass() throws Exception {
        Path out = output();
        String db = tmp.resolve("course.db").toString();
        Ran first = run("gradebook", "record", out.toString(), "--db", db, "--due", "2026-12-05T23:59Z");
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.out().startsWith("recorded run "), first.out());
        Ran again = run("gradebook", "record", out.toString(), "--db", db, "--due", "2026-12-05T23:59Z");
        assertTrue(again.out().startsWith("already recorded as run "), again.out());
        assertOneLineRefusal(run("gradebook", "record", out.toString(), "--db", db, "--lesson", "21.1-signal"),
                "lesson 99.7-cli, not 21.1-signal");
        assertOneLineRefusal(run("gradebook", "record", out.toString(), "--db", db, "--due", "tomorrow"),
                "due time 'tomorrow' is not ISO-8601");

        assertOneLineRefusal(run("gradebook", "override", "bo", "99.7-cli", "99.7-two", "3", "--reason", "x",
                "--db", db), "must lie in [0, 2]");
        assertOneLineRefusal(run("gradebook", "override", "bo", "99.7-cli", "99.7-two", "lots", "--reason", "x",
                "--db", db), "SCORE 'lots' is neither a number nor 'graded'");
        Ran override = run("gradebook", "override", "bo", "99.7-cli", "99.7-two", "1.5", "--reason",
                "cell was mislabelled", "--by", "lee", "--db", db);
        assertEquals(0, override.code(), override.toString());

        Path csv = tmp.resolve("grades.csv");
        assertEquals(0, run("gradebook", "export", "--lesson", "99.7-cli", "--db", db, "--out", csv.toString()).code());
        assertEquals("student,99.7-one,99.7-two,total,max,late\r\nada,2,2,4,4,no\r\nbo,1,1.5,2.5,4,yes\r\n",
                Files.readString(csv));
        Ran course = run("gradebook", "export", "--db", db);
        assertEquals("student,99.7-cli,total,max\r\nada,4,4,4\r\nbo,2.5,2.5,4\r\n", course.out());
        assertOneLineRefusal(run("gradebook", "export", "--lesson", "21.9-none", "--db", db), "no run of lesson 21.9-none");

        Ran history = run("gradebook", "history", "bo", "--db", db);
        assertEquals(0, history.code(), history.toString());
        List<String> lines = history.out().lines().toList();
        assertEquals(3, lines.size(), history.out());
        assertTrue(lines.get(1).contains("99.7-two") && lines.get(1).contains("0/2") && lines.get(1).contains("late"),
                lines.get(1));
        assertTrue(lines.get(2).contains("override") && lines.get(2).contains("cell was mislabelled (by lee)"),
                lines.get(2));
        assertOneLineRefusal(run("gradebook", "history", "zed", "--db", db), "nothing recorded for zed");
    }

    @Test
    void gradeRefusesABadShardAndAMergeOfThingsThatAreNotParts() throws Exception {
        Path subs = Files.createDirectories(tmp.resolve("subs").resolve("ada"));
        for (String bad : List.of("0/3", "3", "2/1", "x/y")) {
            assertOneLineRefusal(run("grade", subs.getParent().toString(), "--out", tmp.resolve("o").toString(),
                    "--shard", bad), "is not K/N");
        }
        assertOneLineRefusal(run("grade", "--merge", output().toString(), "--out", tmp.resolve("m").toString()),
                "no shard.json");
        assertOneLineRefusal(run("grade", subs.getParent().toString(), "--merge", output().toString(), "--out",
                tmp.resolve("m").toString()), "--merge takes the parts' output folders");
    }
}
