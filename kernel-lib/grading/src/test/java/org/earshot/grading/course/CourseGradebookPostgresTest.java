package org.earshot.grading.course;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Every {@link CourseGradebookTest} against a PostgreSQL server, each database a schema of its own: run only where
 * {@code EARSHOT_TEST_POSTGRES_URL} names one, e.g.
 * {@code jdbc:postgresql://localhost/course?user=earshot&password=earshot} (a user who may create schemas). Shows the
 * schema's SQL is portable and the server path — sequence numbers that collide, retried — loses no row either.
 */
@EnabledIfEnvironmentVariable(named = "EARSHOT_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class CourseGradebookPostgresTest extends CourseGradebookTest {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final String RUN = Long.toString(ProcessHandle.current().pid());

    @Override
    String fresh(String name) throws SQLException {
        String url = System.getenv("EARSHOT_TEST_POSTGRES_URL");
        String schema = "earshot_test_" + RUN + "_" + SCHEMAS.incrementAndGet() + "_" + name;
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    boolean sqlite() {
        return false;
    }
}
