package org.earshot.grading.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.earshot.exercises.Exercise;
import org.earshot.grading.Release;
import org.earshot.io.InputFile;

/**
 * One student's submission for one lesson, read from {@code SUBMISSIONS/<student>/<lesson>.ipynb}: the graded cells
 * (those whose metadata names an exercise, in notebook order), or the reason there are none to grade.
 *
 * <p>Which notebook: the one named after the lesson ({@code 21.1-signal.ipynb}), whatever else the folder holds. Only
 * when there is none is another one graded, and only if it is the one notebook in the folder with cells of the
 * lesson (a browser's {@code 21.1-signal (1).ipynb}); several such notebooks and no {@code <lesson>.ipynb} is a problem
 * that names them. The notebooks not graded that hold cells of the lesson, or that could not be read, are listed in
 * {@link #notes()}, so the gradebook says so instead of a silent choice.
 *
 * <p>What is read: regular files only, opened without following links ({@code O_NOFOLLOW}); a symbolic link (to a
 * classmate's notebook, to {@code solutions/}), a FIFO or a device named {@code *.ipynb}, and a student folder that
 * is itself a link, are a problem or a note, never opened. Of a notebook only the cells' {@code cell_type},
 * {@code metadata} and {@code source} are kept: outputs, attachments and the notebook's own metadata are skipped as
 * the file streams by (so minutes of embedded audio cost time, not memory, and no limit on strings applies to
 * them). Messages name the file, line and column, never the file's contents.
 *
 * @param student  the folder's name
 * @param lesson   the lesson graded
 * @param notebook the notebook read (null when none fitted)
 * @param cells    its graded cells
 * @param problem  empty, or why nothing can be graded ({@code invalid notebook: …}, {@code wrong lesson: …})
 * @param notes    what the folder holds besides the graded notebook that a grader should know, e.g.
 *                 {@code "not graded: 21.1-signal (1).ipynb (it holds 21.1-signal cells too)"}; empty for most
 */
