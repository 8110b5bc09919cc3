package org.earshot.grading.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.exercises.CheckReport;
import org.earshot.grading.batch.ClassOutput;
import org.earshot.grading.batch.Gradebook;
import org.earshot.grading.batch.StudentResult;

/**
 * The course's gradebook as a database, as nbgrader keeps one: every grading run recorded down to each test case, and
 * every instructor's override, so that a regrade, a resubmission or a manual grade never loses what came before. The
 * <em>current</em> grade is a query, the view {@code current_grade}: per student, lesson and exercise, the score of
 * the latest recorded run of that student's lesson, unless the latest override of the exercise gives another (an
 * override wins over every run, earlier or later, until it is withdrawn).
 *
 * <p>Where: SQLite by default, one file beside the course ({@code gradebook.db}); or any JDBC URL, e.g.
 * {@code jdbc:postgresql://host/course?user=…&password=…} for a shared server (the SQL is kept to what both read:
 * {@link Migrations}). The schema is versioned ({@code schema_version}) and migrated on open.
 *
 * <p>Concurrent writers — two shards of a grading run recording at once, a collect step — are safe: each run is one
 * transaction. (A SQLite file is for writers on one machine: its locks, and WAL's shared memory, do not hold across
 * a network file system; writers on several machines share a PostgreSQL database.) On SQLite the file is in WAL mode (readers never wait for the writer), every transaction takes the
 * write lock when it begins ({@code BEGIN IMMEDIATE}, so two writers never deadlock upgrading a read lock), and a
 * writer that finds the lock taken waits for it up to {@value #BUSY_TIMEOUT_MS} ms ({@code busy_timeout}). On a
 * server a transaction that collides with another on a sequence number is retried.
 *
 * <p>Sequence numbers ({@code grading_run.seq}, {@code grade_override.seq}) are one more than the largest, taken
 * inside the writing transaction: their order is the order of recording, which is what "latest" means.
 *
 * <p>Example:
 * <pre>{@code
 * try (CourseGradebook db = CourseGradebook.open("gradebook.db")) {
 *     db.record(Path.of("out"), Optional.of(Instant.parse("2026-12-05T23:59:00Z")));
 *     db.override("ada", "21.1-signal", "21.1-dft-bin", 2.0, "regrade request: sign convention", "lee");
 *     Files.writeString(Path.of("grades.csv"), db.lessonCsv("21.1-signal"));
 * }
 * }</pre>
 */
public final class CourseGradebook implements AutoCloseable {

