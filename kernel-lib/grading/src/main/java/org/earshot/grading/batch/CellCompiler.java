package org.earshot.grading.batch;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * The compiling half of class grading: JShell compiles the graded cells and the answers' entry points exactly as a
 * notebook would, but its execution engine only <em>records</em> what it would have the student's JVM do — load
 * these class files, invoke that method — and runs nothing. The grader checks the recorded class files (forbidden
 * APIs) and replays them in the student's own process ({@link StudentAgent}), so the code the student's JVM runs
 * is exactly the code that was checked, and javac never runs where the student's code does.
 */
final class CellCompiler {

    /** A compiled class: its binary name and its bytes in base64. */
    record ClassFile(String name, String bytes) {
        byte[] decoded() {
            return Base64.getDecoder().decode(bytes);
        }
    }

    /** One thing JShell had the engine do: load classes, or invoke a static no-argument method. */
    record Step(List<ClassFile> load, String invokeClass, String invokeMethod) {
        Step {
            load = load == null ? List.of() : List.copyOf(load);
        }
    }

    /** A cell compiled: the steps that run it, and the compile error that stopped it (null when none). */
    record CompiledCell(String exercise, List<Step> steps, String error) {
        CompiledCell {
            steps = List.copyOf(steps);
        }
    }

    /** Where an entry point's function lives after its steps ran, or why it did not compile. */
    record CompiledEntry(String className, String field, int index, String error) {
    }

    /** The entry points: the steps that make them, and each one's place. */
    record CompiledEntries(List<Step> steps, List<CompiledEntry> entries) {
        CompiledEntries {
            steps = List.copyOf(steps);
            entries = List.copyOf(entries);
        }
    }

    /** The variable the entry points are stored in (one array, or one per entry when that does not compile). */
    static final String ENTRIES = "earshot$entries";

    private final Recorder recorder = new Recorder();

