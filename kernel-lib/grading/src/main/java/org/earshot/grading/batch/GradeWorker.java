package org.earshot.grading.batch;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.earshot.exercises.AnswerCodec;
import org.earshot.exercises.Check;
import org.earshot.exercises.Exercise;
import org.earshot.kit.Grader;
import org.earshot.exercises.TestCase;
import org.earshot.kit.Kit;

/**
 * The child process of class grading: runs inside the sandbox, one per submission. It evaluates the submission's
 * graded cells with JShell (in this JVM, so the answers are real objects here), builds each exercise's answer with
 * the exercise's own answer expression, runs the test cases' <em>probes</em> and sends what came back. It never
 * judges: the reference answers stay in the grader's process, which compares.
 *
 * <p>Protocol: one request (JSON, {@link WorkerRequest}) on standard input; on standard output, lines
 * {@code <nonce> <json>} with {@code event} = {@code cell} (a cell ran: ok, or its error), {@code begin} (an
 * exercise's cases start), {@code case} (one probe's outcome), {@code end} (all done). Anything else on standard
 * output is the student's printing. When a cell or a case runs out of time the worker says so and halts: the
 * grader starts a fresh one for what is left.
 */
public final class GradeWorker {

    private static final long STARTED = System.nanoTime();
    private static final String ANSWER_PROPERTY = "earshot.grading.answer";

    private final WorkerRequest request;
    private final PrintStream protocol;
    private final ObjectMapper json = new ObjectMapper();

