package org.earshot.grading.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.earshot.kit.Kit;

/**
 * The walls around a submission's process: bubblewrap (Debian {@code bubblewrap}) gives it new user, PID, network,
 * IPC and UTS namespaces — no network at all, not even loopback to the host's services — a read-only view of
 * {@code /usr}, the kit's jars and {@code data/} only (so no {@code solutions/}, no grader files, no
 * other submission), one writable private directory as its working directory, and the unprivileged user
 * {@code nobody}, and of {@code /etc} only the JVM's configuration, fonts and time zone; {@code prlimit} caps its CPU seconds and processes; the JVM caps its heap and stack and exits
 * on an out-of-memory error.
 *
 * @param javaHome      the JDK that runs the worker
 * @param classPath     the kit's jars (or class folders), each visible read-only inside
 * @param dataDir       the kit's {@code data/} folder (read-only inside)
 * @param heapMb        {@code -Xmx}
 * @param stackKb       {@code -Xss}
 * @param cpuSeconds    CPU-time limit of the process
 * @param classArchive  a CDS archive for faster JVM start (used when it exists)
 */
public record Sandbox(Path javaHome, List<Path> classPath, Path dataDir, int heapMb, int stackKb, int cpuSeconds,
                      Path classArchive) {

    private static final List<String> ETC = List.of("/etc/java-17-openjdk", "/etc/java-21-openjdk", "/etc/fonts",
            "/etc/localtime", "/etc/timezone", "/etc/alternatives");

    /** Where Debian puts bubblewrap. */
    public static final Path BWRAP = Path.of("/usr/bin/bwrap");

    public Sandbox {
        classPath = List.copyOf(classPath);
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
        return new Sandbox(javaHome, classPath, dataDir, heapMb, stackKb, cpuSeconds, archive);
    }

    /** @return this sandbox with another class path (the student's: {@link SubmissionRunner} leaves exercises out) */
    public Sandbox withClassPath(List<Path> entries) {
        return new Sandbox(javaHome, entries, dataDir, heapMb, stackKb, cpuSeconds, classArchive);
    }

    /** @throws IOException naming the Debian package when bubblewrap is missing or cannot make namespaces */
    public void requireAvailable() throws IOException {
        if (!Files.isExecutable(BWRAP)) {
            throw new IOException(BWRAP + " not found: the grader's sandbox needs it (apt-get install bubblewrap;"
                    + " ./earshot setup installs it)");
        }
        try {
            Process p = new ProcessBuilder(BWRAP.toString(), "--unshare-all", "--ro-bind", "/usr", "/usr",
                    "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin",
                    "/usr/bin/true").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor() != 0) {
                throw new IOException("bubblewrap cannot make a sandbox here: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /**
     * @param workDir the submission's private, writable directory
     * @param dumpArchive true to write {@link #classArchive} at exit (the first run of a batch)
     * @return the command that starts a {@link GradeWorker} inside the sandbox
     */
    public List<String> command(Path workDir, boolean dumpArchive) {
        List<String> cmd = new ArrayList<>(List.of(BWRAP.toString(),
                "--unshare-all", "--die-with-parent", "--new-session", "--uid", "65534", "--gid", "65534",
                "--ro-bind", "/usr", "/usr",
                "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin",
                "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        // of /etc only what a JVM reads: its own configuration, fonts, the time zone (not passwords or keys)
        for (String etc : ETC) {
            if (Files.exists(Path.of(etc))) {
                cmd.addAll(List.of("--ro-bind", etc, etc));
            }
        }
        if (!javaHome.startsWith("/usr")) {
            cmd.addAll(List.of("--ro-bind", javaHome.toString(), javaHome.toString()));
        }
        for (Path entry : classPath) {
            cmd.addAll(List.of("--ro-bind", entry.toString(), entry.toString()));
        }
        cmd.addAll(List.of("--ro-bind", dataDir.toString(), dataDir.toString()));
        boolean archive = Files.isRegularFile(classArchive);
        if (dumpArchive) {
            cmd.addAll(List.of("--bind", classArchive.getParent().toString(), classArchive.getParent().toString()));
        } else if (archive) {
            cmd.addAll(List.of("--ro-bind", classArchive.toString(), classArchive.toString()));
        }
        cmd.addAll(List.of("--bind", workDir.toString(), workDir.toString(), "--chdir", workDir.toString(),
                "--setenv", "HOME", workDir.toString(), "--setenv", "TMPDIR", workDir.toString(),
                "/usr/bin/prlimit", "--cpu=" + cpuSeconds, "--nproc=1024", "--",
                javaHome.resolve("bin/java").toString(), "-Xmx" + heapMb + "m", "-Xss" + stackKb + "k",
                "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-Djava.io.tmpdir=" + workDir, "-Djava.awt.headless=true",
                "-D" + Kit.HOME_PROPERTY + "=" + dataDir.getParent()));
        if (dumpArchive) {
            cmd.add("-XX:ArchiveClassesAtExit=" + classArchive);
        } else if (archive) {
            cmd.add("-XX:SharedArchiveFile=" + classArchive);
        }
        cmd.addAll(List.of("-cp", String.join(":", classPath.stream().map(Path::toString).toList()),
                GradeWorker.class.getName()));
        return cmd;
    }
}
