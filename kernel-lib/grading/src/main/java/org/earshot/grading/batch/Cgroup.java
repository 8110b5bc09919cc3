package org.earshot.grading.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One worker's control group: a kernel-enforced cap on its processes and threads ({@code pids}), its memory —
 * heap, off-heap, thread stacks and the pages of its RAM-backed {@code tmpfs} mounts alike ({@code memory}) — and
 * its share of the CPUs ({@code cpu}). Unlike {@code RLIMIT_NPROC}, which the kernel never applies to host uid 0,
 * or {@code RLIMIT_AS}, which counts reservations rather than memory, a cgroup holds whoever runs in it.
 *
 * <p>Both layouts are handled: cgroup v1 (one hierarchy per controller, {@code pids.max},
 * {@code memory.limit_in_bytes}, {@code cpu.cfs_quota_us}; what these machines mount, writable by root) and v2
 * (one unified hierarchy, {@code pids.max}, {@code memory.max}, {@code cpu.max}; what systemd hosts have,
 * writable where the grader's own group is delegated to it). Each group is made as a child of the grader's own
 * group in that hierarchy, so it also stays inside whatever limits the grader itself runs under. A controller
 * that cannot be used (not mounted, not writable, v2 controllers not enabled for children) is left out and
 * named in {@link #problems()}: the sandbox then falls back to rlimits for that resource.
 *
 * <p>Each group is named {@code earshot-<grader pid>-<run>-<random>}; a group left behind by a grader that was
 * killed is removed by the next grader that makes one beside it (only when empty).
 */
final class Cgroup {

    /** The controllers a worker is held by. */
    enum Controller {
        PIDS("pids"), MEMORY("memory"), CPU("cpu");

        final String kernelName;

        Controller(String kernelName) {
            this.kernelName = kernelName;
        }
    }

    /**
     * Where a controller lives for this process.
     *
     * @param controller the controller
     * @param version    1 or 2
     * @param ownGroup   the grader's own group in that hierarchy (the parent of every worker's group)
     */
    record Place(Controller controller, int version, Path ownGroup) {
    }

    /**
     * What this host offers.
     *
     * @param places   where each available controller lives
     * @param problems why each other controller is not available, one phrase each
     */
    record Host(Map<Controller, Place> places, List<String> problems) {

        Host {
            EnumMap<Controller, Place> ordered = new EnumMap<>(Controller.class);
            ordered.putAll(places);
            places = Collections.unmodifiableMap(ordered);
            problems = List.copyOf(problems);
        }

        /** @return what {@code /proc/self/mountinfo} and {@code /proc/self/cgroup} say, or no places when unreadable */
        static Host detect() {
            try {
                return parse(Files.readString(Path.of("/proc/self/mountinfo")), Files.readString(Path.of("/proc/self/cgroup")));
            } catch (IOException e) {
                return new Host(Map.of(), List.of("no cgroups: /proc/self/mountinfo or /proc/self/cgroup unreadable"));
            }
        }

        /**
         * @param mountinfo the text of {@code /proc/self/mountinfo}
         * @param cgroup    the text of {@code /proc/self/cgroup}
         * @return where each controller lives: its v1 hierarchy when one is mounted with it, else the v2 hierarchy
         *         when it is listed in the grader's group's {@code cgroup.controllers}
         */
        static Host parse(String mountinfo, String cgroup) {
            Map<String, String> v1Paths = new LinkedHashMap<>(); // controller -> own path in its hierarchy
            String v2Path = null;
            for (String line : cgroup.split("\n")) {
                String[] f = line.split(":", 3);
                if (f.length < 3) {
                    continue;
                }
                if (f[0].equals("0") && f[1].isEmpty()) {
                    v2Path = f[2].strip();
                } else {
                    for (String c : f[1].split(",")) {
                        v1Paths.put(c, f[2].strip());
                    }
                }
            }
            Map<String, Path> v1Mounts = new LinkedHashMap<>(); // controller -> own group's folder
            Path v2Own = null;
            for (String line : mountinfo.split("\n")) {
                int dash = line.indexOf(" - ");
                if (dash < 0) {
                    continue;
                }
                String[] pre = line.substring(0, dash).split(" ");
                String[] post = line.substring(dash + 3).split(" ");
                if (pre.length < 5 || post.length < 3) {
                    continue;
                }
                String root = unescape(pre[3]);
                String mountPoint = unescape(pre[4]);
                if (post[0].equals("cgroup")) {
                    for (String option : post[2].split(",")) {
                        String own = v1Paths.get(option);
                        if (own != null && !v1Mounts.containsKey(option)) {
                            v1Mounts.put(option, under(mountPoint, root, own));
                        }
                    }
                } else if (post[0].equals("cgroup2") && v2Path != null && v2Own == null) {
                    v2Own = under(mountPoint, root, v2Path);
                }
            }
            Map<Controller, Place> places = new LinkedHashMap<>();
            List<String> problems = new ArrayList<>();
            for (Controller c : Controller.values()) {
                Path v1 = v1Mounts.get(c.kernelName);
                if (v1 != null) {
                    places.put(c, new Place(c, 1, v1));
                } else if (v2Own != null && v2Controllers(v2Own).contains(c.kernelName)) {
                    places.put(c, new Place(c, 2, v2Own));
                } else {
                    problems.add(c.kernelName + ": no cgroup hierarchy offers it");
                }
            }
            return new Host(places, problems);
        }

        private static List<String> v2Controllers(Path group) {
            try {
                return List.of(Files.readString(group.resolve("cgroup.controllers")).strip().split("\\s+"));
            } catch (IOException e) {
                return List.of();
            }
        }

        /** The folder of group {@code own} in a hierarchy whose folder {@code root} is mounted at {@code mountPoint}. */
        private static Path under(String mountPoint, String root, String own) {
            String rel = own;
            if (!root.equals("/") && (own.equals(root) || own.startsWith(root + "/"))) {
                rel = own.substring(root.length());
            }
            Path p = Path.of(mountPoint);
            for (String part : rel.split("/")) {
                if (!part.isEmpty()) {
                    p = p.resolve(part);
                }
            }
            return p;
        }

        /** mountinfo escapes space, tab, newline and backslash as octal. */
        private static String unescape(String s) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                } else {
                    b.append(s.charAt(i));
                }
            }
            return b.toString();
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "earshot-";

    private final String name;
    private final Map<Controller, Place> held;
    private final List<Path> dirs;
    private final List<String> problems;
    private final Sandbox.Caps caps;

    private Cgroup(String name, Map<Controller, Place> held, List<Path> dirs, List<String> problems, Sandbox.Caps caps) {
        this.name = name;
        EnumMap<Controller, Place> ordered = new EnumMap<>(Controller.class);
        ordered.putAll(held);
        this.held = Collections.unmodifiableMap(ordered);
        this.dirs = List.copyOf(dirs);
        this.problems = List.copyOf(problems);
        this.caps = caps;
    }

    /**
     * Makes a group for one worker in every hierarchy that lets us, and writes its caps. Never fails: a controller
     * that cannot be used is left out and named in {@link #problems()}.
     *
     * @param host what the host offers
     * @param run  a short name of the run (e.g. the student's folder name), for people reading {@code /sys/fs/cgroup}
     * @param caps the caps to write
     * @return the group (possibly holding no controller)
     */
    static Cgroup create(Host host, String run, Sandbox.Caps caps) {
        String label = run.replaceAll("[^A-Za-z0-9_.]", "_");
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        String name = PREFIX + ProcessHandle.current().pid() + "-" + label.substring(0, Math.min(label.length(), 40))
                + "-" + HexFormat.of().formatHex(random);
        Map<Controller, Place> held = new EnumMap<>(Controller.class);
        Set<Path> made = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>(host.problems());
        for (Place place : host.places().values()) {
            Path dir = place.ownGroup().resolve(name);
            try {
                if (place.version() == 2) {
                    enableForChildren(place);
                }
                if (!made.contains(dir)) { // v2, or v1 controllers mounted together, share a folder
                    sweep(place.ownGroup());
                    Files.createDirectory(dir);
                    made.add(dir);
                }
                write(place, dir, caps);
                held.put(place.controller(), place);
            } catch (IOException | RuntimeException e) {
                problems.add(place.controller().kernelName + ": " + dir + ": " + why(e));
            }
        }
        List<Path> dirs = new ArrayList<>();
        for (Path dir : made) {
            if (held.values().stream().anyMatch(p -> p.ownGroup().resolve(name).equals(dir))) {
                dirs.add(dir);
            } else {
                removeDir(dir); // none of its controllers could be set: not joined
            }
        }
        return new Cgroup(name, held, dirs, problems, caps);
    }

    /**
     * Lets the grader's own v2 group hand a controller to its children. v2 refuses that while the group holds
     * processes (only leaves may), so when the grader is alone in its group — a delegated scope or service that
     * runs just the grader — it first moves itself into a leaf {@code earshot-<pid>-grader} below.
     */
    private static void enableForChildren(Place place) throws IOException {
        Path own = place.ownGroup();
        Path control = own.resolve("cgroup.subtree_control");
        if (List.of(Files.readString(control).strip().split("\\s+")).contains(place.controller().kernelName)) {
            return;
        }
        String self = String.valueOf(ProcessHandle.current().pid());
        List<String> procs = Files.readAllLines(own.resolve("cgroup.procs")).stream().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
        if (procs.equals(List.of(self))) {
            Path leaf = own.resolve(PREFIX + self + "-grader");
            if (!Files.isDirectory(leaf)) {
                Files.createDirectory(leaf);
            }
            Files.writeString(leaf.resolve("cgroup.procs"), self, StandardOpenOption.WRITE);
        } else if (!procs.isEmpty()) {
            throw new IOException("cgroup v2 lets a group with processes (here " + procs.size()
                    + ", the grader's and others) give no controller to child groups");
        }
        Files.writeString(control, "+" + place.controller().kernelName, StandardOpenOption.WRITE);
    }

    private static void write(Place place, Path dir, Sandbox.Caps caps) throws IOException {
        switch (place.controller()) {
            case PIDS -> set(dir, "pids.max", caps.processes());
            case MEMORY -> {
                if (place.version() == 1) {
                    set(dir, "memory.limit_in_bytes", caps.memoryBytes());
                    if (Files.exists(dir.resolve("memory.memsw.limit_in_bytes"))) { // memory + swap, not more
                        set(dir, "memory.memsw.limit_in_bytes", caps.memoryBytes());
                    }
                } else {
                    set(dir, "memory.max", caps.memoryBytes());
                    if (Files.exists(dir.resolve("memory.swap.max"))) {
                        set(dir, "memory.swap.max", 0);
                    }
                }
            }
            case CPU -> {
                long period = 100_000;
                long quota = Math.round(caps.cpus() * period);
                if (place.version() == 1) {
                    set(dir, "cpu.cfs_period_us", period);
                    set(dir, "cpu.cfs_quota_us", quota);
                } else {
                    Files.writeString(dir.resolve("cpu.max"), quota + " " + period, StandardOpenOption.WRITE);
                }
            }
        }
    }

    private static void set(Path dir, String file, long value) throws IOException {
        Files.writeString(dir.resolve(file), Long.toString(value), StandardOpenOption.WRITE);
    }

    /** Removes empty groups of graders that no longer run (killed before they could remove their own). */
    private static void sweep(Path parent) {
        try (Stream<Path> groups = Files.list(parent)) {
            for (Path g : groups.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
                String[] parts = g.getFileName().toString().split("-", 3);
                try {
                    long pid = Long.parseLong(parts[1]);
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                    if (Files.readString(g.resolve("cgroup.procs")).isBlank()) {
                        Files.delete(g);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // not ours, busy or already gone
                }
            }
        } catch (IOException ignored) {
            // unreadable parent: creating our group will say why
        }
    }

    private static String why(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            m = "permission denied";
        } else if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            m = f.getReason().toLowerCase(Locale.ROOT);
        }
        return m;
    }

    /** @return the group folders a worker joins (by writing its pid into each one's {@code cgroup.procs}) */
    List<Path> dirs() {
        return dirs;
    }

    /** @return true when this group holds the controller */
    boolean holds(Controller c) {
        return held.containsKey(c);
    }

    /** @return why each controller not held is not */
    List<String> problems() {
        return problems;
    }

    /** @return e.g. {@code cgroup v1 pids=256 memory=1.4 GiB cpu=1.0}, or empty when no controller is held */
    String describe() {
        if (held.isEmpty()) {
            return "";
        }
        Set<Integer> versions = new TreeSet<>();
        held.values().forEach(p -> versions.add(p.version()));
        List<String> parts = new ArrayList<>();
        for (Controller c : held.keySet()) {
            parts.add(switch (c) {
                case PIDS -> "pids=" + caps.processes();
                case MEMORY -> "memory=" + Sandbox.Caps.size(caps.memoryBytes());
                case CPU -> "cpu=" + caps.cpus();
            });
        }
        return "cgroup v" + versions.stream().map(String::valueOf).reduce((a, b) -> a + "+v" + b).orElseThrow()
                + " " + String.join(" ", parts);
    }

    /**
     * Reads the kernel's counters, so a status can name the limit a worker ran into (read before {@link #remove()}).
     *
     * @return e.g. {@code process limit (256) reached; memory limit (1.4 GiB): killed}, or empty when none was hit
     */
    Optional<String> breaches() {
        Set<String> found = new LinkedHashSet<>();
        for (Place place : held.values()) {
            Path dir = place.ownGroup().resolve(name);
            switch (place.controller()) {
                case PIDS -> {
                    if (counter(dir.resolve("pids.events"), "max") > 0) {
                        found.add("process limit (" + caps.processes() + ") reached");
                    }
                }
                case MEMORY -> {
                    Path events = dir.resolve(place.version() == 1 ? "memory.oom_control" : "memory.events");
                    if (counter(events, "oom_kill") > 0) {
                        found.add("memory limit (" + Sandbox.Caps.size(caps.memoryBytes()) + ")");
                    }
                }
                case CPU -> { }
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", found));
    }

    /** @return the value of {@code key} in a flat-keyed cgroup file ({@code key value} lines), 0 when absent */
    private static long counter(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.strip().split("\\s+");
                if (f.length == 2 && f[0].equals(key)) {
                    return Long.parseLong(f[1]);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // no such counter on this kernel
        }
        return 0;
    }

    /**
     * Kills whatever is still in the group (nothing, normally: the sandbox's PID namespace ends with its first
     * process) and removes its folders.
     *
     * @return true when every folder is gone
     */
    boolean remove() {
        boolean all = true;
        for (Path dir : dirs) {
            all &= removeDir(dir);
        }
        return all;
    }

    private static boolean removeDir(Path dir) {
        for (int attempt = 0; attempt < 500; attempt++) {
            if (!Files.exists(dir)) {
                return true;
            }
            try {
                Path kill = dir.resolve("cgroup.kill");
                if (Files.exists(kill)) {
                    Files.writeString(kill, "1", StandardOpenOption.WRITE);
                } else if (Files.exists(dir.resolve("cgroup.procs"))) {
                    for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                        if (!pid.isBlank()) {
                            ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
                        }
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // the last tasks are exiting on their own
            }
            try {
                Files.delete(dir); // rmdir: the kernel's control files go with it
                return true;
            } catch (IOException busy) {
                try {
                    Thread.sleep(2); // tasks still exiting
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }
}
