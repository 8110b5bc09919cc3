package org.earshot.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.earshot.kit.Kit;
import org.earshot.kit.Lesson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot harness}: what {@code ./earshot test} runs after setup, with the bookkeeping in Java.
 * <ol>
 *   <li>{@code mvn verify}: every module's JUnit suite, each section's {@code SectionContract} included (its
 *       lessons, solutions and released exercises run on the kernel, its solutions graded in the sandbox);</li>
 *   <li>the kit's own notebooks that no section claims (e.g. {@code notebooks/00-welcome.ipynb});</li>
 *   <li>{@code exercises/} in sync with {@code solutions/} ({@code release --check});</li>
 *   <li>the notebook runner's self-test: a notebook whose third cell throws must fail, naming the cell;</li>
 *   <li>the browser test: every lesson's slide deck, made from the copy the steps above executed, opened in
 *       Chromium from {@code file://} with the network blocked ({@link DeckCheck}); skipped, saying why, only where
 *       Chromium or playwright-core is missing;</li>
 *   <li>the same for every lesson's executed HTML ({@link LessonCheck}: requests, errors, math, images, players).</li>
 *   <li>the live lab in the browser: {@code ./earshot lab} on a free port in a temporary folder, the notebook UI
 *       running a lesson and checking an exercise, a deck's live demo run against it ({@link LiveLabCheck});
 *       skipped, saying why, where Chromium, node, playwright-core or jupyter is missing.</li>
 *   <li>the classroom end to end ({@link org.earshot.classroom.HubLoadTest}, {@value #HUB_STUDENTS} students): a
 *       hub on free loopback ports, throw-away accounts logging in, spawning, running lesson 21.1's exercise cells and
 *       saving, then collect, grade and return; everything it made removed. Correctness is asserted, never time;
 *       skipped, saying why, only where it cannot run (not root, or JupyterHub missing).</li>
 * </ol>
 * It ends with one line, {@code earshot test: N passed, M failed}, and exits 1 when anything failed.
 */
@Command(name = "harness", mixinStandardHelpOptions = true,
        description = "Run every test of the kit (what ./earshot test runs after setup); ends with one summary line.")
final class HarnessCommand implements Callable<Integer> {

    @Option(names = "--skip-maven", description = "Do not run mvn verify; count the Surefire reports already there.")
    boolean skipMaven;

    static final Path SELF_TEST = Path.of("kernel-lib/cli/src/test/notebooks/failing-cell.ipynb");

    /** Counts of one part of the run. */
    record Tally(String what, int passed, int failed, int skipped) {
        Tally plus(Tally o) {
            return new Tally(what, passed + o.passed, failed + o.failed, skipped + o.skipped);
        }

        @Override
        public String toString() {
            return what + ": " + passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : "");
        }
    }

    @Override
    public Integer call() throws Exception {
        Path home = Kit.home();
        List<Tally> parts = new ArrayList<>();
        int mavenExit = 0;
        if (!skipMaven) {
            for (Path reports : surefireFolders(home)) {
                deleteTree(reports);
            }
            say("JUnit suite and every section's contract (mvn verify)");
            mavenExit = new ProcessBuilder("mvn", "-B", "--no-transfer-progress", "--fail-at-end", "verify").directory(home.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).inheritIO().start()
                    .waitFor();
        }
        Tally junit = surefire(home);
        if (mavenExit != 0 && junit.failed() == 0) {
            say("mvn verify failed (exit " + mavenExit + ") with no failing test: a build error, see above");
            junit = junit.plus(new Tally("", 0, 1, 0));
        }
        parts.add(junit);
        parts.add(unclaimedNotebooks(home));
        parts.add(exercisesInSync());
        parts.add(runnerSelfTest(home));
        parts.add(decksInBrowser(home));
        parts.add(lessonsInBrowser(home));
        parts.add(liveLabInBrowser(home));
        parts.add(hubLoadTest(home));
        System.out.println(parts.stream().map(Tally::toString).collect(Collectors.joining("; ")));
        int passed = parts.stream().mapToInt(Tally::passed).sum();
        int failed = parts.stream().mapToInt(Tally::failed).sum();
        System.out.println("earshot test: " + passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private static void say(String message) {
        System.out.println("earshot: " + message);
    }

    static List<Path> surefireFolders(Path home) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String parent : List.of("kernel-lib", "plugins")) {
            Path dir = home.resolve(parent);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.map(m -> m.resolve("target/surefire-reports")).filter(Files::isDirectory).forEach(out::add);
                }
            }
        }
        return out;
    }

    private static final Pattern SUITE = Pattern.compile("<testsuite\\b[^>]*>");

    /** Sums tests, failures, errors and skips over every module's {@code TEST-*.xml}. */
    static Tally surefire(Path home) throws IOException {
        int tests = 0;
        int bad = 0;
        int skipped = 0;
        for (Path dir : surefireFolders(home)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path xml : s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
                    Matcher m = SUITE.matcher(Files.readString(xml, StandardCharsets.UTF_8));
                    if (m.find()) {
                        String tag = m.group();
                        tests += attribute(tag, "tests");
                        bad += attribute(tag, "failures") + attribute(tag, "errors");
                        skipped += attribute(tag, "skipped");
                    }
                }
            }
        }
        return new Tally("JUnit", tests - bad - skipped, bad, skipped);
    }

    private static int attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"(\\d+)\"").matcher(tag);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The lessons under {@code notebooks/} that no section lists run here (their sections' contracts run the rest). */
    private static Tally unclaimedNotebooks(Path home) throws Exception {
        Set<String> claimed = Kit.sections().stream().flatMap(s -> s.lessons().stream()).map(Lesson::fileName)
                .collect(Collectors.toSet());
        List<String> args = new ArrayList<>(List.of("run"));  // as the command line would have it
        try (Stream<Path> s = Files.list(home.resolve("notebooks"))) {
            s.filter(p -> p.toString().endsWith(".ipynb") && !claimed.contains(p.getFileName().toString()))
                    .sorted().forEach(p -> args.add(p.toString()));
        }
        if (args.size() == 1) {
            return new Tally("kit notebooks", 0, 0, 0);
        }
        say("executing the kit's own notebooks (each section's contract runs its lessons)");
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
        List<RunCommand.Outcome> outcomes = run.runAll();
        long failed = outcomes.stream().filter(o -> o.failure().isPresent()).count();
        return new Tally("kit notebooks", (int) (outcomes.size() - failed), (int) failed, 0);
    }

    private static Tally exercisesInSync() {
        EarshotCli.Result check = EarshotCli.capture(List.of("release", "--check"), true);
        return new Tally("exercises in sync", check.exitCode() == 0 ? 1 : 0, check.exitCode() == 0 ? 0 : 1, 0);
    }

    private static Tally runnerSelfTest(Path home) {
        EarshotCli.Result run = EarshotCli.capture(List.of("run", "--out", home.resolve("build/notebooks/selftest").toString(),
                home.resolve(SELF_TEST).toString()), false);
        boolean ok = run.exitCode() == 1 && run.output().contains("failing-cell.ipynb: cell 3 failed: ")
                && run.output().contains("deliberate failure");
        say(ok ? "self-test passed: a failing cell fails the run, named as notebook and cell 3"
                : "self-test FAILED: expected exit 1 naming failing-cell.ipynb cell 3, got exit " + run.exitCode()
                + ":\n" + run.output());
        return new Tally("runner self-test", ok ? 1 : 0, ok ? 0 : 1, 0);
    }

    /**
     * Writes every lesson's deck into {@code build/browser/slides} from its newest executed copy (the kit's own
     * notebooks run above into {@code build/notebooks}, the sections' lessons into {@code build/contract/<id>}) and
     * opens each in Chromium.
     */
    private static Tally decksInBrowser(Path home) throws IOException, InterruptedException {
        List<Path> lessons;
        try (Stream<Path> s = Files.list(home.resolve("notebooks"))) {
            lessons = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        java.util.Optional<String> why = DeckCheck.unavailable(home);
        if (why.isPresent()) {
            say("browser test skipped: " + why.get());
            return new Tally("browser (decks)", 0, 0, lessons.size());
        }
        say("slide decks in Chromium (file://, network blocked)");
        List<String> args = new ArrayList<>(List.of("--out", home.resolve("build/browser/slides").toString()));
        int missing = 0;
        for (Path lesson : lessons) {
            java.util.Optional<Path> executed = newestExecuted(home, lesson.getFileName().toString());
            if (executed.isEmpty()) {
                say("browser test: no executed copy of " + home.relativize(lesson) + " (build/notebooks or "
                        + "build/contract): its deck is not checked");
                missing++;
            } else {
                args.add(executed.get().toString());
            }
        }
        if (args.size() == 2) {
            return new Tally("browser (decks)", 0, missing, 0);
        }
        SlidesCommand slides = new SlidesCommand();
        new CommandLine(slides).parseArgs(args.toArray(String[]::new));
        List<SlidesCommand.Outcome> written = slides.writeAll();
        int notWritten = (int) written.stream().filter(o -> o.deck().isEmpty()).count();
        List<SlidesCommand.Outcome> checked;
        try {
            checked = SlidesCommand.checkAll(written, false);
        } catch (IOException e) {
            say("browser test FAILED: " + e.getMessage());
            return new Tally("browser (decks)", 0, lessons.size(), 0);
        }
        int failed = (int) checked.stream().filter(o -> o.failure().isPresent()).count();
        return new Tally("browser (decks)", checked.size() - failed, failed + notWritten + missing, 0);
    }

    /**
     * Opens the HTML export of every lesson's newest executed copy (beside the one its deck was made from) in
     * Chromium with the network blocked ({@link LessonCheck}); screenshots into {@code build/browser/lessons}.
     */
    private static Tally lessonsInBrowser(Path home) throws IOException, InterruptedException {
        List<Path> lessons = RunCommand.lessons(home);
        java.util.Optional<String> why = LessonCheck.unavailable(home);
        if (why.isPresent()) {
            say("browser test of the lessons skipped: " + why.get());
            return new Tally("browser (lessons)", 0, 0, lessons.size());
        }
        say("executed lessons' HTML in Chromium (file://, network blocked)");
        long start = System.nanoTime();
        List<Path> pages = new ArrayList<>();
        int missing = 0;
        for (Path lesson : lessons) {
            String name = lesson.getFileName().toString();
            java.util.Optional<Path> html = newestExecuted(home, name)
                    .map(p -> p.resolveSibling(name.replaceFirst("\\.ipynb$", ".html"))).filter(Files::isRegularFile);
            if (html.isEmpty()) {
                say("browser test: no executed HTML of " + home.relativize(lesson) + " (build/notebooks or "
                        + "build/contract): not checked");
                missing++;
            } else {
                pages.add(html.get());
            }
        }
        if (pages.isEmpty()) {
            return new Tally("browser (lessons)", 0, missing, 0);
        }
        List<LessonCheck.Verdict> verdicts;
        try {
            verdicts = LessonCheck.check(home, pages, home.resolve("build/browser/lessons"));
        } catch (IOException e) {
            say("browser test of the lessons FAILED: " + e.getMessage());
            return new Tally("browser (lessons)", 0, lessons.size(), 0);
        }
        verdicts.forEach(v -> System.out.println(v.line()));
        int failed = (int) verdicts.stream().filter(v -> !v.passed()).count();
        say(String.format(java.util.Locale.ROOT, "lessons in Chromium: %d pages in %.1f s", verdicts.size(),
                (System.nanoTime() - start) / 1e9));
        return new Tally("browser (lessons)", verdicts.size() - failed, failed + missing, 0);
    }

    /** The live lab, its notebook UI and a live deck in Chromium, against the welcome lesson run above. */
    private static Tally liveLabInBrowser(Path home) throws IOException, InterruptedException {
        String what = "browser (live lab)";
        java.util.Optional<String> why = LiveLabCheck.unavailable(home);
        if (why.isPresent()) {
            say("live-lab browser test skipped: " + why.get());
            return new Tally(what, 0, 0, 1);
        }
        String lesson = LiveLabCheck.WELCOME_CHIRP.lesson() + ".ipynb";
        java.util.Optional<Path> executed = newestExecuted(home, lesson);
        if (executed.isEmpty()) {
            say("live-lab browser test FAILED: no executed copy of notebooks/" + lesson + " (build/notebooks)");
            return new Tally(what, 0, 1, 0);
        }
        say("the live lab in Chromium: notebook UI, an exercise's check, a deck's live demo (127.0.0.1 only)");
        try {
            LiveLabCheck.Verdict v = LiveLabCheck.check(home, executed.get(), home.resolve("build/browser/live"));
            say((v.passed() ? "live lab passed: " : "live lab FAILED: ") + v.summary()
                    + (v.passed() ? "" : ": " + String.join("; ", v.problems())));
            return new Tally(what, v.passed() ? 1 : 0, v.passed() ? 0 : 1, 0);
        } catch (IOException e) {
            say("live-lab browser test FAILED: " + e.getMessage());
            return new Tally(what, 0, 1, 0);
        }
    }

    /** Students of the hub load test in {@code ./earshot test}. */
    static final int HUB_STUDENTS = 5;

    /** The hub load test with {@value #HUB_STUDENTS} students: one passed or failed check, its problems printed. */
    private static Tally hubLoadTest(Path home) {
        String what = "hub load test (" + HUB_STUDENTS + " students)";
        java.util.Optional<String> why = org.earshot.classroom.Hub.unavailable();
        if (why.isPresent()) {
            say("hub load test skipped: " + why.get());
            return new Tally(what, 0, 0, 1);
        }
        say("the classroom on a hub: " + HUB_STUDENTS + " students log in, run lesson 21.1's exercises, are collected,"
                + " graded and given their reports (127.0.0.1 only)");
        try {
            org.earshot.classroom.HubLoadTest.Verdict v = org.earshot.classroom.HubLoadTest.run(home, HUB_STUDENTS,
                    java.util.Optional.empty(), System.out);
            v.report().forEach(System.out::println);
            v.problems().forEach(p -> say("hub load test problem: " + p));
            say("hub load test " + (v.passed() ? "passed" : "FAILED"));
            return new Tally(what, v.passed() ? 1 : 0, v.passed() ? 0 : 1, 0);
        } catch (IOException | InterruptedException | RuntimeException e) {
            say("hub load test FAILED: " + e.getMessage());
            return new Tally(what, 0, 1, 0);
        }
    }

    private static java.util.Optional<Path> newestExecuted(Path home, String fileName) throws IOException {
        List<Path> candidates = new ArrayList<>(List.of(home.resolve("build/notebooks").resolve(fileName)));
        Path contract = home.resolve("build/contract");
        if (Files.isDirectory(contract)) {
            try (Stream<Path> s = Files.list(contract)) {
                s.map(d -> d.resolve(fileName)).forEach(candidates::add);
            }
        }
        java.util.Optional<Path> newest = java.util.Optional.empty();
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && (newest.isEmpty()
                    || Files.getLastModifiedTime(p).compareTo(Files.getLastModifiedTime(newest.get())) > 0)) {
                newest = java.util.Optional.of(p);
            }
        }
        return newest;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
