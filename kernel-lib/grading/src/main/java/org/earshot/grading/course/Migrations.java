package org.earshot.grading.course;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The course gradebook's schema, as numbered migrations applied in order, each in its own transaction, and each
 * recorded in {@code schema_version} ({@code version, description, applied_at}). A database is at the highest
 * version recorded there; opening it applies the migrations above that and never one twice. A database written by a
 * newer kit (a version this list does not know) is refused rather than guessed at.
 *
 * <p>Adding to the schema: append a {@link Migration} with the next number; never edit one that has shipped (a
 * course's file already holds it). The SQL is kept to what SQLite and PostgreSQL both read: {@code INTEGER},
 * {@code DOUBLE PRECISION}, {@code BOOLEAN}, {@code TEXT}, composite primary and foreign keys, a view with correlated
 * sub-queries; no {@code AUTOINCREMENT}/{@code SERIAL} (sequence numbers are given by {@link CourseGradebook} inside
 * the writing transaction), no {@code ON CONFLICT}, no window functions. Times are text, ISO-8601 UTC with
 * milliseconds, fixed width, so they sort as they read.
 */
final class Migrations {

    /**
     * One step of the schema.
     *
     * @param version     its number, from 1, one more than the step before
     * @param description what it adds, in a few words (kept in {@code schema_version})
     * @param statements  its SQL, run in order in one transaction
     */
    record Migration(int version, String description, List<String> statements) {
        Migration {
            statements = List.copyOf(statements);
        }
    }

    /** The schema, step by step. */
    static final List<Migration> ALL = List.of(new Migration(1,
            "grading runs, per-student, per-exercise and per-case results, overrides, the current grade", List.of(
            // one row per recorded grade output folder (one part of a sharded run is one run)
            "CREATE TABLE grading_run ("
                    + " seq INTEGER NOT NULL PRIMARY KEY,"          // order of recording: the latest run wins
                    + " run_id VARCHAR(32) NOT NULL UNIQUE,"        // content address of what was recorded
                    + " recorded_at VARCHAR(24) NOT NULL,"
                    + " lesson TEXT NOT NULL,"
                    + " source TEXT NOT NULL,"                      // the output folder it was read from
                    + " due_at VARCHAR(24))",                       // NULL: no deadline given
            "CREATE TABLE submission_result ("
                    + " run_seq INTEGER NOT NULL REFERENCES grading_run (seq),"
                    + " student TEXT NOT NULL,"
                    + " lesson TEXT NOT NULL,"
                    + " status TEXT NOT NULL,"
                    + " sha256 VARCHAR(64) NOT NULL,"               // '' when no notebook was read
                    + " submitted_at VARCHAR(24) NOT NULL,"         // '' when unknown
                    + " late BOOLEAN,"                              // NULL: no deadline, or no time to compare
                    + " score DOUBLE PRECISION NOT NULL,"
                    + " max_points DOUBLE PRECISION NOT NULL,"
                    + " PRIMARY KEY (run_seq, student))",
            "CREATE TABLE exercise_result ("
                    + " run_seq INTEGER NOT NULL,"
                    + " student TEXT NOT NULL,"
                    + " lesson TEXT NOT NULL,"
                    + " exercise TEXT NOT NULL,"
                    + " position INTEGER NOT NULL,"                 // its column in the lesson's gradebook, from 0
                    + " score DOUBLE PRECISION NOT NULL,"
                    + " max_points DOUBLE PRECISION NOT NULL,"
                    + " status TEXT NOT NULL,"
                    + " cell TEXT NOT NULL,"
                    + " PRIMARY KEY (run_seq, student, exercise),"
                    + " FOREIGN KEY (run_seq, student) REFERENCES submission_result (run_seq, student))",
            "CREATE TABLE case_result ("
                    + " run_seq INTEGER NOT NULL,"
                    + " student TEXT NOT NULL,"
                    + " exercise TEXT NOT NULL,"
                    + " case_index INTEGER NOT NULL,"
                    + " name TEXT NOT NULL,"
                    + " hidden BOOLEAN NOT NULL,"
                    + " weight DOUBLE PRECISION NOT NULL,"
                    + " status VARCHAR(20) NOT NULL,"
                    + " score DOUBLE PRECISION NOT NULL,"           // its share of the exercise's points, if passed
                    + " max_points DOUBLE PRECISION NOT NULL,"
                    + " PRIMARY KEY (run_seq, student, exercise, case_index),"
                    + " FOREIGN KEY (run_seq, student, exercise) REFERENCES exercise_result (run_seq, student, exercise))",
            "CREATE TABLE grade_override ("
                    + " seq INTEGER NOT NULL PRIMARY KEY,"
                    + " created_at VARCHAR(24) NOT NULL,"
                    + " student TEXT NOT NULL,"
                    + " lesson TEXT NOT NULL,"
                    + " exercise TEXT NOT NULL,"
                    + " score DOUBLE PRECISION,"                    // NULL: withdrawn, the graded score again
                    + " reason TEXT NOT NULL,"
                    + " author TEXT NOT NULL)",
            "CREATE INDEX submission_result_latest ON submission_result (student, lesson, run_seq)",
            "CREATE INDEX grade_override_latest ON grade_override (student, lesson, exercise, seq)",
            // the current grade of every exercise a student was graded on: the latest run's score of their
            // submission of that lesson, unless the latest override of that exercise gives one
            "CREATE VIEW current_grade AS SELECT"
                    + " e.student, e.lesson, e.exercise, e.position, e.max_points, e.status, e.run_seq,"
                    + " e.score AS graded_score, o.score AS override_score, COALESCE(o.score, e.score) AS score,"
                    + " CASE WHEN o.score IS NULL THEN NULL ELSE o.reason END AS override_reason,"
                    + " s.late, s.sha256, s.submitted_at"
                    + " FROM exercise_result e"
                    + " JOIN submission_result s ON s.run_seq = e.run_seq AND s.student = e.student"
                    + " LEFT JOIN grade_override o ON o.student = e.student AND o.lesson = e.lesson"
                    + " AND o.exercise = e.exercise AND o.seq = (SELECT MAX(o2.seq) FROM grade_override o2"
                    + " WHERE o2.student = e.student AND o2.lesson = e.lesson AND o2.exercise = e.exercise)"
                    + " WHERE e.run_seq = (SELECT MAX(s2.run_seq) FROM submission_result s2"
                    + " WHERE s2.student = e.student AND s2.lesson = e.lesson)")));

    private Migrations() {
    }

    /** @return the version this kit writes: the last migration's */
    static int latest() {
        return ALL.get(ALL.size() - 1).version();
    }

    /**
     * Brings the database to {@link #latest()}, inside the caller's transaction (SQLite takes its write lock when it
     * begins, so two processes opening a new file at once apply each migration once; both databases roll DDL back
     * with the rest).
     *
     * @param c         a connection in a transaction (auto-commit off)
     * @param stamp     the time written as {@code applied_at}
     * @param where     the database, for messages
     * @throws SQLException when the database is newer than this kit, or a migration fails
     */
    static void migrate(Connection c, String stamp, String where) throws SQLException {
        for (Migration m : ALL) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                        + " description TEXT NOT NULL, applied_at VARCHAR(24) NOT NULL)");
                int at;
                try (ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                    rs.next();
                    at = rs.getInt(1);
                }
                if (at > latest()) {
                    throw new SQLException(where + ": schema version " + at + " is newer than this kit's " + latest()
                            + " (written by a newer Earshot): update the kit");
                }
                if (at >= m.version()) {
                    continue;
                }
                for (String sql : m.statements()) {
                    st.execute(sql);
                }
                try (var ps = c.prepareStatement("INSERT INTO schema_version (version, description, applied_at)"
                        + " VALUES (?, ?, ?)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, m.description());
                    ps.setString(3, stamp);
                    ps.executeUpdate();
                }
            }
        }
    }
}
