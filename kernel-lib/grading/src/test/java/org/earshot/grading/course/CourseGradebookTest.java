package org.earshot.grading.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.exercises.CheckReport;
import org.earshot.grading.batch.ClassOutput;
import org.earshot.grading.batch.FakeClass;
import org.earshot.grading.batch.Shard;
import org.earshot.grading.batch.StudentResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course gradebook database keeps every run and override, gives the latest run's grade unless an override wins,
 * exports what an LMS imports, migrates its schema once, and loses no row when two writers record at once.
 */
class CourseGradebookTest {

    private static final Instant DUE = Instant.parse("2026-12-05T23:55:00Z");

    @TempDir
    Path tmp;

    /** A clock a millisecond further on at every reading, from 2026-12-06T09:00Z: distinct, ordered stamps. */
    private static Clock ticking() {
        AtomicLong ms = new AtomicLong(Instant.parse("2026-12-06T09:00:00Z").toEpochMilli());
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(ms.getAndIncrement());
            }
        };
    }

    private String course;

    /**
     * @param name what the database is for, unique within a test
     * @return where a new, empty database is: a SQLite file here; a subclass may give a server's
     */
    String fresh(String name) throws SQLException {
        return tmp.resolve(name + ".db").toString();
    }

    /** @return whether {@link #fresh} gives SQLite files (their pragmas are checked too) */
    boolean sqlite() {
        return true;
    }

    /** @return the test's course database, the same for every call in a test */
    private CourseGradebook open() throws SQLException {
        if (course == null) {
            course = fresh("course");
        }
        return CourseGradebook.open(course, ticking());
    }

    @Test
    void everyRunIsKeptAndTheCurrentGradeIsTheLatestRunUnlessAnOverrideWins() throws Exception {
        Path subs = FakeClass.write(tmp.resolve("subs"));
        FakeClass.grade(subs, tmp.resolve("run1"), Shard.WHOLE);
        // ed resubmits full marks after the deadline; the class is graded again
        FakeClass.resubmit(subs, "ed", Instant.parse("2026-12-05T23:59:00Z"), "PASS 1111", "PASS 1111");
        FakeClass.grade(subs, tmp.resolve("run2"), Shard.WHOLE);
        try (CourseGradebook db = open()) {
            CourseGradebook.Recorded first = db.record(tmp.resolve("run1"), Optional.of(DUE));
            assertFalse(first.already());
            assertEquals(12, first.students());
            Map<String, Long> once = db.counts();
            assertEquals(Map.of("grading_run", 1L, "submission_result", 12L, "exercise_result", 24L, "case_result", 96L,
                    "grade_override", 0L), once);
            CourseGradebook.Recorded again = db.record(tmp.resolve("run1"), Optional.of(DUE));
            assertTrue(again.already(), "a retried job records its folder once");
            assertEquals(first.runId(), again.runId());
            assertEquals(once, db.counts());
            assertFalse(db.record(tmp.resolve("run2"), Optional.of(DUE)).already());
            db.override("hal", FakeClass.LESSON, "99.8-add", 1.5, "partial credit: the idea is right", "lee");

            assertEquals(String.join("\r\n",
                    "student,99.8-add,99.8-sum,total,max,late",
                    "_kim,0.5,0,0.5,5,yes",
                    "ada,2,3,5,5,no",
                    "bo,2,3,5,5,no",
                    "cy,2,3,5,5,no",
                    "di,1,1.5,2.5,5,no",
                    "ed,2,3,5,5,yes",
                    "fay,1.5,2.25,3.75,5,no",
                    "gradebook.csv,1.5,1.5,3,5,yes",
                    "gus,0.5,2.25,2.75,5,yes",
                    "hal,1.5,3,4.5,5,yes",
                    "ivy,1.5,0,1.5,5,yes",
                    "jo,0,0,0,5,", ""), db.lessonCsv(FakeClass.LESSON));

            List<CourseGradebook.Event> ed = db.history("ed");
            assertEquals(4, ed.size(), ed.toString());
            assertEquals(List.of(1.5, 0.0, 2.0, 3.0), ed.stream().map(CourseGradebook.Event::score).toList(),
                    "the first submission's grades are kept");
            assertTrue(ed.get(2).detail().contains("late") && !ed.get(0).detail().contains("late"), ed.toString());
            assertFalse(ed.get(0).detail().equals(ed.get(2).detail()), "another notebook: another hash");

            db.override("hal", FakeClass.LESSON, "99.8-add", null, "withdrawn: graded the wrong cell", "lee");
            CourseGradebook.Grade hal = db.current(FakeClass.LESSON).stream()
                    .filter(g -> g.student().equals("hal") && g.exercise().equals("99.8-add")).findFirst().orElseThrow();
            assertEquals(0, hal.score(), "a withdrawn override gives the graded score back");
            assertNull(hal.overrideReason());
            List<CourseGradebook.Event> history = db.history("hal");
            assertEquals(List.of("graded", "graded", "graded", "graded", "override", "override"),
                    history.stream().map(CourseGradebook.Event::kind).toList());
            assertEquals(1.5, history.get(4).score());
            assertNull(history.get(5).score());
        }
    }

    @Test
    void anOverrideIsCheckedBeforeItIsRecorded() throws Exception {
        FakeClass.grade(FakeClass.write(tmp.resolve("subs")), tmp.resolve("out"), Shard.WHOLE);
        try (CourseGradebook db = open()) {
            db.record(tmp.resolve("out"), Optional.empty());
            String lesson = FakeClass.LESSON;
            assertRefused("no recorded grade of zed", () -> db.override("zed", lesson, "99.8-add", 1.0, "x", "lee"));
            assertRefused("exercises: 99.8-add, 99.8-sum", () -> db.override("ada", lesson, "99.8-mul", 1.0, "x", "lee"));
            assertRefused("must lie in [0, 2]", () -> db.override("ada", lesson, "99.8-add", 2.5, "x", "lee"));
            assertRefused("must lie in [0, 3]", () -> db.override("ada", lesson, "99.8-sum", -1.0, "x", "lee"));
            assertRefused("needs a reason", () -> db.override("ada", lesson, "99.8-sum", 1.0, " ", "lee"));
            assertEquals(0L, db.counts().get("grade_override"));
            assertTrue(db.lessonCsv(lesson).contains("\r\njo,0,0,0,5,\r\n"), "no due time: late is empty");
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void assertRefused(String why, Call call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void theCourseCsvHasALessonPerColumnAndLeavesUnrecordedLessonsEmpty() throws Exception {
        FakeClass.grade(FakeClass.write(tmp.resolve("subs")), tmp.resolve("out"), Shard.WHOLE);
        Path other = writeResults(tmp.resolve("other"), "99.10-later", List.of("ada", "zoe"), 0);
        try (CourseGradebook db = open()) {
            db.record(other, Optional.empty());
            db.record(tmp.resolve("out"), Optional.empty());
            assertEquals(List.of("99.8-shards", "99.10-later"), db.lessons(), "section order, not text order");
            List<String> lines = db.courseCsv().lines().toList();
            assertEquals("student,99.8-shards,99.10-later,total,max", lines.get(0));
            assertTrue(lines.contains("ada,5,1,6,11"), lines.toString());
            assertTrue(lines.contains("bo,5,,5,11"), lines.toString());
            assertTrue(lines.contains("zoe,,1,1,11"), lines.toString());
            assertEquals(14, lines.size());
        }
    }

    @Test
    void theSchemaIsMigratedOnceAndANewerOneIsRefused() throws Exception {
        try (CourseGradebook db = open()) {
            assertEquals(Migrations.latest(), db.schemaVersion());
        }
        try (CourseGradebook db = open()) {
            assertEquals(Migrations.latest(), db.schemaVersion());
        }
        try (Connection c = DriverManager.getConnection(CourseGradebook.url(course))) {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM schema_version")) {
                rs.next();
                assertEquals(Migrations.ALL.size(), rs.getInt(1), "each migration recorded once");
            }
            if (sqlite()) {
                try (var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    assertEquals("wal", rs.getString(1));
                }
            }
            c.createStatement().execute("INSERT INTO schema_version VALUES (99, 'from the future', 'x')");
        }
        SQLException e = assertThrows(SQLException.class, this::open);
        assertTrue(e.getMessage().contains("schema version 99 is newer than this kit's"), e.getMessage());
    }

    @Test
    void writersOpeningANewFileAtOnceMigrateItOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            String file = fresh("new" + round);
            int writers = 4;
            CyclicBarrier start = new CyclicBarrier(writers);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<Future<Integer>> opened = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    opened.add(pool.submit(() -> {
                        start.await();
                        try (CourseGradebook db = CourseGradebook.open(file, ticking())) {
                            return db.schemaVersion();
                        }
                    }));
                }
                for (Future<Integer> f : opened) {
                    assertEquals(Migrations.latest(), f.get());
                }
            } finally {
                pool.shutdownNow();
            }
            try (Connection c = DriverManager.getConnection(CourseGradebook.url(file));
                 var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM schema_version")) {
                rs.next();
                assertEquals(Migrations.ALL.size(), rs.getInt(1), "round " + round + ": each migration applied once");
            }
        }
    }

    @Test
    void twoShardsRecordingAtOnceLoseNoRows() throws Exception {
        int runsEach = 12;
        int students = 40;
        List<List<Path>> folders = List.of(new ArrayList<>(), new ArrayList<>());
        for (int w = 0; w < 2; w++) {
            List<String> ids = new ArrayList<>();
            for (int s = 0; s < students; s++) {
                ids.add("w" + w + "-s" + s);
            }
            for (int r = 0; r < runsEach; r++) {
                folders.get(w).add(writeResults(tmp.resolve("w" + w + "-r" + r), "99.8-shards", ids, r));
            }
        }
        open().close(); // made and migrated; the two writers open it together below
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                List<Path> mine = folders.get(w);
                writers.add(pool.submit(() -> {
                    try (CourseGradebook db = open()) {
                        start.await();
                        int recorded = 0;
                        for (Path f : mine) {
                            recorded += db.record(f, Optional.of(DUE)).already() ? 0 : 1;
                        }
                        return recorded;
                    }
                }));
            }
            for (Future<Integer> f : writers) {
                assertEquals(runsEach, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        try (CourseGradebook db = open()) {
            long runs = 2L * runsEach;
            assertEquals(Map.of("grading_run", runs, "submission_result", runs * students, "exercise_result",
                    runs * students * 2, "case_result", runs * students * 2 * 4, "grade_override", 0L), db.counts());
            // the latest run of each writer's students is their last folder: score 1 + its index on each exercise
            assertTrue(db.lessonCsv("99.8-shards").contains("\r\nw1-s7," + runsEach + "," + runsEach + ","
                    + 2 * runsEach + ","), db.lessonCsv("99.8-shards").lines().limit(3).toList().toString());
        }
    }

    /**
     * Writes a grade output folder's {@code results.json} by hand: each student scores {@code 1 + run} of
     * {@code 1 + run + 2} on each of two exercises of four cases.
     */
    private static Path writeResults(Path out, String lesson, List<String> students, int run) throws Exception {
        List<StudentResult> results = new ArrayList<>();
        for (String s : students) {
            List<StudentResult.ExerciseResult> ex = new ArrayList<>();
            for (String e : List.of("a", "b")) {
                List<CheckReport.CaseResult> cases = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    cases.add(new CheckReport.CaseResult("case " + c, c > 1, 1, c == 0 ? CheckReport.Status.PASSED
                            : CheckReport.Status.FAILED, "1", c == 0 ? "1" : "0", ""));
                }
                ex.add(new StudentResult.ExerciseResult(lesson + "-" + e, lesson.equals("99.8-shards") ? 3 + run : 3,
                        lesson.equals("99.8-shards") ? 1 + run : 0.5, null, "ok", cases));
            }
            results.add(new StudentResult(s, lesson, "ok", ex, "", 0.1, 1, "ab".repeat(32), "2026-12-05T23:00:00Z"));
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.json"), new ObjectMapper().writeValueAsString(
                new ClassOutput.ClassResults(lesson, results)));
        return out;
    }
}