    /**
     * Compiles a request's cells (in order) and then its entries, passing each result on as soon as it is made.
     *
     * @param request the cells, imports and entries
     * @param cells   receives the imports first (exercise "") and then each cell
     * @param entries receives the entries last
     */
    void compile(WorkerRequest request, Consumer<CompiledCell> cells, Consumer<CompiledEntries> entries) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (JShell shell = JShell.builder().executionEngine(provider(), Map.of()).out(quiet).err(quiet).build()) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                shell.addToClasspath(Path.of(entry).toAbsolutePath().toString());
            }
            StringBuilder used = new StringBuilder();
            request.cells().forEach(c -> used.append(c.source()).append('\n'));
            request.entries().forEach(e -> used.append(e.method()).append(' ').append(String.join(" ", e.parameterTypes()))
                    .append(' ').append(e.returnType()).append('\n'));
            for (String importLine : neededImports(request.imports(), used.toString())) {
                shell.eval(importLine);
            }
            recorder.take();
            cells.accept(new CompiledCell("", List.of(), null));
            for (WorkerRequest.Cell cell : request.cells()) {
                String error = evaluate(shell, cell.source());
                cells.accept(new CompiledCell(cell.exercise(), recorder.take(), error));
            }
            entries.accept(entries(shell, request.entries()));
        }
    }

    private CompiledEntries entries(JShell shell, List<WorkerRequest.Entry> entries) {
        List<CompiledEntry> out = new ArrayList<>();
        if (entries.isEmpty()) {
            return new CompiledEntries(List.of(), out);
        }
        StringBuilder all = new StringBuilder("java.util.function.Function<Object[], Object>[] " + ENTRIES
                + " = new java.util.function.Function[] {");
        for (int i = 0; i < entries.size(); i++) {
            all.append(i == 0 ? "" : ", ").append(lambda(entries.get(i)));
        }
        all.append("};");
        if (evaluate(shell, all.toString(), true) == null) {
            List<Step> steps = recorder.take();
            String holder = lastLoaded(steps);
            for (int i = 0; i < entries.size(); i++) {
                out.add(new CompiledEntry(holder, ENTRIES, i, null));
            }
            return new CompiledEntries(steps, out);
        }
        recorder.take();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String field = ENTRIES + i;
            String error = evaluate(shell, "java.util.function.Function<Object[], Object> " + field + " = "
                    + lambda(entries.get(i)) + ";", true);
            List<Step> made = recorder.take();
            steps.addAll(made);
            out.add(error == null ? new CompiledEntry(lastLoaded(made), field, -1, null)
                    : new CompiledEntry(null, null, -1, error.replaceFirst(" in: .*$", ""))); // not the grader's source
        }
        return new CompiledEntries(steps, out);
    }

    /** {@code a -> { int r = frames((int) a[0], …); return r; }} */
    static String lambda(WorkerRequest.Entry e) {
        StringBuilder call = new StringBuilder(e.method()).append('(');
        for (int i = 0; i < e.parameterTypes().size(); i++) {
            call.append(i == 0 ? "" : ", ").append('(').append(e.parameterTypes().get(i)).append(") a[").append(i).append(']');
        }
        return "a -> { " + e.returnType() + " r = " + call + "); return r; }";
    }

    private static String lastLoaded(List<Step> steps) {
        String name = null;
        for (Step s : steps) {
            for (ClassFile c : s.load()) {
                name = c.name();
            }
        }
        return name;
    }

    /** @return null when every snippet of the source compiled, else the first problem in one line */
    static String evaluate(JShell shell, String source) {
        return evaluate(shell, source, false);
    }

    /**
     * @param complete true when the snippets must be fully defined (an entry point), not merely waiting for a
     *                 definition a later cell may give (which a notebook's cell may be)
     */
    static String evaluate(JShell shell, String source, boolean complete) {
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
                            .map(d -> d.getMessage(Locale.ROOT)).orElse("rejected");
                    return "compile error: " + GradeWorker.oneLine(diagnostic) + " in: " + GradeWorker.oneLine(snippet);
                }
                if (complete && event.causeSnippet() == null && event.status() != Snippet.Status.VALID) {
                    List<String> missing = event.snippet() instanceof jdk.jshell.DeclarationSnippet d
                            ? shell.unresolvedDependencies(d).toList() : List.of();
                    return "compile error: " + (missing.isEmpty() ? "not defined" : "no " + String.join(", ", missing)
                            + " is defined");
                }
            }
        }
        return null;
    }

    private ExecutionControlProvider provider() {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "earshot-record";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return recorder;
            }
        };
    }

    /** An execution engine that runs nothing: it writes down what it was asked to do. */
    private static final class Recorder implements ExecutionControl {
        private List<Step> steps = new ArrayList<>();

        List<Step> take() {
            List<Step> out = steps;
            steps = new ArrayList<>();
            return out;
        }

        @Override
        public void load(ClassBytecodes[] cbcs) {
            List<ClassFile> files = new ArrayList<>();
            for (ClassBytecodes c : cbcs) {
                files.add(new ClassFile(c.name(), Base64.getEncoder().encodeToString(c.bytecodes())));
            }
            steps.add(new Step(files, null, null));
        }

        @Override
        public void redefine(ClassBytecodes[] cbcs) throws NotImplementedException {
            throw new NotImplementedException("redefine not supported"); // as JShell's local engine: new names instead
        }

        @Override
        public String invoke(String className, String methodName) {
            steps.add(new Step(List.of(), className, methodName));
            return "";
        }

        @Override
        public String varValue(String className, String varName) {
            return "";
        }

        @Override
        public void addToClasspath(String path) {
            // the student's JVM has the class path already
        }

        @Override
        public Object extensionCommand(String command, Object arg) throws NotImplementedException {
            throw new NotImplementedException(command);
        }

        @Override
        public void stop() {
            // nothing runs
        }

        @Override
        public void close() {
            // nothing to release
        }
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
            FileSystem jrt = FileSystems.getFileSystem(java.net.URI.create("jrt:/"));
            try (var modules = Files.list(jrt.getPath("/packages", pkg))) {
                for (Path module : modules.toList()) {
                    Path dir = jrt.getPath("/modules", module.getFileName().toString(), pkg.replace('.', '/'));
                    try (var files = Files.list(dir)) {
                        files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                                .forEach(n -> out.add(n.substring(0, n.length() - ".class".length())));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return null; // cannot tell: keep the import
        }
        return out;
    }

    /** @return package → simple names of its top-level classes, from the jars on the class path */
    private static Map<String, Set<String>> classesOnClassPath() {
        Map<String, Set<String>> out = new HashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            List<String> names = new ArrayList<>();
            if (Files.isDirectory(path)) {
                try (var walk = Files.walk(path)) {
                    walk.map(p -> path.relativize(p).toString().replace(File.separatorChar, '/')).forEach(names::add);
                } catch (IOException unreadable) {
                    // a folder that cannot be walked contributes no names
                }
            } else if (entry.endsWith(".jar")) {
                try (ZipFile jar = new ZipFile(entry)) {
                    jar.stream().map(ZipEntry::getName).forEach(names::add);
                } catch (IOException unreadable) {
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
}
