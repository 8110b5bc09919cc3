package org.earshot.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.earshot.grading.batch.ClassGrader;
import org.earshot.grading.batch.Sandbox;
import org.earshot.grading.batch.SubmissionRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot grade SUBMISSIONS --out OUT}: grades a class ({@link ClassGrader}): every student folder's notebook
 * in its own sandboxed JVM, hidden tests included; writes the gradebook, reports and item analysis. Rerun after an
 * interruption: finished students are kept, the rest graded.
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = {"Grade a class: SUBMISSIONS/<student>/<lesson>.ipynb, each in its own sandboxed JVM (no network, "
                + "private folder, time/CPU/memory limits). Other notebooks are named in the status, not graded; "
                + "links, FIFOs and devices are not read.",
                "Writes OUT/gradebook.csv, OUT/<student>/report.html, OUT/results.json, OUT/item-analysis.csv/.png "
                + "(a student named like a class file, or starting with _, gets OUT/_<student>/).",
                "Resumable: a rerun skips students already graded."})
final class GradeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SUBMISSIONS", description = "Folder of student folders, each with the student's notebook, <lesson>.ipynb.")
    Path submissions;

    @Option(names = "--out", required = true, description = "Output folder (created).")
    Path out;

    @Option(names = "--jobs", description = "Submissions graded at once (default: the number of cores).")
    Integer jobs;

    @Option(names = "--lesson", description = "Lesson to grade, e.g. 21.1-signal (default: the one most notebooks hold).")
    String lesson;

    @Option(names = "--timeout", defaultValue = "60",
            description = "Wall-clock seconds for one submission's process (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--case-timeout", defaultValue = "5",
            description = "Seconds for one test case (default ${DEFAULT-VALUE}).")
    int caseTimeoutSeconds;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() {
        int parallel = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        SubmissionRunner.Limits limits = new SubmissionRunner.Limits(10_000, caseTimeoutSeconds * 1000L,
                timeoutSeconds * 1000L, 64 * 1024);
        try {
            ClassGrader.Summary s = new ClassGrader(Sandbox.forKit(), limits, parallel, !noProgress)
                    .grade(submissions.toAbsolutePath(), out.toAbsolutePath(), Optional.ofNullable(lesson), System.err);
            System.out.printf(Locale.ROOT, "graded %d of %d students (%d kept from an earlier run) in %.1f s%n",
                    s.graded(), s.students(), s.resumed(), s.seconds());
            System.out.println("gradebook: " + s.gradebook());
            return 0;
        } catch (IOException e) {
            System.err.println("earshot grade: " + e.getMessage());
            return 1;
        }
    }
}
