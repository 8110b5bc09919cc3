package org.earshot.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.grading.Release;

/** Reading {@code .ipynb} files (nbformat 4): validation and the first failing cell. */
final class Notebooks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 240;
    /** How {@link org.earshot.exercises.CheckReport} marks its HTML, and a report with a failed case. */
    private static final String CHECK_CLASS = "class=\"earshot-check\"";
    private static final String CHECK_FAILED = "✘";
    /**
     * A whole line that is {@code Object.toString()} of a value without one of its own: a class name (JShell's
     * {@code REPL.$JShell$12$Foo} and lambdas' {@code …$$Lambda$7/0x…} included) or an array type ({@code [D},
     * {@code [Ljava.lang.String;}), {@code @} and the hash code in hex. What a cell shows when its last expression
     * is, say, the {@code PrintStream} that {@code printf} returns.
     */
    static final Pattern BARE_TO_STRING = Pattern.compile(
            "(?m)^[ \\t]*((?:[A-Za-z_$][\\w$]*\\.)*[A-Za-z_$][\\w$]*(?:/0x\\p{XDigit}+)?|\\[+(?:[ZBCSIJFD]|L[\\w$.]+;))"
                    + "@\\p{XDigit}{4,}[ \\t]*$");

    /**
     * For a released (student) notebook: the first exercise check that passes any test case, or a cell error.
     *
     * @param executed an executed exercise notebook
     * @return {@code "cell N: the unanswered stub passes a check: …"}, or empty when every check passed nothing
     */
    static Optional<String> firstStubPass(Path executed) throws IOException {
        Optional<String> error = firstErrorOutput(executed);
        if (error.isPresent()) {
            return error;
        }
        JsonNode cells = JSON.readTree(executed.toFile()).path("cells");
        int checks = 0;
        for (int i = 0; i < cells.size(); i++) {
            for (JsonNode output : cells.get(i).path("outputs")) {
                if (!text(output.path("data").path("text/html")).contains(CHECK_CLASS)) {
                    continue;
                }
                checks++;
                String summary = text(output.path("data").path("text/plain")).lines().findFirst().orElse("");
                if (!summary.matches(".*: 0 of \\d+ tests passed.*") && !summary.matches(".*: not answered yet \\(0 of .*")) {
                    return Optional.of("cell " + (i + 1) + " failed: the unanswered stub passes a check: " + summary);
                }
            }
        }
        return checks == 0 ? Optional.of("no exercise check ran") : Optional.empty();
    }

    private static String text(JsonNode node) {
        return Release.text(node);
    }

    private Notebooks() {
    }

    /**
     * @param notebook a file
     * @return why it is not a notebook that can run, or empty when it is one
     */
    static Optional<String> validate(Path notebook) throws IOException {
        if (!Files.isRegularFile(notebook)) {
            return Optional.of("no such file");
        }
        JsonNode root;
        try {
            root = JSON.readTree(notebook.toFile());
        } catch (JsonProcessingException e) {
            return Optional.of("invalid notebook: not valid JSON (line " + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject() || !root.path("cells").isArray()) {
            return Optional.of("invalid notebook: no 'cells' list");
        }
        if (root.path("nbformat").asInt() != 4) {
            return Optional.of("invalid notebook: nbformat " + root.path("nbformat") + ", expected 4");
        }
        return Optional.empty();
    }

    /**
     * @param executed an executed notebook
     * @return {@code "cell N failed: ename: evalue"} for the first cell (numbered from 1 over all cells, as a
     *         reader counts them) with an error output or a failed exercise check, or {@code "cell N prints a bare
     *         Object.toString() (java.io.PrintStream@…): …"} for one that shows a value without a display or a
     *         {@code toString} of its own (see {@link #bareToString}); empty when there is neither
     */
    static Optional<String> firstError(Path executed) throws IOException {
        return firstProblem(executed, true);
    }

    private static Optional<String> firstErrorOutput(Path executed) throws IOException {
        return firstProblem(executed, false);
    }

    /**
     * @param output one output of a code cell
     * @return the class name of a bare {@code Object.toString()} that the output shows as a whole line of its
     *         plain text or stream text (e.g. {@code java.io.PrintStream} for {@code java.io.PrintStream@1b2c3d}),
     *         or empty
     */
    static Optional<String> bareToString(JsonNode output) {
        String shown = "stream".equals(output.path("output_type").asText()) ? text(output.path("text"))
                : text(output.path("data").path("text/plain"));
        Matcher m = BARE_TO_STRING.matcher(shown);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> firstProblem(Path executed, boolean failedChecks) throws IOException {
        JsonNode cells = JSON.readTree(executed.toFile()).path("cells");
        for (int i = 0; i < cells.size(); i++) {
            for (JsonNode output : cells.get(i).path("outputs")) {
                Optional<String> anonymous = bareToString(output);
                if (anonymous.isPresent()) {
                    return Optional.of("cell " + (i + 1) + " prints a bare Object.toString() (" + anonymous.get()
                            + "@…): give the value a display or toString");
                }
                if ("error".equals(output.path("output_type").asText())) {
                    String detail = output.path("evalue").asText().strip();
                    if (detail.isEmpty()) { // e.g. rapaio's compile errors: the message is in the traceback
                        StringBuilder tb = new StringBuilder();
                        output.path("traceback").forEach(line -> tb.append(line.asText()).append(' '));
                        detail = tb.toString();
                    }
                    detail = detail.replaceAll("\u001B\\[[0-9;]*m", "").lines().map(String::strip)
                            .filter(l -> !l.isEmpty()).findFirst().orElse("");
                    detail = detail.replaceAll("\\s+", " ");
                    if (detail.length() > MAX_DETAIL) {
                        detail = detail.substring(0, MAX_DETAIL) + "…";
                    }
                    return Optional.of("cell " + (i + 1) + " failed: " + output.path("ename").asText()
                            + (detail.isEmpty() ? "" : ": " + detail));
                }
                String html = text(output.path("data").path("text/html"));
                if (failedChecks && html.contains(CHECK_CLASS) && html.contains(CHECK_FAILED)) { // a failed check
                    String summary = text(output.path("data").path("text/plain")).lines().findFirst().orElse("");
                    return Optional.of("cell " + (i + 1) + " failed: exercise check: " + summary);
                }
            }
        }
        return Optional.empty();
    }
}
