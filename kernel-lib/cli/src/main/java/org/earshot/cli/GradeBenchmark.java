package org.earshot.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.earshot.grading.Release;
import org.earshot.grading.batch.ClassGrader;
import org.earshot.grading.batch.Sandbox;
import org.earshot.grading.batch.SubmissionRunner;
import org.earshot.kit.Kit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot bench grade}: grades a synthetic class — N students of a lesson, each graded cell either the
 * solution or the released stub, with a per-student ability so the item analysis has something to separate — and
 * prints the time against the goal (100 submissions with 2 jobs in under 3 minutes) and against one submission
 * graded alone in the same command.
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "Grade a synthetic class of N submissions; time vs the 3-minute goal and vs one submission alone.")
final class GradeBenchmark implements Callable<Integer> {

    @Option(names = "--students", defaultValue = "100", description = "Submissions (default ${DEFAULT-VALUE}).")
    int students;

    @Option(names = "--jobs", defaultValue = "2", description = "Graded at once (default ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--lesson", defaultValue = "21.1-signal", description = "Lesson (default ${DEFAULT-VALUE}).")
    String lesson;

    @Option(names = "--out", description = "Keep the class and its grading here (default: a temporary folder).")
    Path out;

    @Override
    public Integer call() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path solutionFile = Kit.home().resolve("solutions").resolve(lesson + ".ipynb");
        if (!Files.isRegularFile(solutionFile)) {
            System.err.println("earshot bench grade: no solution notebook " + solutionFile);
            return 1;
        }
        JsonNode solution = json.readTree(solutionFile.toFile());
        JsonNode released = Release.release(solution);
        Path root = out != null ? out : Files.createTempDirectory("earshot-bench-grade");
        Path subs = root.resolve("submissions");
        Random random = new Random(21);
        for (int s = 0; s < students; s++) {
            double ability = (s + 0.5) / students;
            ObjectNode nb = solution.deepCopy();
            var cells = nb.withArray("cells");
            for (int c = 0; c < cells.size(); c++) {
                if (Release.exerciseOf(cells.get(c)).isPresent() && random.nextDouble() > ability) {
                    cells.set(c, released.get("cells").get(c).deepCopy());
                }
            }
            Path dir = Files.createDirectories(subs.resolve(String.format(Locale.ROOT, "student-%03d", s)));
            json.writeValue(dir.resolve(lesson + ".ipynb").toFile(), nb);
        }
        Sandbox sandbox = Sandbox.forKit();
        SubmissionRunner.Limits limits = SubmissionRunner.Limits.defaults();
        Path single = root.resolve("single");
        Files.createDirectories(single.resolve("in/one"));
        Files.copy(subs.resolve("student-000").resolve(lesson + ".ipynb"), single.resolve("in/one/" + lesson + ".ipynb"));
        // the reference run also makes the class-data-sharing archive, so the timed batch does not pay for it
        new ClassGrader(sandbox, limits, 1, false).grade(single.resolve("in"), single.resolve("warm"), Optional.of(lesson),
                System.err);
        ClassGrader.Summary one = new ClassGrader(sandbox, limits, 1, false).grade(single.resolve("in"),
                single.resolve("out"), Optional.of(lesson), System.err);
        ClassGrader.Summary all = new ClassGrader(sandbox, limits, jobs, true).grade(subs, root.resolve("graded"),
                Optional.of(lesson), System.err);
        System.out.printf(Locale.ROOT, "one submission alone: %.2f s%n", one.seconds());
        System.out.printf(Locale.ROOT, "%d submissions of %s, --jobs %d: %.1f s (%.2f s each; %.1f× one alone)%n",
                students, lesson, jobs, all.seconds(), all.seconds() / students, all.seconds() / one.seconds());
        System.out.printf(Locale.ROOT, "goal for 100 with --jobs 2: < 180 s; this run, scaled to 100: %.1f s = %.2f of the goal%n",
                all.seconds() * 100 / students, all.seconds() * 100 / students / 180);
        System.out.println("gradebook: " + all.gradebook());
        return 0;
    }
}
