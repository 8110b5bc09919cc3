package org.earshot.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.earshot.cli.EarshotCli;
import org.earshot.exercises.Exercise;
import org.earshot.grading.Release;
import org.earshot.grading.batch.ClassGrader;
import org.earshot.grading.batch.Sandbox;
import org.earshot.grading.batch.SubmissionRunner;
import org.earshot.kit.Kit;
import org.earshot.kit.Lesson;
import org.earshot.kit.Requirement;
import org.earshot.kit.Section;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every section passes: a section's test is one line, {@code class MySectionTest extends
 * SectionContract { MySectionTest() { super(new MySection()); } }}. It checks, on the real machinery:
 * <ol>
 *   <li>the catalog lists the section, its lessons exist under {@code notebooks/} and its exercises' notebooks under
 *       {@code solutions/} and {@code exercises/}, each declaring the {@code earshot} kernel;</li>
 *   <li>its requirements are declared and met on this machine ({@code ./earshot setup} meets them);</li>
 *   <li>every exercise's answer expression compiles against the solution's graded cells, and the solution
 *       notebook's cell metadata agrees with the declared points;</li>
 *   <li>its lessons and solutions run headless on the {@code earshot} kernel, and its released exercise notebooks
 *       run with no check passing (the stubs score nothing);</li>
 *   <li>through the sandboxed class grader, the solution scores full marks and the untouched exercise notebook 0,
 *       both with status {@code ok}.</li>
 * </ol>
 * Running notebooks needs the kit built and the kernelspec installed: {@code ./earshot test} runs setup first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SectionContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The kernelspec the notebooks run on: {@code earshot}, unless {@code -Dearshot.contract.kernel=NAME} names a
     * kernelspec of a worktree's own build (so a branch's new section is run by its own kit, not an installed one).
     */
    private static final String KERNEL = System.getProperty("earshot.contract.kernel", "earshot");

    /** Sections hold at least this many graded exercises (the chapter's "done" bar). */
    public static final int MIN_EXERCISES = 5;

    private final Section section;
    private final Path home = Kit.home();

    /** @param section the section under test (a new instance of its class) */
    protected SectionContract(Section section) {
        this.section = section;
    }

    /** @return the section under test */
    protected final Section section() {
        return section;
    }

    private List<String> exerciseLessons() {
        return section.exercises().stream().map(Exercise::lesson).distinct().toList();
    }

    @Test
    void theCatalogListsItWithItsLessonsAndExercises() throws IOException {
        assertTrue(Kit.sections().stream().anyMatch(s -> s.getClass() == section.getClass()),
                section.getClass().getName() + " is not registered in META-INF/services/org.earshot.kit.Section");
        String catalog = Kit.catalog().toMimeBundle().plainText();
        assertTrue(catalog.contains(section.id() + " "), catalog);
        assertFalse(section.lessons().isEmpty(), "a section teaches at least one lesson");
        for (Lesson lesson : section.lessons()) {
            assertTrue(catalog.contains(lesson.fileName()), lesson.fileName() + " not in the catalog");
            assertOnEarshotKernel(home.resolve("notebooks").resolve(lesson.fileName()));
        }
        assertTrue(section.exercises().size() >= MIN_EXERCISES, "§" + section.id() + " has "
                + section.exercises().size() + " graded exercises, fewer than " + MIN_EXERCISES);
        for (Exercise<?, ?> e : section.exercises()) {
            assertTrue(catalog.contains(e.id()), e.id() + " not in the catalog");
            assertTrue(e.id().startsWith(section.id() + "-") || e.id().startsWith(section.id()),
                    e.id() + " is not numbered in §" + section.id());
        }
        for (String lesson : exerciseLessons()) {
            assertOnEarshotKernel(home.resolve("solutions").resolve(lesson + ".ipynb"));
            assertOnEarshotKernel(home.resolve("exercises").resolve(lesson + ".ipynb"));
        }
    }

    private static void assertOnEarshotKernel(Path notebook) throws IOException {
        assertTrue(Files.isRegularFile(notebook), notebook + " is missing");
        JsonNode nb = JSON.readTree(notebook.toFile());
        assertEquals("earshot", nb.path("metadata").path("kernelspec").path("name").asText(),
                notebook + " does not declare the earshot kernel");
    }

    @Test
    void itsRequirementsAreDeclaredAndMet() {
        List<Requirement> requirements = section.requirements();
        assertNotNull(requirements, "requirements() returns a list (empty when the section needs nothing)");
        for (Requirement r : requirements) {
            assertFalse(r.why().isBlank(), r.name() + ": say why the section needs it");
            assertTrue(r.isMet(home), "§" + section.id() + " needs " + r.name() + " (" + r.why() + "): " + r.fix());
        }
    }

    @Test
    void theSolutionsMetadataAgreesWithTheDeclarations() throws IOException {
        Map<String, Exercise<?, ?>> declared = new LinkedHashMap<>();
        Kit.sections().forEach(s -> s.exercises().forEach(e -> declared.put(e.id(), e)));
        for (String lesson : exerciseLessons()) {
            JsonNode solution = JSON.readTree(home.resolve("solutions").resolve(lesson + ".ipynb").toFile());
            assertEquals(List.of(), Release.metadataProblems(solution, lesson, declared), lesson);
            List<String> order = new ArrayList<>();
            solution.path("cells").forEach(c -> Release.exerciseOf(c).filter(id -> !order.contains(id)).ifPresent(order::add));
            assertEquals(section.exercises().stream().filter(e -> e.lesson().equals(lesson)).map(Exercise::id).toList(),
                    order, lesson + ": the declaration order is the notebook's order");
        }
    }

    @Test
    void everyAnswerExpressionCompilesAgainstTheSolution() throws IOException {
        for (String lesson : exerciseLessons()) {
            JsonNode solution = JSON.readTree(home.resolve("solutions").resolve(lesson + ".ipynb").toFile());
            try (JShell shell = JShell.builder().executionEngine("local").out(new PrintStream(OutputStream.nullOutputStream()))
                    .err(new PrintStream(OutputStream.nullOutputStream())).build()) {
                testClassPath().forEach(p -> shell.addToClasspath(p.toString()));
                Kit.notebookImports().forEach(shell::eval);
                for (JsonNode cell : solution.path("cells")) {
                    if (Release.exerciseOf(cell).isPresent()) {
                        evalAll(shell, text(cell.path("source")), lesson + " graded cell");
                    }
                }
                for (Exercise<?, ?> e : section.exercises()) {
                    if (e.lesson().equals(lesson)) {
                        evalAll(shell, "Object answer = " + e.answerExpression() + ";", e.id() + "'s answer expression");
                    }
                }
            }
        }
    }

    private static void evalAll(JShell shell, String source, String what) {
        String remaining = source;
        while (!remaining.isBlank()) {
            var info = shell.sourceCodeAnalysis().analyzeCompletion(remaining);
            String snippet = info.source() == null ? remaining : info.source();
            remaining = info.source() == null ? "" : info.remaining();
            for (SnippetEvent ev : shell.eval(snippet)) {
                if (ev.status() == Snippet.Status.REJECTED) {
                    fail(what + " does not compile: " + shell.diagnostics(ev.snippet())
                            .map(d -> d.getMessage(java.util.Locale.ROOT)).findFirst().orElse("rejected") + " in: " + snippet);
                }
            }
        }
    }

    @Test
    void itsLessonsAndSolutionsRunAndItsStubsScoreNothing() throws IOException {
        List<String> notebooks = new ArrayList<>();
        section.lessons().forEach(l -> notebooks.add(home.resolve("notebooks").resolve(l.fileName()).toString()));
        exerciseLessons().forEach(l -> notebooks.add(home.resolve("solutions").resolve(l + ".ipynb").toString()));
        Path out = home.resolve("build/contract").resolve(section.id());
        List<String> args = new ArrayList<>(List.of("run", "--kernel", KERNEL, "--out", out.toString()));
        args.addAll(notebooks);
        EarshotCli.Result run = earshot(args);
        assertEquals(0, run.exitCode(), "§" + section.id() + " notebooks:\n" + run.output());
        List<String> stubs = new ArrayList<>(List.of("run", "--kernel", KERNEL, "--expect-unanswered", "--out",
                out.resolve("exercises").toString()));
        exerciseLessons().forEach(l -> stubs.add(home.resolve("exercises").resolve(l + ".ipynb").toString()));
        EarshotCli.Result stubRun = earshot(stubs);
        assertEquals(0, stubRun.exitCode(), "§" + section.id() + " released exercises:\n" + stubRun.output());
    }

    @Test
    void theGraderGivesTheSolutionFullMarksAndTheStubZero() throws IOException {
        Path work = Files.createTempDirectory("earshot-contract-" + section.id());
        Sandbox sandbox = new Sandbox(Path.of(System.getProperty("java.home")), testClassPath(), home.resolve("data"),
                512, 1024, 60, work.resolve("cds/grader.jsa"));
        sandbox.requireAvailable();
        try {
            gradeEachLesson(sandbox, work);
        } finally {
            try (var walk = Files.walk(work)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * A class of three per lesson: the solution (full marks), the released stubs (0, every exercise "not answered"),
     * and the solution with one exercise's answer broken (it throws): that exercise alone loses its points. The broken
     * one is the last exercise no other builds on, so the isolation it shows is the grader's, not luck.
     */
    private void gradeEachLesson(Sandbox sandbox, Path work) throws IOException {
        for (String lesson : exerciseLessons()) {
            Path subs = work.resolve(lesson + "/submissions");
            List<Exercise<?, ?>> exercises = section.exercises().stream().filter(e -> e.lesson().equals(lesson)).toList();
            Exercise<?, ?> broken = exercises.stream().filter(e -> exercises.stream()
                    .noneMatch(o -> o.buildsOn().contains(e.id()))).reduce((a, b) -> b).orElseThrow();
            Files.createDirectories(subs.resolve("solution"));
            Files.createDirectories(subs.resolve("untouched"));
            Files.createDirectories(subs.resolve("one-wrong"));
            Path solutionFile = home.resolve("solutions").resolve(lesson + ".ipynb");
            Files.copy(solutionFile, subs.resolve("solution/" + lesson + ".ipynb"));
            Files.copy(home.resolve("exercises").resolve(lesson + ".ipynb"), subs.resolve("untouched/" + lesson + ".ipynb"));
            Files.writeString(subs.resolve("one-wrong/" + lesson + ".ipynb"), breakAnswer(solutionFile, broken.id()));
            Path out = work.resolve(lesson + "/out");
            new ClassGrader(sandbox, SubmissionRunner.Limits.defaults(), 2, false)
                    .grade(subs, out, Optional.of(lesson), new PrintStream(OutputStream.nullOutputStream()));
            Map<String, String[]> rows = gradebook(out.resolve("gradebook.csv"));
            double full = exercises.stream().mapToDouble(Exercise::points).sum();
            String[] solution = rows.get("solution");
            String[] untouched = rows.get("untouched");
            String[] oneWrong = rows.get("one-wrong");
            assertNotNull(solution, "no gradebook row for the solution");
            assertNotNull(untouched, "no gradebook row for the untouched notebook");
            assertNotNull(oneWrong, "no gradebook row for the notebook with one broken answer");
            assertEquals("ok", solution[solution.length - 1], lesson + " solution: " + String.join(",", solution));
            assertEquals(full, Double.parseDouble(solution[solution.length - 3]), 1e-9,
                    lesson + " solution: " + String.join(",", solution));
            assertEquals("ok", untouched[untouched.length - 1], lesson + " stub: " + String.join(",", untouched));
            assertEquals(0, Double.parseDouble(untouched[untouched.length - 3]), 1e-9,
                    lesson + " stub: " + String.join(",", untouched));
            assertEquals(full - broken.points(), Double.parseDouble(oneWrong[oneWrong.length - 3]), 1e-9,
                    lesson + " with " + broken.id() + " broken loses only its points: " + String.join(",", oneWrong));
            JsonNode results = JSON.readTree(out.resolve("results.json").toFile()).path("students");
            for (JsonNode student : results) {
                if (student.path("student").asText().equals("untouched")) {
                    student.path("exercises").forEach(e -> assertEquals("not answered", e.path("status").asText(),
                            lesson + " stub, " + e.path("id").asText()));
                }
            }
        }
    }

    /** @return the solution notebook with one exercise's answer replaced by a body that throws */
    private static String breakAnswer(Path solution, String exerciseId) throws IOException {
        JsonNode nb = JSON.readTree(solution.toFile());
        boolean found = false;
        for (JsonNode cell : nb.path("cells")) {
            if (cell.path("metadata").path("earshot").path("exercise").asText().equals(exerciseId)) {
                String src = text(cell.path("source"));
                int begin = src.indexOf("// BEGIN SOLUTION");
                int end = src.indexOf("// END SOLUTION");
                assertTrue(begin >= 0 && end > begin, exerciseId + " has no BEGIN/END SOLUTION markers");
                String broken = src.substring(0, begin) + "throw new IllegalStateException(\"a wrong answer\");\n"
                        + src.substring(src.indexOf('\n', end) + 1);
                ((com.fasterxml.jackson.databind.node.ObjectNode) cell).put("source", broken);
                found = true;
            }
        }
        assertTrue(found, "no cell of " + exerciseId + " in " + solution);
        return JSON.writeValueAsString(nb);
    }

    private static Map<String, String[]> gradebook(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        int columns = lines.get(0).split(",").length;
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", columns);
            rows.put(f[0], f);
        }
        return rows;
    }

    /** The real class path of the test JVM (Surefire hides it behind a manifest jar). */
    private static List<Path> testClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of)
                .filter(Files::exists).map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    }

    private static String text(JsonNode source) {
        if (source.isArray()) {
            StringBuilder b = new StringBuilder();
            source.forEach(l -> b.append(l.asText()));
            return b.toString();
        }
        return source.asText();
    }

    private static EarshotCli.Result earshot(List<String> args) {
        return EarshotCli.capture(args, true);
    }
}