public record Submission(String student, String lesson, Path notebook, List<WorkerRequest.Cell> cells,
                         String problem, List<String> notes) {

    /** The largest notebook read, in bytes: far above a lesson with minutes of embedded audio. */
    public static final long MAX_NOTEBOOK_BYTES = 1L << 30;
    /**
     * The longest string kept from a notebook, in characters: a cell's source or a metadata value (Jackson's default,
     * made explicit; skipped outputs have no limit).
     */
    public static final int MAX_KEPT_STRING = 20_000_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory STREAM = JsonFactory.builder().streamReadConstraints(StreamReadConstraints
            .builder().maxStringLength(MAX_KEPT_STRING).maxDocumentLength(MAX_NOTEBOOK_BYTES).build()).build();

    public Submission {
        cells = List.copyOf(cells);
        notes = List.copyOf(notes);
    }

    /** @return whether there is something to grade */
    public boolean gradable() {
        return problem.isEmpty();
    }

    /**
     * @param studentDir the student's folder
     * @param lesson     the lesson to grade
     * @param exercises  the kit's exercises by id
     * @return the submission, or one that says why it cannot be graded
     */
    public static Submission read(Path studentDir, String lesson, Map<String, Exercise<?, ?>> exercises) {
        String student = studentDir.getFileName().toString();
        if (Files.isSymbolicLink(studentDir)) {
            return failed(student, lesson, "the student's folder is a symbolic link: not read");
        }
        List<Path> entries;
        try (Stream<Path> files = Files.list(studentDir)) {
            entries = files.filter(Submission::isNotebookName).sorted().toList();
        } catch (IOException e) {
            return failed(student, lesson, "unreadable folder: " + e.getClass().getSimpleName());
        }
        if (entries.isEmpty()) {
            return failed(student, lesson, "no notebook (.ipynb) in the folder");
        }
        String expected = lesson + ".ipynb";
        Map<Path, Read> reads = new LinkedHashMap<>();
        entries.forEach(nb -> reads.put(nb, Read.of(nb, exercises)));
        Path named = entries.stream().filter(p -> p.getFileName().toString().equals(expected)).findFirst().orElse(null);
        List<Path> holding = entries.stream().filter(p -> reads.get(p).holds(lesson)).toList();
        Path chosen = named != null ? named : holding.size() == 1 ? holding.get(0) : null;
        if (chosen == null && holding.size() > 1) {
            return failed(student, lesson, "no " + expected + ", and " + holding.size() + " notebooks hold its cells ("
                    + names(holding) + "): name the one to grade " + expected);
        }
        if (chosen == null) {
            return failed(student, lesson, reads.values().stream().map(r -> r.problem(lesson)).findFirst().orElseThrow());
        }
        List<String> notes = new ArrayList<>();
        if (named == null) {
            notes.add("graded " + chosen.getFileName() + ": there is no " + expected);
        }
        for (Path other : entries) {
            Read r = reads.get(other);
            if (other.equals(chosen)) {
                continue;
            }
            if (r.holds(lesson)) {
                notes.add("not graded: " + other.getFileName() + " (it holds " + lesson + " cells too)");
            } else if (!r.error().isEmpty()) {
                notes.add("not graded: " + r.error());
            }
        }
        Read graded = reads.get(chosen);
        if (!graded.holds(lesson)) {
            return new Submission(student, lesson, null, List.of(), graded.problem(lesson), notes);
        }
        return new Submission(student, lesson, chosen, graded.byLesson().get(lesson), "", notes);
    }

    /** @return the lesson most of a notebook's graded cells belong to, if any (a link or non-file has none) */
    public static Optional<String> lessonOf(Path notebook, Map<String, Exercise<?, ?>> exercises) {
        return Read.of(notebook, exercises).byLesson().entrySet().stream()
                .filter(e -> exercises.values().stream().anyMatch(x -> x.lesson().equals(e.getKey())))
                .max(Map.Entry.comparingByValue(java.util.Comparator.comparingInt(List::size)))
                .map(Map.Entry::getKey);
    }

    /** @return whether a folder entry is a notebook by name (hidden files, such as macOS's {@code ._x.ipynb}, are not) */
    static boolean isNotebookName(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith(".") && name.toLowerCase(Locale.ROOT).endsWith(".ipynb");
    }

    private static String names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "));
    }

    /**
     * What one folder entry named {@code *.ipynb} holds.
     *
     * @param file     the entry
     * @param byLesson its graded cells by lesson (empty when it could not be read)
     * @param error    empty, or why it could not be read, starting with its name
     */
    private record Read(Path file, Map<String, List<WorkerRequest.Cell>> byLesson, String error) {

        static Read of(Path nb, Map<String, Exercise<?, ?>> exercises) {
            String name = nb.getFileName().toString();
            Optional<String> notFile = InputFile.problem(nb, LinkOption.NOFOLLOW_LINKS);
            if (notFile.isPresent()) {
                return new Read(nb, Map.of(), name + " " + notFile.get() + ": not read");
            }
            try {
                return new Read(nb, gradedCells(nb, exercises), "");
            } catch (java.nio.file.FileSystemException e) { // replaced by a link or removed since it was listed
                return new Read(nb, Map.of(), name + " cannot be opened (" + (e.getReason() == null
                        ? e.getClass().getSimpleName() : e.getReason()) + "): not read");
            } catch (IOException e) {
                return new Read(nb, Map.of(), "invalid notebook: " + name + ": " + e.getMessage());
            }
        }

        boolean holds(String lesson) {
            return byLesson.containsKey(lesson);
        }

        /** @return why this entry gives nothing to grade for the lesson */
        String problem(String lesson) {
            if (!error.isEmpty()) {
                return error;
            }
            String name = file.getFileName().toString();
            return byLesson.isEmpty() ? "no graded cells in " + name
                    : "wrong lesson: " + name + " holds " + byLesson.keySet().stream()
                    .map(l -> l.startsWith("exercises ") ? l : "exercises of " + l).collect(Collectors.joining(" and "))
                    + ", not of " + lesson;
        }
    }

    /**
     * Streams a notebook and keeps its graded code cells.
     *
     * @throws IOException a one-line reason that names a place in the file, never its contents
     */
    private static Map<String, List<WorkerRequest.Cell>> gradedCells(Path nb, Map<String, Exercise<?, ?>> exercises)
            throws IOException {
        BasicFileAttributes a = Files.readAttributes(nb, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.size() > MAX_NOTEBOOK_BYTES) {
            throw new IOException(InputFile.bytes(a.size()) + ", more than the " + InputFile.bytes(MAX_NOTEBOOK_BYTES)
                    + " a notebook may be");
        }
        if (a.size() == 0) {
            throw new IOException("empty file");
        }
        Map<String, List<WorkerRequest.Cell>> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(nb, LinkOption.NOFOLLOW_LINKS);
             JsonParser p = STREAM.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a Jupyter notebook (not a JSON object)");
            }
            boolean cells = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("cells") && value == JsonToken.START_ARRAY) {
                    cells = true;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken() == JsonToken.START_OBJECT) {
                            keep(readCell(p), exercises, out);
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren(); // the notebook's metadata (widget state can be large), nbformat, …
                }
            }
            if (p.nextToken() != null) {
                throw new IOException("not a Jupyter notebook (more after the JSON object, line "
                        + p.currentLocation().getLineNr() + ")");
            }
            if (!cells) {
                throw new IOException("not a Jupyter notebook (no \"cells\" list)");
            }
        } catch (StreamConstraintsException e) {
            JsonLocation at = e.getLocation();
            throw new IOException("a string or document over the limits (" + MAX_KEPT_STRING + " characters in a cell's"
                    + " source or metadata, " + InputFile.bytes(MAX_NOTEBOOK_BYTES) + " in all)" + where(at));
        } catch (JsonProcessingException e) {
            throw new IOException("not valid JSON" + where(e.getLocation()));
        }
        return out;
    }

    /** @return a cell with only what grading needs: outputs and attachments are skipped unread */
    private static ObjectNode readCell(JsonParser p) throws IOException {
        ObjectNode cell = JSON.createObjectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "cell_type", "metadata", "source" -> cell.set(field, JSON.readTree(p));
                default -> p.skipChildren();
            }
        }
        return cell;
    }

    private static void keep(ObjectNode cell, Map<String, Exercise<?, ?>> exercises,
                             Map<String, List<WorkerRequest.Cell>> out) {
        Optional<String> id = Release.exerciseOf(cell);
        if (id.isEmpty() || !"code".equals(cell.path("cell_type").asText())) {
            return;
        }
        // an exercise the kit does not know: the notebook is of a lesson not graded here
        String lesson = exercises.containsKey(id.get()) ? exercises.get(id.get()).lesson()
                : "exercises the kit does not know (" + shortId(id.get()) + " …)";
        out.computeIfAbsent(lesson, l -> new ArrayList<>())
                .add(new WorkerRequest.Cell(id.get(), Release.text(cell.path("source"))));
    }

    /** @return an exercise id from the student's metadata, on one line and at most 60 characters */
    private static String shortId(String id) {
        String flat = id.replaceAll("\\s+", " ").strip();
        return flat.length() > 60 ? flat.substring(0, 59) + "…" : flat;
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static Submission failed(String student, String lesson, String problem) {
        return new Submission(student, lesson, null, List.of(), problem, List.of());
    }
}
