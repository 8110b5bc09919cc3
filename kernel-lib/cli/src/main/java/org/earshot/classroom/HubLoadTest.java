package org.earshot.classroom;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ./earshot hub loadtest --students N}: a throw-away class on a throw-away hub, end to end, on loopback only.
 * <ol>
 *   <li>N accounts {@code eslt<random>sNN} in a fresh group, with generated passwords; lesson 21.1's exercise
 *       released into each home ({@link Course#release});</li>
 *   <li>a hub on free ports in a temporary state folder ({@link Hub#start});</li>
 *   <li>all N students at once ({@code scripts/hub/hub_load.py}): log in with the form, spawn, open the notebook's
 *       {@code earshot} kernel, run every code cell, save; odd-numbered students answer with the solutions;</li>
 *   <li>{@link Course#collect}, {@code ./earshot grade} (the sandboxed grader), {@link Course#giveBack};</li>
 *   <li>the hub stopped, every process of it ended, the accounts, homes and group deleted — on failure too.</li>
 * </ol>
 * It checks correctness, never time: every student got output, saved, was collected and graded (solutions at full
 * marks, untouched exercises below), and has their report. The times are reported, for the instructor to read.
 */
public final class HubLoadTest {

    /** The lesson the load test runs. */
    public static final String LESSON = "21.1-signal";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HubLoadTest() {
    }

    /** The outcome: passed or not, what went wrong, and the per-student table with totals. */
    public record Verdict(boolean passed, List<String> problems, List<String> report) {
    }

    /**
     * Runs the load test.
     *
     * @param home     the kit
     * @param students how many students at once (1 to 200)
     * @param keep     a folder to keep the state, submissions and grading output in, or empty for a temporary one
     * @param log      where to say what happens
     */
    public static Verdict run(Path home, int students, Optional<Path> keep, PrintStream log)
            throws IOException, InterruptedException {
        if (students < 1 || students > 200) {
            throw new IllegalArgumentException("--students must be 1..200, got " + students);
        }
        Optional<String> why = Hub.unavailable();
        if (why.isPresent()) {
            throw new IOException("cannot run the hub load test: " + why.get());
        }
        Path work = keep.isPresent() ? Files.createDirectories(keep.get()).toAbsolutePath()
                : Files.createTempDirectory("earshot-hub-load-").toAbsolutePath();
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));
        Path state = work.resolve("hub");
        byte[] b = new byte[2];
        new java.security.SecureRandom().nextBytes(b);
        String tag = "eslt" + HexFormat.of().formatHex(b);
        String group = tag;
        List<Roster.Student> rows = new ArrayList<>();
        for (int i = 1; i <= students; i++) {
            rows.add(new Roster.Student(String.format(Locale.ROOT, "%ss%02d", tag, i), "load test " + i, Optional.empty()));
        }
        Roster roster = new Roster(rows);
        List<String> problems = new ArrayList<>();
        List<String> report = new ArrayList<>();
        long start = System.nanoTime();
        // Ctrl-C or a kill of the test still removes what it made (the finally below does it otherwise)
        Thread cleanup = new Thread(() -> {
            try {
                Hub.stop(state, Duration.ofSeconds(10));
                Accounts.remove(roster.usernames(), group);
                Accounts.removeGroup(group);
            } catch (IOException | InterruptedException e) {
                System.err.println("earshot hub loadtest: cleaning up after an interruption: " + e.getMessage());
            }
        }, "hub-loadtest-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            log.println("earshot hub loadtest: " + students + " students (" + tag + "s01..), state " + work);
            log.println("earshot hub loadtest: " + Hub.installKit(home, Hub.SYSTEM_KIT, Hub.SYSTEM_KERNELS));
            List<Accounts.Added> added = Accounts.add(roster, group);
            Map<String, String> passwords = new LinkedHashMap<>();
            added.forEach(a -> passwords.put(a.username(), a.password().orElseThrow(
                    () -> new IllegalStateException(a.username() + " existed already"))));
            Course.release(home, LESSON, roster.usernames()).stream().filter(s -> !s.ok())
                    .forEach(s -> problems.add("release " + s));
            Hub.Running hub = Hub.start(home, state, new Hub.Options(0, List.of(), group, "4G", 0, 4096),
                    Duration.ofSeconds(120));
            log.println("earshot hub loadtest: hub at " + hub.url() + "; the students log in, spawn, run the cells");
            List<JsonNode> records = drive(home, hub, passwords, work, students);
            Instant due = Instant.now().plusSeconds(3600);
            int stragglers = Hub.stop(state, Duration.ofSeconds(60));
            if (stragglers > 0) {
                log.println("earshot hub loadtest: " + stragglers + " processes outlived the hub's shutdown: ended");
            }
            Path submissions = work.resolve("SUBMISSIONS");
            Path graded = work.resolve("GRADED");
            List<Course.Collected> collected = Course.collect(LESSON, roster.usernames(), submissions, Optional.of(due));
            org.earshot.cli.EarshotCli.Result grade = org.earshot.cli.EarshotCli.capture(List.of("grade",
                    submissions.toString(), "--out", graded.toString(), "--lesson", LESSON, "--no-progress"), false);
            if (grade.exitCode() != 0) {
                problems.add("grade exited " + grade.exitCode() + ": " + grade.output().strip());
            }
            Map<String, String[]> gradebook = readGradebook(graded.resolve("gradebook.csv"));
            List<Course.Status> returned = Course.giveBack(LESSON, roster.usernames(), graded);
            report.addAll(table(records, collected, gradebook, returned, problems));
            report.add(String.format(Locale.ROOT, "whole run: %.0f s", (System.nanoTime() - start) / 1e9));
        } finally {
            Runtime.getRuntime().removeShutdownHook(cleanup);
            int stragglers = Hub.stop(state, Duration.ofSeconds(30));
            if (stragglers > 0) {
                problems.add(stragglers + " processes of the hub were still running at the end (ended)");
            }
            List<String> left = new ArrayList<>();
            for (String u : roster.usernames()) {
                ProcessHandle.allProcesses().filter(p -> p.info().user().filter(u::equals).isPresent())
                        .forEach(p -> {
                            left.add(u + ":" + p.pid());
                            p.destroyForcibly();
                        });
            }
            if (!left.isEmpty()) {
                problems.add("processes of the students left behind (ended): " + left);
            }
            try {
                Accounts.remove(roster.usernames(), group);
                Accounts.removeGroup(group);
            } catch (IOException e) {
                problems.add("cleaning up the accounts: " + e.getMessage());
            }
            if (keep.isEmpty()) {
                deleteTree(work);
            }
        }
        return new Verdict(problems.isEmpty(), problems, report);
    }

    /** Runs the student driver with a mode-600 config holding the passwords; returns its per-student records. */
    private static List<JsonNode> drive(Path home, Hub.Running hub, Map<String, String> passwords, Path work,
                                        int students) throws IOException, InterruptedException {
        Path config = work.resolve("driver.json");
        Path results = work.resolve("driver-results.json");
        List<Map<String, Object>> list = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> e : passwords.entrySet()) {
            list.add(Map.of("name", e.getKey(), "password", e.getValue(), "solutions", i++ % 2 == 0));
        }
        Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        JSON.writeValue(config.toFile(), Map.of("url", hub.url(), "notebook", Course.EXERCISES + "/" + LESSON + ".ipynb",
                "solutions", home.resolve("solutions/" + LESSON + ".ipynb").toString(), "students", list,
                "cell_timeout_s", 300));
        Process p = new ProcessBuilder("/usr/bin/python3", home.resolve("kernel-lib/cli/scripts/hub/hub_load.py").toString(),
                config.toString(), results.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("driver.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        long limitMinutes = 10 + students;  // bounded: a stuck driver is killed, the hub is stopped after it
        if (!p.waitFor(limitMinutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("the student driver did not finish in " + limitMinutes + " min");
        }
        Files.delete(config);
        if (p.exitValue() != 0 || !Files.isRegularFile(results)) {
            throw new IOException("the student driver failed (exit " + p.exitValue() + "): "
                    + Files.readString(work.resolve("driver.log")).strip());
        }
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(results.toFile()).forEach(out::add);
        return out;
    }

    private static Map<String, String[]> readGradebook(Path csv) throws IOException {
        Map<String, String[]> rows = new LinkedHashMap<>();
        if (!Files.isRegularFile(csv)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            rows.put(f[0], new String[]{f[header.indexOf("total")], f[header.indexOf("max")], f[header.size() - 1]});
        }
        return rows;
    }

    private static List<String> table(List<JsonNode> records, List<Course.Collected> collected,
                                      Map<String, String[]> gradebook, List<Course.Status> returned,
                                      List<String> problems) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-12s %8s %9s %12s %7s %5s %9s %s", "student", "spawn s", "1st out s",
                "kernel RSS MB", "cells", "saved", "score", "returned"));
        for (JsonNode r : records) {
            String s = r.path("student").asText();
            boolean solutions = r.path("solutions").asBoolean();
            Optional<Course.Collected> c = collected.stream().filter(x -> x.student().equals(s)).findFirst();
            String[] g = gradebook.get(s);
            Optional<Course.Status> back = returned.stream().filter(x -> x.student().equals(s)).findFirst();
            lines.add(String.format(Locale.ROOT, "%-12s %8s %9s %12s %7s %5s %9s %s", s, r.path("spawn_s").asText("-"),
                    r.path("first_output_s").asText("-"), r.path("peak_rss_mb").asText("-"),
                    r.path("cells").asText("-"), r.path("saved").asBoolean() ? "yes" : "no",
                    g == null ? "-" : g[0] + "/" + g[1], back.map(Course.Status::ok).orElse(false) ? "yes" : "no"));
            if (!r.path("ok").asBoolean()) {
                problems.add(s + ": " + r.path("error").asText("failed"));
                continue;
            }
            if (r.path("outputs").asInt() == 0 || !r.has("first_output_s")) {
                problems.add(s + ": no output from the kernel");
            }
            if (c.isEmpty() || !c.get().ok()) {
                problems.add(s + ": not collected: " + c.map(Course.Collected::detail).orElse("no row"));
            }
            if (g == null) {
                problems.add(s + ": not in the gradebook");
            } else {
                double total = Double.parseDouble(g[0]);
                double max = Double.parseDouble(g[1]);
                if (solutions ? total != max : total >= max) {
                    problems.add(s + ": graded " + g[0] + "/" + g[1] + " answering with the "
                            + (solutions ? "solutions (expected full marks)" : "untouched exercise (expected less)"));
                }
            }
            Optional<Accounts.Account> a = Accounts.lookup(s);
            Path report = a.map(x -> x.home().resolve(Course.FEEDBACK + "/" + LESSON + "/report.html")).orElse(Path.of("/nonexistent"));
            if (back.isEmpty() || !back.get().ok() || !Files.isRegularFile(report, LinkOption.NOFOLLOW_LINKS)
                    || !Files.getAttribute(report, "unix:uid").equals(a.get().uid())) {
                problems.add(s + ": report not returned to their home, owned by them");
            }
        }
        lines.add(totals(records, "spawn_s", "spawn s"));
        lines.add(totals(records, "kernel_ready_s", "kernel start to first kernel_info reply s"));
        lines.add(totals(records, "first_output_s", "first output s (from the kernel start request)"));
        lines.add(totals(records, "peak_rss_mb", "kernel peak RSS MB"));
        DoubleSummaryStatistics reconnects = stats(records, "reconnects");
        DoubleSummaryStatistics resent = stats(records, "resent");
        lines.add(String.format(Locale.ROOT, "kernel websockets reopened (the server gave one up, as a page reloads): "
                        + "%.0f in all; cells sent again (the kernel never took them): %.0f", reconnects.getSum(),
                resent.getSum()));
        DoubleSummaryStatistics rss = stats(records, "peak_rss_mb");
        DoubleSummaryStatistics first = stats(records, "first_output_s");
        lines.add(String.format(Locale.ROOT, "%d students at once: every first output under 10 s: %s; kernels' peak RSS "
                        + "together %.0f MB", records.size(),
                first.getCount() == records.size() && first.getMax() < 10 ? "yes" : "no", rss.getSum()));
        return lines;
    }

    private static DoubleSummaryStatistics stats(List<JsonNode> records, String field) {
        return records.stream().filter(r -> r.has(field) && r.get(field).isNumber())
                .mapToDouble(r -> r.get(field).asDouble()).summaryStatistics();
    }

    private static String totals(List<JsonNode> records, String field, String label) {
        List<Double> v = records.stream().filter(r -> r.has(field) && r.get(field).isNumber())
                .map(r -> r.get(field).asDouble()).sorted().toList();
        if (v.isEmpty()) {
            return label + ": none measured";
        }
        Function<Double, Double> q = f -> v.get((int) Math.min(v.size() - 1, Math.floor(f * v.size())));
        return String.format(Locale.ROOT, "%s: min %.2f, median %.2f, max %.2f (%d of %d students)", label, v.get(0),
                q.apply(0.5), v.get(v.size() - 1), v.size(), records.size());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
