package org.earshot.signal.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.earshot.exercises.Exercise;
import org.earshot.grading.batch.ClassGrader;
import org.earshot.grading.batch.Sandbox;
import org.earshot.grading.batch.SubmissionRunner;
import org.earshot.signal.exercises.SignalExercises;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the grading protocol, through the real sandbox (issue 20): a student who forges the worker's replies,
 * dumps its heap for a secret, answers with the kit's own code, reflects into a reference, reads the hidden cases,
 * writes gigabytes without a newline, garbles the protocol, or stalls every cell. Each is contained and named in
 * the status; the unsolved notebooks among them score 0; the solved ones lose only the attacked exercise.
 * Needs bubblewrap ({@code ./earshot setup} installs it).
 */
class HostileProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LESSON = "21.1-signal";
    private static final String FRAMES = "21.1-frame-count";
    private static final String MEL = "21.1-hz-to-mel";
    private static final double FULL = SignalExercises.all().stream().mapToDouble(Exercise::points).sum();
    private static final double WITHOUT_FRAMES = FULL - SignalExercises.FRAME_COUNT.points();
    private static final String SIG = "int frames(int signalLength, int nFft, int hopLength, boolean center) ";
    private static final String STUB = "{ throw new UnsupportedOperationException(\"exercise 21.1-frame-count: not answered yet\"); }";

    @TempDir
    static Path tmp;

    static Sandbox sandbox;

    @BeforeAll
    static void sandbox() throws IOException {
        sandbox = TestSandboxes.available(tmp.resolve("cds/grader.jsa"));
    }

    private static ObjectNode notebook(String folder) throws IOException {
        return TestNotebooks.lesson(folder);
    }

    private static ObjectNode with(ObjectNode nb, Map<String, String> sources) {
        return TestNotebooks.with(nb, sources);
    }

    private static void submit(Path dir, String student, ObjectNode notebook) throws IOException {
        TestNotebooks.submit(dir, student, notebook);
    }

    /** @return student → their result (from the class's results.json) */
    private static Map<String, JsonNode> grade(Path subs, Path out, SubmissionRunner.Limits limits) throws IOException {
        new ClassGrader(sandbox, limits, 2, false).grade(subs, out, Optional.of(LESSON),
                new PrintStream(OutputStream.nullOutputStream()));
        Map<String, JsonNode> byStudent = new LinkedHashMap<>();
        JSON.readTree(out.resolve("results.json").toFile()).path("students")
                .forEach(s -> byStudent.put(s.path("student").asText(), s));
        return byStudent;
    }

    private static double total(JsonNode result) {
        double sum = 0;
        for (JsonNode e : result.path("exercises")) {
            sum += e.path("score").asDouble();
        }
        return sum;
    }

    private static String status(JsonNode result) {
        return result.path("status").asText();
    }

    private static JsonNode exercise(JsonNode result, String id) {
        for (JsonNode e : result.path("exercises")) {
            if (e.path("id").asText().equals(id)) {
                return e;
            }
        }
        throw new AssertionError("no exercise " + id + " in " + result);
    }

    @Test
    void forgedRepliesKitAnswersReflectionAndHiddenCasesEarnNothing() throws Exception {
        Path subs = Files.createDirectories(tmp.resolve("cheats/submissions"));
        Path out = tmp.resolve("cheats/out");
        // forged protocol lines through /proc/self/fd/1 (the old nonce format and the new replies)
        submit(subs, "forged-replies", with(notebook("exercises"), Map.of(FRAMES, "+"
                + "try { var o = new java.io.FileOutputStream(\"/proc/self/fd/1\");\n"
                + "  for (int i = 0; i < 50; i++) o.write((\"{\\\"op\\\":\\\"call\\\",\\\"seq\\\":\" + i"
                + " + \",\\\"returned\\\":{\\\"type\\\":\\\"int\\\",\\\"value\\\":101}}\\n\").getBytes());\n"
                + "  o.write(\"abc {\\\"event\\\":\\\"end\\\"}\\n\".getBytes()); o.flush();\n"
                + "} catch (Exception e) { }")));
        // the old attack on the nonce: a heap dump of the worker
        submit(subs, "heap-dump", with(notebook("exercises"), Map.of(FRAMES, "+"
                + "try { java.lang.management.ManagementFactory.getPlatformMXBean("
                + "com.sun.management.HotSpotDiagnosticMXBean.class).dumpHeap(\"heap.hprof\", true); }"
                + " catch (Exception e) { }")));
        // the kit's own answers
        submit(subs, "kit-answers", with(notebook("exercises"), Map.of(
                FRAMES, SIG + "{ return Spectral.frameCount(signalLength, nFft, hopLength, center); }",
                MEL, "double hzToMel(double hz) { return MelScale.HTK.hzToMel(hz); }\n"
                        + "double melToHz(double mel) { return MelScale.HTK.melToHz(mel); }",
                "21.1-triangular-filterbank", "double[][] melFilterbank(int nFreqs, double fMinHz, double fMaxHz,"
                        + " int nMels, int sampleRate) { return MelFilterbank.create(nFreqs, fMinHz, fMaxHz, nMels,"
                        + " sampleRate, MelFilterbank.Norm.NONE, MelScale.HTK).weights(); }",
                "21.1-log-mel", "double[][] powerToDb(double[][] power, double topDb) { return Spectral.powerToDb(power, topDb); }",
                "21.1-dct-of-log-mel", "double[] dctOfLogMel(double[] logMel, int n) { double[][] c = Dct.matrix(n,"
                        + " logMel.length, Dct.Norm.ORTHO); double[] out = new double[n]; for (int k = 0; k < n; k++)"
                        + " for (int i = 0; i < logMel.length; i++) out[k] += c[k][i] * logMel[i]; return out; }")));
        // the kit's answer through a helper in another exercise's cell (the solution otherwise)
        submit(subs, "kit-answer-elsewhere", with(notebook("solutions"), Map.of(
                "21.1-dft-bin", "+double viaKit(double hz) { return MelScale.HTK.hzToMel(hz); }",
                MEL, "double hzToMel(double hz) { return viaKit(hz); }\n"
                        + "double melToHz(double mel) { return 700 * (Math.pow(10, mel / 2595) - 1); }")));
        // reflection into the exercises' declarations, and method handles
        submit(subs, "reflection", with(notebook("exercises"), Map.of(FRAMES, SIG + "{ try {"
                + " var f = Class.forName(\"org.earshot.signal.exercises.SignalExercises\").getDeclaredMethod(\"aliasHz\","
                + " double.class, int.class); f.setAccessible(true); return (int) (double) f.invoke(null, 1.0, 2); }"
                + " catch (Exception e) { throw new RuntimeException(e); } }")));
        submit(subs, "method-handles", with(notebook("exercises"), Map.of(FRAMES, SIG + "{ try {"
                + " return (int) java.lang.invoke.MethodHandles.lookup().findStatic(Math.class, \"abs\","
                + " java.lang.invoke.MethodType.methodType(int.class, int.class)).invoke(-1); }"
                + " catch (Throwable e) { throw new RuntimeException(e); } }")));
        // the hidden cases and their expected values, through the kit's public facade and directly
        submit(subs, "hidden-cases", with(notebook("exercises"), Map.of(
                FRAMES, "try { for (var c : Grader.exercise(\"21.1-frame-count\").declaredCases())"
                        + " System.out.println(\"LEAK \" + c.name() + \" \" + c.input()); }"
                        + " catch (Throwable t) { System.out.println(\"no cases: \" + t); }\n"
                        + SIG + "{ for (var c : Grader.exercise(\"21.1-frame-count\").cases(null)) {"
                        + " try { c.verdict().judge(-1); } catch (CaseFailure f) { return Integer.parseInt(f.expected()); } }"
                        + " return -1; }",
                "21.1-dft-bin", "int dftBin(double f, int sr, int n) {"
                        + " return SignalExercises.DFT_BIN.declaredCases().size(); }")));
        Map<String, JsonNode> r = grade(subs, out, SubmissionRunner.Limits.defaults());
        assertEquals(7, r.size());
        for (String s : List.of("forged-replies", "heap-dump", "kit-answers", "reflection", "method-handles",
                "hidden-cases")) {
            assertEquals(0, total(r.get(s)), s + ": " + status(r.get(s)));
        }
        // the forgery either garbles the channel (named) or, where the sandbox's uid cannot reopen fd 1, never
        // reaches it; either way it scored 0 above
        String forged = status(r.get("forged-replies"));
        assertTrue(forged.contains("garbled protocol line in the cell of " + FRAMES) || forged.equals("ok"), forged);
        assertTrue(status(r.get("heap-dump")).matches("forbidden API (ManagementFactory|HotSpotDiagnosticMXBean)\\.\\w+ in "
                + FRAMES), status(r.get("heap-dump")));
        String kit = status(r.get("kit-answers"));
        for (String expected : List.of("forbidden API Spectral.frameCount in " + FRAMES, "forbidden API MelScale in " + MEL,
                "forbidden API MelFilterbank in 21.1-triangular-filterbank", "forbidden API Spectral.powerToDb in 21.1-log-mel",
                "forbidden API Dct in 21.1-dct-of-log-mel")) {
            assertTrue(kit.contains(expected), expected + " not in: " + kit);
        }
        // any graded cell could answer for an exercise, so its forbidden APIs are looked for in all of them
        assertEquals(FULL - SignalExercises.HZ_TO_MEL.points() - SignalExercises.FILTERBANK.points(),
                total(r.get("kit-answer-elsewhere")), status(r.get("kit-answer-elsewhere")));
        assertEquals("forbidden API MelScale in " + MEL + " (used in the cell of 21.1-dft-bin); forbidden API MelScale"
                + " in 21.1-triangular-filterbank (used in the cell of 21.1-dft-bin)", status(r.get("kit-answer-elsewhere")));
        assertEquals("cell error", exercise(r.get("kit-answer-elsewhere"), MEL).path("status").asText());
        assertTrue(status(r.get("reflection")).matches("forbidden API (Class|Method|AccessibleObject)\\.\\w+ in " + FRAMES),
                status(r.get("reflection")));
        assertTrue(status(r.get("method-handles")).matches("forbidden API (MethodHandles|MethodHandles.Lookup|MethodType"
                + "|MethodHandle)\\.\\w+ in " + FRAMES), status(r.get("method-handles")));
        // no hidden case reaches the student's process: the facade finds no exercise there, the class does not exist
        JsonNode hidden = r.get("hidden-cases");
        assertTrue(status(hidden).contains("compile error in 21.1-dft-bin"), status(hidden));
        String report = Files.readString(out.resolve("hidden-cases/report.html"));
        assertFalse(report.contains("LEAK"), "the cases were listed in the student's process");
        assertTrue(hidden.path("output").asText().contains("no cases: java.lang.NoClassDefFoundError"),
                hidden.path("output").asText());
        for (var c : SignalExercises.FRAME_COUNT.declaredCases()) {
            if (c.hidden()) {
                assertFalse(report.contains(org.earshot.display.Html.escape(c.name())), "hidden case in the report: " + c.name());
            }
        }
        // the forged lines were not believed, and printing during the cases is not shown
        assertEquals("not answered", exercise(r.get("forged-replies"), "21.1-dft-bin").path("status").asText());
    }

    @Test
    void unboundedAndGarbledOutputEndOnlyTheWorker() throws Exception {
        Path subs = Files.createDirectories(tmp.resolve("output/submissions"));
        Path out = tmp.resolve("output/out");
        // 8 MiB without a newline, over a 2 MiB line limit (the real limit is 16 MiB; the attack wrote 2.3 GB)
        submit(subs, "no-newline", with(notebook("solutions"), Map.of(FRAMES, "+"
                + "byte[] chunk = new byte[1 << 20]; java.util.Arrays.fill(chunk, (byte) 'x');\n"
                + "var raw = new java.io.FileOutputStream(java.io.FileDescriptor.out);\n"
                + "for (int i = 0; i < 8; i++) raw.write(chunk);\nraw.flush();")));
        submit(subs, "garbled", with(notebook("solutions"), Map.of(FRAMES, "+"
                + "new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true)"
                + ".println(\"this is not the protocol\");")));
        submit(subs, "fills-tmp", with(notebook("solutions"), Map.of(FRAMES, "+"
                + "var fill = Files.newOutputStream(Path.of(\"/tmp/fill\")); byte[] mb = new byte[1 << 20];\n"
                + "while (true) fill.write(mb);")));
        submit(subs, "solution", notebook("solutions"));
        SubmissionRunner.Limits limits = new SubmissionRunner.Limits(10_000, 5_000, 60_000, 64 * 1024, 180_000, 2 << 20);
        Map<String, JsonNode> r = grade(subs, out, limits);
        assertEquals(FULL, total(r.get("solution")), status(r.get("solution")));
        assertEquals(WITHOUT_FRAMES, total(r.get("no-newline")), status(r.get("no-newline")));
        assertEquals("output limit (a line over 2 MiB) in the cell of " + FRAMES, status(r.get("no-newline")));
        assertEquals(WITHOUT_FRAMES, total(r.get("garbled")), status(r.get("garbled")));
        assertEquals("garbled protocol line in the cell of " + FRAMES, status(r.get("garbled")));
        assertEquals("garbled protocol line", exercise(r.get("garbled"), FRAMES).path("cell").asText());
        // a full tmpfs is the sandbox's limit, named so, not only the student's exception
        assertEquals("disk limit (home 256 MiB, /tmp 64 MiB, /dev/shm 64 MiB): exception: java.io.IOException: No space"
                + " left on device", exercise(r.get("fills-tmp"), FRAMES).path("cell").asText());
    }

    @Test
    void aSlowStudentStopsAtItsBudgetAcrossFreshWorkers() throws Exception {
        Path subs = Files.createDirectories(tmp.resolve("slow/submissions"));
        Path out = tmp.resolve("slow/out");
        Map<String, String> sleepy = new LinkedHashMap<>();
        Map<String, String> looping = new LinkedHashMap<>();
        for (Exercise<?, ?> e : SignalExercises.all()) {
            sleepy.put(e.id(), "+Thread.sleep(1_500);"); // just under the cell limit, in every cell
        }
        looping.put(FRAMES, SIG + "{ while (true) { } }");
        looping.put("21.1-dft-bin", "int dftBin(double f, int sr, int n) { while (true) { } }");
        looping.put("21.1-pre-emphasis", "double[] preEmphasis(double[] x, double a) { while (true) { } }");
        looping.put("21.1-alias-frequency", "double aliasFrequency(double f, int sr) { while (true) { } }");
        submit(subs, "sleeps-in-every-cell", with(notebook("solutions"), sleepy));
        submit(subs, "loops-in-every-case", with(notebook("solutions"), looping));
        // 2 s a cell, 1 s a case, 30 s a worker, but 6 s for all of a student's workers together
        SubmissionRunner.Limits limits = new SubmissionRunner.Limits(2_000, 1_000, 30_000, 64 * 1024, 6_000, 16 << 20);
        Map<String, JsonNode> r = grade(subs, out, limits);
        for (String s : List.of("sleeps-in-every-cell", "loops-in-every-case")) {
            assertTrue(status(r.get(s)).contains("time budget (6.0 s for the student) used up"), s + ": " + status(r.get(s)));
            assertTrue(total(r.get(s)) < FULL, s + ": " + total(r.get(s)));
        }
        // the looping student was stopped before a fresh worker for each of its four loops could start
        assertTrue(r.get("loops-in-every-case").path("attempts").asInt() <= 5,
                "workers started: " + r.get("loops-in-every-case").path("attempts"));
    }

    @Test
    void aCellThatBurnsItsCpuTimeIsKilledAndNamedSo() throws Exception {
        Path subs = Files.createDirectories(tmp.resolve("cpu/submissions"));
        Path out = tmp.resolve("cpu/out");
        submit(subs, "spinner", with(notebook("solutions"), Map.of(FRAMES, "+"
                + "System.out.println(\"spinning up\");\n"
                + "for (int i = 0; i < 4; i++) new Thread(() -> { while (true) { } }).start();\nThread.sleep(40_000);")));
        // 15 CPU seconds a process: reached by four spinning threads long before the cell's 50 s
        Sandbox tight = new Sandbox(sandbox.javaHome(), sandbox.classPath(), sandbox.dataDir(), 512, 1024, 15,
                tmp.resolve("cpu/cds/grader.jsa"));
        new ClassGrader(tight, new SubmissionRunner.Limits(50_000, 5_000, 60_000, 64 * 1024), 1, false)
                .grade(subs, out, Optional.of(LESSON), new PrintStream(OutputStream.nullOutputStream()));
        JsonNode spinner = JSON.readTree(out.resolve("results.json").toFile()).path("students").get(0);
        assertEquals("CPU time limit in the cell of " + FRAMES, status(spinner));
        assertEquals(WITHOUT_FRAMES, total(spinner), status(spinner));
        // what the cell printed before the kill is in the report, as it was on the student's screen
        assertTrue(spinner.path("output").asText().contains("spinning up"), spinner.path("output").asText());
    }
}
