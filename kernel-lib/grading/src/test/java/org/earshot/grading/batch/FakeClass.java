package org.earshot.grading.batch;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.earshot.exercises.CheckReport;
import org.earshot.exercises.Exercise;

/**
 * A class of twelve students for tests of what surrounds grading (sharding, merging, the gradebook database), graded
 * by a stand-in for the sandbox: each graded cell says which of its exercise's four cases pass, {@code // PASS 1101}
 * (cases 3 and 4 hidden), or {@code // BROKEN} for one that does not compile. So the class grades in milliseconds,
 * with no JVM per student and no Python, and gives the same results every time.
 *
 * <p>The students: full marks (three), partial answers (four, each a different mix), a cell that does not compile, a
 * notebook missing one exercise's cell, an empty folder (no notebook), a student named like a class file
 * ({@code gradebook.csv}) and one whose name starts with {@code _} (both get an escaped output folder).
 */
public final class FakeClass {

    public static final String LESSON = "99.8-shards";

    /** The exercise's answer (never called: the stand-in reads the cell's marker). */
    public interface Add {
        int add(int a, int b);
    }

    /** A case's input. */
    public record In(int a, int b) {
    }

    static final Exercise<Add, In> ADD = exercise("99.8-add", 2);
    static final Exercise<Add, In> SUM = exercise("99.8-sum", 3);
    static final Map<String, Exercise<?, ?>> CATALOG = catalog();

    /** Student → the marker of each exercise's cell (null: no cell), or null for an empty folder. */
    static final Map<String, String[]> STUDENTS = students();

    private FakeClass() {
    }

    private static Exercise<Add, In> exercise(String id, double points) {
        return Exercise.builder(id, Add.class, In.class).lesson(LESSON).title(id).points(points).solvedBy("add")
                .call((a, c) -> a.add(c.a(), c.b())).reference(c -> c.a() + c.b()).hint("a + b")
                .visible("one", new In(1, 1)).visible("two", new In(1, 2)).hidden("three", new In(2, 2))
                .hidden("four", new In(3, 1)).build();
    }

    private static Map<String, Exercise<?, ?>> catalog() {
        Map<String, Exercise<?, ?>> m = new LinkedHashMap<>();
        m.put(ADD.id(), ADD);
        m.put(SUM.id(), SUM);
        return m;
    }

