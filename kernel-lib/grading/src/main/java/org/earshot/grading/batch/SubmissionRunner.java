package org.earshot.grading.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.exercises.AnswerCodec;
import org.earshot.exercises.Check;
import org.earshot.exercises.CheckReport;
import org.earshot.exercises.TestCase;
import org.earshot.exercises.Exercise;

/**
 * Grades one submission: starts a {@link GradeWorker} in the {@link Sandbox}, reads its protocol lines, and judges
 * each probe's answer against the reference here, in the grader's process. When the worker dies — the student's
 * code called {@code System.exit}, ran out of memory, looped in a cell or a case, used up its CPU time — the
 * exercise it was in scores what it had (usually 0), the death is recorded as a reason, and a fresh worker grades
 * what is left, without that cell.
 */
public final class SubmissionRunner {

    /** Limits of one submission. */
    public record Limits(long cellTimeoutMs, long caseTimeoutMs, long workerTimeoutMs, int outputLimitBytes) {

        /** @return 10 s a cell, 5 s a test case, 60 s a worker, 64 KB of output kept */
        public static Limits defaults() {
            return new Limits(10_000, 5_000, 60_000, 64 * 1024);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sandbox sandbox;
    private final Limits limits;

    public SubmissionRunner(Sandbox sandbox, Limits limits) {
        this.sandbox = sandbox;
        this.limits = limits;
    }

    /** What one student's workers reported, gathered over attempts. */
    private static final class Gathered {
        final Map<String, String> cellStatus = new LinkedHashMap<>();
        final Map<String, Map<Integer, JsonNode>> outcomes = new LinkedHashMap<>();
        final Set<String> skipCells = new LinkedHashSet<>();
        final Set<String> finished = new LinkedHashSet<>();
        final List<String> reasons = new ArrayList<>();
        final StringBuilder output = new StringBuilder();
        long outputBytes;
        int attempts;
    }

    /**
     * @param submission the student's submission
     * @param exercises  the lesson's exercises, in order
     * @param workDir    a private folder for the worker (created, emptied)
     * @return the graded result
     */
    public StudentResult grade(Submission submission, List<Exercise<?, ?>> exercises,
                               Path workDir) {
        long start = System.nanoTime();
        Gathered g = new Gathered();
        if (!submission.gradable()) {
            return judge(submission, exercises, g, List.of(submission.problem()), start);
        }
        Set<String> present = new LinkedHashSet<>();
        submission.cells().forEach(c -> present.add(c.exercise()));
        List<String> toRun = exercises.stream().map(Exercise::id).filter(present::contains).toList();
        int maxAttempts = present.size() + toRun.size() + 1;
        while (g.attempts < maxAttempts) {
            List<String> left = toRun.stream().filter(id -> !g.finished.contains(id)).toList();
            if (left.isEmpty() && g.attempts > 0) {
                break;
            }
            if (runWorker(submission, left, workDir, g)) {
                break;
            }
        }
        return judge(submission, exercises, g, g.reasons, start);
    }

    /** @return true when the worker finished its request */
    private boolean runWorker(Submission submission, List<String> exercises, Path workDir, Gathered g) {
        g.attempts++;
        String nonce = HexFormat.of().formatHex(RANDOM.generateSeed(12));
        WorkerRequest request = new WorkerRequest(nonce, submission.cells(), List.copyOf(g.skipCells), exercises,
                limits.cellTimeoutMs(), limits.caseTimeoutMs());
        String inCell = null;
        String inExercise = null;
        boolean ended = false;
        boolean timedOut = false;
        StringBuilder stderr = new StringBuilder();
        int exit;
        Optional<String> limit; // a limit the kernel counted the worker running into (its cgroup's counters)
        try {
            recreate(workDir);
            Sandbox.Confined run = sandbox.start(workDir);
            Process p = run.process();
            Thread errors = drain(p.getErrorStream(), stderr, 4096);
            try (OutputStream in = p.getOutputStream()) {
                JSON.writeValue(in, request);
            } catch (IOException broken) {
                // the worker died before reading: its exit status says why
            }
            java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
            Thread killer = new Thread(() -> {
                try {
                    if (!p.waitFor(limits.workerTimeoutMs(), TimeUnit.MILLISECONDS)) {
                        fired.set(true);
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                    }
                } catch (InterruptedException done) {
                    Thread.currentThread().interrupt();
                }
            }, "earshot-grade-timer");
            killer.setDaemon(true);
            killer.start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    int at = line.lastIndexOf(nonce + " {");
                    if (at < 0) {
                        keepOutput(g, line);
                        continue;
                    }
                    if (at > 0) {
                        keepOutput(g, line.substring(0, at));
                    }
                    JsonNode m = JSON.readTree(line.substring(at + nonce.length() + 1));
                    String id = m.path("exercise").asText();
                    switch (m.path("event").asText()) {
                        case "cell-start" -> inCell = id;
                        case "cell" -> {
                            inCell = null;
                            g.cellStatus.put(id, m.path("status").asText().equals("ok") ? "ok"
                                    : m.path("message").asText(m.path("status").asText()));
                            if (m.path("status").asText().equals("timeout")) {
                                inCell = id;
                                timedOut = true;
                            }
                        }
                        case "begin" -> inExercise = id;
                        case "case" -> {
                            g.outcomes.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(m.path("index").asInt(), m);
                            if (m.path("outcome").asText().equals("timed_out")) {
                                timedOut = true;
                            }
                        }
                        case "end" -> ended = true;
                        default -> { }
                    }
                }
            }
            exit = p.waitFor();
            limit = run.finish();
            killer.interrupt();
            errors.join(1000);
            timedOut |= fired.get();
        } catch (IOException | InterruptedException e) {
            g.reasons.add("grader error: " + e.getMessage());
            g.finished.addAll(exercises);
            return true;
        }
        if (ended) {
            limit.ifPresent(g.reasons::add);
            g.finished.addAll(exercises);
            return true;
        }
        String why = timedOut ? "timeout" : limit.orElseGet(() -> reason(exit, stderr.toString()));
        if (inCell != null) {
            g.skipCells.add(inCell);
            g.cellStatus.put(inCell, why);
            g.reasons.add(why + " in the cell of " + inCell);
        } else if (inExercise != null) {
            g.finished.add(inExercise);
            g.reasons.add(why + " in " + inExercise);
        } else {
            g.reasons.add(why + " before grading began" + (stderr.isEmpty() ? "" : ": "
                    + GradeWorker.oneLine(stderr.toString())));
            g.finished.addAll(exercises);
            return true;
        }
        return false;
    }

