package org.earshot.grading.batch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.exercises.Exercise;
import org.earshot.kit.Kit;
import org.earshot.kit.Section;

/**
 * Grades a class: every {@code SUBMISSIONS/<student>/} folder, {@code jobs} at a time, each in its own sandboxed
 * worker ({@link SubmissionRunner}). Each student's result is written atomically as
 * {@code OUT/<student>/result.json} (with {@code report.html}) the moment it is graded, so a batch killed half way
 * resumes where it stopped: a rerun skips every student with a result and never grades one twice. The class files
 * — {@code gradebook.csv}, {@code results.json}, {@code item-analysis.csv} and {@code item-analysis.png} — are
 * rebuilt from the per-student results at the end of every run, each written to a temporary file and moved into
 * place.
 *
 * <p>A student's folder name never collides with a class file: a student named like one ({@code gradebook.csv},
 * {@code results.json}, {@code item-analysis.csv}, {@code item-analysis.png}, in any case) or whose name starts with
 * {@code _} has its outputs in {@code OUT/_<student>/} ({@link #outputFolder}: one to one, so two students never
 * share a folder). Hidden folders ({@code .x}) are not students. A student folder that is a symbolic link is graded as
 * "not read" (its row says so), and so is a notebook that is one ({@link Submission}); what a submission holds
 * besides the notebook graded ({@link Submission#notes()}) is added to its status and said in the log.
 */
public final class ClassGrader {

    /** What a run did. */
    public record Summary(String lesson, int students, int graded, int resumed, double seconds, Path gradebook) {
    }

    /** The class files at the top of {@code OUT}, which no student's folder may take. */
    public static final List<String> CLASS_FILES = List.of("gradebook.csv", "results.json", "item-analysis.csv",
            "item-analysis.png");
    /** The names at the top of {@code OUT} no student's folder may take: the class files, and a part's manifest. */
    public static final List<String> RESERVED_NAMES = java.util.stream.Stream.concat(CLASS_FILES.stream(),
            java.util.stream.Stream.of(ShardManifest.FILE)).toList();

    private static final ObjectMapper JSON = ClassOutput.JSON;

    /**
     * What grades one submission: the sandboxed {@link SubmissionRunner} in the kit, a stand-in in tests of what is
     * around it (which students, which files, resuming, sharding).
     */
    interface Worker {
        /** @return what walls the sandbox has, after checking it can be made here */
        String open() throws IOException;

        /** Starts what the first submission would otherwise wait for. */
        void warmUp(Path dir);

        /** @return the submission's result; never throws */
        StudentResult grade(Submission submission, List<Exercise<?, ?>> exercises, Path workDir);
    }

    /** The kit's worker: a sandboxed JVM per submission. */
    private static final class SandboxWorker implements Worker {
        private final Sandbox sandbox;
        private final SubmissionRunner.Limits limits;
        private final ApiPolicy apis;
        private SubmissionRunner runner;

        SandboxWorker(Sandbox sandbox, SubmissionRunner.Limits limits, ApiPolicy apis) {
            this.sandbox = sandbox;
            this.limits = limits;
            this.apis = apis;
        }

        @Override
        public String open() throws IOException {
            String walls = sandbox.requireAvailable();
            runner = new SubmissionRunner(sandbox, limits, apis);
            return walls;
        }

        @Override
        public void warmUp(Path dir) {
            runner.warmUp(dir);
        }

        @Override
        public StudentResult grade(Submission submission, List<Exercise<?, ?>> exercises, Path workDir) {
            return runner.grade(submission, exercises, workDir);
        }
    }

    private final Worker worker;
    private final java.util.function.Supplier<Map<String, Exercise<?, ?>>> catalog;
    private final int jobs;
    private final boolean progress;

    public ClassGrader(Sandbox sandbox, SubmissionRunner.Limits limits, int jobs, boolean progress) {
        this(sandbox, limits, jobs, progress, ApiPolicy.ENFORCED);
    }

    /**
     * @param apis whether forbidden APIs are refused before a cell runs ({@link ApiPolicy#UNCHECKED}: only to test
     *             the sandbox's limits with code the policy would refuse)
     */
    public ClassGrader(Sandbox sandbox, SubmissionRunner.Limits limits, int jobs, boolean progress, ApiPolicy apis) {
        this(new SandboxWorker(sandbox, limits, java.util.Objects.requireNonNull(apis, "apis")),
                ClassGrader::kitExercises, jobs, progress);
    }

