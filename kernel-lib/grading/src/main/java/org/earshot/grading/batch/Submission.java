package org.earshot.grading.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.grading.Release;
import org.earshot.exercises.Exercise;

/**
 * One student's submission for one lesson, read from {@code SUBMISSIONS/<student>/*.ipynb}: the graded cells (those
 * whose metadata names an exercise, in notebook order), or the reason there are none to grade.
 *
 * @param student  the folder's name
 * @param lesson   the lesson graded
 * @param notebook the notebook read (null when none fitted)
 * @param cells    its graded cells
 * @param problem  empty, or why nothing can be graded ({@code invalid notebook: …}, {@code wrong lesson: …})
 */
public record Submission(String student, String lesson, Path notebook, List<WorkerRequest.Cell> cells,
                         String problem) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Submission {
        cells = List.copyOf(cells);
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
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(studentDir)) {
            notebooks = files.filter(p -> p.getFileName().toString().endsWith(".ipynb") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            return failed(student, lesson, "unreadable folder: " + e.getMessage());
        }
        if (notebooks.isEmpty()) {
            return failed(student, lesson, "no notebook (.ipynb) in the folder");
        }
        List<String> problems = new ArrayList<>();
        for (Path nb : notebooks) {
            Map<String, List<WorkerRequest.Cell>> byLesson;
            try {
                byLesson = gradedCells(JSON.readTree(nb.toFile()), exercises);
            } catch (IOException | RuntimeException e) {
                problems.add("invalid notebook: " + nb.getFileName() + ": " + GradeWorker.oneLine(firstLine(e)));
                continue;
            }
            if (byLesson.containsKey(lesson)) {
                return new Submission(student, lesson, nb, byLesson.get(lesson), "");
            }
            problems.add(byLesson.isEmpty() ? "no graded cells in " + nb.getFileName()
                    : "wrong lesson: " + nb.getFileName() + " holds " + byLesson.keySet().stream()
                    .map(l -> l.startsWith("exercises ") ? l : "exercises of " + l).collect(Collectors.joining(" and "))
                    + ", not of " + lesson);
        }
        return failed(student, lesson, problems.get(0));
    }

    /** @return the lesson most of a notebook's graded cells belong to, if any */
    public static Optional<String> lessonOf(Path notebook, Map<String, Exercise<?, ?>> exercises) {
        try {
            return gradedCells(JSON.readTree(notebook.toFile()), exercises).entrySet().stream()
                    .filter(e -> exercises.values().stream().anyMatch(x -> x.lesson().equals(e.getKey())))
                    .max(Map.Entry.comparingByValue(java.util.Comparator.comparingInt(List::size)))
                    .map(Map.Entry::getKey);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Map<String, List<WorkerRequest.Cell>> gradedCells(JsonNode nb, Map<String, Exercise<?, ?>> exercises)
            throws IOException {
        if (!nb.isObject() || !nb.path("cells").isArray()) {
            throw new IOException("not a Jupyter notebook (no \"cells\" list)");
        }
        Map<String, List<WorkerRequest.Cell>> out = new LinkedHashMap<>();
        for (JsonNode cell : nb.get("cells")) {
            Optional<String> id = Release.exerciseOf(cell);
            if (id.isEmpty() || !"code".equals(cell.path("cell_type").asText())) {
                continue;
            }
            // an exercise the kit does not know: the notebook is of a lesson not graded here
            String lesson = exercises.containsKey(id.get()) ? exercises.get(id.get()).lesson()
                    : "exercises the kit does not know (" + id.get() + " …)";
            out.computeIfAbsent(lesson, l -> new ArrayList<>())
                    .add(new WorkerRequest.Cell(id.get(), Release.text(cell.path("source"))));
        }
        return out;
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static Submission failed(String student, String lesson, String problem) {
        return new Submission(student, lesson, null, List.of(), problem);
    }
}