    /** How long a writer waits for another's lock on SQLite, in milliseconds. */
    public static final int BUSY_TIMEOUT_MS = 60_000;
    /** The file a course's database is, by default, beside the course. */
    public static final String DEFAULT_FILE = "gradebook.db";
    /**
     * How often a transaction that collided with another writer is tried, in all: on a server, N shards recording at
     * once collide on the next sequence number, and each round lets at least one through.
     */
    private static final int ATTEMPTS = 40;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What {@link #record} did. */
    public record Recorded(String runId, String lesson, int students, boolean already) {
    }

    /**
     * One exercise's current grade.
     *
     * @param score       what counts: the override's score when there is one, else the graded one
     * @param gradedScore what the latest run gave
     * @param late        whether the submission graded came after the due time (null: no due time, or no time known)
     * @param overrideReason the reason of the override that gives {@code score}, or null
     */
    public record Grade(String student, String lesson, String exercise, int position, double score, double gradedScore,
                        double maxPoints, Boolean late, String overrideReason) {
    }

    /**
     * One thing that happened to a student's grades, in the order it was recorded.
     *
     * @param at       when it was recorded, ISO-8601 UTC
     * @param kind     {@code graded} (one exercise of one grading run) or {@code override}
     * @param run      the run's id ({@code graded}) or the override's number ({@code override})
     * @param score    the score given; null for an override withdrawn
     * @param maxPoints what the exercise is worth (NaN for an override: it has no maximum of its own)
     * @param detail   the exercise's status, late flag and notebook hash ({@code graded}), or reason and author
     */
    public record Event(String at, String kind, String run, String lesson, String exercise, Double score,
                        double maxPoints, String detail) {
    }

    private final Connection connection;
    private final String where;
    private final Clock clock;

    private CourseGradebook(Connection connection, String where, Clock clock) {
        this.connection = connection;
        this.where = where;
        this.clock = clock;
    }

    /** Opens the database with the system clock: {@link #open(String, Clock)}. */
    public static CourseGradebook open(String where) throws SQLException {
        return open(where, Clock.systemUTC());
    }

    /**
     * Opens (creating it if need be) and migrates the course's database.
     *
     * @param where a JDBC URL ({@code jdbc:…}), or the path of a SQLite file (created with its folder's permissions)
     * @param clock what stamps runs and overrides
     * @return the open gradebook; close it
     * @throws SQLException when it cannot be opened, or was written by a newer kit
     */
    public static CourseGradebook open(String where, Clock clock) throws SQLException {
        String url = url(where);
        Properties props = new Properties();
        if (url.startsWith("jdbc:sqlite:")) {
            props.setProperty("journal_mode", "WAL");
            props.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
            props.setProperty("transaction_mode", "IMMEDIATE");
            props.setProperty("foreign_keys", "true");
            props.setProperty("synchronous", "NORMAL"); // durable in WAL mode up to the last checkpoint's power loss
        }
        Connection opened = null;
        for (int attempt = 1; opened == null; attempt++) {
            try {
                opened = DriverManager.getConnection(url, props);
            } catch (SQLException e) {
                // switching a new file to WAL takes a lock that busy_timeout may not cover yet
                if (attempt >= ATTEMPTS || !busy(e)) {
                    throw new SQLException(where + ": cannot open (" + e.getMessage() + ")", e);
                }
                pause(attempt);
            }
        }
        Connection c = opened;
        try {
            CourseGradebook db = new CourseGradebook(c, where, clock);
            db.inTransaction(() -> {
                Migrations.migrate(c, db.now(), where);
                return null;
            });
            return db;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    /** @return the JDBC URL for a {@code --db} value: itself when it is one, else the SQLite file's */
    public static String url(String where) {
        return where.startsWith("jdbc:") ? where : "jdbc:sqlite:" + Path.of(where).toAbsolutePath();
    }

    /** @return the schema version the database is at */
    public int schemaVersion() throws SQLException {
        return query("SELECT MAX(version) FROM schema_version", List.of(), rs -> rs.getInt(1)).get(0);
    }

    /**
     * Records a grade output folder ({@code OUT/results.json}, as {@code earshot grade} or a merge writes it) as one
     * grading run. The run's id is a content address — the first 16 hex digits of the SHA-256 of
     * {@code results.json} and the due time — so recording the same folder twice (a retried job) records it once;
     * a regrade writes another {@code results.json} (if nothing else, each student's {@code seconds}) and is a new
     * run.
     *
     * @param out the output folder
     * @param due the deadline: a submission whose notebook was modified after it is flagged late; empty for none
     * @return the run's id, and whether it had been recorded already
     * @throws IOException when the folder holds no readable {@code results.json}
     */
    public Recorded record(Path out, Optional<Instant> due) throws IOException, SQLException {
        return record(out, due, Optional.empty());
    }

    /**
     * {@link #record(Path, Optional)}, refusing a folder of another lesson than {@code lesson}.
     *
     * @param lesson the lesson the folder must hold, or empty for any
     * @throws IOException also when the folder holds another lesson
     */
    public Recorded record(Path out, Optional<Instant> due, Optional<String> lesson) throws IOException, SQLException {
        Path file = out.resolve("results.json");
        byte[] bytes;
        ClassOutput.ClassResults results;
        try {
            bytes = Files.readAllBytes(file);
            results = JSON.readValue(bytes, ClassOutput.ClassResults.class);
        } catch (IOException e) {
            throw new IOException(file + ": not a grade output's results.json (" + oneLine(e.getMessage()) + ")", e);
        }
        if (results.lesson() == null || results.students() == null) {
            throw new IOException(file + ": no lesson or students in it");
        }
        if (lesson.isPresent() && !lesson.get().equals(results.lesson())) {
            throw new IOException(file + ": lesson " + results.lesson() + ", not " + lesson.get());
        }
        String dueText = due.map(STAMP::format).orElse("");
        String runId = sha256Hex(bytes, ("\ndue " + dueText).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .substring(0, 16);
        return inTransaction(() -> {
            if (!query("SELECT seq FROM grading_run WHERE run_id = ?", List.of(runId), rs -> rs.getLong(1)).isEmpty()) {
                return new Recorded(runId, results.lesson(), results.students().size(), true);
            }
            long seq = nextSeq("grading_run");
            update("INSERT INTO grading_run (seq, run_id, recorded_at, lesson, source, due_at) VALUES (?, ?, ?, ?, ?, ?)",
                    seq, runId, now(), results.lesson(), out.toAbsolutePath().normalize().toString(),
                    due.isEmpty() ? new SqlNull(Types.VARCHAR) : dueText);
            try (PreparedStatement sub = connection.prepareStatement("INSERT INTO submission_result (run_seq, student,"
                    + " lesson, status, sha256, submitted_at, late, score, max_points) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement ex = connection.prepareStatement("INSERT INTO exercise_result (run_seq, student,"
                         + " lesson, exercise, position, score, max_points, status, cell) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement cs = connection.prepareStatement("INSERT INTO case_result (run_seq, student, exercise,"
                         + " case_index, name, hidden, weight, status, score, max_points)"
                         + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (StudentResult r : results.students()) {
                    set(sub, seq, r.student(), results.lesson(), r.status(), r.sha256(), r.submittedAt(),
                            late(r, due).map(Object.class::cast).orElse(new SqlNull(Types.BOOLEAN)), r.total(), r.max());
                    sub.addBatch();
                    for (int p = 0; p < r.exercises().size(); p++) {
                        StudentResult.ExerciseResult e = r.exercises().get(p);
                        set(ex, seq, r.student(), results.lesson(), e.id(), p, e.score(), e.points(),
                                e.status().label(), e.cell());
                        ex.addBatch();
                        double weights = e.cases().stream().mapToDouble(CheckReport.CaseResult::weight).sum();
                        for (int k = 0; k < e.cases().size(); k++) {
                            CheckReport.CaseResult c = e.cases().get(k);
                            double share = weights > 0 ? e.points() * c.weight() / weights : 0;
                            set(cs, seq, r.student(), e.id(), k, c.name(), c.hidden(), c.weight(),
                                    c.status().name().toLowerCase(Locale.ROOT),
                                    c.status() == CheckReport.Status.PASSED ? share : 0.0, share);
                            cs.addBatch();
                        }
                    }
                }
                sub.executeBatch();
                ex.executeBatch();
                cs.executeBatch();
            }
            return new Recorded(runId, results.lesson(), results.students().size(), false);
        });
    }

    /**
     * @param text a due time with its offset, ISO-8601: {@code 2026-12-05T23:59Z}, {@code 2026-12-05T23:59:30+01:00}
     * @return the instant
     * @throws IllegalArgumentException in one line, when it is not one
     */
    public static Instant parseDue(String text) {
        try {
            return java.time.OffsetDateTime.parse(text.strip()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("due time '" + text + "' is not ISO-8601 with an offset, e.g."
                    + " 2026-12-05T23:59Z or 2026-12-05T23:59+01:00");
        }
    }

    /** @return whether the submission came after the due time; empty without a due time or a submission time */
    private static Optional<Boolean> late(StudentResult r, Optional<Instant> due) {
        if (due.isEmpty() || r.submittedAt().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Instant.parse(r.submittedAt()).isAfter(due.get()));
    }

    /**
     * Records an instructor's grade for one exercise, which wins over every grading run until withdrawn.
     *
     * @param score  the points given, 0 ≤ score ≤ the exercise's maximum; null to withdraw the override (the graded
     *               score counts again; the history keeps both)
     * @param reason why (required: the student will ask)
     * @param author who
     * @return the override's number
     * @throws IllegalArgumentException when the student has no recorded grade for the exercise, the score is out of
     *                                  range, or the reason is blank
     */
    public long override(String student, String lesson, String exercise, Double score, String reason, String author)
            throws SQLException {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an override needs a reason (--reason \"…\")");
        }
        List<Double> max = query("SELECT max_points FROM current_grade WHERE student = ? AND lesson = ? AND exercise = ?",
                List.of(student, lesson, exercise), rs -> rs.getDouble(1));
        if (max.isEmpty()) {
            throw new IllegalArgumentException("no recorded grade of " + student + " for " + lesson + " " + exercise
                    + " (record a grading run of the lesson first; exercises: " + exercisesOf(lesson) + ")");
        }
        if (score != null && (!(score >= 0) || score > max.get(0))) {
            throw new IllegalArgumentException("score " + Gradebook.number(score) + " of " + exercise + " must lie in [0, "
                    + Gradebook.number(max.get(0)) + "]");
        }
        return inTransaction(() -> {
            long seq = nextSeq("grade_override");
            update("INSERT INTO grade_override (seq, created_at, student, lesson, exercise, score, reason, author)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", seq, now(), student, lesson, exercise,
                    score == null ? new SqlNull(Types.DOUBLE) : score, reason.strip(), author);
            return seq;
        });
    }

    private String exercisesOf(String lesson) throws SQLException {
        List<String> ids = query("SELECT DISTINCT exercise FROM exercise_result WHERE lesson = ? ORDER BY exercise",
                List.of(lesson), rs -> rs.getString(1));
        return ids.isEmpty() ? "none recorded for " + lesson : String.join(", ", ids);
    }

    /** @return every current grade of the lesson, by student, then exercise column */
    public List<Grade> current(String lesson) throws SQLException {
        return query("SELECT student, lesson, exercise, position, score, graded_score, max_points, late,"
                + " override_reason FROM current_grade WHERE lesson = ? ORDER BY student, position", List.of(lesson),
                rs -> new Grade(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getDouble(5),
                        rs.getDouble(6), rs.getDouble(7), bool(rs, 8), rs.getString(9)));
    }

    /** @return every lesson with a recorded run, in section order ({@code 21.2} before {@code 21.10}) */
    public List<String> lessons() throws SQLException {
        List<String> lessons = new ArrayList<>(query("SELECT DISTINCT lesson FROM grading_run", List.of(),
                rs -> rs.getString(1)));
        lessons.sort(CourseGradebook::compareLessons);
        return lessons;
    }

    /**
     * The lesson's current grades as CSV (RFC 4180, cells neutralised as {@link Gradebook}'s) for an LMS:
     * {@code student,<exercise ids…>,total,max,late}, a row per student graded, sorted by id; {@code late} is
     * {@code yes}, {@code no} or empty (no due time given).
     */
    public String lessonCsv(String lesson) throws SQLException {
        List<Grade> grades = current(lesson);
        Map<String, Integer> columns = new TreeMap<>();
        grades.forEach(g -> columns.merge(g.exercise(), g.position(), Math::min));
        List<String> exercises = columns.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).toList();
        Map<String, Map<String, Grade>> byStudent = new TreeMap<>();
        grades.forEach(g -> byStudent.computeIfAbsent(g.student(), s -> new LinkedHashMap<>()).put(g.exercise(), g));
        StringBuilder sb = new StringBuilder("student");
        exercises.forEach(e -> sb.append(',').append(Gradebook.field(e)));
        sb.append(",total,max,late\r\n");
        for (Map.Entry<String, Map<String, Grade>> row : byStudent.entrySet()) {
            sb.append(Gradebook.field(row.getKey()));
            double total = 0;
            double max = 0;
            Boolean late = null;
            for (String e : exercises) {
                Grade g = row.getValue().get(e);
                sb.append(',').append(g == null ? "" : Gradebook.number(g.score()));
                if (g != null) {
                    total += g.score();
                    max += g.maxPoints();
                    late = g.late();
                }
            }
            sb.append(',').append(Gradebook.number(total)).append(',').append(Gradebook.number(max)).append(',')
                    .append(late == null ? "" : late ? "yes" : "no").append("\r\n");
        }
        return sb.toString();
    }

    /**
     * The whole course as CSV: {@code student,<lesson…>,total,max}, each lesson's cell the student's current total
     * for it (empty when they have no recorded grade of that lesson: nothing counts as 0 without a run saying so);
     * {@code max} sums the maxima of every lesson in the course.
     */
    public String courseCsv() throws SQLException {
        List<String> lessons = lessons();
        Map<String, Map<String, Double>> totals = new TreeMap<>();
        Map<String, Double> maxima = new LinkedHashMap<>();
        for (String lesson : lessons) {
            Map<String, Double> lessonMax = new TreeMap<>();
            for (Grade g : current(lesson)) {
                totals.computeIfAbsent(g.student(), s -> new LinkedHashMap<>()).merge(lesson, g.score(), Double::sum);
                lessonMax.merge(g.student(), g.maxPoints(), Double::sum);
            }
            maxima.put(lesson, lessonMax.values().stream().mapToDouble(Double::doubleValue).max().orElse(0));
        }
        double courseMax = maxima.values().stream().mapToDouble(Double::doubleValue).sum();
        StringBuilder sb = new StringBuilder("student");
        lessons.forEach(l -> sb.append(',').append(Gradebook.field(l)));
        sb.append(",total,max\r\n");
        for (Map.Entry<String, Map<String, Double>> row : totals.entrySet()) {
            sb.append(Gradebook.field(row.getKey()));
            double total = 0;
            for (String l : lessons) {
                Double t = row.getValue().get(l);
                sb.append(',').append(t == null ? "" : Gradebook.number(t));
                total += t == null ? 0 : t;
            }
            sb.append(',').append(Gradebook.number(total)).append(',').append(Gradebook.number(courseMax)).append("\r\n");
        }
        return sb.toString();
    }

    /** @return everything recorded about the student's grades, oldest first: each run's exercises, each override */
    public List<Event> history(String student) throws SQLException {
        List<Event> events = new ArrayList<>(query("SELECT r.recorded_at, r.run_id, e.lesson, e.exercise, e.score,"
                + " e.max_points, e.status, s.late, s.sha256, r.seq, e.position FROM exercise_result e"
                + " JOIN grading_run r ON r.seq = e.run_seq"
                + " JOIN submission_result s ON s.run_seq = e.run_seq AND s.student = e.student"
                + " WHERE e.student = ? ORDER BY r.seq, e.position", List.of(student), rs -> {
                    Boolean late = bool(rs, 8);
                    String sha = rs.getString(9);
                    return new Event(rs.getString(1), "graded", rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getDouble(5), rs.getDouble(6), rs.getString(7) + (late == null ? "" : late ? "; late" : "")
                            + (sha.isEmpty() ? "" : "; notebook " + sha.substring(0, 12)));
                }));
        events.addAll(query("SELECT created_at, seq, lesson, exercise, score, reason, author FROM grade_override"
                + " WHERE student = ? ORDER BY seq", List.of(student), rs -> {
                    double score = rs.getDouble(5);
                    Double given = rs.wasNull() ? null : score;
                    return new Event(rs.getString(1), "override", "#" + rs.getLong(2), rs.getString(3), rs.getString(4),
                            given, Double.NaN, (given == null ? "withdrawn: " : "") + rs.getString(6) + " (by "
                            + rs.getString(7) + ")");
                }));
        events.sort(Comparator.comparing(Event::at)); // stable: a run's exercises keep their order
        return List.copyOf(events);
    }

    /** @return how many rows each table holds, by table name (for checks and the command's summary) */
    public Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("grading_run", "submission_result", "exercise_result", "case_result",
                "grade_override")) {
            counts.put(table, query("SELECT COUNT(*) FROM " + table, List.of(), rs -> rs.getLong(1)).get(0));
        }
        return counts;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    // ---- plumbing

    /** A unit of work inside a transaction. */
    private interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction and retries it, after a rollback and a short pause, when another writer
     * got in the way: SQLite's lock held past {@link #BUSY_TIMEOUT_MS}, or a server's unique-key or serialization
     * failure on a sequence number two transactions both took. The connection is in auto-commit mode outside: the
     * transaction begins by leaving it and commits by returning to it (JDBC's rule for {@code setAutoCommit}), so
     * no transaction — and on SQLite no write lock — is held between two calls.
     */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                connection.setAutoCommit(false);
                T result = work.run();
                connection.setAutoCommit(true);
                return result;
            } catch (SQLException | RuntimeException e) {
                // the begin itself may have failed (busy): then there is nothing to roll back
                try {
                    connection.rollback();
                } catch (SQLException nothing) {
                    e.addSuppressed(nothing);
                }
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException nothing) {
                    e.addSuppressed(nothing);
                }
                if (!(e instanceof SQLException sql) || attempt >= ATTEMPTS || !(busy(sql) || collided(sql))) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /** @return whether SQLite said the database is locked or busy */
    private static boolean busy(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("SQLITE_BUSY") || m.contains("database is locked");
    }

    /** @return whether a server refused a transaction that raced another: unique violation, serialization failure */
    private static boolean collided(SQLException e) {
        return "23505".equals(e.getSQLState()) || "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    /** Waits before another try: a random part of 10 ms × attempt², at most half a second, so racers spread out. */
    private static void pause(int attempt) {
        try {
            long bound = Math.min(500, 10L * attempt * attempt);
            Thread.sleep(1 + java.util.concurrent.ThreadLocalRandom.current().nextLong(bound));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long nextSeq(String table) throws SQLException {
        return query("SELECT COALESCE(MAX(seq), 0) + 1 FROM " + table, List.of(), rs -> rs.getLong(1)).get(0);
    }

    private String now() {
        return STAMP.format(clock.instant());
    }

    /** Reads one row. */
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, List<Object> args, Row<T> row) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            set(ps, args.toArray());
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        }
    }

    private void update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            set(ps, args);
            ps.executeUpdate();
        }
    }

    /** A NULL of a given {@link Types} code: a server wants to know what a NULL parameter stands for. */
    private record SqlNull(int sqlType) {
    }

    private static void set(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof SqlNull n) {
                ps.setNull(i + 1, n.sqlType());
            } else if (a instanceof Boolean b) {
                ps.setBoolean(i + 1, b);
            } else if (a instanceof Double d) {
                ps.setDouble(i + 1, d);
            } else if (a instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (a instanceof Long n) {
                ps.setLong(i + 1, n);
            } else {
                ps.setString(i + 1, a.toString());
            }
        }
    }

    private static Boolean bool(ResultSet rs, int column) throws SQLException {
        boolean b = rs.getBoolean(column);
        return rs.wasNull() ? null : b;
    }

    private static String sha256Hex(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                sha.update(p);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String oneLine(String s) {
        String flat = String.valueOf(s).replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 297) + "…" : flat;
    }

    /** Orders lessons as sections are: {@code 21.2-asr} before {@code 21.10-tts}, numbers by value, the rest as text. */
    static int compareLessons(String a, String b) {
        String[] pa = a.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        String[] pb = b.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
            boolean numbers = pa[i].matches("\\d{1,9}") && pb[i].matches("\\d{1,9}");
            int c = numbers ? Integer.compare(Integer.parseInt(pa[i]), Integer.parseInt(pb[i])) : pa[i].compareTo(pb[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pa.length, pb.length);
    }

    @Override
    public String toString() {
        return "CourseGradebook[" + where + "]";
    }
}
