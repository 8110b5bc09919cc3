package org.earshot.classroom;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.grading.batch.ClassGrader;

/**
 * The course's file workflow on one machine, around {@code ./earshot grade} (nbgrader's release, collect and
 * return, with the students' homes as the exchange):
 * <ul>
 *   <li>{@link #release}: {@code exercises/<lesson>.ipynb} of the kit into {@code ~student/exercises/}, owned by
 *       the student; a notebook already there is the student's work and is never overwritten;</li>
 *   <li>{@link #collect}: {@code ~student/exercises/<lesson>.ipynb} into {@code SUBMISSIONS/<student>/<lesson>.ipynb}
 *       (the layout {@code ./earshot grade} reads) with {@code timestamp.txt} (when the student last saved it) and a
 *       row of {@code SUBMISSIONS/collect.csv} (status, time, late against the due time, SHA-256);</li>
 *   <li>{@link #giveBack}: {@code OUT/<student>/report.html} of a grading run into
 *       {@code ~student/feedback/<lesson>/report.html}.</li>
 * </ul>
 * Runs as root in homes the students control, so it never follows a link a student left there, reads only regular
 * files of bounded size and writes by create-new then rename. A student whose notebook is missing, a link or broken
 * gets a status line saying so; the others go on.
 */
public final class Course {

    /** The folder in each home that holds the released exercises. */
    public static final String EXERCISES = "exercises";
    /** The folder in each home that receives the reports. */
    public static final String FEEDBACK = "feedback";
    /** Notebooks larger than this are not collected (a notebook of these lessons is well under 1 MB). */
    static final long MAX_NOTEBOOK_BYTES = 50L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Course() {
    }

    /** One student's outcome of a step: {@code ok} or not, and in words what happened. */
    public record Status(String student, boolean ok, String detail) {
        @Override
        public String toString() {
            return String.format("  %-20s %s %s", student, ok ? "ok  " : "NOT ", detail);
        }
    }

    /** A collected (or not) submission, as one row of {@code collect.csv}. */
    public record Collected(String student, String lesson, String status, Optional<Instant> savedAt, boolean late,
                            String sha256, String detail) {
        boolean ok() {
            return status.equals("collected");
        }
    }

