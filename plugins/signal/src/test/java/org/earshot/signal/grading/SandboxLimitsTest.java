package org.earshot.signal.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.earshot.grading.batch.ApiPolicy;
import org.earshot.grading.batch.ClassGrader;
import org.earshot.grading.batch.Sandbox;
import org.earshot.grading.batch.SubmissionRunner;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the machine, not on the grade (issue 20, item 3), graded through the real sandbox: thousands of
 * processes and threads, 2 GB off-heap, 2 GB in {@code /tmp} and in {@code /dev/shm}, a 3 GB file in the working
 * directory, thousands of open files, and a look at the environment, the system properties and user namespaces.
 * Each attack prints how far it got ({@code REACHED <what> <n> : <what stopped it>}); each must stop at a limit
 * well short of its goal, be reported, and leave the next student graded in full. The batch is graded once by
 * this JVM (as root here, as in CI: the student must be host uid 65534 and in a cgroup) and, where the test runs as
 * root, once more by a grader running as {@code nobody} (the ordinary-user path: no cgroup, rlimits only).
 * Needs bubblewrap ({@code ./earshot setup} installs it).
 *
 * <p>Graded with the API policy off ({@link ApiPolicy#UNCHECKED}): the grader refuses processes, {@code Unsafe} and
 * reflection before a cell runs, so these attacks would never reach the limits this test is about. The policy is one
 * wall, the sandbox another; each is tested on its own.
 */
class SandboxLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FRAMES = "21.1-frame-count";
    private static final String SIG = "int frames(int signalLength, int nFft, int hopLength, boolean center) ";
    private static final String SOLVED = SIG + "{ int padded = center ? signalLength + 2 * (nFft / 2) : signalLength;"
            + " return 1 + (padded - nFft) / hopLength; }";
    private static final double FULL = org.earshot.signal.exercises.SignalExercises.all().stream()
            .mapToDouble(org.earshot.exercises.Exercise::points).sum();
    private static final Set<String> ALLOWED_ENV = Set.of("PATH", "HOME", "TMPDIR", "LANG", "PWD");
    private static final Pattern REACHED = Pattern.compile("REACHED (\\S+) (\\d+) : (.*)");

    /** The attacks by student: statements run before the (correct) frame-count function in that cell. */
    private static final Map<String, String> ATTACKS = new LinkedHashMap<>();

    static {
        // threads first, joined: the JVM keeps idle reaper threads of the processes for a while
        ATTACKS.put("tasks", """
                { List<Thread> ts = new ArrayList<>(); String err = "none";
                try { for (int i = 0; i < 10_000; i++) { Thread t = new Thread(() -> { try { Thread.sleep(30_000); } catch (InterruptedException e) { } }); t.start(); ts.add(t); } }
                catch (Throwable e) { err = e.toString(); }
                System.out.println("REACHED threads " + ts.size() + " : " + err);
                for (Thread t : ts) { t.interrupt(); t.join(); } }
                { List<Process> ps = new ArrayList<>(); String err = "none";
                var none = ProcessBuilder.Redirect.DISCARD; var in = ProcessBuilder.Redirect.from(new java.io.File("/dev/null"));
                try { for (int i = 0; i < 2000; i++) ps.add(new ProcessBuilder("sleep", "30").redirectInput(in).redirectOutput(none).redirectError(none).start()); }
                catch (Throwable e) { err = e.toString(); }
                System.out.println("REACHED processes " + ps.size() + " : " + err);
                ps.forEach(Process::destroyForcibly); }
                """);
        ATTACKS.put("off-heap", """
                var field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe"); field.setAccessible(true);
                sun.misc.Unsafe unsafe = (sun.misc.Unsafe) field.get(null);
                long mb = 0; String err = "none";
                try { while (mb < 2048) { long a = unsafe.allocateMemory(64L << 20); unsafe.setMemory(a, 64L << 20, (byte) 1); mb += 64; System.out.println("REACHED off-heap " + mb + " : so far"); } }
                catch (Throwable e) { err = e.toString(); }
                System.out.println("REACHED off-heap " + mb + " : " + err);
                """);
        StringBuilder storage = new StringBuilder();
        for (String[] place : new String[][]{{"tmp", "/tmp/fill", "2048"}, {"shm", "/dev/shm/fill", "2048"},
                {"work-dir", "big", "3072"}}) {
            storage.append("""
                    { long mb = 0; String err = "none";
                    try (var out = Files.newOutputStream(Path.of("%s"))) { byte[] b = new byte[1 << 20]; while (mb < %s) { out.write(b); mb++; } }
                    catch (Throwable e) { err = e.toString(); }
                    System.out.println("REACHED %s " + mb + " : " + err);
                    Files.deleteIfExists(Path.of("%s")); }
                    """.formatted(place[1], place[2], place[0], place[1]));
        }
        ATTACKS.put("snoop", storage + """
                List<java.io.InputStream> fs = new ArrayList<>(); String err = "none";
                try { for (int i = 0; i < 10_000; i++) fs.add(new java.io.FileInputStream("/dev/null")); }
                catch (Throwable e) { err = e.toString(); }
                System.out.println("REACHED files " + fs.size() + " : " + err);
                for (var f : fs) f.close();
                System.out.println("ENV " + new TreeMap<>(System.getenv()));
                System.out.println("PROPS " + new TreeMap<>(System.getProperties()));
                System.out.println("CMDLINE " + new String(Files.readAllBytes(Path.of("/proc/self/cmdline"))).replace('\\0', ' '));
                Process u = new ProcessBuilder("unshare", "--user", "true").redirectErrorStream(true).start();
                String said = new String(u.getInputStream().readAllBytes()).strip();
                System.out.println("REACHED unshare " + u.waitFor() + " : " + said);
                """);
    }

    @TempDir
    static Path tmp;

    static Sandbox sandbox;

    @BeforeAll
    static void sandbox() throws IOException {
        sandbox = TestSandboxes.available(tmp.resolve("cds/grader.jsa"));
    }

    private static boolean root() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    }

    /** Writes the class: one student per kind of attack, then one who solved the lesson. */
    private static Path submissions(Path dir, String secret) throws IOException {
        Path subs = Files.createDirectories(dir);
        for (var attack : ATTACKS.entrySet()) {
            String code = attack.getValue();
            if (secret != null && attack.getKey().equals("snoop")) {
                code += "System.out.println(\"SECRET \" + System.getenv(\"EARSHOT_TEST_SECRET\"));\n";
            }
            submit(subs, attack.getKey(), withFrames(code + SOLVED));
        }
        submit(subs, "z-solution", solution());
        return subs;
    }

    @Test
    void everyAttackStopsAtALimitIsReportedAndTheNextStudentIsGradedInFull() throws Exception {
        Path subs = submissions(tmp.resolve("class/submissions"), null);
        Path out = tmp.resolve("class/out");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // the host uid of every worker, seen from outside while the batch runs
        Set<Integer> workerUids = new ConcurrentSkipListSet<>();
        CompletableFuture<ClassGrader.Summary> grading = CompletableFuture.supplyAsync(() -> {
            try {
                return new ClassGrader(sandbox, new SubmissionRunner.Limits(10_000, 5_000, 60_000, 64 * 1024), 2, false,
                        ApiPolicy.UNCHECKED)
                        .grade(subs, out, Optional.of("21.1-signal"), new PrintStream(log, true, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        while (!grading.isDone()) {
            ProcessHandle.current().descendants().forEach(p -> workerUid(p).ifPresent(workerUids::add));
            Thread.sleep(20);
        }
        assertEquals(ATTACKS.size() + 1, grading.get().students());
        String limits = log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("limits: ")).findFirst()
                .orElseThrow(() -> new AssertionError("the log says which limits held: " + log));
        boolean asRoot = root();
        boolean memoryCgroup = limits.matches(".*cgroup v\\S+ [^;]*memory=.*");
        if (asRoot) {
            assertTrue(limits.contains("host uid 65534 (the grader is root)"), limits);
            assertEquals(Set.of(65534), workerUids, "every student's JVM runs as host uid 65534, not root");
        }
        assertContained(out, memoryCgroup);
        assertNoGroupLeft();
    }

    /** The host uid of a worker JVM (a student's, not the trusted warm-up that writes the class archive). */
    private static Optional<Integer> workerUid(ProcessHandle p) {
        try {
            String cmd = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), "cmdline")),
                    StandardCharsets.UTF_8);
            if (!cmd.startsWith("/") || !cmd.contains("GradeWorker") || cmd.contains("ArchiveClassesAtExit")
                    || !cmd.split("\0")[0].endsWith("/java")) {
                return Optional.empty();
            }
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(p.pid()), "status"))) {
                if (line.startsWith("Uid:")) {
                    return Optional.of(Integer.parseInt(line.split("\\s+")[1]));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended while we looked
        }
        return Optional.empty();
    }

    /**
     * The checks common to both runs.
     *
     * @param memoryCgroup true when a memory cgroup held (off-heap memory then ends in a kill the status names),
     *                     false when {@code RLIMIT_AS} did (the allocation fails inside the student's code)
     */
    private static void assertContained(Path out, boolean memoryCgroup) throws IOException {
        Map<String, JsonNode> results = new LinkedHashMap<>();
        try (Stream<Path> dirs = Files.list(out)) {
            for (Path d : dirs.filter(d -> Files.isRegularFile(d.resolve("result.json"))).toList()) {
                results.put(d.getFileName().toString(), JSON.readTree(d.resolve("result.json").toFile()));
            }
        }
        assertEquals(ATTACKS.size() + 1, results.size(), "every student graded: " + results.keySet());
        assertEquals(ATTACKS.size() + 1, Files.readAllLines(out.resolve("gradebook.csv")).size() - 1);
        for (String honest : List.of("z-solution")) {
            assertEquals(FULL, score(results.get(honest)), honest + ": " + results.get(honest).path("status"));
            assertEquals("ok", results.get(honest).path("status").asText());
        }
        Map<String, String> why = new LinkedHashMap<>();
        Map<String, Long> reached = new LinkedHashMap<>();
        for (String attack : ATTACKS.keySet()) {
            for (String line : results.get(attack).path("output").asText().split("\n")) {
                Matcher m = REACHED.matcher(line);
                if (m.matches()) {
                    reached.put(m.group(1), Long.parseLong(m.group(2)));
                    why.put(m.group(1), m.group(3));
                }
            }
        }
        assertEquals(Set.of("processes", "threads", "off-heap", "tmp", "shm", "work-dir", "files", "unshare"),
                reached.keySet(), "every attack printed how far it got: " + results);
        Map<String, String> seconds = new LinkedHashMap<>();
        results.forEach((k, r) -> seconds.put(k, r.path("seconds").asText().replaceAll("(\\.\\d).*", "$1") + " s/"
                + r.path("attempts").asInt()));
        System.err.println("SandboxLimitsTest reached: " + reached + " stopped by " + why + "; seconds/workers: " + seconds);
        // processes and threads stop near 256, far short of 2,000 and 10,000
        assertTrue(reached.get("processes") < 256, "processes: " + reached);
        // each process also costs the JVM a reaper thread: whichever runs out first, the count is the limit
        assertTrue(why.get("processes").contains("Resource temporarily unavailable")
                || why.get("processes").contains("unable to create native thread"), why.get("processes"));
        assertTrue(reached.get("threads") < 256, "threads: " + reached);
        assertTrue(why.get("threads").contains("unable to create native thread"), why.get("threads"));
        // memory: 2 GB off-heap is stopped well short of 2 GB
        assertTrue(reached.get("off-heap") < 1536, "off-heap MiB: " + reached);
        String offHeapStatus = results.get("off-heap").path("status").asText();
        if (memoryCgroup) {
            assertTrue(offHeapStatus.startsWith("memory limit (1.4 GiB) in the cell of " + FRAMES), offHeapStatus);
        } else {
            assertTrue(why.get("off-heap").contains("OutOfMemoryError"), why.get("off-heap"));
        }
        // the writable places are small tmpfs: full at their size, gone when the worker ends
        assertTrue(reached.get("tmp") <= 64 && why.get("tmp").contains("No space left on device"), "/tmp: " + why);
        assertTrue(reached.get("shm") <= 64 && why.get("shm").contains("No space left on device"), "/dev/shm: " + why);
        assertTrue(reached.get("work-dir") <= 256, "work dir: " + reached);
        assertTrue(why.get("work-dir").contains("File too large") || why.get("work-dir").contains("No space left"),
                why.get("work-dir"));
        assertTrue(reached.get("files") < 256 && why.get("files").contains("Too many open files"), "fds: " + why);
        // no user namespace inside
        assertTrue(reached.get("unshare") != 0, "unshare --user failed: " + why.get("unshare"));
        // what the snoop saw: only the allowed environment, no host path
        String snoop = results.get("snoop").path("output").asText();
        String env = snoop.lines().filter(l -> l.startsWith("ENV ")).findFirst().orElseThrow();
        Set<String> keys = new TreeSet<>();
        for (String kv : env.substring(5, env.length() - 1).split(", ")) {
            keys.add(kv.substring(0, kv.indexOf('=')));
        }
        assertTrue(ALLOWED_ENV.containsAll(keys), "environment inside: " + keys);
        assertTrue(snoop.contains("earshot.home=" + Sandbox.KIT + ","), "earshot.home is the neutral /kit");
        for (String hostPath : List.of(Kit.home().toString(), tmp.toString(), out.toString())) {
            assertFalse(snoop.contains(hostPath), "a host path reached the student: " + hostPath);
        }
        for (var e : System.getenv().entrySet()) {
            if (!ALLOWED_ENV.contains(e.getKey()) && e.getValue().length() >= 6) {
                assertFalse(snoop.contains(e.getKey() + "=" + e.getValue()), "the grader's " + e.getKey() + " leaked");
            }
        }
    }

    private static double score(JsonNode result) {
        double s = 0;
        for (JsonNode e : result.path("exercises")) {
            s += e.path("score").asDouble();
        }
        return s;
    }

    /** No control group of this JVM's is left under {@code /sys/fs/cgroup}. */
    private static void assertNoGroupLeft() throws IOException {
        Path root = Path.of("/sys/fs/cgroup");
        if (!Files.isDirectory(root)) {
            return;
        }
        String mine = "earshot-" + ProcessHandle.current().pid() + "-";
        List<Path> left = new ArrayList<>();
        try (Stream<Path> walk = Files.find(root, 5, (p, a) -> a.isDirectory()
                && p.getFileName() != null && p.getFileName().toString().startsWith(mine))) {
            walk.forEach(left::add);
        } catch (java.io.UncheckedIOException unreadable) {
            // a hierarchy we may not read holds none of ours
        }
        assertEquals(List.of(), left, "control groups removed when each worker ended");
    }

    /** Grades a class in its own JVM, so that a test can run the grader as an ordinary user. */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            Sandbox s = TestSandboxes.available(
                    Arrays.stream(args[2].split(File.pathSeparator)).map(Path::of).toList(), Path.of(args[3]));
            new ClassGrader(s, new SubmissionRunner.Limits(10_000, 5_000, 60_000, 64 * 1024), 2, false,
                    ApiPolicy.UNCHECKED)
                    .grade(Path.of(args[0]), Path.of(args[1]), Optional.of("21.1-signal"), System.err);
            System.exit(0); // as the CLI does: a library's idle pool threads would hold the JVM for a minute
        }
    }

    @Test
    void asAnOrdinaryUserTheSameAttacksStopAtRlimitsAndNoSecretGetsIn() throws Exception {
        assumeTrue(root(), "needs root to become an ordinary user (nobody) for the grader");
        Path base = tmp.resolve("user");
        Files.createDirectories(base);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        // the class path where nobody may read it: jars in root's Maven repository are linked out
        Path lib = Files.createDirectories(base.resolve("lib"));
        List<String> cp = new ArrayList<>();
        int i = 0;
        for (Path entry : TestSandboxes.testClassPath()) {
            if (Files.isRegularFile(entry)) {
                // same file name, so the inside path (/kit/cp/NN-name) and the class archive are as in the root run
                Path link = Files.createDirectories(lib.resolve(String.valueOf(i))).resolve(entry.getFileName());
                try {
                    Files.createLink(link, entry);
                } catch (IOException | UnsupportedOperationException crossDevice) {
                    Files.copy(entry, link);
                }
                cp.add(link.toString());
            } else {
                cp.add(entry.toString());
            }
            i++;
        }
        String secret = "s3cret-" + HexFormat.of().formatHex(java.security.SecureRandom.getSeed(8));
        Path subs = submissions(base.resolve("submissions"), secret);
        Path out = Files.createDirectories(base.resolve("out"));
        Path cds = Files.createDirectories(base.resolve("cds"));
        if (Files.isRegularFile(sandbox.classArchive())) { // saves the warm-up (it is made again when refused)
            Files.copy(sandbox.classArchive(), cds.resolve("grader.jsa"));
        }
        for (Path p : List.of(out, cds)) {
            Files.setAttribute(p, "unix:uid", Sandbox.NOBODY);
        }
        Path logFile = base.resolve("grader.log");
        List<String> cmd = List.of("/usr/bin/setpriv", "--reuid=" + Sandbox.NOBODY, "--regid=" + Sandbox.NOBODY,
                "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-D" + Kit.HOME_PROPERTY + "=" + Kit.home(), "-cp", String.join(File.pathSeparator, cp),
                Main.class.getName(), subs.toString(), out.toString(), String.join(File.pathSeparator, cp),
                cds.resolve("grader.jsa").toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile());
        pb.environment().put("EARSHOT_TEST_SECRET", secret);
        pb.environment().put("HOME", base.toString());
        Process grader = pb.start();
        assertTrue(grader.waitFor(150, TimeUnit.SECONDS), "the grader as nobody finished");
        String log = Files.readString(logFile);
        assertEquals(0, grader.exitValue(), log);
        String limits = log.lines().filter(l -> l.contains("limits: ")).findFirst().orElseThrow(() -> new AssertionError(log));
        assertTrue(limits.contains("limits: no cgroup; nproc=256 nofile=256 fsize=256 MiB cpu=60 s as=3 GiB"), limits);
        assertTrue(limits.contains("host uid 65534 (the grader's own: it is not root)"), limits);
        assertTrue(limits.contains("permission denied"), "says why there is no cgroup: " + limits);
        assertContained(out, false);
        JsonNode snoop = JSON.readTree(out.resolve("snoop/result.json").toFile());
        assertTrue(snoop.path("output").asText().contains("SECRET null"), snoop.path("output").asText());
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f, StandardCharsets.ISO_8859_1).contains(secret),
                        "the grader's secret is in " + f);
            }
        }
    }

    private static ObjectNode solution() throws IOException {
        return (ObjectNode) JSON.readTree(Kit.home().resolve("solutions/21.1-signal.ipynb").toFile());
    }

    /** The solution with the frame-count cell's source replaced. */
    private static ObjectNode withFrames(String source) throws IOException {
        return TestNotebooks.with(solution(), Map.of(FRAMES, source));
    }

    private static void submit(Path dir, String student, Object notebook) throws IOException {
        Path d = Files.createDirectories(dir.resolve(student));
        JSON.writeValue(d.resolve("21.1-signal.ipynb").toFile(), notebook);
    }
}
