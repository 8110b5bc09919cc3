package org.earshot.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.grading.Release;

/**
 * Checks of a notebook's source that keep a lesson readable once rendered: its math typesets, its sections are in
 * order and each shows code, and its code lines fit an HTML export. Each check returns every problem it finds, as
 * {@code cell N: what is wrong} with cells numbered from 1 over all cells, as a reader counts them (the same
 * numbering as {@code earshot run}'s failures).
 *
 * <p>The math rules are MathJax's, as Jupyter and {@code nbconvert --to html} typeset a markdown cell:
 * <ul>
 *   <li>{@code $$…$$} (display) and {@code $…$} (inline) must pair up; code spans, fenced code and {@code \$} are
 *       not math;</li>
 *   <li>inside {@code \text{…}} (and {@code \textrm}, {@code \mbox} …) MathJax typesets the braces' content as
 *       plain text, so {@code \_} shows its backslash: write {@code \mathrm{top\_db}}, which every MathJax
 *       typesets as "top_db" (in math proper, {@code \_} is an underscore);</li>
 *   <li>every <code>\text{</code> closes its brace inside its formula.</li>
 * </ul>
 */
final class NotebookLint {

    /** Longest code line an HTML export shows without clipping, in characters. */
    static final int MAX_CODE_LINE = 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern TEXT_MACRO =
            Pattern.compile("\\\\(?:text|textrm|textit|textbf|textsf|texttt|mbox)\\s*\\{");
    private static final Pattern HEADING = Pattern.compile("^## +(.*)$");
    private static final Pattern NUMBERED = Pattern.compile("^(\\d+)\\.");

    private NotebookLint() {
    }

    /**
     * @param notebook an {@code .ipynb} file
     * @return {@code "cell N: …"} for every markdown cell whose math would not typeset as written
     */
    static List<String> math(Path notebook) throws IOException {
        List<String> problems = new ArrayList<>();
        JsonNode cells = cells(notebook);
        for (int i = 0; i < cells.size(); i++) {
            if (isMarkdown(cells.get(i))) {
                for (String p : mathProblems(source(cells.get(i)))) {
                    problems.add("cell " + (i + 1) + ": " + p);
                }
            }
        }
        return problems;
    }

    /**
     * The math rules of this class on one markdown cell.
     *
     * @param markdown a markdown cell's source
     * @return what is wrong with its math, empty when it typesets
     */
    static List<String> mathProblems(String markdown) {
        List<String> problems = new ArrayList<>();
        String text = withoutCode(markdown).replace("\\$", "  ");
        String[] display = text.split("\\$\\$", -1);
        if (display.length % 2 == 0) {
            problems.add("unbalanced $$: " + (display.length - 1) + " of them, so a display formula never closes");
        }
        List<String> formulas = new ArrayList<>();
        for (int d = 0; d < display.length; d++) {
            if (d % 2 == 1) {
                formulas.add(display[d]);
                continue;
            }
            String[] inline = display[d].split("\\$", -1);
            if (inline.length % 2 == 0) {
                problems.add("unbalanced $: an inline formula opens on the line \""
                        + lineOf(display[d], display[d].lastIndexOf('$')) + "\" and never closes");
            }
            for (int k = 1; k < inline.length; k += 2) {
                formulas.add(inline[k]);
            }
        }
        for (String formula : formulas) {
            Matcher m = TEXT_MACRO.matcher(formula);
            while (m.find()) {
                int close = closingBrace(formula, m.end());
                String macro = formula.substring(m.start(), m.end() - 1).strip();
                if (close < 0) {
                    problems.add(macro + "{ never closes its brace in $" + formula.strip() + "$");
                    break;
                }
                String content = formula.substring(m.end(), close);
                if (content.contains("\\_")) {
                    problems.add("\\_ inside " + macro + "{" + content + "} shows its backslash (MathJax 2 and 3 typeset"
                            + " text literally): write \\mathrm{" + content + "}");
                }
            }
        }
        return problems;
    }

    /**
     * Slide metadata a deck can be made from ({@code ./earshot slides}): every {@code slideshow.slide_type} one that
     * nbconvert knows, and at least one cell shown.
     *
     * @param notebook a lesson {@code .ipynb}
     * @return {@code "cell N: …"} for each problem
     */
    static List<String> slides(Path notebook) throws IOException {
        return SlideDecks.slideProblems(JSON.readTree(notebook.toFile()));
    }

    /** What a speaker-notes cell starts with, so that the lesson's page shows it as an aside, not as its text. */
    static final String SPEAKER_NOTES = "> **Speaker notes.**";
    private static final Pattern ANY_HEADING = Pattern.compile("^#{1,6} +\\S");

    /**
     * The kit's slide conventions, for a lesson that has slide metadata: a markdown cell with a heading starts a slide
     * ({@code slide_type} {@code slide}: one idea per slide, and the deck's sections follow the lesson's), and a
     * {@code notes} cell is markdown that starts with {@value #SPEAKER_NOTES} (Jupyter and the HTML export show it
     * with the lesson, where it must read as an aside; the deck shows it only in the speaker view).
     *
     * @param notebook a lesson {@code .ipynb}
     * @return {@code "cell N: …"} for each cell that breaks them; empty for a lesson without slide metadata
     */
    static List<String> slideConventions(Path notebook) throws IOException {
        List<String> problems = new ArrayList<>();
        JsonNode nb = JSON.readTree(notebook.toFile());
        if (!SlideDecks.hasSlideMetadata(nb)) {
            return problems;
        }
        JsonNode cells = nb.path("cells");
        for (int i = 0; i < cells.size(); i++) {
            JsonNode cell = cells.get(i);
            String type = cell.path("metadata").path("slideshow").path("slide_type").asText("-");
            if (type.equals("notes")) {
                if (!isMarkdown(cell) || !source(cell).startsWith(SPEAKER_NOTES)) {
                    problems.add("cell " + (i + 1) + ": a notes cell is markdown starting with " + SPEAKER_NOTES
                            + " (the lesson's page shows it too)");
                }
            } else if (isMarkdown(cell) && !type.equals("slide") && hasHeading(source(cell))) {
                problems.add("cell " + (i + 1) + ": a markdown cell with a heading starts a slide, but its slide_type"
                        + " is '" + type + "'");
            }
        }
        return problems;
    }