    private GradeWorker(WorkerRequest request, PrintStream protocol) {
        this.request = request;
        this.protocol = protocol;
    }

    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        WorkerRequest request = new ObjectMapper().readValue(System.in.readAllBytes(), WorkerRequest.class);
        System.setIn(java.io.InputStream.nullInputStream());
        new GradeWorker(request, protocol).run();
        protocol.flush();
        Runtime.getRuntime().halt(0); // the student's non-daemon threads must not keep the process alive
    }

    private void send(ObjectNode message) {
        message.put("ms", (System.nanoTime() - STARTED) / 1_000_000);
        String line = request.nonce() + " " + message.toString();
        synchronized (protocol) {
            protocol.println();
            protocol.println(line);
            protocol.flush();
        }
    }

    private void run() {
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "earshot-watchdog");
            t.setDaemon(true);
            return t;
        });
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                shell.addToClasspath(Path.of(entry).toAbsolutePath().toString());
            }
            StringBuilder used = new StringBuilder();
            request.cells().forEach(c -> used.append(c.source()).append('\n'));
            request.exercises().forEach(id -> used.append(Grader.exercise(id).answerExpression()).append('\n'));
            for (String importLine : neededImports(Kit.notebookImports(), used.toString())) {
                shell.eval(importLine);
            }
            for (WorkerRequest.Cell cell : request.cells()) {
                if (request.skipCells().contains(cell.exercise())) {
                    continue;
                }
                ObjectNode m = json.createObjectNode().put("event", "cell").put("exercise", cell.exercise());
                send(json.createObjectNode().put("event", "cell-start").put("exercise", cell.exercise()));
                ScheduledFuture<?> stop = watchdog.schedule(shell::stop, request.cellTimeoutMs(), TimeUnit.MILLISECONDS);
                long start = System.nanoTime();
                String error = evaluate(shell, cell.source());
                stop.cancel(false);
                if ((System.nanoTime() - start) / 1e6 >= request.cellTimeoutMs()) {
                    send(m.put("status", "timeout").put("message", "the cell ran past " + request.cellTimeoutMs() / 1000
                            + " s"));
                    halt();
                }
                send(error == null ? m.put("status", "ok") : m.put("status", "error").put("message", error));
            }
            Map<String, Object> answers = answers(shell);
            for (String id : request.exercises()) {
                runExercise(shell, id, answers);
            }
        }
        send(json.createObjectNode().put("event", "end"));
    }

    /** @return null when every snippet of the cell compiled and ran, else the first problem in one line */
    private static String evaluate(JShell shell, String source) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = source;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            String snippet = info.source() == null ? remaining : info.source();
            remaining = info.source() == null ? "" : info.remaining();
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                continue;
            }
            for (SnippetEvent event : shell.eval(snippet)) {
                if (event.status() == Snippet.Status.REJECTED) {
                    String diagnostic = shell.diagnostics(event.snippet()).findFirst()
                            .map(d -> d.getMessage(java.util.Locale.ROOT)).orElse("rejected");
                    return "compile error: " + oneLine(diagnostic) + " in: " + oneLine(snippet);
                }
                if (event.exception() != null) {
                    Throwable t = event.exception();
                    String name = t instanceof jdk.jshell.EvalException e ? e.getExceptionClassName()
                            : t.getClass().getSimpleName();
                    return "exception: " + name + (t.getMessage() == null ? "" : ": " + oneLine(t.getMessage()));
                }
            }
        }
        return null;
    }

    /**
     * Builds every exercise's answer in one snippet (one compilation instead of one per exercise).
     *
     * @return exercise id → answer; empty when the snippet failed (then each is built on its own)
     */
    private Map<String, Object> answers(JShell shell) {
        List<String> ids = request.exercises().stream().filter(id -> !request.skipCells().contains(id)).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        StringBuilder build = new StringBuilder("System.getProperties().put(\"" + ANSWER_PROPERTY + "\", new Object[] {");
        for (int i = 0; i < ids.size(); i++) {
            build.append(i == 0 ? "" : ", ").append(Grader.exercise(ids.get(i)).answerExpression());
        }
        build.append("});");
        System.getProperties().remove(ANSWER_PROPERTY);
        if (evaluate(shell, build.toString()) == null
                && System.getProperties().get(ANSWER_PROPERTY) instanceof Object[] built && built.length == ids.size()) {
            for (int i = 0; i < ids.size(); i++) {
                out.put(ids.get(i), built[i]);
            }
        }
        return out;
    }

    private void runExercise(JShell shell, String id, Map<String, Object> answers) {
        send(json.createObjectNode().put("event", "begin").put("exercise", id));
        Exercise<?, ?> exercise = Grader.exercise(id);
        String error = null;
        Object answer = answers.get(id);
        if (answer == null) {
            System.getProperties().remove(ANSWER_PROPERTY);
            String build = "System.getProperties().put(\"" + ANSWER_PROPERTY + "\", " + exercise.answerExpression() + ");";
            error = request.skipCells().contains(id) ? "its cell was not run" : evaluate(shell, build);
            answer = System.getProperties().get(ANSWER_PROPERTY);
        }
        List<TestCase> cases = exercise.casesOfAnswer(answer);
        for (int i = 0; i < cases.size(); i++) {
            ObjectNode m = json.createObjectNode().put("event", "case").put("exercise", id).put("index", i);
            if (answer == null) {
                send(m.put("outcome", "threw").put("error", "no answer: " + (error == null ? "null" : error)));
                continue;
            }
            Check.Outcome outcome = Check.probe(cases.get(i), Duration.ofMillis(request.caseTimeoutMs()));
            switch (outcome.kind()) {
                case RETURNED -> {
                    m.put("outcome", "returned");
                    m.set("answer", AnswerCodec.encode(outcome.value()));
                    send(m);
                }
                case THREW -> send(m.put("outcome", "threw").put("error", oneLine(outcome.error())));
                case TIMED_OUT -> {
                    send(m.put("outcome", "timed_out").put("error", outcome.error()));
                    halt(); // its thread may still be spinning: a fresh worker does the rest
                }
            }
        }
    }

    private void halt() {
        protocol.flush();
        Runtime.getRuntime().halt(0);
    }

    /**
     * The notebook's imports that these sources need: the JDK's always, a kit package only when a class of it is
     * named in the sources (each import costs a compilation in JShell, so a worker does not pay for all of them).
     */
    static List<String> neededImports(List<String> imports, String sources) {
        Set<String> words = new HashSet<>(Arrays.asList(sources.split("[^A-Za-z0-9_$]+")));
        Map<String, Set<String>> classes = classesOnClassPath();
        List<String> out = new ArrayList<>();
        for (String line : imports) {
            String target = line.replaceFirst("^import (static )?", "").replace(";", "").strip();
            if (line.startsWith("import static ")) {
                if (words.contains(target.substring(target.lastIndexOf('.') + 1))) {
                    out.add(line);
                }
            } else if (!target.endsWith(".*")) {
                out.add(line);
            } else {
                String pkg = target.substring(0, target.length() - 2);
                Set<String> names = pkg.startsWith("java.") ? jdkClasses(pkg) : classes.getOrDefault(pkg, Set.of());
                if (names == null || names.stream().anyMatch(words::contains)) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    /** @return the simple names of a JDK package's top-level classes, or null when it cannot tell */
    private static Set<String> jdkClasses(String pkg) {
        Set<String> out = new HashSet<>();
        try {
            java.nio.file.FileSystem jrt = java.nio.file.FileSystems.getFileSystem(java.net.URI.create("jrt:/"));
            try (var modules = java.nio.file.Files.list(jrt.getPath("/packages", pkg))) {
                for (Path module : modules.toList()) {
                    Path dir = jrt.getPath("/modules", module.getFileName().toString(), pkg.replace('.', '/'));
                    try (var files = java.nio.file.Files.list(dir)) {
                        files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                                .forEach(n -> out.add(n.substring(0, n.length() - ".class".length())));
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null; // cannot tell: keep the import
        }
        return out;
    }

    /** @return package → simple names of its top-level classes, from the jars on the class path */
    private static Map<String, Set<String>> classesOnClassPath() {
        Map<String, Set<String>> out = new HashMap<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            List<String> names = new ArrayList<>();
            if (java.nio.file.Files.isDirectory(path)) {
                try (var walk = java.nio.file.Files.walk(path)) {
                    walk.map(p -> path.relativize(p).toString().replace(java.io.File.separatorChar, '/')).forEach(names::add);
                } catch (java.io.IOException unreadable) {
                    // a folder that cannot be walked contributes no names
                }
            } else if (entry.endsWith(".jar")) {
                try (ZipFile jar = new ZipFile(entry)) {
                    jar.stream().map(ZipEntry::getName).forEach(names::add);
                } catch (java.io.IOException unreadable) {
                    // a jar that cannot be listed contributes no names
                }
            }
            for (String n : names) {
                int slash = n.lastIndexOf('/');
                if (n.endsWith(".class") && !n.contains("$") && slash > 0) {
                    out.computeIfAbsent(n.substring(0, slash).replace('/', '.'), k -> new HashSet<>())
                            .add(n.substring(slash + 1, n.length() - ".class".length()));
                }
            }
        }
        return out;
    }

    static String oneLine(String s) {
        String flat = s.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 297) + "…" : flat;
    }

}