    /**
     * @param worker   what grades each submission
     * @param catalog  every exercise the kit knows, by id
     */
    ClassGrader(Worker worker, java.util.function.Supplier<Map<String, Exercise<?, ?>>> catalog, int jobs,
                boolean progress) {
        this.worker = worker;
        this.catalog = catalog;
        this.jobs = Math.max(1, jobs);
        this.progress = progress;
    }

    private static Map<String, Exercise<?, ?>> kitExercises() {
        Map<String, Exercise<?, ?>> exercises = new LinkedHashMap<>();
        for (Section s : Kit.sections()) {
            s.exercises().forEach(e -> exercises.put(e.id(), e));
        }
        return exercises;
    }

    /** Grades the whole class: {@link #grade(Path, Path, Optional, Shard, PrintStream)} of {@link Shard#WHOLE}. */
    public Summary grade(Path submissions, Path out, Optional<String> lesson, PrintStream log) throws IOException {
        return grade(submissions, out, lesson, Shard.WHOLE, log);
    }

    /**
     * @param submissions folder of student folders
     * @param out         output folder (created)
     * @param lesson      the lesson to grade, or empty for the one most notebooks hold (of the whole class, so that
     *                    every part of a sharded run picks the same)
     * @param shard       which part of the class to grade ({@link Shard#select}); a part other than the whole class
     *                    also writes {@code OUT/shard.json} ({@link ShardManifest}) for {@link ClassOutput#merge}
     * @param log         where to say what happens
     * @return what was done; its student counts are the part's
     * @throws IOException when the folders are unusable, the lesson unknown or the sandbox unavailable
     */
    public Summary grade(Path submissions, Path out, Optional<String> lesson, Shard shard, PrintStream log)
            throws IOException {
        long start = System.nanoTime();
        if (!Files.isDirectory(submissions)) {
            throw new IOException(submissions + ": not a folder of student folders");
        }
        Map<String, Exercise<?, ?>> exercises = catalog.get();
        List<Path> everyone;
        try (Stream<Path> dirs = Files.list(submissions)) {
            // a link to a folder is a student whose row says it was not read; a plain file is not a student
            everyone = dirs.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                            || Files.isSymbolicLink(p) && Files.isDirectory(p))
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        if (everyone.isEmpty()) {
            throw new IOException(submissions + ": no student folders in it");
        }
        List<String> roster = everyone.stream().map(p -> p.getFileName().toString()).toList();
        java.util.Set<String> mine = new java.util.HashSet<>(shard.select(roster));
        List<Path> students = everyone.stream().filter(p -> mine.contains(p.getFileName().toString())).toList();
        String chosen = lesson.orElseGet(() -> majorityLesson(everyone, exercises)
                .orElse(""));
        if (chosen.isEmpty()) {
            throw new IOException(submissions + ": no notebook holds graded cells of a known lesson; name one with --lesson");
        }
        List<Exercise<?, ?>> lessonExercises = exercises.values().stream().filter(e -> e.lesson().equals(chosen)).toList();
        if (lessonExercises.isEmpty()) {
            throw new IOException("no exercises for lesson '" + chosen + "'; lessons with exercises: "
                    + exercises.values().stream().map(Exercise::lesson).distinct().collect(Collectors.joining(", ")));
        }
        for (String name : RESERVED_NAMES) {
            if (Files.isDirectory(out.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(out.resolve(name) + ": a folder where the class file goes (a student's outputs"
                        + " from an older kit, now in " + out.resolve(outputFolder(name)) + "): move it away");
            }
        }
        String walls = worker.open();
        Files.createDirectories(out);
        Path work = out.resolve(".work");
        List<Path> todo = new ArrayList<>();
        int resumed = 0;
        for (Path s : students) {
            if (readResult(out, s.getFileName().toString()).filter(r -> r.lesson().equals(chosen)).isPresent()) {
                resumed++;
            } else {
                todo.add(s);
            }
        }
        log.printf("earshot grade: lesson %s, %d students%s (%d already graded), %d at a time%n", chosen,
                students.size(), shard.whole() ? "" : " (part " + shard + " of " + roster.size() + ")", resumed, jobs);
        log.println("earshot grade: " + walls);
        if (!todo.isEmpty()) {
            worker.warmUp(work.resolve("warm-up"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        ProgressBar bar = progress && !todo.isEmpty() ? new ProgressBarBuilder().setTaskName("grading")
                .setInitialMax(todo.size()).setStyle(ProgressBarStyle.ASCII).continuousUpdate().build() : null;
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path s : todo) {
                futures.add(pool.submit(() -> {
                    String id = s.getFileName().toString();
                    Submission sub = Submission.read(s, chosen, exercises);
                    StudentResult r = worker.grade(sub, lessonExercises, work.resolve(outputFolder(id)));
                    if (!sub.notes().isEmpty()) {
                        String notes = String.join("; ", sub.notes());
                        log.println("earshot grade: " + id + ": " + notes);
                        r = r.withNotes(notes);
                    }
                    if (sub.notebook() != null) {
                        r = fingerprint(r, sub.notebook());
                    }
                    writeResult(out, r);
                    if (bar != null) {
                        bar.step();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("grading failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            pool.shutdownNow();
            if (bar != null) {
                bar.close();
            }
        }
        deleteTree(work);
        List<StudentResult> results = new ArrayList<>();
        for (Path s : students) {
            readResult(out, s.getFileName().toString()).ifPresent(results::add);
        }
        List<String> ids = lessonExercises.stream().map(Exercise::id).toList();
        Path gradebook = ClassOutput.write(out, chosen, ids, results);
        if (!shard.whole()) {
            writeAtomically(out.resolve(ShardManifest.FILE), JSON.writeValueAsString(new ShardManifest(shard.toString(),
                    chosen, ids, roster, students.stream().map(p -> p.getFileName().toString()).toList())));
        }
        return new Summary(chosen, students.size(), todo.size(), resumed, (System.nanoTime() - start) / 1e9, gradebook);
    }

    /**
     * @return the result with the notebook's SHA-256 and last-modified time (whole seconds, UTC); unchanged when the
     *         notebook can no longer be read (it was read a moment ago, without following links, and so is it here)
     */
    static StudentResult fingerprint(StudentResult r, Path notebook) {
        try (java.io.InputStream in = Files.newInputStream(notebook, LinkOption.NOFOLLOW_LINKS)) {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            java.time.Instant modified = Files.getLastModifiedTime(notebook, LinkOption.NOFOLLOW_LINKS).toInstant()
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            return r.withSubmission(java.util.HexFormat.of().formatHex(sha.digest()), modified.toString());
        } catch (IOException e) {
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Optional<String> majorityLesson(List<Path> students, Map<String, Exercise<?, ?>> exercises) {
        Map<String, Long> votes = new LinkedHashMap<>();
        for (Path s : students) {
            if (Files.isSymbolicLink(s)) {
                continue;
            }
            try (Stream<Path> files = Files.list(s)) {
                files.filter(Submission::isNotebookName).flatMap(nb -> Submission.lessonOf(nb, exercises).stream())
                        .distinct().forEach(l -> votes.merge(l, 1L, Long::sum));
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // an unreadable folder has no vote; it is reported when graded
            }
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    /**
     * Where a student's outputs go, under {@code OUT}: the folder's name, or {@code _} + it for a name that is a class
     * file's or the shard manifest's ({@link #RESERVED_NAMES}, in any case, for case-insensitive file systems) or
     * starts with {@code _}. One to
     * one: an escaped name starts with {@code _}, and every name that starts with {@code _} is escaped, so no
     * unescaped name equals an escaped one.
     *
     * @param student the student's folder name (not hidden: it does not start with {@code .})
     * @return the folder name under {@code OUT}
     */
    public static String outputFolder(String student) {
        boolean reserved = RESERVED_NAMES.contains(student.toLowerCase(Locale.ROOT)) || student.startsWith("_");
        return reserved ? "_" + student : student;
    }

    static Optional<StudentResult> readResult(Path out, String student) {
        Path file = out.resolve(outputFolder(student)).resolve("result.json");
        try {
            return Files.isRegularFile(file) ? Optional.of(JSON.readValue(file.toFile(), StudentResult.class))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable: graded again
        }
    }

    private static void writeResult(Path out, StudentResult r) throws IOException {
        Path dir = out.resolve(outputFolder(r.student()));
        Files.createDirectories(dir);
        writeAtomically(dir.resolve("report.html"), StudentReport.html(r));
        writeAtomically(dir.resolve("result.json"), JSON.writeValueAsString(r)); // last: its presence means done
    }

    static void writeAtomically(Path file, String text) throws IOException {
        writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
