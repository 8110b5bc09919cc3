package org.earshot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookLintTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A notebook of cells given as "md:…" or "code:…". */
    static Path notebook(Path dir, String... cells) throws IOException {
        ObjectNode nb = JSON.createObjectNode().put("nbformat", 4).put("nbformat_minor", 5);
        nb.putObject("metadata");
        ArrayNode list = nb.putArray("cells");
        for (String c : cells) {
            boolean md = c.startsWith("md:");
            ObjectNode cell = list.addObject().put("cell_type", md ? "markdown" : "code");
            cell.putObject("metadata");
            ArrayNode source = cell.putArray("source"); // nbformat's list of lines, each but the last with its \n
            String text = c.substring(c.indexOf(':') + 1);
            for (String line : text.split("(?<=\n)")) {
                source.add(line);
            }
            if (!md) {
                cell.putArray("outputs");
                cell.putNull("execution_count");
            }
        }
        Path file = dir.resolve("lesson.ipynb");
        JSON.writeValue(file.toFile(), nb);
        return file;
    }

    @Test
    void mathThatTypesetsPasses() {
        for (String fine : List.of(
                "cost $O(N \\log N)$ and $$X[k] = \\sum_n x[n]$$ then $f_s/2$.",
                "below $\\max - \\mathrm{top\\_db}$ the floor",           // \_ in math proper is an underscore
                "$N = \\text{words in the reference}$, $P_\\text{att}(h)$",
                "a literal \\$5 and code `x$y` or ``a ` $ b`` are not math",
                "```\nint $a = 1;\n```\nthen $x$",
                "$\\text{a {nested} brace}$")) {
            assertEquals(List.of(), NotebookLint.mathProblems(fine), fine);
        }
    }

    @Test
    void mathThatDoesNotTypesetIsNamed() {
        assertEquals(List.of("unbalanced $$: 3 of them, so a display formula never closes"),
                NotebookLint.mathProblems("$$a$$ and $$b"));
        assertEquals(List.of("unbalanced $: an inline formula opens on the line \"then $f_s and more\" and never"
                + " closes"), NotebookLint.mathProblems("one $x$\nthen $f_s and more"));
        assertEquals(List.of("\\_ inside \\text{top\\_db} shows its backslash (MathJax 2 and 3 typeset text"
                + " literally): write \\mathrm{top\\_db}"), NotebookLint.mathProblems("floor $\\max - \\text{top\\_db}$"));
        assertEquals(List.of("\\text{ never closes its brace in $x + \\text{oops$"),
                NotebookLint.mathProblems("$x + \\text{oops$"));
        // inline dollars are counted outside display blocks only
        assertEquals(List.of(), NotebookLint.mathProblems("$$a = \\$b$$ and $c$"));
    }

    @Test
    void mathProblemsNameTheirCell(@TempDir Path dir) throws IOException {
        Path nb = notebook(dir, "md:# T", "code:int x = 1; // $ in code is fine", "md:## 1. A\n\nbroken $x");
        assertEquals(1, NotebookLint.math(nb).size());
        assertTrue(NotebookLint.math(nb).get(0).startsWith("cell 3: unbalanced $"), NotebookLint.math(nb).get(0));
    }

    @Test
    void sectionsCountUpAndEachShowsCode(@TempDir Path dir) throws IOException {
        assertEquals(List.of(), NotebookLint.structure(notebook(dir, "md:# Lesson\n\nintro", "code:a()",
                "md:## 1. First", "code:b()", "md:text", "md:## 2. Second\n\n```\n## not a heading\n```",
                "code:c()", "md:### What to remember")));
        assertEquals(List.of("cell 3: \"## 3. Third\" comes after section 1 (expected \"## 2.\")"),
                NotebookLint.structure(notebook(dir, "md:## 1. First", "code:a()", "md:## 3. Third", "code:b()")));
        assertEquals(List.of("cell 1: \"## 2. Two\" comes after section 0 (expected \"## 1.\")"),
                NotebookLint.structure(notebook(dir, "md:## 2. Two", "code:a()")));
        assertEquals(List.of("cell 1: \"## 1. Words\" has no code cell before \"## 2. More\""),
                NotebookLint.structure(notebook(dir, "md:## 1. Words", "md:more words", "md:## 2. More", "code:x")));
        assertEquals(List.of("cell 3: \"## Where next\" has no code cell after it (the notebook ends; a closing"
                        + " section without code is a ### heading)"),
                NotebookLint.structure(notebook(dir, "md:## Intro", "code:x", "md:## Where next\n\n* more")));
    }

    @Test
    void codeLinesLongerThanAnExportShowsAreNamed(@TempDir Path dir) throws IOException {
        String ok = "x".repeat(NotebookLint.MAX_CODE_LINE);
        String tooLong = "Table.create(\"" + "é".repeat(NotebookLint.MAX_CODE_LINE) + "\")";
        Path nb = notebook(dir, "md:# " + tooLong, "code:" + ok + "\n" + tooLong);
        assertEquals(List.of("cell 2 line 2: 116 characters (> 100), clipped in the HTML export: Table.create(\""
                + "é".repeat(26) + "…"), NotebookLint.longCodeLines(nb, NotebookLint.MAX_CODE_LINE));
    }
    /** The notebook of {@link #notebook} with each cell's slide_type, in order ({@code null}: none). */
    private static Path withSlideTypes(Path file, String... types) throws IOException {
        ObjectNode nb = (ObjectNode) JSON.readTree(file.toFile());
        for (int i = 0; i < types.length; i++) {
            if (types[i] != null) {
                ((ObjectNode) nb.get("cells").get(i).get("metadata")).putObject("slideshow")
                        .put("slide_type", types[i]);
            }
        }
        JSON.writeValue(file.toFile(), nb);
        return file;
    }

    @Test
    void headingsStartSlidesAndNotesAreMarked(@TempDir Path dir) throws IOException {
        Path fine = withSlideTypes(notebook(dir, "md:# Title", "md:> **Speaker notes.** Ask the class.",
                "md:A paragraph\n\n### What to remember", "code:int x = 1;"), "slide", "notes", "slide", "-");
        assertEquals(List.of(), NotebookLint.slideConventions(fine));
        Path bad = withSlideTypes(notebook(dir, "md:# Title", "md:Ask the class.", "md:Text\n## 2. Next",
                "md:```\n# a comment, not a heading\n```", "code:// notes", "md:## 3. Last"),
                "slide", "notes", "-", "-", "notes", null);
        assertEquals(List.of("cell 2: a notes cell is markdown starting with > **Speaker notes.** (the lesson's page"
                        + " shows it too)",
                "cell 3: a markdown cell with a heading starts a slide, but its slide_type is '-'",
                "cell 5: a notes cell is markdown starting with > **Speaker notes.** (the lesson's page shows it too)",
                "cell 6: a markdown cell with a heading starts a slide, but its slide_type is '-'"),
                NotebookLint.slideConventions(bad));
        assertEquals(List.of(), NotebookLint.slideConventions(notebook(dir, "md:# Title", "md:## 1. No metadata")));
    }
}
