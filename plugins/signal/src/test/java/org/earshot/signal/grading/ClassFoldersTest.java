package org.earshot.signal.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.earshot.grading.batch.ClassGrader;
import org.earshot.grading.batch.Sandbox;
import org.earshot.grading.batch.SubmissionRunner;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Odd submission folders, graded end to end through the sandbox with the lesson left for the grader to find: two
 * notebooks, a link to a classmate's notebook, a FIFO, students named like the class files or like a formula. Every
 * row is there once, right, and the run finishes. Needs bubblewrap ({@code ./earshot setup} installs it).
 */
class ClassFoldersTest {

    @TempDir
    Path tmp;

    private Path student(Path subs, String name) throws IOException {
        return Files.createDirectories(subs.resolve(name));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a FIFO that were opened would hang the grader
    void oddFoldersAreGradedAndReportedAndTheClassFilesWritten() throws Exception {
        Sandbox sandbox = TestSandboxes.available(tmp.resolve("cds/grader.jsa"));
        Path solution = Kit.home().resolve("solutions/21.1-signal.ipynb");
        Path untouched = Kit.home().resolve("exercises/21.1-signal.ipynb");
        Path subs = Files.createDirectories(tmp.resolve("submissions"));
        Path out = tmp.resolve("out");
        Files.copy(solution, student(subs, "alice").resolve("21.1-signal.ipynb"));
        Path two = student(subs, "two");
        Files.copy(untouched, two.resolve("21.1-signal (1).ipynb")); // sorts first
        Files.copy(solution, two.resolve("21.1-signal.ipynb"));
        Files.createSymbolicLink(student(subs, "linker").resolve("21.1-signal.ipynb"),
                subs.resolve("alice/21.1-signal.ipynb"));
        for (String name : ClassGrader.CLASS_FILES) {
            Files.copy(solution, student(subs, name).resolve("21.1-signal.ipynb"));
        }
        Files.copy(solution, student(subs, "=cmd").resolve("21.1-signal.ipynb"));
        Path fifo = student(subs, "fifo").resolve("21.1-signal.ipynb");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo available");

        ClassGrader.Summary summary = new ClassGrader(sandbox, SubmissionRunner.Limits.defaults(), 2, false)
                .grade(subs, out, Optional.empty(), System.err);
        assertEquals("21.1-signal", summary.lesson(), "found by the notebooks, links and FIFOs not read");
        assertEquals(9, summary.students());

        Map<String, String> status = new LinkedHashMap<>();
        Map<String, Double> total = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(out.resolve("gradebook.csv"));
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = cells(line);
            assertFalse(status.containsKey(f.get(0)), "one row per student: " + f.get(0));
            status.put(f.get(0), f.get(f.size() - 1));
            total.put(f.get(0), Double.parseDouble(f.get(f.size() - 3)));
        }
        assertEquals(9, status.size(), String.join("\n", lines));
        double full = total.get("alice");
        assertEquals("ok", status.get("alice"));
        assertEquals(full, total.get("two"), "the named notebook, not the copy that sorts first");
        assertEquals("ok; not graded: 21.1-signal (1).ipynb (it holds 21.1-signal cells too)", status.get("two"));
        assertEquals(0, total.get("linker"));
        assertEquals("21.1-signal.ipynb is a symbolic link (not followed): not read", status.get("linker"));
        assertEquals(0, total.get("fifo"));
        assertEquals("21.1-signal.ipynb is a named pipe (FIFO), not a regular file: not read", status.get("fifo"));
        assertEquals(full, total.get("'=cmd"), "a formula-like name is neutralised, and graded");
        for (String name : ClassGrader.CLASS_FILES) {
            assertEquals(full, total.get(name), name);
            assertTrue(Files.isRegularFile(out.resolve(name), LinkOption.NOFOLLOW_LINKS), name + " is the class file");
            assertTrue(Files.isRegularFile(out.resolve("_" + name).resolve("report.html")), name + "'s report");
        }
        assertTrue(Files.isRegularFile(out.resolve("two/report.html")));
        // a rerun keeps everyone, escaped folders included
        ClassGrader.Summary again = new ClassGrader(sandbox, SubmissionRunner.Limits.defaults(), 2, false)
                .grade(subs, out, Optional.of("21.1-signal"), System.err);
        assertEquals(9, again.resumed());
        assertEquals(0, again.graded());
    }

    /** @return the cells of one RFC 4180 line */
    private static List<String> cells(String line) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }
}
