package org.earshot.grading.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.earshot.kit.Kit;

/**
 * The walls around a submission's process, built to hold when the grader runs as root (as CI and most
 * instructors' servers do) and still hold, with what the kernel lets an ordinary user do, when it does not.
 *
 * <p>Bubblewrap (Debian {@code bubblewrap}, 0.8 or newer) gives the worker new PID, network, IPC, UTS and cgroup
 * namespaces — no network at all, not even loopback to the host's services — and a file system of its own: a
 * read-only {@code /usr}, of {@code /etc} only the JVM's configuration, fonts and time zone, the kit's class path
 * and {@code data/} read-only at neutral paths ({@code /kit/cp/…}, {@code /kit/data}: no host path reaches the
 * student through {@code java.class.path}, {@code earshot.home} or the command line; only the kernel's
 * {@code /proc/self/mountinfo} still names the host folders they are bound from), and as its only writable
 * places three sized, RAM-backed {@code tmpfs}: the home and working directory {@code /home/student}, {@code /tmp}
 * and {@code /dev/shm}, gone when the worker ends. The environment is cleared ({@code --clearenv}) down to
 * {@code PATH}, {@code HOME}, {@code TMPDIR} and {@code LANG}: nothing of the grader's (tokens, paths) gets in.
 *
 * <p><b>Who the student is on the host.</b> Bubblewrap run by root maps the sandbox's user to host uid 0, to which
 * the kernel never applies {@code RLIMIT_NPROC}. So when the grader is root the sandbox is built in two steps: an
 * outer bubblewrap, as root but with no capability except to change uid, makes the namespaces and mounts (it can
 * read the kit wherever it is); {@code setpriv} then becomes host uid 65534 ({@code nobody}) with no capabilities
 * and {@code no_new_privs}; an inner, unprivileged bubblewrap adds a user namespace mapping 65534 to itself with
 * {@code --disable-userns}, so student code cannot make user namespaces of its own (a host that gives ordinary users
 * no user namespaces at all needs, and allows, no such step). When the grader is an
 * ordinary user, one bubblewrap does it all and the student runs as that user's uid on the host (all an ordinary
 * user can do), with {@code --disable-userns} too.
 *
 * <p><b>Limits.</b> {@link #start} puts each worker in a {@link Cgroup} of its own where the host lets the grader
 * make one (v1 or v2: {@code pids}, {@code memory} — which also counts the tmpfs pages — and {@code cpu}), removed
 * when the worker ends; {@code prlimit} always sets {@code RLIMIT_NPROC} (counted per user namespace on Linux
 * ≥ 5.14, so per worker; per host uid, so shared by the workers running at once, on older kernels or without
 * the inner user namespace), {@code RLIMIT_NOFILE}, {@code RLIMIT_FSIZE}, {@code RLIMIT_CORE} = 0 and the CPU
 * seconds, and {@code RLIMIT_AS} where no memory cgroup holds; the JVM caps its heap and stack and exits on an
 * out-of-memory error. {@link #requireAvailable()} says which of these held.
 *
 * @param javaHome      the JDK that runs the worker
 * @param classPath     the kit's jars (or class folders), each visible read-only inside
 * @param dataDir       the kit's {@code data/} folder (read-only inside)
 * @param heapMb        {@code -Xmx}
 * @param stackKb       {@code -Xss}
 * @param cpuSeconds    CPU-time limit of the process
 * @param classArchive  a CDS archive for faster JVM start (used when it exists)
 * @param caps          the per-worker resource caps
 */
