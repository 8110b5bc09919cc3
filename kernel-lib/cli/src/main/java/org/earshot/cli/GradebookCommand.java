package org.earshot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.earshot.grading.batch.Gradebook;
import org.earshot.grading.course.CourseGradebook;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code earshot gradebook record|override|export|history}: the course's gradebook database ({@link CourseGradebook}).
 * Thin commands: parse, call the library, print; one line on stderr and exit 1 on bad input.
 */
@Command(name = "gradebook", mixinStandardHelpOptions = true,
        description = {"The course gradebook: a database (SQLite file by default, or a JDBC URL) that keeps every "
                + "grading run down to each test case and every override, so a regrade, a resubmission or a manual "
                + "grade never loses history. The current grade is the latest recorded run's, unless an override "
                + "gives another.",
                "record OUT... after 'earshot grade'; override to grade by hand; export for an LMS; history of a "
                + "student."},
        subcommands = {GradebookCommand.Record.class, GradebookCommand.OverrideGrade.class, GradebookCommand.Export.class,
                GradebookCommand.History.class})
final class GradebookCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: record, override, export or history");
    }

    /** The {@code --db} option every subcommand takes. */
    static final class Db {
        @Option(names = "--db", defaultValue = CourseGradebook.DEFAULT_FILE, paramLabel = "FILE|URL",
                description = "The gradebook: a SQLite file (default ${DEFAULT-VALUE}, beside the course; created) or "
                        + "a JDBC URL, e.g. jdbc:postgresql://host/course?user=u&password=p.")
        String where;
    }

    /** Runs a subcommand's work, turning the library's refusals into one line on stderr and exit 1. */
    private interface Work {
        void run(CourseGradebook db, PrintWriter out) throws IOException, SQLException;
    }

    private static int withDb(CommandLine.Model.CommandSpec spec, Db db, String verb, Work work) {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        try (CourseGradebook g = CourseGradebook.open(db.where)) {
            work.run(g, out);
            out.flush();
            return 0;
        } catch (IOException | SQLException | IllegalArgumentException e) {
            err.println("earshot gradebook " + verb + ": " + String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
            err.flush();
            return 1;
        }
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = {"Record grade output folders (OUT/results.json of 'earshot grade', one part of a sharded "
                    + "run, or a merge), each as one grading run. Recording a folder again records nothing (its run "
                    + "id is a hash of what it holds); a regrade is a new run. Parts of a sharded run may be recorded "
                    + "at once: writers wait for each other (on one machine for a SQLite file, whose locks do not hold "
                    + "across a network file system; from several, use PostgreSQL or record the merged folder)."})
    static final class Record implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        Db db;

        @Parameters(paramLabel = "OUT", arity = "1..*", description = "Grade output folders.")
        List<Path> outs;

        @Option(names = "--lesson", description = "Refuse a folder of another lesson.")
        String lesson;

        @Option(names = "--due", paramLabel = "TIME",
                description = "Deadline, ISO-8601 with offset (2026-12-05T23:59Z): a notebook modified after it is "
                        + "flagged late.")
        String due;

        @Override
        public Integer call() {
            return withDb(spec, db, "record", (g, out) -> {
                Optional<Instant> deadline = due == null ? Optional.empty() : Optional.of(CourseGradebook.parseDue(due));
                for (Path o : outs) {
                    CourseGradebook.Recorded r = g.record(o, deadline, Optional.ofNullable(lesson));
                    out.printf(Locale.ROOT, "%s run %s: %d students of %s from %s%n",
                            r.already() ? "already recorded as" : "recorded", r.runId(), r.students(), r.lesson(), o);
                }
            });
        }
    }

    @Command(name = "override", mixinStandardHelpOptions = true,
            description = {"Grade one exercise by hand: SCORE wins over every grading run, earlier or later, until "
                    + "withdrawn with SCORE 'graded'. Both are kept in the history."})
    static final class OverrideGrade implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        Db db;

        @Parameters(index = "0", paramLabel = "STUDENT")
        String student;
        @Parameters(index = "1", paramLabel = "LESSON")
        String lesson;
        @Parameters(index = "2", paramLabel = "EXERCISE")
        String exercise;
        @Parameters(index = "3", paramLabel = "SCORE", description = "Points, 0 to the exercise's maximum; 'graded' "
                + "withdraws the override.")
        String score;

        @Option(names = "--reason", required = true, description = "Why (kept with the grade).")
        String reason;

        @Option(names = "--by", description = "Who (default: the user name).")
        String by;

        @Override
        public Integer call() {
            return withDb(spec, db, "override", (g, out) -> {
                Double points = score.equals("graded") ? null : parseScore(score);
                String author = by != null ? by : System.getProperty("user.name", "");
                long n = g.override(student, lesson, exercise, points, reason, author);
                out.printf(Locale.ROOT, "override #%d: %s %s %s %s%n", n, student, lesson, exercise,
                        points == null ? "back to the graded score" : Gradebook.number(points));
            });
        }

        private static double parseScore(String text) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("SCORE '" + text + "' is neither a number nor 'graded'");
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Current grades as CSV for an LMS: with --lesson, student,<exercises...>,total,max,late; "
                    + "without, the course: student,<lessons...>,total,max (an empty cell: nothing recorded)."})
    static final class Export implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        Db db;

        @Option(names = "--lesson", description = "One lesson (default: the whole course).")
        String lesson;

        @Option(names = "--out", description = "CSV file (default: standard output).")
        Path out;

        @Override
        public Integer call() {
            return withDb(spec, db, "export", (g, stdout) -> {
                if (lesson != null && !g.lessons().contains(lesson)) {
                    throw new IllegalArgumentException("no run of lesson " + lesson + " recorded; lessons: "
                            + String.join(", ", g.lessons()));
                }
                String csv = lesson != null ? g.lessonCsv(lesson) : g.courseCsv();
                if (out == null) {
                    stdout.print(csv);
                } else {
                    Files.writeString(out, csv, StandardCharsets.UTF_8);
                    stdout.println("wrote " + out + " (" + (csv.lines().count() - 1) + " students)");
                }
            });
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = {"Everything recorded about a student's grades, oldest first: each run's exercises (with "
                    + "late flag and notebook hash) and each override."})
    static final class History implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        Db db;

        @Parameters(paramLabel = "STUDENT")
        String student;

        @Override
        public Integer call() {
            return withDb(spec, db, "history", (g, out) -> {
                List<CourseGradebook.Event> events = g.history(student);
                if (events.isEmpty()) {
                    throw new IllegalArgumentException("nothing recorded for " + student);
                }
                for (CourseGradebook.Event e : events) {
                    String score = e.score() == null ? "-" : Gradebook.number(e.score());
                    String max = Double.isNaN(e.maxPoints()) ? "" : "/" + Gradebook.number(e.maxPoints());
                    out.printf(Locale.ROOT, "%s  %-8s %-16s %-14s %-20s %7s  %s%n", e.at(), e.kind(), e.run(),
                            e.lesson(), e.exercise(), score + max, e.detail());
                }
            });
        }
    }
}
