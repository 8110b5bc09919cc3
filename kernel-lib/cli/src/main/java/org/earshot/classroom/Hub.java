package org.earshot.classroom;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A JupyterHub for a class on this machine (Debian's {@code jupyterhub} 3.0 and {@code node-configurable-http-proxy}),
 * run as root on 127.0.0.1: PAM authentication of the course group's accounts, each student's notebook server run
 * as that student by JupyterHub's local spawner (with the limits {@code jupyterhub_config.py} can enforce), the
 * {@code earshot} kernel installed system-wide from a copy of the kit every student can read.
 *
 * <p>Its state folder holds everything of one hub: {@code hub.json} (ports, pid), {@code jupyterhub.log}, the hub's
 * database and cookie secret, the service token of this command ({@code service-token}, mode 600), and
 * {@code limits.json} (what is enforced, in words). Every process of the hub carries {@code EARSHOT_HUB_STATE=<state>}
 * in its environment, so {@link #stop} finds each one, the students' kernels included.
 */
public final class Hub {

    /** Where the system-wide kit copy goes: readable by every student, unlike a checkout in /root. */
    public static final Path SYSTEM_KIT = Path.of("/usr/local/share/earshot");
    /** Where the system-wide kernelspecs live (Jupyter's first system path on Debian). */
    public static final Path SYSTEM_KERNELS = Path.of("/usr/local/share/jupyter/kernels");
    static final String MARKER = "EARSHOT_HUB_STATE";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Hub() {
    }

    /**
     * How to start a hub.
     *
     * @param port     the hub's public port on 127.0.0.1, or 0 for a free one
     * @param admins   the instructors' logins (JupyterHub admins), may be empty
     * @param group    the Unix group whose members may log in
     * @param memory   per-student memory limit as JupyterHub writes it ({@code 2G}), or empty
     * @param cpus     per-student CPU limit in cores, or 0 for none
     * @param nproc    per-student limit on processes and threads (RLIMIT_NPROC), or 0 for none
     */
    public record Options(int port, List<String> admins, String group, String memory, double cpus, int nproc) {
        public Options {
            admins = List.copyOf(admins);
        }
    }

    /** A running hub as {@code hub.json} records it. */
    public record Running(int port, int apiPort, int proxyPort, long pid, String group) {
        public String url() {
            return "http://127.0.0.1:" + port + "/";
        }
    }

    /** @return the hub's configuration file in the kit */
    static Path config(Path home) {
        return home.resolve("kernel-lib/cli/scripts/hub/jupyterhub_config.py");
    }

    /** @return why a hub cannot start on this machine, or empty when it can */
    public static Optional<String> unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("the hub runs as root (PAM and starting servers as the students need it)");
        }
        for (String exe : List.of("/usr/bin/jupyterhub", "/usr/bin/configurable-http-proxy", "/usr/bin/jupyterhub-singleuser",
                "/usr/sbin/useradd", "/usr/bin/prlimit", "/usr/bin/setsid")) {
            if (!Files.isExecutable(Path.of(exe))) {
                return Optional.of(exe + " is missing (./earshot setup installs jupyterhub and node-configurable-http-proxy)");
            }
        }
        return Optional.empty();
    }

    /**
     * Copies what the kernel needs ({@code build/kit/lib}, {@code build/kit/kernel}, {@code data/}) into
     * {@code kitCopy}, readable by all, and writes the {@code earshot} kernelspec into {@link #SYSTEM_KERNELS} with
     * the copy as its home: students' kernels never read the instructor's checkout. Only changed files are copied;
     * the kernelspec (and its class-data archive) is rewritten when anything changed.
     *
     * @return a line saying what was done
     */
    public static String installKit(Path home, Path kitCopy, Path kernels) throws IOException, InterruptedException {
        if (!Files.isRegularFile(home.resolve("build/kit/lib/earshot-kernel-cli.jar"))) {
            throw new IOException(home.resolve("build/kit/lib") + ": the kit is not built (./earshot setup)");
        }
        int changed = 0;
        for (String part : List.of("build/kit/lib", "build/kit/kernel", "data")) {
            changed += mirror(home.resolve(part), kitCopy.resolve(part));
        }
        Path spec = kernels.resolve("earshot/kernel.json");
        if (changed == 0 && Files.isRegularFile(spec) && Files.readString(spec).contains(kitCopy.toString())) {
            return "kit copy " + kitCopy + " and kernelspec " + spec + ": up to date";
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Djava.awt.headless=true", "-Dearshot.home=" + kitCopy, "-cp",
                kitCopy.resolve("build/kit/lib") + File.separator + "*", "org.earshot.cli.EarshotCli", "kernelspec",
                "--dir", kernels.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("writing the system-wide kernelspec failed: " + out.strip());
        }
        readableByAll(kitCopy);
        readableByAll(kernels.resolve("earshot"));
        return "kit copied to " + kitCopy + " (" + changed + " files changed); kernelspec " + spec;
    }

    /** Makes {@code to} hold exactly the files of {@code from}, copying only those whose contents differ. */
    static int mirror(Path from, Path to) throws IOException {
        int changed = 0;
        Files.createDirectories(to);
        List<Path> sources;
        try (Stream<Path> s = Files.walk(from)) {
            sources = s.filter(p -> Files.isRegularFile(p)).toList();
        }
        java.util.Set<Path> wanted = new java.util.HashSet<>();
        for (Path src : sources) {
            Path rel = from.relativize(src);
            Path dest = to.resolve(rel.toString());
            wanted.add(dest);
            if (Files.isRegularFile(dest, LinkOption.NOFOLLOW_LINKS) && Files.size(dest) == Files.size(src)
                    && (Files.getLastModifiedTime(dest).equals(Files.getLastModifiedTime(src))
                    || Files.mismatch(dest, src) == -1)) {  // a rebuild rewrites jars with the same bytes
                continue;
            }
            Files.createDirectories(dest.getParent());
            Files.copy(src, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            changed++;
        }
        try (Stream<Path> s = Files.walk(to)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !wanted.contains(p)) {
                    Files.delete(p);
                    changed++;
                }
            }
        }
        return changed;
    }

    private static void readableByAll(Path root) throws IOException {
        for (Path p = root; p != null && !p.equals(p.getRoot()); p = p.getParent()) {
            if (Files.isDirectory(p)) {  // every folder above it must let the students through
                var perms = Files.getPosixFilePermissions(p);
                perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(p, perms);
            }
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    /** @return a free TCP port on 127.0.0.1 */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts the hub in the background (its own session, output in {@code state/jupyterhub.log}) and waits until it
     * answers.
     *
     * @throws IOException when it is already running, a port is taken, or it does not come up (with the log's tail)
     */
    public static Running start(Path home, Path state, Options o, Duration wait) throws IOException, InterruptedException {
        Optional<String> why = unavailable();
        if (why.isPresent()) {
            throw new IOException("cannot start the hub: " + why.get());
        }
        Files.createDirectories(state);
        Optional<Running> old = running(state);
        if (old.isPresent()) {
            throw new IOException(state + ": a hub is already running from it at " + old.get().url() + " (pid "
                    + old.get().pid() + "); ./earshot hub stop --state " + state);
        }
        int port = o.port() == 0 ? freePort() : o.port();
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            throw new IOException("port " + port + " on 127.0.0.1 is in use; choose another with --port");
        }
        int api = freePort();
        int proxy = freePort();
        while (proxy == api || proxy == port || api == port) {
            api = freePort();
            proxy = freePort();
        }
        Path token = state.resolve("service-token");
        if (!Files.exists(token)) {
            byte[] b = new byte[32];
            new java.security.SecureRandom().nextBytes(b);
            Files.writeString(token, HexFormat.of().formatHex(b));
        }
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/setsid", "/usr/bin/jupyterhub", "-f", config(home).toString())
                .directory(state.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(state.resolve("jupyterhub.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"); // Debian's python3, not a venv's
        env.put("NODE_PATH", "/usr/share/nodejs");  // Debian's configurable-http-proxy finds 'commander' there
        env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        env.put(MARKER, state.toString());
        env.put("EARSHOT_HUB_PORT", String.valueOf(port));
        env.put("EARSHOT_HUB_API_PORT", String.valueOf(api));
        env.put("EARSHOT_HUB_PROXY_PORT", String.valueOf(proxy));
        env.put("EARSHOT_HUB_ADMINS", String.join(",", o.admins()));
        env.put("EARSHOT_HUB_GROUP", o.group());
        env.put("EARSHOT_HUB_MEM", o.memory());
        env.put("EARSHOT_HUB_CPU", o.cpus() > 0 ? String.valueOf(o.cpus()) : "");
        env.put("EARSHOT_HUB_NPROC", o.nproc() > 0 ? String.valueOf(o.nproc()) : "");
        Process p = pb.start();
        Running r = new Running(port, api, proxy, p.pid(), o.group());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("port", port);
        record.put("apiPort", api);
        record.put("proxyPort", proxy);
        record.put("pid", p.pid());
        record.put("group", o.group());
        record.put("admins", o.admins());
        JSON.writeValue(state.resolve("hub.json").toFile(), record);
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("the hub exited at start (exit " + p.exitValue() + "): " + logTail(state));
            }
            if (get(r.url() + "hub/api", null).isPresent()) {
                return r;
            }
            Thread.sleep(300);
        }
        stop(state, Duration.ofSeconds(20));
        throw new IOException("the hub did not answer within " + wait.toSeconds() + " s: " + logTail(state));
    }

    static String logTail(Path state) throws IOException {
        Path log = state.resolve("jupyterhub.log");
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return log + " ends: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    /** @return the hub running from this state folder, if its recorded process is alive and is this hub's */
    public static Optional<Running> running(Path state) throws IOException {
        Path file = state.resolve("hub.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode j = JSON.readTree(file.toFile());
        Running r = new Running(j.path("port").asInt(), j.path("apiPort").asInt(), j.path("proxyPort").asInt(),
                j.path("pid").asLong(), j.path("group").asText());
        return marked(state).stream().anyMatch(h -> h.pid() == r.pid()) ? Optional.of(r) : Optional.empty();
    }

    /** Every process whose environment carries this state folder's marker (the hub, the proxy, servers, kernels). */
    static List<ProcessHandle> marked(Path state) {
        byte[] needle = (MARKER + "=" + state + "\0").getBytes(StandardCharsets.UTF_8);
        List<ProcessHandle> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(ph -> {
            try {
                byte[] environ = Files.readAllBytes(Path.of("/proc", String.valueOf(ph.pid()), "environ"));
                if (indexOf(environ, needle) >= 0) {
                    out.add(ph);
                }
            } catch (IOException | SecurityException e) {
                // gone meanwhile, or not ours to read
            }
        });
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (i > 0 && hay[i - 1] != 0) {
                continue;  // a variable starts after a NUL
            }
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Stops the hub (SIGTERM: it stops every student's server and the proxy), then ends whatever of it is left
     * (SIGTERM, then SIGKILL), and removes its cgroup folders.
     *
     * @return how many processes had to be ended after the hub's own shutdown
     */
    public static int stop(Path state, Duration grace) throws IOException, InterruptedException {
        Optional<Running> r = running(state);
        if (r.isPresent()) {
            ProcessHandle.of(r.get().pid()).ifPresent(ProcessHandle::destroy);
            long deadline = System.nanoTime() + grace.toNanos();
            while (System.nanoTime() < deadline && ProcessHandle.of(r.get().pid()).map(ProcessHandle::isAlive).orElse(false)) {
                Thread.sleep(200);
            }
        }
        List<ProcessHandle> left = marked(state);
        left.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && left.stream().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(100);
        }
        left.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        Thread.sleep(200);
        Path cgroups = state.resolve("cgroups.txt");
        if (Files.isRegularFile(cgroups)) {
            for (String line : Files.readAllLines(cgroups)) {
                removeEmptyCgroup(Path.of(line.strip()));
            }
        }
        Files.deleteIfExists(state.resolve("hub.json"));
        return left.size();
    }

    private static void removeEmptyCgroup(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path child : s.filter(Files::isDirectory).toList()) {
                removeEmptyCgroup(child);
            }
            Files.delete(dir);  // a cgroup folder goes with rmdir, its control files with it
        } catch (IOException e) {
            // still has processes: left for the next stop
        }
    }

    /** @return the service token of this state folder's hub */
    public static String serviceToken(Path state) throws IOException {
        return Files.readString(state.resolve("service-token")).strip();
    }

    /** GET with an optional token; empty when the hub does not answer 200. */
    static Optional<String> get(String url, String token) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(10000);
            if (token != null) {
                c.setRequestProperty("Authorization", "token " + token);
            }
            if (c.getResponseCode() != 200) {
                return Optional.empty();
            }
            try (var in = c.getInputStream()) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** @return lines describing the running hub: users, servers, enforced limits */
    public static List<String> describe(Path state, Running r) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("hub running at " + r.url() + " (pid " + r.pid() + ", group " + r.group() + ", state " + state + ")");
        Optional<String> users = get(r.url() + "hub/api/users", serviceToken(state));
        if (users.isPresent()) {
            List<String> names = new ArrayList<>();
            List<String> active = new ArrayList<>();
            for (JsonNode u : JSON.readTree(users.get())) {
                names.add(u.path("name").asText());
                if (u.path("servers").size() > 0) {
                    active.add(u.path("name").asText());
                }
            }
            lines.add(names.size() + " users have logged in; " + active.size() + " servers running"
                    + (active.isEmpty() ? "" : ": " + String.join(", ", active)));
        }
        Path limits = state.resolve("limits.json");
        if (Files.isRegularFile(limits)) {
            JSON.readTree(limits.toFile()).fields().forEachRemaining(e ->
                    lines.add("limit " + e.getKey() + ": " + e.getValue().asText()));
        }
        return lines;
    }
}
