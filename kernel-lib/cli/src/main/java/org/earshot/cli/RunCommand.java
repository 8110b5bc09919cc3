package org.earshot.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.earshot.kit.Kit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot run [NOTEBOOK…]}: executes notebooks headless with the Earshot kernel, through Jupyter's own
 * {@code nbconvert}, into {@code build/notebooks/} as executed {@code .ipynb} and {@code .html}.
 *
 * <p>Each notebook is checked before it runs (valid JSON with a cell list). After it runs, the first cell whose
 * outputs hold an error is reported as {@code notebook: cell N failed: …}, and one that shows a bare
 * {@code Object.toString()} ({@code java.io.PrintStream@1b2c3d} on a line of its own: a value with neither a display
 * nor a {@code toString}) as {@code notebook: cell N prints a bare Object.toString() (java.io.PrintStream@…): …};
 * the exit status is 1 when any notebook failed. A notebook from {@code notebooks/} goes to {@code build/notebooks/NAME}; one from elsewhere to
 * {@code build/notebooks/<its folder>/NAME}, so lessons and solutions of the same name do not collide.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Execute notebooks headless (default: every lesson in notebooks/) into build/notebooks/.")
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NOTEBOOK", description = "Notebooks to run (default: notebooks/*.ipynb).")
    List<Path> notebooks = new ArrayList<>();

    @Option(names = "--out", description = "Output folder (default: build/notebooks under the kit's home).")
    Path out;

    @Option(names = "--timeout", defaultValue = "600",
            description = "Seconds one cell may run before the notebook fails (default: ${DEFAULT-VALUE}).")
    int cellTimeoutSeconds;

    @Option(names = "--jobs", description = "Notebooks run at once (default: 2, or 1 on a single core).")
    Integer jobs;

    @Option(names = "--expect-unanswered", description = "For released exercise notebooks: pass only if no check "
            + "passes any test case (the stubs must not score).")
    boolean expectUnanswered;

    @Option(names = "--kernel", defaultValue = KernelspecCommand.KERNEL_NAME,
            description = "Kernelspec to run them with (default: ${DEFAULT-VALUE}).")
    String kernel;

    /**
     * The HTML export loads MathJax, require.js and jQuery from the copies setup installs (Debian's libjs-mathjax,
     * libjs-requirejs, libjs-jquery), never from a CDN: Debian's nbconvert defaults to them already, a pip-installed
     * one to cdnjs. {@code ./earshot browser} opens the page with the network blocked.
     */
    static final String OFFLINE_MATHJAX = "--HTMLExporter.mathjax_url="
            + DeckAssets.MATHJAX.resolve("MathJax.js").toUri() + "?config=TeX-AMS_CHTML-full,Safe";
    static final String OFFLINE_REQUIRE_JS = "--HTMLExporter.require_js_url=" + DeckAssets.REQUIRE_JS.toUri();
    static final String OFFLINE_JQUERY = "--HTMLExporter.jquery_url=" + DeckAssets.JQUERY.toUri();

    /** What happened to one notebook. */
    record Outcome(Path notebook, Optional<String> failure, double seconds) {
    }

    @Override
    public Integer call() throws Exception {
        List<Outcome> outcomes = runAll();
        if (outcomes.isEmpty()) {
            System.err.println("earshot run: no notebooks to run");
            return 1;
        }
        long failed = outcomes.stream().filter(o -> o.failure().isPresent()).count();
        System.out.printf(Locale.ROOT, "notebooks: %d passed, %d failed%n", outcomes.size() - failed, failed);
        return failed == 0 ? 0 : 1;
    }

    /**
     * Runs the notebooks of this command line (by default every lesson), printing a line for each as it ends.
     *
     * @return what happened to each, in order; empty when there was nothing to run
     */
    List<Outcome> runAll() throws InterruptedException, ExecutionException, IOException {
        Path home = Kit.home();
        Path outDir = (out != null ? out : home.resolve("build/notebooks")).toAbsolutePath().normalize();
        List<Path> todo = notebooks.isEmpty() ? lessons(home) : notebooks;
        int parallel = jobs != null ? Math.max(1, jobs) : Math.min(2, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (Path nb : todo) {
            futures.add(pool.submit(() -> runOne(home, nb, outDir)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (Future<Outcome> f : futures) {
                Outcome o = f.get();
                o.failure().ifPresent(System.err::println);
                System.out.printf(Locale.ROOT, "%s %s (%.1f s)%n", o.failure().isPresent() ? "FAIL" : "ok  ",
                        display(home, o.notebook()), o.seconds());
                outcomes.add(o);
            }
        } finally {
            pool.shutdown();
        }
        return outcomes;
    }

    /** @return the lessons, {@code notebooks/*.ipynb} under the kit's home, sorted (none when the folder is missing) */
    static List<Path> lessons(Path home) throws IOException {
        Path dir = home.resolve("notebooks");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    private Outcome runOne(Path home, Path notebook, Path outDir) {
        long start = System.nanoTime();
        String name = display(home, notebook);
        Optional<String> failure;
        try {
            failure = execute(home, notebook, outDir, name);
        } catch (IOException e) {
            failure = Optional.of(name + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = Optional.of(name + ": interrupted");
        }
        return new Outcome(notebook, failure, (System.nanoTime() - start) / 1e9);
    }

    private Optional<String> execute(Path home, Path notebook, Path outDir, String name)
            throws IOException, InterruptedException {
        Optional<String> invalid = Notebooks.validate(notebook);
        if (invalid.isPresent()) {
            return Optional.of(name + ": " + invalid.get());
        }
        Path abs = notebook.toAbsolutePath().normalize();
        Path target = abs.getParent().equals(home.resolve("notebooks")) ? outDir
                : outDir.resolve(abs.getParent().getFileName().toString());
        Files.createDirectories(target);
        String base = abs.getFileName().toString().replaceFirst("\\.ipynb$", "");
        Path executed = target.resolve(base + ".ipynb");
        Files.deleteIfExists(executed);
        Path log = target.resolve(base + ".log");
        int rc = jupyter(log, abs.getParent(), "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
                "--ExecutePreprocessor.kernel_name=" + kernel,
                "--ExecutePreprocessor.timeout=" + cellTimeoutSeconds,
                "--output-dir", target.toString(), "--output", base, abs.toString());
        if (rc != 0 || !Files.exists(executed)) {
            return Optional.of(name + ": nbconvert failed (exit " + rc + "): " + lastLine(log));
        }
        Optional<String> error = expectUnanswered ? Notebooks.firstStubPass(executed) : Notebooks.firstError(executed);
        int htmlRc = jupyter(log, abs.getParent(), "nbconvert", "--to", "html", OFFLINE_MATHJAX, OFFLINE_REQUIRE_JS,
                OFFLINE_JQUERY, "--output-dir", target.toString(), executed.toString());
        if (error.isPresent()) {
            return Optional.of(name + ": " + error.get());
        }
        if (htmlRc != 0) {
            return Optional.of(name + ": HTML export failed (exit " + htmlRc + "): " + lastLine(log));
        }
        return Optional.empty();
    }

    private static int jupyter(Path log, Path workDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("jupyter");
        cmd.addAll(List.of(args));
        // stdin from /dev/null: nothing in a headless run may wait for input.
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return p.waitFor();
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).strip() + " (log: " + log + ")";
            }
        }
        return "no output (log: " + log + ")";
    }

    private static String display(Path home, Path notebook) {
        Path abs = notebook.toAbsolutePath().normalize();
        return abs.startsWith(home) ? home.relativize(abs).toString() : abs.toString();
    }
}
