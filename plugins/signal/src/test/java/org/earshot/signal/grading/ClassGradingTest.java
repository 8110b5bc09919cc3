package org.earshot.signal.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.earshot.grading.batch.ClassGrader;
import org.earshot.grading.batch.Sandbox;
import org.earshot.grading.batch.SubmissionRunner;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class grading of the 21.1 lesson, end to end through the sandbox: the solution scores full marks, the released
 * exercise notebook 0 with status ok, and every hostile submission is contained, graded and reported while the
 * others in the same batch are graded correctly. Needs bubblewrap ({@code ./earshot setup} installs it).
 */
class ClassGradingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FRAMES = "21.1-frame-count";
    private static final double FULL = org.earshot.signal.exercises.SignalExercises.all().stream()
            .mapToDouble(org.earshot.exercises.Exercise::points).sum();
    private static final double WITHOUT_FRAMES = FULL - org.earshot.signal.exercises.SignalExercises.FRAME_COUNT.points();

    @TempDir
    static Path tmp;

    static Sandbox sandbox;

    @BeforeAll
    static void sandbox() throws IOException {
        sandbox = TestSandboxes.available(tmp.resolve("cds/grader.jsa"));
    }

    private static ObjectNode solution() throws IOException {
        return (ObjectNode) JSON.readTree(Kit.home().resolve("solutions/21.1-signal.ipynb").toFile());
    }

    /** The solution with the frame-count cell's source replaced. */
    private static ObjectNode withFrames(String source) throws IOException {
        return TestNotebooks.with(solution(), Map.of(FRAMES, source));
    }

    private static void submit(Path dir, String student, Object notebook) throws IOException {
        Path d = Files.createDirectories(dir.resolve(student));
        if (notebook instanceof String text) {
            Files.writeString(d.resolve("21.1-signal.ipynb"), text);
        } else {
            JSON.writeValue(d.resolve("21.1-signal.ipynb").toFile(), notebook);
        }
    }

    private static Map<String, String[]> gradebook(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("gradebook.csv"));
        Map<String, String[]> rows = new LinkedHashMap<>();
        String[] header = lines.get(0).split(",");
        assertEquals("student", header[0]);
        assertEquals("status", header[header.length - 1]);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", header.length);
            assertFalse(rows.containsKey(f[0]), "duplicate row for " + f[0]);
            rows.put(f[0], f);
        }
        return rows;
    }

    private static double total(String[] row) {
        return Double.parseDouble(row[row.length - 3]);
    }

    private static String status(String[] row) {
        String s = row[row.length - 1];
        return s.startsWith("\"") ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s;
    }

    @Test
    void hostileSubmissionsAreContainedAndTheRestAreGraded() throws Exception {
        Path subs = Files.createDirectories(tmp.resolve("hostile/submissions"));
        Path out = tmp.resolve("hostile/out");
        Path home = Kit.home();
        String sig = "int frames(int signalLength, int nFft, int hopLength, boolean center) ";
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            submit(subs, "a-solution", solution());
            submit(subs, "b-untouched", JSON.readTree(home.resolve("exercises/21.1-signal.ipynb").toFile()));
            submit(subs, "loop", withFrames(sig + "{ while (true) { } }"));
            submit(subs, "exit", withFrames(sig + "{ System.exit(3); return 0; }"));
            submit(subs, "halt-in-cell", withFrames("Runtime.getRuntime().halt(4);\n" + sig + "{ return 0; }"));
            submit(subs, "oom", withFrames(sig + "{ List<long[]> hog = new ArrayList<>(); while (true) hog.add(new long[1 << 20]); }"));
            submit(subs, "stack", withFrames(sig + "{ return frames(signalLength, nFft, hopLength, center) + 1; }"));
            submit(subs, "thread", withFrames("new Thread(() -> { while (true) { } }).start();\n"
                    + sig + "{ int padded = center ? signalLength + 2 * (nFft / 2) : signalLength; return 1 + (padded - nFft) / hopLength; }"));
            submit(subs, "read-solutions", withFrames(sig + "{ try { return Files.readString(Path.of(\""
                    + home.resolve("solutions/21.1-signal.ipynb") + "\")).length(); } catch (Exception e) { throw new RuntimeException(e); } }"));
            submit(subs, "read-other-student", withFrames(sig + "{ try { return Files.readString(Path.of(\""
                    + subs.resolve("a-solution/21.1-signal.ipynb") + "\")).length(); } catch (Exception e) { throw new RuntimeException(e); } }"));
            submit(subs, "write-outside", withFrames("try { Files.writeString(Path.of(\"" + home.resolve("PWNED")
                    + "\"), \"x\"); } catch (Exception e) { System.out.println(\"write refused: \" + e); }\n"
                    + "try { Files.writeString(Path.of(\"" + subs.resolve("PWNED") + "\"), \"x\"); } catch (Exception e) { }\n"
                    + sig + "{ int padded = center ? signalLength + 2 * (nFft / 2) : signalLength; return 1 + (padded - nFft) / hopLength; }"));
            submit(subs, "socket", withFrames(sig + "{ try (var s = new java.net.Socket(\"127.0.0.1\", " + server.getLocalPort()
                    + ")) { return 1; } catch (Exception e) { throw new RuntimeException(e); } }"));
            submit(subs, "print-100mb", withFrames("String line = \"x\".repeat(999);\nfor (int i = 0; i < 100_000; i++) System.out.println(line);\n"
                    + sig + "{ int padded = center ? signalLength + 2 * (nFft / 2) : signalLength; return 1 + (padded - nFft) / hopLength; }"));
            submit(subs, "syntax-error", withFrames(sig + "{ return signalLength +; }"));
            submit(subs, "not-json", "{\"cells\": [ this is not JSON");
            ObjectNode other = solution();
            for (var cell : other.get("cells")) {
                if (cell.path("metadata").has("earshot")) {
                    ((ObjectNode) cell.path("metadata").path("earshot")).put("exercise", "21.2-ctc-collapse");
                }
            }
            submit(subs, "other-lesson", other);

            SubmissionRunner.Limits limits = new SubmissionRunner.Limits(10_000, 3_000, 60_000, 64 * 1024);
            ClassGrader.Summary summary = new ClassGrader(sandbox, limits, 2, false)
                    .grade(subs, out, Optional.of("21.1-signal"), System.err);
            assertEquals(16, summary.students());

            Map<String, String[]> rows = gradebook(out);
            assertEquals(16, rows.size());
            assertEquals(FULL, total(rows.get("a-solution")), () -> readQuietly(out.resolve("a-solution/report.html")));
            assertEquals("ok", status(rows.get("a-solution")));
            assertEquals(0, total(rows.get("b-untouched")));
            assertEquals("ok", status(rows.get("b-untouched")));
            // contained: the affected exercise scores 0, every other one full marks
            for (String s : List.of("loop", "exit", "halt-in-cell", "oom", "stack", "read-solutions",
                    "read-other-student", "socket", "syntax-error")) {
                assertEquals(WITHOUT_FRAMES, total(rows.get(s)), s + ": " + status(rows.get(s)));
            }
            for (String s : List.of("thread", "write-outside", "print-100mb")) {
                assertEquals(FULL, total(rows.get(s)), s + ": " + status(rows.get(s)));
            }
            assertEquals("timeout in " + FRAMES, status(rows.get("loop")));
            assertEquals("exited (status 3) in " + FRAMES, status(rows.get("exit")));
            assertEquals("exited (status 4) in the cell of " + FRAMES, status(rows.get("halt-in-cell")));
            assertEquals("out of memory in " + FRAMES, status(rows.get("oom")));
            assertEquals("compile error in " + FRAMES, status(rows.get("syntax-error")));
            assertTrue(status(rows.get("not-json")).startsWith("invalid notebook: 21.1-signal.ipynb: "),
                    status(rows.get("not-json")));
            assertTrue(status(rows.get("other-lesson")).startsWith("wrong lesson: 21.1-signal.ipynb holds exercises the kit does not know (21.2-ctc-collapse"),
                    status(rows.get("other-lesson")));
            assertEquals(0, total(rows.get("not-json")));
            // what the reports say
            String stack = Files.readString(out.resolve("stack/report.html"));
            assertTrue(stack.contains("StackOverflowError"), "stack overflow reported");
            String read = Files.readString(out.resolve("read-solutions/report.html"));
            assertTrue(read.contains("NoSuchFileException"), "solutions/ is not there for the submission");
            assertFalse(read.contains("BEGIN SOLUTION"));
            String printed = Files.readString(out.resolve("print-100mb/report.html"));
            assertTrue(printed.contains("bytes printed, 65536 kept"), "output capped");
            assertTrue(printed.length() < 200_000, "report stays small: " + printed.length());
            assertTrue(Files.readString(out.resolve("socket/report.html")).contains("ConnectException"));
            assertFalse(Files.exists(home.resolve("PWNED")), "wrote into the kit");
            assertFalse(Files.exists(subs.resolve("PWNED")), "wrote into the submissions");
            server.setSoTimeout(200);
            try {
                server.accept().close();
                throw new AssertionError("the submission reached a socket on the host's 127.0.0.1");
            } catch (SocketTimeoutException expected) {
                // nothing connected
            }
            // class files
            assertTrue(Files.size(out.resolve("item-analysis.png")) > 1000);
            List<String> items = Files.readAllLines(out.resolve("item-analysis.csv"));
            assertEquals("exercise,case,name,hidden,students,pass_rate,discrimination,upper_lower,note", items.get(0));
            assertTrue(items.get(1).endsWith("n < 20: the indices are not meaningful"), items.get(1));
            int cases = org.earshot.signal.exercises.SignalExercises.all().stream()
                    .mapToInt(e -> e.declaredCases().size()).sum();
            assertEquals(1 + cases, items.size(), "one line per test case of the lesson");
            assertTrue(Files.readString(out.resolve("results.json")).contains("\"student\" : \"oom\""));
            assertFalse(Files.exists(out.resolve(".work")), "work folders are removed");
            // not answered is a status of its own (15); hidden cases show pass or fail only (16)
            assertEquals(List.of("answered"), statuses(out, "a-solution"));
            assertEquals(List.of("not answered"), statuses(out, "b-untouched"));
            assertEquals("compile error", exerciseStatus(out, "syntax-error", FRAMES));
            assertEquals("answered", exerciseStatus(out, "loop", FRAMES));
            assertEquals("not graded", exerciseStatus(out, "not-json", FRAMES));
            String untouched = Files.readString(out.resolve("b-untouched/report.html"));
            int exercises = JSON.readTree(out.resolve("b-untouched/result.json").toFile()).path("exercises").size();
            assertEquals(exercises, untouched.split("not answered yet", -1).length - 1, "one line per exercise");
            assertFalse(untouched.contains("UnsupportedOperationException"), "no rows of the stub's exception");
            assertFalse(untouched.contains("<table"), "no table of identical rows");
            assertFalse(untouched.contains("What your code printed"), "nothing printed, no block");
            String solved = Files.readString(out.resolve("a-solution/report.html"));
            assertTrue(solved.contains("hidden test 1"));
            for (var e : org.earshot.kit.Grader.exercise(FRAMES).declaredCases()) {
                if (e.hidden()) {
                    assertFalse(solved.contains(">" + org.earshot.display.Html.escape(e.name()) + "<"),
                            "a hidden case's inputs are in its name: " + e.name());
                }
            }
        }
    }

    /** @return the distinct per-exercise statuses in a student's result.json */
    private static List<String> statuses(Path out, String student) throws IOException {
        List<String> all = new ArrayList<>();
        JSON.readTree(out.resolve(student).resolve("result.json").toFile()).path("exercises")
                .forEach(e -> all.add(e.path("status").asText()));
        return all.stream().distinct().toList();
    }

    private static String exerciseStatus(Path out, String student, String exercise) throws IOException {
        for (var e : JSON.readTree(out.resolve(student).resolve("result.json").toFile()).path("exercises")) {
            if (e.path("id").asText().equals(exercise)) {
                return e.path("status").asText();
            }
        }
        return "absent";
    }

    /** Runs a class grading in its own JVM, so a test can kill it with SIGKILL. */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            sandbox = TestSandboxes.available(
                    Arrays.stream(args[2].split(File.pathSeparator)).map(Path::of).toList(), Path.of(args[3]));
            new ClassGrader(sandbox, SubmissionRunner.Limits.defaults(), 1, false)
                    .grade(Path.of(args[0]), Path.of(args[1]), Optional.of("21.1-signal"), System.err);
        }
    }

    @Test
    void aBatchKilledWithSigkillResumesWithoutLosingOrDuplicatingARow() throws Exception {
        Path subs = Files.createDirectories(tmp.resolve("resume/submissions"));
        Path out = tmp.resolve("resume/out");
        for (int i = 0; i < 6; i++) {
            submit(subs, "student-" + i, solution());
        }
        String cp = String.join(File.pathSeparator, sandbox.classPath().stream().map(Path::toString).toList());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + Kit.HOME_PROPERTY + "=" + Kit.home(), "-cp", cp, Main.class.getName(), subs.toString(),
                out.toString(), cp, sandbox.classArchive().toString()));
        Process grading = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("resume.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (countResults(out) < 2 && System.nanoTime() < deadline && grading.isAlive()) {
            Thread.sleep(100);
        }
        assertTrue(grading.isAlive(), "still grading when killed: " + Files.readString(tmp.resolve("resume.log")));
        grading.destroyForcibly(); // SIGKILL
        grading.waitFor();
        int before = countResults(out);
        assertTrue(before >= 2 && before < 6, "killed half way: " + before + " graded");
        assertFalse(Files.exists(out.resolve("gradebook.csv")), "no gradebook yet");

        ClassGrader.Summary again = new ClassGrader(sandbox, SubmissionRunner.Limits.defaults(), 2, false)
                .grade(subs, out, Optional.of("21.1-signal"), System.err);
        assertTrue(again.resumed() >= before, "kept what was graded: " + again);
        assertEquals(6, again.resumed() + again.graded());
        Map<String, String[]> rows = gradebook(out);
        assertEquals(6, rows.size());
        rows.values().forEach(r -> assertEquals(FULL, total(r), String.join(",", r)));
        // and a third run changes nothing
        ClassGrader.Summary third = new ClassGrader(sandbox, SubmissionRunner.Limits.defaults(), 2, false)
                .grade(subs, out, Optional.of("21.1-signal"), System.err);
        assertEquals(0, third.graded());
        assertEquals(6, gradebook(out).size());
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int countResults(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (var dirs = Files.list(out)) {
            return (int) dirs.filter(d -> Files.isRegularFile(d.resolve("result.json"))).count();
        }
    }
}
