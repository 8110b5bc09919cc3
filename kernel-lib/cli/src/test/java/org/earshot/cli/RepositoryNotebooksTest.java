package org.earshot.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;

/**
 * {@link NotebookLint}'s checks on the kit's own notebooks, found under {@link Kit#home()} (the repository root in
 * the build): lessons ({@code notebooks/}), solutions and released exercises. A failure lists every problem as
 * {@code folder/notebook.ipynb: cell N: …}, so it can be fixed from the message alone.
 */
class RepositoryNotebooksTest {

    private interface Check {
        List<String> problems(Path notebook) throws IOException;
    }

    private static List<Path> notebooks(String... folders) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String folder : folders) {
            Path dir = Kit.home().resolve(folder);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> p.toString().endsWith(".ipynb")).sorted().forEach(out::add);
                }
            }
        }
        return out;
    }

    private static void assertNone(String what, List<Path> notebooks, Check check) throws IOException {
        assertFalse(notebooks.isEmpty(), "no notebooks found under " + Kit.home());
        List<String> problems = new ArrayList<>();
        for (Path nb : notebooks) {
            for (String p : check.problems(nb)) {
                problems.add(Kit.home().relativize(nb) + ": " + p);
            }
        }
        assertTrue(problems.isEmpty(), () -> problems.size() + " " + what + ":\n  " + String.join("\n  ", problems));
    }

    @Test
    void everyMarkdownFormulaTypesets() throws IOException {
        assertNone("math problems", notebooks("notebooks", "solutions", "exercises"), NotebookLint::math);
    }

    @Test
    void lessonSectionsCountUpAndEachShowsCode() throws IOException {
        assertNone("structure problems", notebooks("notebooks"), NotebookLint::structure);
    }

    @Test
    void slideMetadataMakesADeck() throws IOException {
        assertNone("slide metadata problems", notebooks("notebooks"), NotebookLint::slides);
    }

    @Test
    void headingsStartSlidesAndSpeakerNotesAreMarked() throws IOException {
        assertNone("slide convention problems", notebooks("notebooks"), NotebookLint::slideConventions);
    }

    @Test
    void codeLinesFitTheHtmlExport() throws IOException {
        assertNone("code lines too long", notebooks("notebooks", "solutions"),
                nb -> NotebookLint.longCodeLines(nb, NotebookLint.MAX_CODE_LINE));
    }
}