    private static Map<String, String[]> students() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("ada", new String[] {"PASS 1111", "PASS 1111"});
        m.put("bo", new String[] {"PASS 1111", "PASS 1111"});
        m.put("cy", new String[] {"PASS 1111", "PASS 1111"});
        m.put("di", new String[] {"PASS 1100", "PASS 1010"});
        m.put("ed", new String[] {"PASS 1110", "PASS 0000"});
        m.put("fay", new String[] {"PASS 0111", "PASS 1101"});
        m.put("gus", new String[] {"PASS 1000", "PASS 1110"});
        m.put("hal", new String[] {"BROKEN", "PASS 1111"});
        m.put("ivy", new String[] {"PASS 1101", null});
        m.put("jo", null);
        m.put("gradebook.csv", new String[] {"PASS 1011", "PASS 0110"});
        m.put("_kim", new String[] {"PASS 0001", "BROKEN"});
        return m;
    }

    /**
     * Writes the class under {@code dir}: {@code dir/<student>/99.8-shards.ipynb}, each notebook dated a minute apart
     * from 2026-12-05T23:50:00Z (so a deadline of 23:55 makes some late).
     *
     * @return {@code dir}
     */
    public static Path write(Path dir) throws IOException {
        int k = 0;
        for (Map.Entry<String, String[]> s : STUDENTS.entrySet()) {
            Path folder = Files.createDirectories(dir.resolve(s.getKey()));
            if (s.getValue() != null) {
                Path nb = folder.resolve(LESSON + ".ipynb");
                Files.writeString(nb, notebook(s.getValue()));
                Files.setLastModifiedTime(nb, FileTime.from(Instant.parse("2026-12-05T23:50:00Z").plusSeconds(60L * k)));
            }
            k++;
        }
        return dir;
    }

    /** Rewrites one student's notebook with these markers, dated {@code modified}: a resubmission. */
    public static void resubmit(Path dir, String student, Instant modified, String... markers) throws IOException {
        Path nb = Files.createDirectories(dir.resolve(student)).resolve(LESSON + ".ipynb");
        Files.writeString(nb, notebook(markers));
        Files.setLastModifiedTime(nb, FileTime.from(modified));
    }

    private static String notebook(String[] markers) {
        List<String> cells = new ArrayList<>();
        cells.add("{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": [\"# Shards\"]}");
        List<Exercise<?, ?>> ex = List.of(ADD, SUM);
        for (int i = 0; i < ex.size(); i++) {
            if (markers[i] != null) {
                cells.add("{\"cell_type\": \"code\", \"execution_count\": 1, \"metadata\": {\"earshot\": {\"exercise\": \""
                        + ex.get(i).id() + "\"}}, \"outputs\": [], \"source\": [\"int add(int a, int b) {\\n\","
                        + " \"  return a + b; // " + markers[i] + "\\n\", \"}\"]}");
            }
        }
        return "{\"cells\": [" + String.join(", ", cells) + "], \"metadata\": {\"kernelspec\": {\"name\": \"earshot\"}},"
                + " \"nbformat\": 4, \"nbformat_minor\": 5}";
    }

    /** The stand-in for the sandbox: reads each cell's marker. */
    static final class Worker implements ClassGrader.Worker {
        @Override
        public String open() {
            return "no sandbox (a test's stand-in)";
        }

        @Override
        public void warmUp(Path dir) {
        }

        @Override
        public StudentResult grade(Submission submission, List<Exercise<?, ?>> exercises, Path workDir) {
            List<StudentResult.ExerciseResult> results = new ArrayList<>();
            for (Exercise<?, ?> e : exercises) {
                String source = submission.cells().stream().filter(c -> c.exercise().equals(e.id()))
                        .map(org.earshot.grading.batch.WorkerRequest.Cell::source).findFirst().orElse(null);
                String cell = !submission.gradable() ? submission.problem() : source == null ? "missing"
                        : source.contains("BROKEN") ? "compile error: ';' expected" : "ok";
                String bits = source != null && source.contains("PASS ")
                        ? source.substring(source.indexOf("PASS ") + 5, source.indexOf("PASS ") + 9) : "0000";
                List<CheckReport.CaseResult> cases = new ArrayList<>();
                String[] names = {"one", "two", "three", "four"};
                int passed = 0;
                for (int c = 0; c < 4; c++) {
                    boolean ok = cell.equals("ok") && bits.charAt(c) == '1';
                    passed += ok ? 1 : 0;
                    cases.add(new CheckReport.CaseResult(names[c], c >= 2, 1, ok ? CheckReport.Status.PASSED
                            : CheckReport.Status.FAILED, "2", ok ? "2" : "3", "a + b"));
                }
                StudentResult.Status status = submission.gradable() ? null : StudentResult.Status.NOT_GRADED;
                results.add(new StudentResult.ExerciseResult(e.id(), e.points(), e.points() * passed / 4, status, cell,
                        cases));
            }
            String status = submission.gradable() ? "ok" : submission.problem();
            return new StudentResult(submission.student(), submission.lesson(), status, results, "", 0.25, 1);
        }
    }

    /** @return a grader of the fake class, {@code jobs} at a time, without a progress bar */
    static ClassGrader grader(int jobs) {
        return new ClassGrader(new Worker(), () -> CATALOG, jobs, false);
    }

    /** Grades {@code submissions} (or one part of it) into {@code out}, saying nothing. */
    public static ClassGrader.Summary grade(Path submissions, Path out, Shard shard) throws IOException {
        return grader(2).grade(submissions, out, Optional.of(LESSON), shard, QUIET);
    }

    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
}