    private static boolean hasHeading(String markdown) {
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
            } else if (!fenced && ANY_HEADING.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Structure of a lesson: numbered headings ({@code ## 1.}, {@code ## 2.} …) count up from 1 one by one, and every
     * {@code ##} heading is followed by at least one code cell before the next {@code ##} heading.
     *
     * @param notebook a lesson {@code .ipynb}
     * @return {@code "cell N: …"} for each heading out of order or without code
     */
    static List<String> structure(Path notebook) throws IOException {
        List<String> problems = new ArrayList<>();
        JsonNode cells = cells(notebook);
        String open = null; // the last ## heading, until a code cell follows it
        int openCell = 0;
        int lastNumber = 0;
        for (int i = 0; i < cells.size(); i++) {
            if (!isMarkdown(cells.get(i))) {
                if ("code".equals(cells.get(i).path("cell_type").asText())) {
                    open = null;
                }
                continue;
            }
            for (String heading : headings(source(cells.get(i)))) {
                if (open != null) {
                    problems.add("cell " + openCell + ": \"## " + open + "\" has no code cell before \"## " + heading
                            + "\"");
                }
                open = heading;
                openCell = i + 1;
                Matcher n = NUMBERED.matcher(heading);
                if (n.find()) {
                    int number = Integer.parseInt(n.group(1));
                    if (number != lastNumber + 1) {
                        problems.add("cell " + (i + 1) + ": \"## " + heading + "\" comes after section " + lastNumber
                                + " (expected \"## " + (lastNumber + 1) + ".\")");
                    }
                    lastNumber = number;
                }
            }
        }
        if (open != null) {
            problems.add("cell " + openCell + ": \"## " + open + "\" has no code cell after it (the notebook ends;"
                    + " a closing section without code is a ### heading)");
        }
        return problems;
    }

    /**
     * @param notebook an {@code .ipynb} file
     * @param maxChars the longest line allowed, in characters (code points)
     * @return {@code "cell N line L: K characters (> max) …"} for each longer code line
     */
    static List<String> longCodeLines(Path notebook, int maxChars) throws IOException {
        List<String> problems = new ArrayList<>();
        JsonNode cells = cells(notebook);
        for (int i = 0; i < cells.size(); i++) {
            if (!"code".equals(cells.get(i).path("cell_type").asText())) {
                continue;
            }
            String[] lines = source(cells.get(i)).split("\n", -1);
            for (int l = 0; l < lines.length; l++) {
                int length = lines[l].codePointCount(0, lines[l].length());
                if (length > maxChars) {
                    problems.add(String.format(java.util.Locale.ROOT,
                            "cell %d line %d: %d characters (> %d), clipped in the HTML export: %s…", i + 1, l + 1,
                            length, maxChars, lines[l].strip().substring(0, Math.min(40, lines[l].strip().length()))));
                }
            }
        }
        return problems;
    }

    /** @return the {@code ##} headings of a markdown cell (not {@code #} or {@code ###}), outside fenced code */
    static List<String> headings(String markdown) {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (!fenced && m.find()) {
                out.add(m.group(1).strip());
            }
        }
        return out;
    }

    /** @return the markdown with fenced code blocks and code spans blanked out (spaces; lines kept) */
    static String withoutCode(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
                out.append('\n');
                continue;
            }
            out.append(fenced ? "" : withoutCodeSpans(line)).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** A code span opens with a run of backticks and closes at the next run of the same length (CommonMark). */
    private static String withoutCodeSpans(String line) {
        StringBuilder out = new StringBuilder(line);
        int i = 0;
        while (i < line.length()) {
            if (line.charAt(i) != '`') {
                i++;
                continue;
            }
            int run = runOfBackticks(line, i);
            int close = -1;
            for (int j = i + run; j < line.length(); ) {
                if (line.charAt(j) == '`') {
                    int r = runOfBackticks(line, j);
                    if (r == run) {
                        close = j;
                        break;
                    }
                    j += r;
                } else {
                    j++;
                }
            }
            if (close < 0) {
                i += run; // a lone run of backticks is literal text
                continue;
            }
            for (int k = i; k < close + run; k++) {
                out.setCharAt(k, ' ');
            }
            i = close + run;
        }
        return out.toString();
    }

    private static int runOfBackticks(String s, int from) {
        int j = from;
        while (j < s.length() && s.charAt(j) == '`') {
            j++;
        }
        return j - from;
    }

    /** @return the index of the brace closing the one before {@code from}, or −1; {@code \{ \}} do not count */
    private static int closingBrace(String s, int from) {
        int depth = 1;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String lineOf(String s, int index) {
        int start = s.lastIndexOf('\n', Math.max(0, index - 1)) + 1;
        int end = s.indexOf('\n', index);
        return s.substring(start, end < 0 ? s.length() : end).strip();
    }

    private static JsonNode cells(Path notebook) throws IOException {
        return JSON.readTree(notebook.toFile()).path("cells");
    }

    private static boolean isMarkdown(JsonNode cell) {
        return "markdown".equals(cell.path("cell_type").asText());
    }

    private static String source(JsonNode cell) {
        return Release.text(cell.path("source"));
    }
}
