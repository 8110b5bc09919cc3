package org.earshot.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.earshot.exercises.Check;

/**
 * Makes the student version of a solution notebook (single source: {@code solutions/} → {@code exercises/}).
 *
 * <p>In every code cell whose metadata names an exercise ({@code {"earshot": {"exercise": id, "points": n}}}), the
 * lines from {@code // BEGIN SOLUTION} to {@code // END SOLUTION} are replaced, at the same indentation, by
 * <pre>// TODO exercise ID: write your answer here
 *throw new UnsupportedOperationException("exercise ID: not answered yet");</pre>
 * which compiles in any method body and makes every check of that exercise report "not answered yet"
 * ({@link Check#isNotAnswered}) until the student answers. Every
 * cell's outputs and execution count are cleared; metadata is kept.
 */
public final class Release {

    public static final String BEGIN = "// BEGIN SOLUTION";
    public static final String END = "// END SOLUTION";

    private Release() {
    }

    /** The longest stub line written on one line (nbconvert's HTML clips code lines beyond about 100 characters). */
    static final int MAX_LINE = 100;

    /**
     * @param solution a solution notebook (nbformat 4)
     * @return the student version (a new tree)
     * @throws IllegalArgumentException when a graded cell has unbalanced markers, or no marker at all (the message
     *                                  names the cell)
     */
    public static ObjectNode release(JsonNode solution) {
        ObjectNode nb = solution.deepCopy();
        ArrayNode cells = (ArrayNode) nb.path("cells");
        for (int i = 0; i < cells.size(); i++) {
            ObjectNode cell = (ObjectNode) cells.get(i);
            if (!"code".equals(cell.path("cell_type").asText())) {
                continue;
            }
            cell.set("outputs", cell.arrayNode());
            cell.putNull("execution_count");
            Optional<String> exercise = exerciseOf(cell);
            if (exercise.isPresent()) {
                String source = text(cell.path("source"));
                cell.put("source", stub(source, exercise.get(), i + 1));
            }
        }
        return nb;
    }

    /**
     * Points are declared once, with the exercise; a solutions notebook's cell metadata repeats them for readers of
     * the file, and must agree.
     *
     * @param solution a solutions notebook
     * @param lesson   its name without extension, e.g. {@code "21.1-signal"}
     * @param declared every exercise of the kit, by id
     * @return one line per disagreement (an unknown exercise, one of another lesson, other points, a declared
     *         exercise with no graded cell); empty when they agree
     */
    public static List<String> metadataProblems(JsonNode solution, String lesson,
                                                java.util.Map<String, org.earshot.exercises.Exercise<?, ?>> declared) {
        List<String> problems = new ArrayList<>();
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        JsonNode cells = solution.path("cells");
        for (int i = 0; i < cells.size(); i++) {
            Optional<String> id = exerciseOf(cells.get(i));
            if (id.isEmpty()) {
                continue;
            }
            String where = "cell " + (i + 1) + " (" + id.get() + ")";
            org.earshot.exercises.Exercise<?, ?> e = declared.get(id.get());
            if (e == null) {
                problems.add(where + ": no section declares this exercise");
                continue;
            }
            seen.add(e.id());
            if (!e.lesson().equals(lesson)) {
                problems.add(where + ": declared for lesson " + e.lesson() + ", not " + lesson);
            }
            JsonNode points = cells.get(i).path("metadata").path("earshot").path("points");
            if (!points.isMissingNode() && (!points.isNumber() || points.asDouble() != e.points())) {
                problems.add(where + ": metadata says " + points + " points, the exercise is declared with "
                        + e.points() + " (points are set once, in the exercise's declaration)");
            }
        }
        declared.values().stream().filter(e -> e.lesson().equals(lesson) && !seen.contains(e.id()))
                .forEach(e -> problems.add(e.id() + ": declared for this lesson but no cell is graded for it"));
        return problems;
    }

    /** @return the exercise id a cell is graded for, if any */
    public static Optional<String> exerciseOf(JsonNode cell) {
        JsonNode id = cell.path("metadata").path("earshot").path("exercise");
        return id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
    }

    static String stub(String source, String exercise, int cellNumber) {
        List<String> out = new ArrayList<>();
        boolean inside = false;
        int blocks = 0;
        for (String line : source.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.equals(BEGIN)) {
                if (inside) {
                    throw new IllegalArgumentException("cell " + cellNumber + " (" + exercise + "): " + BEGIN + " inside another");
                }
                inside = true;
                String indent = line.substring(0, line.indexOf('/'));
                out.add(indent + "// TODO exercise " + exercise + ": write your answer here");
                String stub = indent + "throw new UnsupportedOperationException(\"exercise " + exercise + ": "
                        + Check.NOT_ANSWERED + "\");";
                if (stub.length() > MAX_LINE) { // an HTML export clips longer lines: the message on a line of its own
                    out.add(indent + "throw new UnsupportedOperationException(");
                    out.add(indent + "        \"exercise " + exercise + ": " + Check.NOT_ANSWERED + "\");");
                } else {
                    out.add(stub);
                }
                blocks++;
            } else if (trimmed.equals(END)) {
                if (!inside) {
                    throw new IllegalArgumentException("cell " + cellNumber + " (" + exercise + "): " + END + " without " + BEGIN);
                }
                inside = false;
            } else if (!inside) {
                out.add(line);
            }
        }
        if (inside) {
            throw new IllegalArgumentException("cell " + cellNumber + " (" + exercise + "): " + BEGIN + " is never closed");
        }
        if (blocks == 0) {
            throw new IllegalArgumentException("cell " + cellNumber + " is graded for " + exercise + " but has no " + BEGIN);
        }
        return String.join("\n", out);
    }

    /** @return a notebook string field as text: Jupyter stores multi-line strings as a list of lines, or as one */
    public static String text(JsonNode node) {
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder();
            node.forEach(line -> sb.append(line.asText()));
            return sb.toString();
        }
        return node.asText();
    }
}