    /** @return the kit's exercise notebook of a lesson, or an error naming the lessons that have one */
    public static Path exerciseNotebook(Path home, String lesson) throws IOException {
        Path nb = home.resolve(EXERCISES).resolve(lesson + ".ipynb");
        if (!Files.isRegularFile(nb)) {
            List<String> known = new ArrayList<>();
            try (var s = Files.list(home.resolve(EXERCISES))) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ipynb"))
                        .map(n -> n.substring(0, n.length() - 6)).sorted().forEach(known::add);
            }
            throw new IOException(nb + ": no such exercise notebook; lessons with exercises: " + String.join(", ", known));
        }
        return nb;
    }

    /** Copies the lesson's exercise notebook into every student's {@code ~/exercises/}, never over their work. */
    public static List<Status> release(Path home, String lesson, List<String> students) throws IOException {
        byte[] notebook = Files.readAllBytes(exerciseNotebook(home, lesson));
        List<Status> out = new ArrayList<>();
        for (String student : students) {
            try {
                Accounts.Account a = account(student);
                Path dir = studentFolder(a, EXERCISES);
                Path dest = dir.resolve(lesson + ".ipynb");
                if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(new Status(student, true, "kept: " + rel(a, dest) + " is already there (their work)"));
                    continue;
                }
                writeOwned(a, dest, notebook, false);
                out.add(new Status(student, true, "released " + rel(a, dest)));
            } catch (IOException e) {
                out.add(new Status(student, false, e.getMessage()));
            }
        }
        return out;
    }

    /**
     * Copies each student's notebook into {@code submissions/<student>/<lesson>.ipynb}; writes {@code timestamp.txt}
     * beside it and {@code submissions/collect.csv}. A student with no usable notebook gets an empty folder (so the
     * grader's gradebook lists them, with its "no notebook" status) and a row saying why.
     *
     * @param due the due time; a notebook last saved after it is late
     */
    public static List<Collected> collect(String lesson, List<String> students, Path submissions, Optional<Instant> due)
            throws IOException {
        Files.createDirectories(submissions);
        List<Collected> out = new ArrayList<>();
        for (String student : students) {
            out.add(collectOne(lesson, student, submissions, due));
        }
        StringBuilder csv = new StringBuilder("student,lesson,status,saved_at,late,sha256,detail\n");
        for (Collected c : out) {
            csv.append(String.join(",", c.student(), c.lesson(), c.status(),
                    c.savedAt().map(Instant::toString).orElse(""), String.valueOf(c.late()), c.sha256(),
                    '"' + c.detail().replace("\"", "'") + '"')).append('\n');
        }
        replace(submissions.resolve("collect.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static Collected collectOne(String lesson, String student, Path submissions, Optional<Instant> due) {
        String name = lesson + ".ipynb";
        try {
            Path folder = submissions.resolve(student);
            Files.createDirectories(folder);
            Files.deleteIfExists(folder.resolve(name));
            Files.deleteIfExists(folder.resolve("timestamp.txt"));
            Accounts.Account a = account(student);
            Path src = a.home().resolve(EXERCISES).resolve(name);
            String where = "~" + student + "/" + EXERCISES + "/" + name;
            if (Files.isSymbolicLink(a.home().resolve(EXERCISES))) {
                return missing(student, lesson, "link", "~" + student + "/" + EXERCISES + " is a link: not followed");
            }
            if (!Files.exists(src, LinkOption.NOFOLLOW_LINKS)) {
                return missing(student, lesson, "missing", where + " is not there (deleted, renamed or never released)");
            }
            if (Files.isSymbolicLink(src) || !Files.isRegularFile(src, LinkOption.NOFOLLOW_LINKS)) {
                return missing(student, lesson, "link", where + " is a link or not a plain file: not read");
            }
            if (Files.size(src) > MAX_NOTEBOOK_BYTES) {
                return missing(student, lesson, "too-large", where + " is larger than 50 MB: not collected");
            }
            Instant saved = Files.getLastModifiedTime(src, LinkOption.NOFOLLOW_LINKS).toInstant();
            byte[] bytes;
            try (InputStream in = Files.newInputStream(src, LinkOption.NOFOLLOW_LINKS)) {
                bytes = in.readNBytes((int) MAX_NOTEBOOK_BYTES + 1);
            }
            boolean late = due.isPresent() && saved.isAfter(due.get());
            String hash = sha256(bytes);
            Path dest = folder.resolve(name);
            replace(dest, bytes);
            Files.setLastModifiedTime(dest, FileTime.from(saved));
            replace(folder.resolve("timestamp.txt"), (saved + "\n").getBytes(StandardCharsets.UTF_8));
            Optional<String> broken = brokenNotebook(bytes);
            if (broken.isPresent()) {  // collected all the same: the grader records it as not a notebook
                return new Collected(student, lesson, "broken", Optional.of(saved), late, hash,
                        where + " is not a notebook (" + broken.get() + "); copied for the record, it will not grade");
            }
            return new Collected(student, lesson, "collected", Optional.of(saved), late, hash,
                    "saved " + saved + (late ? ", LATE (due " + due.get() + ")" : ""));
        } catch (IOException | RuntimeException e) {
            return missing(student, lesson, "error", e.getMessage());
        }
    }

    private static Collected missing(String student, String lesson, String status, String detail) {
        return new Collected(student, lesson, status, Optional.empty(), false, "", detail);
    }

    static Optional<String> brokenNotebook(byte[] bytes) {
        try {
            JsonNode nb = JSON.readTree(bytes);
            if (nb == null || !nb.isObject() || !nb.path("cells").isArray()) {
                return Optional.of("no list of cells");
            }
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String what = e.getOriginalMessage().split(" \\(|\n|:", 2)[0];
            return Optional.of("invalid JSON: " + what + (e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            return Optional.of("unreadable: " + e.getMessage());
        }
    }

    /** Copies each student's report of a grading run ({@code gradeOut}) into {@code ~/feedback/<lesson>/}. */
    public static List<Status> giveBack(String lesson, List<String> students, Path gradeOut) throws IOException {
        if (!Files.isDirectory(gradeOut)) {
            throw new IOException(gradeOut + ": not a grading output folder (./earshot grade SUBMISSIONS --out OUT)");
        }
        List<Status> out = new ArrayList<>();
        for (String student : students) {
            try {
                Path report = gradeOut.resolve(ClassGrader.outputFolder(student)).resolve("report.html");
                if (!Files.isRegularFile(report, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(new Status(student, false, "no report in " + report.getParent() + " (not collected or not graded)"));
                    continue;
                }
                Accounts.Account a = account(student);
                Path dir = studentFolder(a, FEEDBACK + "/" + lesson);
                Path dest = dir.resolve("report.html");
                writeOwned(a, dest, Files.readAllBytes(report), true);
                out.add(new Status(student, true, "returned " + rel(a, dest)));
            } catch (IOException e) {
                out.add(new Status(student, false, e.getMessage()));
            }
        }
        return out;
    }

    private static Accounts.Account account(String student) throws IOException {
        return Accounts.lookup(student).orElseThrow(() -> new IOException("no account '" + student + "' on this machine"));
    }

    /** The folder under the student's home, made (owned by them) where missing; never through a link. */
    private static Path studentFolder(Accounts.Account a, String relative) throws IOException {
        Path dir = a.home();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + ": the home folder is missing");
        }
        for (String part : relative.split("/")) {
            dir = dir.resolve(part);
            if (Files.isSymbolicLink(dir)) {
                throw new IOException(rel(a, dir) + " is a link: not followed");
            }
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(dir);
                own(a, dir);
            } else if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(rel(a, dir) + " is a file, not a folder");
            }
        }
        return dir;
    }

    /** Writes a new file beside {@code dest} (create-new, so never through a link), owns it, renames it in place. */
    private static void writeOwned(Accounts.Account a, Path dest, byte[] bytes, boolean overwrite) throws IOException {
        Path tmp = dest.resolveSibling("." + dest.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try (OutputStream o = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            o.write(bytes);
        }
        own(a, tmp);
        try {
            if (overwrite) {
                Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(rel(a, dest) + " appeared meanwhile: kept");
            } else {
                Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void own(Accounts.Account a, Path p) throws IOException {
        Files.setAttribute(p, "unix:uid", a.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", a.gid(), LinkOption.NOFOLLOW_LINKS);
    }

    /** Replaces a file of the instructor's (outside the students' homes) atomically. */
    private static void replace(Path dest, byte[] bytes) throws IOException {
        Path tmp = dest.resolveSibling("." + dest.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW);
        try {
            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String rel(Accounts.Account a, Path p) {
        return "~" + a.username() + "/" + a.home().relativize(p);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