public record Sandbox(Path javaHome, List<Path> classPath, Path dataDir, int heapMb, int stackKb, int cpuSeconds,
                      Path classArchive, Caps caps) {

    /**
     * What one worker may use.
     *
     * @param processes   processes and threads together (cgroup {@code pids.max} and {@code RLIMIT_NPROC})
     * @param memoryBytes all memory of the worker, in bytes: heap, off-heap, stacks, and its tmpfs pages where a
     *                    memory cgroup counts them ({@code memory.max}); {@code RLIMIT_AS} of
     *                    {@link #addressSpaceBytes} where none does
     * @param cpus        CPUs' worth of time per wall-clock second (cgroup {@code cpu.max}), e.g. 1.0
     * @param openFiles   open file descriptors ({@code RLIMIT_NOFILE})
     * @param fileBytes   the largest file it may write, in bytes ({@code RLIMIT_FSIZE})
     * @param homeBytes   size of the tmpfs at {@code /home/student}, its working directory, in bytes
     * @param tmpBytes    size of the tmpfs at {@code /tmp}, in bytes
     * @param shmBytes    size of the tmpfs at {@code /dev/shm}, in bytes
     * @param addressSpaceBytes {@code RLIMIT_AS} where no memory cgroup holds, in bytes (the JVM reserves about
     *                    1.5 GB of address space more than its heap before it runs any code)
     */
    public record Caps(int processes, long memoryBytes, double cpus, int openFiles, long fileBytes, long homeBytes,
                       long tmpBytes, long shmBytes, long addressSpaceBytes) {

        private static final long MIB = 1L << 20;

        public Caps {
            if (processes < 32 || openFiles < 64 || cpus <= 0 || memoryBytes < 256 * MIB || fileBytes < MIB
                    || homeBytes < MIB || tmpBytes < MIB || shmBytes < MIB || addressSpaceBytes < memoryBytes) {
                throw new IllegalArgumentException("sandbox caps too small for a JVM: " + this);
            }
        }

        /**
         * @param heapMb the worker's heap ({@code -Xmx}), in MiB
         * @return 256 processes, 256 open files, 1 CPU, files up to 256 MiB, a 256 MiB home, 64 MiB {@code /tmp} and
         *         {@code /dev/shm}; memory: the heap, the three tmpfs and 512 MiB for the JVM itself; address space
         *         (without a memory cgroup): the heap and 2.5 GiB
         */
        public static Caps forHeap(int heapMb) {
            long home = 256 * MIB;
            long tmp = 64 * MIB;
            long shm = 64 * MIB;
            long heap = heapMb * MIB;
            return new Caps(256, heap + home + tmp + shm + 512 * MIB, 1.0, 256, 256 * MIB, home, tmp, shm,
                    heap + 2560 * MIB);
        }

        /**
         * Names the limit behind an operating system's refusal, as a status says it.
         *
         * @param error what the student's code failed with, e.g. {@code java.io.IOException: No space left on device}
         * @return e.g. {@code disk limit (home 256 MiB, /tmp 64 MiB, /dev/shm 64 MiB)}; empty when it names none
         */
        public Optional<String> limitBehind(String error) {
            if (error.contains("No space left on device")) {
                return Optional.of("disk limit (home " + size(homeBytes) + ", /tmp " + size(tmpBytes) + ", /dev/shm "
                        + size(shmBytes) + ")");
            }
            if (error.contains("File too large")) {
                return Optional.of("file size limit (" + size(fileBytes) + " a file)");
            }
            if (error.contains("Too many open files")) {
                return Optional.of("open-file limit (" + openFiles + ")");
            }
            return Optional.empty();
        }

        /** @return bytes as people read them: {@code 256 MiB}, {@code 1.4 GiB} */
        static String size(long bytes) {
            if (bytes >= 1L << 30) {
                double g = bytes / (double) (1L << 30);
                return (g == Math.rint(g) ? String.valueOf((long) g) : String.format(Locale.ROOT, "%.1f", g)) + " GiB";
            }
            return bytes / MIB + " MiB";
        }
    }

    /** The sandbox's user inside (and on the host, when the grader is root). */
    public static final int NOBODY = 65534;

    /** Where Debian puts bubblewrap. */
    public static final Path BWRAP = Path.of("/usr/bin/bwrap");

    /** The student's home and working directory inside. */
    public static final String HOME = "/home/student";

    /** The kit's home inside: {@code earshot.home}; {@code data/} is below it. */
    public static final String KIT = "/kit";

    private static final List<String> ETC = List.of("/etc/java-17-openjdk", "/etc/java-21-openjdk", "/etc/fonts",
            "/etc/localtime", "/etc/timezone", "/etc/alternatives");
    private static final List<String> ENV = List.of("PATH", "/usr/bin:/bin", "HOME", HOME, "TMPDIR", "/tmp",
            "LANG", "C.UTF-8");

    public Sandbox {
        classPath = List.copyOf(classPath);
    }

    /** A sandbox with {@link Caps#forHeap the default caps} for its heap. */
    public Sandbox(Path javaHome, List<Path> classPath, Path dataDir, int heapMb, int stackKb, int cpuSeconds,
                   Path classArchive) {
        this(javaHome, classPath, dataDir, heapMb, stackKb, cpuSeconds, classArchive, Caps.forHeap(heapMb));
    }

    /**
     * @return the sandbox for this kit: its jars in {@code build/kit/lib}, 512 MB heap, 1 MB stack, 60 CPU seconds
     * @throws IOException when the kit is not built
     */
    public static Sandbox forKit() throws IOException {
        Path home = Kit.home();
        Path lib = home.resolve("build/kit/lib");
        List<Path> jars;
        try (var files = Files.list(lib)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new IOException(lib + ": the kit is not built (run ./earshot setup)");
        }
        return new Sandbox(Path.of(System.getProperty("java.home")), jars, home.resolve("data"), 512, 1024, 60,
                home.resolve("build/kit/cds/grader.jsa"));
    }

    /** @return this sandbox with another class-data-sharing archive path */
    public Sandbox withClassArchive(Path archive) {
        return new Sandbox(javaHome, classPath, dataDir, heapMb, stackKb, cpuSeconds, archive, caps);
    }

    /** @return this sandbox with other caps */
    public Sandbox withCaps(Caps other) {
        return new Sandbox(javaHome, classPath, dataDir, heapMb, stackKb, cpuSeconds, classArchive, other);
    }

    /** @return this sandbox with another class path (the student's: {@link SubmissionRunner} leaves exercises out) */
    public Sandbox withClassPath(List<Path> entries) {
        return new Sandbox(javaHome, entries, dataDir, heapMb, stackKb, cpuSeconds, classArchive, caps);
    }

    /**
     * Builds an empty sandbox and a control group, and says which limits hold on this host.
     *
     * @return one line for the run's log, e.g. {@code limits: cgroup v1 pids=256 memory=1.4 GiB cpu=1.0; …}
     * @throws IOException naming the Debian package when bubblewrap is missing, too old or cannot make namespaces
     */
    public String requireAvailable() throws IOException {
        if (!Files.isExecutable(BWRAP)) {
            throw new IOException(BWRAP + " not found: the grader's sandbox needs it (apt-get install bubblewrap;"
                    + " ./earshot setup installs it)");
        }
        Cgroup probe = Cgroup.create(Cgroup.Host.detect(), "probe", caps);
        try {
            Process p = new ProcessBuilder(wrap(command(false, probe, List.of("/usr/bin/true")), probe))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor() != 0) {
                throw new IOException("bubblewrap cannot make the grader's sandbox here (it needs bubblewrap 0.8 or"
                        + " newer and user namespaces for uid " + NOBODY + "): " + GradeWorker.oneLine(out));
            }
            return describe(probe);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            probe.remove();
        }
    }

    private String describe(Cgroup cgroup) {
        List<String> parts = new ArrayList<>();
        String groups = cgroup.describe();
        parts.add(groups.isEmpty() ? "no cgroup" : groups);
        String rlimits = "nproc=" + caps.processes() + " nofile=" + caps.openFiles() + " fsize="
                + Caps.size(caps.fileBytes()) + " cpu=" + cpuSeconds + " s";
        if (!cgroup.holds(Cgroup.Controller.MEMORY)) {
            rlimits += " as=" + Caps.size(caps.addressSpaceBytes());
        }
        parts.add(rlimits);
        parts.add("tmpfs home=" + Caps.size(caps.homeBytes()) + " /tmp=" + Caps.size(caps.tmpBytes()) + " /dev/shm="
                + Caps.size(caps.shmBytes()));
        parts.add(graderIsRoot() ? "host uid " + NOBODY + " (the grader is root)"
                : "host uid " + graderUid() + " (the grader's own: it is not root)");
        parts.add(!graderIsRoot() || userNamespacesForUsers() ? "nested user namespaces off"
                : "nested user namespaces off (the host gives none to ordinary users)");
        String line = "limits: " + String.join("; ", parts);
        if (!cgroup.problems().isEmpty()) {
            line += " (not in a cgroup: " + String.join("; ", cgroup.problems()) + ")";
        }
        return line;
    }

    /**
     * The command that starts a {@link GradeWorker} inside the sandbox, with rlimits but no control group: for the
     * trusted warm-up that writes the class-data-sharing archive, or a caller that makes its own group.
     *
     * @param workDir     the run's folder on the host; not visible inside (the student's home is a tmpfs)
     * @param dumpArchive true to write {@link #classArchive} at exit (the first run of a batch; trusted code only:
     *                    as root it keeps uid 0, without capabilities, to write the archive)
     * @return the command
     */
    public List<String> command(Path workDir, boolean dumpArchive) {
        return command(dumpArchive, null, worker(dumpArchive));
    }

    /**
     * Starts a {@link GradeWorker} in the sandbox and in a control group of its own, which is removed when the
     * worker ends.
     *
     * @param workDir the run's folder on the host (its name names the control group; not visible inside)
     * @return the running worker
     * @throws IOException when it cannot be started
     */
    public Confined start(Path workDir) throws IOException {
        long t0 = System.nanoTime();
        Cgroup cgroup = Cgroup.create(Cgroup.Host.detect(), workDir.getFileName().toString(), caps);
        long setupNanos = System.nanoTime() - t0;
        try {
            Process p = new ProcessBuilder(wrap(command(false, cgroup, worker(false)), cgroup)).start();
            return new Confined(p, cgroup, setupNanos);
        } catch (IOException | RuntimeException e) {
            cgroup.remove();
            throw e;
        }
    }

    /** A worker running in the sandbox, and its control group. */
    public static final class Confined {
        private final Process process;
        private final CompletableFuture<Optional<String>> ended;
        private final long setupNanos;

        private Confined(Process process, Cgroup cgroup, long setupNanos) {
            this.process = process;
            this.setupNanos = setupNanos;
            this.ended = process.onExit().thenApply(p -> {
                Optional<String> breaches = cgroup.breaches();
                cgroup.remove();
                return breaches;
            });
        }

        /** @return the worker's process (its standard streams are the protocol) */
        public Process process() {
            return process;
        }

        /** @return the time it took to make the control group, in nanoseconds */
        public long cgroupSetupNanos() {
            return setupNanos;
        }

        /**
         * Waits until the worker has ended and its control group is removed.
         *
         * @return the limits the kernel counted it running into, e.g. {@code memory limit (1.4 GiB)}, or empty
         * @throws InterruptedException when interrupted while waiting
         */
        public Optional<String> finish() throws InterruptedException {
            try {
                return ended.get();
            } catch (java.util.concurrent.ExecutionException e) {
                return Optional.empty();
            }
        }
    }

    /** Joins the control group's folders, then becomes the sandbox: every process of the worker is in the group. */
    private static List<String> wrap(List<String> sandbox, Cgroup cgroup) {
        if (cgroup.dirs().isEmpty()) {
            return sandbox;
        }
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c",
                "for d do shift; [ \"$d\" = -- ] && break; echo $$ > \"$d/cgroup.procs\" || exit 125; done; exec \"$@\"",
                "earshot-cgroup"));
        cgroup.dirs().forEach(d -> cmd.add(d.toString()));
        cmd.add("--");
        cmd.addAll(sandbox);
        return cmd;
    }

    /** The worker's JVM command line, as seen inside. */
    private List<String> worker(boolean dumpArchive) {
        List<String> cmd = new ArrayList<>(List.of(javaInside() + "/bin/java", "-Xmx" + heapMb + "m",
                "-Xss" + stackKb + "k", "-XX:CompressedClassSpaceSize=128m", "-XX:+ExitOnOutOfMemoryError",
                // the JVM's own messages (a thread it could not start: "[warning][os,thread] …") go to standard
                // error, never into the protocol on standard output
                "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-Xshare:auto", "-Djava.io.tmpdir=/tmp", "-Djava.awt.headless=true",
                "-D" + Kit.HOME_PROPERTY + "=" + KIT));
        if (dumpArchive) {
            cmd.add("-XX:ArchiveClassesAtExit=" + archiveInside());
        } else if (Files.isRegularFile(classArchive)) {
            cmd.add("-XX:SharedArchiveFile=" + archiveInside());
        }
        cmd.addAll(List.of("-cp", String.join(":", classPathInside()), GradeWorker.class.getName()));
        return cmd;
    }

    /**
     * @param dumpArchive true for the trusted warm-up that writes the archive
     * @param cgroup      the group the command will run in, or null
     * @param program     what to run inside
     */
    private List<String> command(boolean dumpArchive, Cgroup cgroup, List<String> program) {
        boolean root = graderIsRoot();
        List<String> cmd = new ArrayList<>(List.of(BWRAP.toString(), "--unshare-pid", "--unshare-net",
                "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--hostname", "earshot",
                "--die-with-parent", "--new-session", "--clearenv"));
        for (int i = 0; i < ENV.size(); i += 2) {
            cmd.addAll(List.of("--setenv", ENV.get(i), ENV.get(i + 1)));
        }
        if (root) {
            // root without a user namespace: what it needs to become nobody, nothing else
            cmd.addAll(List.of("--cap-drop", "ALL"));
            if (!dumpArchive) {
                cmd.addAll(List.of("--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_SETPCAP"));
            }
        } else {
            cmd.addAll(List.of("--unshare-user", "--disable-userns", "--uid", String.valueOf(NOBODY),
                    "--gid", String.valueOf(NOBODY)));
        }
        cmd.addAll(List.of("--ro-bind", "/usr", "/usr",
                "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin",
                "--dir", "/etc", "--dir", KIT, "--dir", KIT + "/cp", "--dir", "/home",
                "--proc", "/proc", "--dev", "/dev",
                "--size", String.valueOf(caps.shmBytes()), "--perms", "1777", "--tmpfs", "/dev/shm",
                "--size", String.valueOf(caps.tmpBytes()), "--perms", "1777", "--tmpfs", "/tmp",
                "--size", String.valueOf(caps.homeBytes()), "--perms", "0777", "--tmpfs", HOME));
        // of /etc only what a JVM reads: its own configuration, fonts, the time zone (not passwords or keys)
        for (String etc : ETC) {
            if (Files.exists(Path.of(etc))) {
                cmd.addAll(List.of("--ro-bind", etc, etc));
            }
        }
        if (!javaHome.startsWith("/usr")) {
            cmd.addAll(List.of("--ro-bind", javaHome.toString(), javaInside()));
        }
        List<String> inside = classPathInside();
        for (int i = 0; i < classPath.size(); i++) {
            cmd.addAll(List.of("--ro-bind", classPath.get(i).toString(), inside.get(i)));
        }
        cmd.addAll(List.of("--ro-bind", dataDir.toString(), KIT + "/data"));
        if (dumpArchive) {
            cmd.addAll(List.of("--bind", classArchive.getParent().toString(), KIT + "/cds"));
        } else if (Files.isRegularFile(classArchive)) {
            cmd.addAll(List.of("--ro-bind", classArchive.toString(), archiveInside()));
        }
        cmd.addAll(List.of("--chdir", HOME));
        if (root && !dumpArchive) {
            cmd.addAll(List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
            if (userNamespacesForUsers()) { // else nobody cannot make one anyway, and this step could not either
                cmd.addAll(List.of(BWRAP.toString(), "--unshare-user", "--disable-userns", "--uid",
                        String.valueOf(NOBODY), "--gid", String.valueOf(NOBODY), "--dev-bind", "/", "/",
                        "--die-with-parent", "--chdir", HOME, "--"));
            }
        }
        cmd.addAll(List.of("/usr/bin/prlimit", "--cpu=" + cpuSeconds, "--nproc=" + caps.processes(),
                "--nofile=" + caps.openFiles(), "--fsize=" + caps.fileBytes(), "--core=0"));
        if (cgroup == null || !cgroup.holds(Cgroup.Controller.MEMORY)) {
            cmd.add("--as=" + caps.addressSpaceBytes());
        }
        cmd.add("--");
        cmd.addAll(program);
        return cmd;
    }

    private String javaInside() {
        return javaHome.startsWith("/usr") ? javaHome.toString() : KIT + "/jdk";
    }

    private String archiveInside() {
        return KIT + "/cds/" + classArchive.getFileName();
    }

    /** Each class-path entry at {@code /kit/cp/NN-name}: the order kept, no host folder named. */
    private List<String> classPathInside() {
        List<String> inside = new ArrayList<>();
        for (int i = 0; i < classPath.size(); i++) {
            inside.add(String.format(Locale.ROOT, "%s/cp/%02d-%s", KIT, i, classPath.get(i).getFileName()));
        }
        return inside;
    }

    /**
     * @return false where the host lets no ordinary user make a user namespace ({@code kernel.unprivileged_userns_clone}
     *         of older Debian kernels, or {@code user.max_user_namespaces}, at 0)
     */
    private static boolean userNamespacesForUsers() {
        for (String sysctl : List.of("/proc/sys/kernel/unprivileged_userns_clone", "/proc/sys/user/max_user_namespaces")) {
            try {
                if (Files.readString(Path.of(sysctl)).strip().equals("0")) {
                    return false;
                }
            } catch (IOException absent) {
                // not this kernel's knob
            }
        }
        return true;
    }

    private static boolean graderIsRoot() {
        return graderUid() == 0;
    }

    /** @return the grader's effective uid: the owner of {@code /proc/self} */
    private static int graderUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }
}