    private static String reason(int exit, String stderr) {
        if (stderr.contains("OutOfMemoryError")) {
            return "out of memory";
        }
        if (exit == 128 + 24 || exit == 128 + 9 && stderr.contains("CPU")) {
            return "CPU time limit";
        }
        return "exited (status " + exit + ")";
    }

    private void keepOutput(Gathered g, String line) {
        g.outputBytes += line.length() + 1;
        if (g.output.length() < limits.outputLimitBytes()) {
            g.output.append(line, 0, Math.min(line.length(), limits.outputLimitBytes() - g.output.length()))
                    .append('\n');
        }
    }

    private StudentResult judge(Submission submission, List<Exercise<?, ?>> exercises,
                                Gathered g, List<String> reasons, long start) {
        List<String> notes = new ArrayList<>(reasons);
        List<StudentResult.ExerciseResult> results = new ArrayList<>();
        for (Exercise<?, ?> e : exercises) {
            List<TestCase> cases = e.cases(null);
            Map<Integer, JsonNode> got = g.outcomes.getOrDefault(e.id(), Map.of());
            String cell = g.cellStatus.getOrDefault(e.id(), submission.gradable() ? "missing" : submission.problem());
            if (cell.startsWith("compile error")) {
                notes.add("compile error in " + e.id());
            }
            List<CheckReport.CaseResult> caseResults = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                JsonNode m = got.get(i);
                Check.Outcome outcome;
                if (m == null) {
                    outcome = Check.Outcome.threw(cell.equals("ok") ? "not run (the process ended before it)" : "not run: " + cell);
                } else {
                    outcome = switch (m.path("outcome").asText()) {
                        case "returned" -> Check.Outcome.returned(AnswerCodec.decode(m.path("answer")));
                        case "timed_out" -> Check.Outcome.timedOut(m.path("error").asText());
                        default -> Check.Outcome.threw(m.path("error").asText());
                    };
                }
                caseResults.add(Check.judge(cases.get(i), outcome));
            }
            CheckReport report = e.report(caseResults);
            StudentResult.Status status = submission.gradable() ? StudentResult.Status.of(cell, caseResults)
                    : StudentResult.Status.NOT_GRADED;
            results.add(new StudentResult.ExerciseResult(e.id(), e.points(), report.score(), status, cell, caseResults,
                    e.buildsOn()));
        }
        String output = g.output.toString();
        if (g.outputBytes > limits.outputLimitBytes()) {
            output += "… (cut: " + g.outputBytes + " bytes printed, " + limits.outputLimitBytes() + " kept)";
        }
        String status = notes.isEmpty() ? "ok" : String.join("; ", new LinkedHashSet<>(notes));
        return new StudentResult(submission.student(), submission.lesson(), status, results, output,
                (System.nanoTime() - start) / 1e9, g.attempts);
    }

    private static Thread drain(InputStream stream, StringBuilder keep, int limit) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (stream) {
                int n;
                while ((n = stream.read(buf)) > 0) {
                    synchronized (keep) {
                        keep.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        if (keep.length() > limit) {
                            keep.delete(0, keep.length() - limit);
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "earshot-grade-stderr");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void recreate(Path dir) throws IOException {
        ClassGrader.deleteTree(dir);
        Files.createDirectories(dir);
        dir.toFile().setWritable(true, false); // the sandbox's user (nobody) writes here
    }
}
