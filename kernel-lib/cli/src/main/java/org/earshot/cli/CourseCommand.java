package org.earshot.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.earshot.classroom.Accounts;
import org.earshot.classroom.Course;
import org.earshot.classroom.Roster;
import org.earshot.kit.Kit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot course release|collect|return}: the course's files on one machine ({@link Course}). Grading sits
 * between collect and return as its own step, {@code ./earshot grade SUBMISSIONS --out OUT}, so whatever records
 * grades (a gradebook database) hooks in there without touching these verbs.
 */
@Command(name = "course", mixinStandardHelpOptions = true,
        description = {"The course workflow on one machine, with the students' homes as the exchange:",
                "  release LESSON              exercises/LESSON.ipynb into every student's ~/exercises/ (never over their work)",
                "  collect LESSON --out SUBS   ~/exercises/LESSON.ipynb into SUBS/<student>/LESSON.ipynb, timestamp.txt,"
                        + " SUBS/collect.csv (status, saved time, late against --due, SHA-256)",
                "  ./earshot grade SUBS --out GRADED    the sandboxed grader (not part of this command)",
                "  return LESSON --graded GRADED       GRADED/<student>/report.html into ~/feedback/LESSON/",
                "Students are the members of the course group (default " + Accounts.DEFAULT_GROUP + "), or a roster's."
                        + " A student whose notebook is missing, a link or broken gets a status line; the others go on."
                        + " Needs root (it writes into the students' homes)."},
        subcommands = {CourseCommand.Release.class, CourseCommand.Collect.class, CourseCommand.Return.class})
final class CourseCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command: release, collect or return");
    }

    static class Students {
        @Option(names = "--group", defaultValue = Accounts.DEFAULT_GROUP,
                description = "The course group whose members are the students (default ${DEFAULT-VALUE}).")
        String group;

        @Option(names = "--roster", description = "Take the students from this roster CSV instead of the group.")
        Path roster;

        List<String> list() throws IOException {
            List<String> s = roster != null ? Roster.read(roster).usernames() : Accounts.members(group);
            if (s.isEmpty()) {
                throw new IOException("no students in group " + group + " (./earshot hub add-students roster.csv)");
            }
            return s;
        }
    }

    static int fail(String verb, Exception e) {
        System.err.println("earshot course " + verb + ": " + e.getMessage());
        return 1;
    }

    static int print(String verb, List<Course.Status> statuses) {
        statuses.forEach(System.out::println);
        long bad = statuses.stream().filter(s -> !s.ok()).count();
        System.out.println("earshot course " + verb + ": " + (statuses.size() - bad) + " of " + statuses.size()
                + " students done" + (bad > 0 ? ", " + bad + " not (see above)" : ""));
        return 0;
    }

    @Command(name = "release", mixinStandardHelpOptions = true,
            description = "Copy the lesson's exercise notebook into each student's ~/exercises/ (owned by them); a "
                    + "notebook already there is their work and is kept.")
    static final class Release implements Callable<Integer> {
        @Parameters(paramLabel = "LESSON", description = "e.g. 21.1-signal (exercises/<LESSON>.ipynb).")
        String lesson;

        @picocli.CommandLine.Mixin
        Students students = new Students();

        @Override
        public Integer call() {
            try {
                return print("release", Course.release(Kit.home(), lesson, students.list()));
            } catch (IOException e) {
                return fail("release", e);
            }
        }
    }

    @Command(name = "collect", mixinStandardHelpOptions = true,
            description = "Copy each student's ~/exercises/<LESSON>.ipynb into OUT/<student>/<LESSON>.ipynb (the layout"
                    + " ./earshot grade reads) with OUT/<student>/timestamp.txt (when they last saved it) and "
                    + "OUT/collect.csv. A student with no usable notebook gets an empty folder (the gradebook lists them"
                    + " as having none) and a row saying why. Rerun to collect again: the newer copy replaces the old.")
    static final class Collect implements Callable<Integer> {
        @Parameters(paramLabel = "LESSON", description = "e.g. 21.1-signal.")
        String lesson;

        @Option(names = "--out", required = true, paramLabel = "SUBMISSIONS", description = "The submissions folder (created).")
        Path out;

        @Option(names = "--due", paramLabel = "TIME",
                description = "Due time, ISO-8601 with offset, e.g. 2026-12-04T17:00:00+01:00: saved later is late.")
        String due;

        @picocli.CommandLine.Mixin
        Students students = new Students();

        @Override
        public Integer call() {
            try {
                Optional<Instant> dueAt = Optional.empty();
                if (due != null) {
                    try {
                        dueAt = Optional.of(OffsetDateTime.parse(due).toInstant());
                    } catch (DateTimeParseException e) {
                        throw new IOException("--due " + due + ": not an ISO-8601 time with offset (2026-12-04T17:00:00Z)");
                    }
                }
                List<Course.Collected> c = Course.collect(lesson, students.list(), out.toAbsolutePath(), dueAt);
                for (Course.Collected x : c) {
                    System.out.printf("  %-20s %-10s %s%n", x.student(), x.status(), x.detail());
                }
                long ok = c.stream().filter(x -> x.status().equals("collected")).count();
                long late = c.stream().filter(Course.Collected::late).count();
                System.out.println("earshot course collect: " + ok + " of " + c.size() + " notebooks collected ("
                        + late + " late) into " + out + "; next: ./earshot grade " + out + " --out GRADED");
                return 0;
            } catch (IOException e) {
                return fail("collect", e);
            }
        }
    }

    @Command(name = "return", mixinStandardHelpOptions = true,
            description = "Copy each student's GRADED/<student>/report.html into ~/feedback/<LESSON>/report.html (owned"
                    + " by them, replacing an earlier one).")
    static final class Return implements Callable<Integer> {
        @Parameters(paramLabel = "LESSON", description = "e.g. 21.1-signal.")
        String lesson;

        @Option(names = "--graded", required = true, paramLabel = "GRADED", description = "The output folder of ./earshot grade.")
        Path graded;

        @picocli.CommandLine.Mixin
        Students students = new Students();

        @Override
        public Integer call() {
            try {
                return print("return", Course.giveBack(lesson, students.list(), graded.toAbsolutePath()));
            } catch (IOException e) {
                return fail("return", e);
            }
        }
    }
}
