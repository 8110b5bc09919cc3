package org.earshot.signal.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.earshot.exercises.Exercise;
import org.earshot.grading.batch.ClassGrader;
import org.earshot.grading.batch.Sandbox;
import org.earshot.grading.batch.SubmissionRunner;
import org.earshot.kit.Kit;
import org.earshot.signal.exercises.SignalExercises;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak of issue 20: a class of 100 students, 80 honest (the solution) and 20 hostile (four each of five kinds:
 * an endless loop, a garbled protocol line, reflection, the kit's own answer, an unanswered notebook), graded with
 * two jobs by a grader in a JVM of its own that is killed with SIGKILL twice, at random points, and run again until
 * it finishes. Every student then has exactly one row; the honest have full marks; the hostile score less, with the
 * cause in their status; and the first run's pace is printed (time is quoted, never asserted). The grader runs in a
 * 256 MiB heap, so anything it keeps per student, or a judge that needs far more than its answer (it once framed a
 * whole-sound FFT in a buffer 512 times the sound), fails this test with an {@code OutOfMemoryError}.
 * Needs bubblewrap ({@code ./earshot setup} installs it).
 */
class ClassSoakTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LESSON = "21.1-signal";
    private static final String FRAMES = "21.1-frame-count";
    private static final String SIG = "int frames(int signalLength, int nFft, int hopLength, boolean center) ";
    private static final double FULL = SignalExercises.all().stream().mapToDouble(Exercise::points).sum();
    private static final int STUDENTS = 100;

    /** Each hostile kind: the frame-count cell's new source (a leading "+" puts it before the solved cell). */
    private static final Map<String, String> HOSTILE = new LinkedHashMap<>();

    static {
        HOSTILE.put("loop", SIG + "{ while (true) { } }");
        HOSTILE.put("garbled", "+new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true)"
                + ".println(\"this is not the protocol\");");
        HOSTILE.put("reflection", SIG + "{ try { var m = Math.class.getDeclaredMethod(\"abs\", int.class);"
                + " return (int) m.invoke(null, -1); } catch (Exception e) { throw new RuntimeException(e); } }");
        HOSTILE.put("kit-answer", SIG + "{ return Spectral.frameCount(signalLength, nFft, hopLength, center); }");
        HOSTILE.put("unanswered", null); // the released exercise notebook as it is
    }

    @TempDir
    static Path tmp;

    @Test
    void aClassKilledTwiceMidwayEndsWithEveryRowOnceAndTheHonestInFull() throws Exception {
        Sandbox sandbox = TestSandboxes.available(tmp.resolve("cds/grader.jsa")); // skips nothing: fails if absent
        Path subs = Files.createDirectories(tmp.resolve("class/submissions"));
        Path out = Files.createDirectories(tmp.resolve("class/out"));
        List<String> kinds = new ArrayList<>(HOSTILE.keySet());
        Map<String, String> kindOf = new LinkedHashMap<>();
        for (int i = 0; i < STUDENTS; i++) {
            String kind = i % 5 == 4 ? kinds.get((i / 5) % kinds.size()) : "honest";
            String student = String.format("s%03d-%s", i, kind);
            kindOf.put(student, kind);
            ObjectNode nb;
            if (kind.equals("honest")) {
                nb = TestNotebooks.lesson("solutions");
            } else if (HOSTILE.get(kind) == null) {
                nb = TestNotebooks.lesson("exercises");
            } else {
                nb = TestNotebooks.with(TestNotebooks.lesson("solutions"), Map.of(FRAMES, HOSTILE.get(kind)));
            }
            TestNotebooks.submit(subs, student, nb);
        }
        Random random = new Random(20);
        List<String> runs = new ArrayList<>();
        int[] killAt = {5 + random.nextInt(20), 45 + random.nextInt(25)}; // results on disk when each kill comes
        double firstPace = Double.NaN;
        for (int run = 0; run < killAt.length + 1; run++) {
            long start = System.nanoTime();
            int before = results(out);
            Process grader = grader(sandbox, subs, out, run);
            if (run < killAt.length) {
                while (grader.isAlive() && results(out) < killAt[run]) {
                    Thread.sleep(50);
                }
                assertTrue(grader.isAlive(), "run " + run + " ended before its kill: " + Files.readString(log(run)));
                grader.destroyForcibly(); // SIGKILL: no shutdown hook, no gradebook
                assertTrue(grader.waitFor(30, TimeUnit.SECONDS));
                int after = results(out);
                runs.add("run " + run + " killed after " + after + " results");
                if (run == 0) {
                    firstPace = (System.nanoTime() - start) / 1e9 / Math.max(1, after - before);
                }
            } else {
                assertTrue(grader.waitFor(15, TimeUnit.MINUTES), "the last run finished");
                assertEquals(0, grader.exitValue(), Files.readString(log(run)));
                runs.add("run " + run + " finished");
            }
        }
        System.err.printf("ClassSoakTest: %s; first run %.2f s a student with 2 jobs (%.0f s for 100)%n", runs,
                firstPace, firstPace * STUDENTS);
        // the gradebook: one row per student, no repeats
        List<String> rows = Files.readAllLines(out.resolve("gradebook.csv"));
        assertEquals(STUDENTS + 1, rows.size(), "a header and one row per student");
        Set<String> seen = new HashSet<>();
        for (String row : rows.subList(1, rows.size())) {
            String student = row.substring(0, row.indexOf(','));
            assertTrue(seen.add(student), "twice in the gradebook: " + student);
        }
        assertEquals(kindOf.keySet(), seen);
        Map<String, JsonNode> results = new LinkedHashMap<>();
        JSON.readTree(out.resolve("results.json").toFile()).path("students")
                .forEach(s -> results.put(s.path("student").asText(), s));
        assertEquals(STUDENTS, results.size());
        for (var e : kindOf.entrySet()) {
            JsonNode r = results.get(e.getKey());
            String status = r.path("status").asText();
            if (e.getValue().equals("honest")) {
                assertEquals(FULL, total(r), e.getKey() + ": " + status);
                assertEquals("ok", status, e.getKey());
            } else {
                assertTrue(total(r) < FULL, e.getKey() + " scored " + total(r) + ": " + status);
                if (!e.getValue().equals("unanswered")) {
                    assertNotEquals("ok", status, e.getKey() + " has its cause named");
                }
            }
        }
    }

    /** A grader in a JVM of its own (so it can be killed), writing its log next to the class. */
    private static Process grader(Sandbox sandbox, Path subs, Path out, int run) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-D" + Kit.HOME_PROPERTY + "=" + Kit.home(), "-cp", String.join(File.pathSeparator,
                        sandbox.classPath().stream().map(Path::toString).toList()),
                Main.class.getName(), subs.toString(), out.toString(), sandbox.classArchive().toString());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(run).toFile()).start();
    }

    private static Path log(int run) {
        return tmp.resolve("grader-" + run + ".log");
    }

    /** @return how many students have a result on disk */
    private static int results(Path out) throws IOException {
        try (Stream<Path> dirs = Files.list(out)) {
            return (int) dirs.filter(d -> Files.isRegularFile(d.resolve("result.json"))).count();
        }
    }

    /** Grades the class with two jobs, as {@code ./earshot grade --jobs 2} does. */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            Sandbox s = TestSandboxes.available(TestSandboxes.testClassPath(), Path.of(args[2]));
            new ClassGrader(s, SubmissionRunner.Limits.defaults(), 2, false)
                    .grade(Path.of(args[0]), Path.of(args[1]), Optional.of(LESSON), System.err);
            System.exit(0); // as the CLI does: a library's idle pool threads would hold the JVM
        }
    }

    private static double total(JsonNode result) {
        double sum = 0;
        for (JsonNode e : result.path("exercises")) {
            sum += e.path("score").asDouble();
        }
        return sum;
    }
}
