package org.earshot.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.earshot.grading.batch.ClassGrader;
import org.earshot.grading.batch.ClassOutput;
import org.earshot.grading.batch.Sandbox;
import org.earshot.grading.batch.Shard;
import org.earshot.grading.course.CourseGradebook;
import org.earshot.grading.batch.SubmissionRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot grade SUBMISSIONS --out OUT}: grades a class ({@link ClassGrader}): every student folder's notebook
 * in its own sandboxed JVM, hidden tests included; writes the gradebook, reports and item analysis. Rerun after an
 * interruption: finished students are kept, the rest graded. With {@code --shard K/N} it grades one part of the class
 * ({@link Shard}); {@code earshot grade --merge OUT_1 … OUT_N --out OUT} makes the parts one class
 * ({@link ClassOutput#merge}).
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = {"Grade a class: SUBMISSIONS/<student>/<lesson>.ipynb, each in its own sandboxed JVM (no network, "
                + "private folder, time/CPU/memory limits). Other notebooks are named in the status, not graded; "
                + "links, FIFOs and devices are not read.",
                "Writes OUT/gradebook.csv, OUT/<student>/report.html, OUT/results.json, OUT/item-analysis.csv/.png "
                + "(a student named like a class file, or starting with _, gets OUT/_<student>/).",
                "Resumable: a rerun skips students already graded.",
                "In parts, for a Kubernetes Job, a Slurm array or GNU parallel: --shard K/N (K from 1 to N, like "
                + "$SLURM_ARRAY_TASK_ID) grades the K-th of N parts: the student folders sorted by name and dealt "
                + "round-robin (the i-th, from 0, to part i mod N + 1); it writes OUT/shard.json too. Then "
                + "'earshot grade --merge OUT_1 ... OUT_N --out OUT' writes the files one unsharded run would have "
                + "written, byte for byte, and refuses parts of other lessons, exercises or classes, a part missing or "
                + "twice, and a student in two parts."})
final class GradeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SUBMISSIONS", arity = "0..1",
            description = "Folder of student folders, each with the student's notebook, <lesson>.ipynb (not with --merge).")
    Path submissions;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "Grade only part K of N (K = 1..N): the sorted student folders dealt round-robin.")
    String shard;

    @Option(names = "--merge", arity = "1..*", paramLabel = "OUT_K",
            description = "Merge the output folders of --shard 1/N ... N/N into --out (a new or empty folder).")
    List<Path> merge;

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

    @Option(names = "--db", paramLabel = "FILE|URL",
            description = "Also record the output in the course gradebook (as 'earshot gradebook record OUT'): a SQLite "
                    + "file or a JDBC URL. Parts of a sharded run on one machine may record at once.")
    String db;

    @Option(names = "--due", paramLabel = "TIME",
            description = "With --db: the deadline, ISO-8601 with offset (2026-12-05T23:59Z), for the late flag.")
    String due;

    @Override
    public Integer call() {
        if (merge != null) {
            return merge();
        }
        if (submissions == null) {
            System.err.println("earshot grade: name SUBMISSIONS, the folder of student folders (or --merge OUT_1 ... OUT_N)");
            return 1;
        }
        Shard part;
        try {
            part = shard == null ? Shard.WHOLE : Shard.parse(shard);
            if (due != null) {
                CourseGradebook.parseDue(due);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("earshot grade: " + e.getMessage());
            return 1;
        }
        if (db != null) { // found unusable now, not after an hour of grading
            try (CourseGradebook g = CourseGradebook.open(db)) {
                g.schemaVersion();
            } catch (java.sql.SQLException e) {
                System.err.println("earshot grade: " + e.getMessage());
                return 1;
            }
        }
        int parallel = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        SubmissionRunner.Limits limits = new SubmissionRunner.Limits(10_000, caseTimeoutSeconds * 1000L,
                timeoutSeconds * 1000L, 64 * 1024);
        try {
            ClassGrader.Summary s = new ClassGrader(Sandbox.forKit(), limits, parallel, !noProgress)
                    .grade(submissions.toAbsolutePath(), out.toAbsolutePath(), Optional.ofNullable(lesson), part,
                            System.err);
            System.out.printf(Locale.ROOT, "graded %d of %d students%s (%d kept from an earlier run) in %.1f s%n",
                    s.graded(), s.students(), part.whole() ? "" : " of part " + part, s.resumed(), s.seconds());
            System.out.println("gradebook: " + s.gradebook());
            return record(out);
        } catch (IOException e) {
            System.err.println("earshot grade: " + e.getMessage());
            return 1;
        }
    }

    /** Records the output in the course gradebook when {@code --db} names one. */
    private int record(Path folder) {
        if (db == null) {
            return 0;
        }
        try (CourseGradebook g = CourseGradebook.open(db)) {
            Optional<java.time.Instant> deadline = due == null ? Optional.empty()
                    : Optional.of(CourseGradebook.parseDue(due));
            CourseGradebook.Recorded r = g.record(folder.toAbsolutePath(), deadline);
            System.out.println((r.already() ? "already recorded as run " : "recorded run ") + r.runId() + " in " + db);
            return 0;
        } catch (IOException | java.sql.SQLException | IllegalArgumentException e) {
            System.err.println("earshot grade: recording in " + db + ": " + e.getMessage());
            return 1;
        }
    }

    private int merge() {
        if (submissions != null || shard != null) {
            System.err.println("earshot grade: --merge takes the parts' output folders, not SUBMISSIONS or --shard");
            return 1;
        }
        try {
            ClassOutput.Merged m = ClassOutput.merge(merge.stream().map(Path::toAbsolutePath).toList(),
                    out.toAbsolutePath());
            System.out.printf(Locale.ROOT, "merged %d parts: %d students of %s%n", m.parts(), m.students(), m.lesson());
            System.out.println("gradebook: " + m.gradebook());
            return record(out);
        } catch (IOException e) {
            System.err.println("earshot grade: " + e.getMessage());
            return 1;
        }
    }
}
