package org.earshot.grading.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The class files of a grade output folder, made from its students' results, and the merge of the parts of a sharded
 * run into the folder one unsharded run would have written.
 *
 * <p>Everything written is a function of the per-student results alone (no clock, no host, fields in a fixed order),
 * so the same results give the same bytes: {@code OUT/gradebook.csv}, {@code OUT/results.json},
 * {@code OUT/item-analysis.csv} and {@code OUT/item-analysis.png}. A merge copies each student's folder from their
 * part as it is and rebuilds the class files over the whole roster, so its output equals, file for file and byte for
 * byte, the unsharded run's over the same results (the per-student {@code seconds} is the one field that measures a
 * run, not a submission: an unsharded regrade would measure it again).
 */
public final class ClassOutput {

    /** {@code OUT/results.json}: the lesson and every student's result, in roster order. */
    public record ClassResults(String lesson, List<StudentResult> students) {
        public ClassResults {
            students = List.copyOf(students);
        }
    }

    /** What a merge did. */
    public record Merged(String lesson, int parts, int students, Path gradebook) {
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ClassOutput() {
    }

    /**
     * Writes the class files, each to a temporary file moved into place.
     *
     * @param out       the output folder (exists)
     * @param lesson    the lesson graded
     * @param exercises its exercise ids, in column order
     * @param results   one per student, in row order
     * @return the gradebook's path
     */
    public static Path write(Path out, String lesson, List<String> exercises, List<StudentResult> results)
            throws IOException {
        Path gradebook = out.resolve(ClassGrader.CLASS_FILES.get(0));
        ClassGrader.writeAtomically(gradebook, Gradebook.csvOf(results, exercises));
        ClassGrader.writeAtomically(out.resolve(ClassGrader.CLASS_FILES.get(1)),
                JSON.writeValueAsString(new ClassResults(lesson, results)));
        ItemAnalysis items = ItemAnalysis.of(results);
        ClassGrader.writeAtomically(out.resolve(ClassGrader.CLASS_FILES.get(2)), items.csv());
        ClassGrader.writeAtomically(out.resolve(ClassGrader.CLASS_FILES.get(3)), items.chartPng());
        return gradebook;
    }

    /** @return the manifest of a part's output folder */
    static ShardManifest readManifest(Path part) throws IOException {
        Path file = part.resolve(ShardManifest.FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(part + ": no " + ShardManifest.FILE + " (not the output of earshot grade --shard K/N)");
        }
        try {
            return JSON.readValue(file.toFile(), ShardManifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": unreadable (" + GradeWorker.oneLine(e.getMessage()) + ")");
        }
    }

    /**
     * Merges the parts of a sharded run into one output folder equal to an unsharded run's. Refuses, with a one-line
     * message and before writing anything, parts that do not make one class: another lesson, exercise set, roster or
     * part count; a part twice or a part missing; a student in two parts; a student of a part with no result (the
     * part did not finish).
     *
     * @param parts the output folders of {@code grade --shard 1/N} … {@code N/N}, in any order
     * @param out   the merged output folder: absent or empty (created)
     * @return what was merged
     * @throws IOException saying what does not fit, naming the folders
     */
    public static Merged merge(List<Path> parts, Path out) throws IOException {
        if (parts.isEmpty()) {
            throw new IOException("nothing to merge: name the output folders of grade --shard 1/N … N/N");
        }
        List<ShardManifest> manifests = new ArrayList<>();
        for (Path p : parts) {
            manifests.add(readManifest(p));
        }
        ShardManifest first = manifests.get(0);
        int count = first.part().count();
        Map<Integer, Path> byIndex = new HashMap<>();
        Map<String, Path> owner = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            ShardManifest m = manifests.get(i);
            Path p = parts.get(i);
            if (!m.lesson().equals(first.lesson())) {
                throw new IOException(p + ": lesson " + m.lesson() + ", but " + parts.get(0) + " graded " + first.lesson());
            }
            if (!m.exercises().equals(first.exercises())) {
                throw new IOException(p + ": exercises " + m.exercises() + " differ from " + parts.get(0) + "'s "
                        + first.exercises() + " (graded with another kit?)");
            }
            if (m.part().count() != count) {
                throw new IOException(p + ": part " + m.shard() + ", but " + parts.get(0) + " is part " + first.shard());
            }
            if (!m.roster().equals(first.roster())) {
                throw new IOException(p + ": saw another class than " + parts.get(0) + " (" + rosterDifference(m, first)
                        + "): grade every part from the same SUBMISSIONS");
            }
            Path twice = byIndex.putIfAbsent(m.part().index(), p);
            if (twice != null) {
                throw new IOException(p + " and " + twice + " are both part " + m.shard());
            }
            for (String s : m.students()) {
                Path other = owner.putIfAbsent(s, p);
                if (other != null) {
                    throw new IOException("student " + s + " is in both " + other + " and " + p);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            if (!byIndex.containsKey(k)) {
                missing.add(k + "/" + count);
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("part " + String.join(", ", missing) + " missing: merge needs all " + count + " parts");
        }
        List<StudentResult> results = new ArrayList<>();
        for (String s : first.roster()) {
            Path p = owner.get(s);
            if (p == null) {
                throw new IOException("student " + s + " is in no part's list (the parts were made by another kit?)");
            }
            Optional<StudentResult> r = ClassGrader.readResult(p, s);
            if (r.isEmpty() || !r.get().lesson().equals(first.lesson())) {
                throw new IOException(p + ": no result for " + s + " (the part did not finish: rerun it, it resumes)");
            }
            results.add(r.get());
        }
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> in = Files.list(out)) {
                if (in.findAny().isPresent()) {
                    throw new IOException(out + ": not empty; merge writes into a new or empty folder");
                }
            }
        }
        Files.createDirectories(out);
        for (String s : first.roster()) {
            String folder = ClassGrader.outputFolder(s);
            copyTree(owner.get(s).resolve(folder), out.resolve(folder));
        }
        Path gradebook = write(out, first.lesson(), first.exercises(), results);
        return new Merged(first.lesson(), count, results.size(), gradebook);
    }

    private static String rosterDifference(ShardManifest a, ShardManifest b) {
        TreeSet<String> onlyA = new TreeSet<>(a.roster());
        b.roster().forEach(onlyA::remove);
        TreeSet<String> onlyB = new TreeSet<>(b.roster());
        a.roster().forEach(onlyB::remove);
        if (onlyA.isEmpty() && onlyB.isEmpty()) {
            return "the same students in another order";
        }
        return (onlyA.isEmpty() ? "" : "it has " + onlyA.first() + (onlyA.size() > 1 ? " and " + (onlyA.size() - 1)
                + " more" : "")) + (onlyA.isEmpty() || onlyB.isEmpty() ? "" : ", ")
                + (onlyB.isEmpty() ? "" : "it lacks " + onlyB.first() + (onlyB.size() > 1 ? " and "
                + (onlyB.size() - 1) + " more" : ""));
    }

    /** Copies a student's output folder: regular files and folders only, never following a link. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && !p.getFileName().toString().endsWith(".tmp")) {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }
}
