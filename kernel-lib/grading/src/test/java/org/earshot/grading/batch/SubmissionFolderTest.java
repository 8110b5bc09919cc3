package org.earshot.grading.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.earshot.exercises.Exercise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a student's folder is read ({@link Submission}): the notebook named after the lesson, whatever else is there,
 * and the rest reported; links, FIFOs and devices never opened; outputs skipped, however large; no file contents in a
 * status. And where outputs go ({@link ClassGrader#outputFolder}).
 */
class SubmissionFolderTest {

    /** The exercise's answer. */
    public interface Inc {
        int inc(int x);
    }

    /** A case's input. */
    public record In(int x) {
    }

    private static final String LESSON = "99.9-folders";
    private static final Exercise<Inc, In> INC = Exercise.builder("99.9-inc", Inc.class, In.class).lesson(LESSON)
            .title("Add one").points(1).solvedBy("inc").call((a, c) -> a.inc(c.x())).reference(c -> c.x() + 1)
            .hint("x + 1").visible("one", new In(1)).build();
    private static final Map<String, Exercise<?, ?>> EXERCISES = Map.of(INC.id(), INC);
    private static final String SECRET = "hunter2-not-for-students";

    @TempDir
    Path tmp;

    /** A notebook with one graded cell whose source is {@code body}, and an output cell of {@code outputChars}. */
    private static String notebook(String body, int outputChars) {
        return "{\"cells\": [{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": [\"# Folders\"]},"
                + " {\"cell_type\": \"code\", \"execution_count\": 1, \"metadata\": {\"earshot\": {\"exercise\":"
                + " \"99.9-inc\"}}, \"outputs\": [{\"output_type\": \"display_data\", \"data\": {\"audio/wav\": \""
                + "A".repeat(outputChars) + "\"}, \"metadata\": {}}], \"source\": [\"int inc(int x) {\\n\", \"" + body
                + "\\n\", \"}\"]}], \"metadata\": {\"kernelspec\": {\"name\": \"earshot\"}}, \"nbformat\": 4,"
                + " \"nbformat_minor\": 5}";
    }

    private Path student(String name) throws IOException {
        return Files.createDirectories(tmp.resolve("subs").resolve(name));
    }

    private static String source(Submission s) {
        assertTrue(s.gradable(), s.problem());
        assertEquals(1, s.cells().size());
        return s.cells().get(0).source();
    }

    @Test
    void theNotebookNamedAfterTheLessonIsGradedAndTheOtherCopyReported() throws Exception {
        Path dir = student("honest");
        // "(1)" sorts first: it used to be graded, silently
        Files.writeString(dir.resolve(LESSON + " (1).ipynb"), notebook("throw new UnsupportedOperationException();", 0));
        Files.writeString(dir.resolve(LESSON + ".ipynb"), notebook("return x + 1;", 0));
        Files.writeString(dir.resolve("21.2-asr.ipynb"), "{\"cells\": []}"); // another lesson's: not a rival
        Submission s = Submission.read(dir, LESSON, EXERCISES);
        assertEquals(dir.resolve(LESSON + ".ipynb"), s.notebook());
        assertTrue(source(s).contains("return x + 1;"));
        assertEquals(List.of("not graded: " + LESSON + " (1).ipynb (it holds " + LESSON + " cells too)"), s.notes());
    }

    @Test
    void withoutTheNamedNotebookTheOneThatHoldsTheLessonIsGradedAndSaidSo() throws Exception {
        Path dir = student("renamed");
        Files.writeString(dir.resolve(LESSON + " (1).ipynb"), notebook("return x + 1;", 0));
        Submission s = Submission.read(dir, LESSON, EXERCISES);
        assertTrue(source(s).contains("return x + 1;"));
        assertEquals(List.of("graded " + LESSON + " (1).ipynb: there is no " + LESSON + ".ipynb"), s.notes());
        Files.writeString(dir.resolve("copy.ipynb"), notebook("return x;", 0));
        Submission two = Submission.read(dir, LESSON, EXERCISES);
        assertFalse(two.gradable());
        assertEquals("no " + LESSON + ".ipynb, and 2 notebooks hold its cells (" + LESSON + " (1).ipynb, copy.ipynb):"
                + " name the one to grade " + LESSON + ".ipynb", two.problem());
    }

    @Test
    void aSymbolicLinkIsAStatusNotARead() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), SECRET + " and more");
        Path peer = Files.writeString(student("peer").resolve(LESSON + ".ipynb"), notebook("return x + 1;", 0));
        Path linker = student("linker");
        Files.createSymbolicLink(linker.resolve(LESSON + ".ipynb"), peer);
        Files.createSymbolicLink(linker.resolve("notes.ipynb"), secret);
        Submission s = Submission.read(linker, LESSON, EXERCISES);
        assertFalse(s.gradable());
        assertNull(s.notebook());
        assertEquals(LESSON + ".ipynb is a symbolic link (not followed): not read", s.problem());
        assertEquals(List.of("not graded: notes.ipynb is a symbolic link (not followed): not read"), s.notes());
        Path folderLink = Files.createSymbolicLink(tmp.resolve("subs").resolve("folder-link"), peer.getParent());
        assertEquals("the student's folder is a symbolic link: not read",
                Submission.read(folderLink, LESSON, EXERCISES).problem());
        assertEquals(java.util.Optional.empty(), Submission.lessonOf(linker.resolve(LESSON + ".ipynb"), EXERCISES),
                "a link has no vote for the lesson");
    }

    @Test
    void invalidJsonIsPlacedNotQuoted() throws Exception {
        Path dir = student("garbled");
        Files.writeString(dir.resolve(LESSON + ".ipynb"), SECRET + " {\"cells\": []}");
        Submission s = Submission.read(dir, LESSON, EXERCISES);
        assertEquals("invalid notebook: " + LESSON + ".ipynb: not valid JSON at line 1, column 1", s.problem());
        assertFalse(s.problem().contains("hunter2"));
        Files.writeString(dir.resolve(LESSON + ".ipynb"), "[1, 2]");
        assertEquals("invalid notebook: " + LESSON + ".ipynb: not a Jupyter notebook (not a JSON object)",
                Submission.read(dir, LESSON, EXERCISES).problem());
        Files.writeString(dir.resolve(LESSON + ".ipynb"), "{\"nbformat\": 4}");
        assertEquals("invalid notebook: " + LESSON + ".ipynb: not a Jupyter notebook (no \"cells\" list)",
                Submission.read(dir, LESSON, EXERCISES).problem());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // opening the FIFO would block for ever
    void aFifoNamedLikeTheNotebookIsNeverOpened() throws Exception {
        Path dir = student("fifo");
        assumeTrue(mkfifo(dir.resolve(LESSON + ".ipynb")), "mkfifo available");
        Submission s = Submission.read(dir, LESSON, EXERCISES);
        assertEquals(LESSON + ".ipynb is a named pipe (FIFO), not a regular file: not read", s.problem());
        assertEquals(java.util.Optional.empty(), Submission.lessonOf(dir.resolve(LESSON + ".ipynb"), EXERCISES));
    }

    @Test
    void outputsAreSkippedHoweverLongTheirStrings() throws Exception {
        Path dir = student("audio");
        // 25 M characters in one output string: over Jackson's default 20 M limit on a string it reads
        try (Writer w = Files.newBufferedWriter(dir.resolve(LESSON + ".ipynb"), StandardCharsets.UTF_8)) {
            w.write(notebook("return x + 1;", 25_000_000));
        }
        Submission s = Submission.read(dir, LESSON, EXERCISES);
        assertEquals("int inc(int x) {\nreturn x + 1;\n}", source(s));
        assertEquals(Set.of(), Set.copyOf(s.notes()));
    }

    @Test
    void studentsNamedLikeClassFilesGetFoldersOfTheirOwn() {
        assertEquals("alice", ClassGrader.outputFolder("alice"));
        for (String name : ClassGrader.RESERVED_NAMES) {
            assertEquals("_" + name, ClassGrader.outputFolder(name));
        }
        assertEquals("_shard.json", ClassGrader.outputFolder("shard.json"), "a part's manifest is reserved too");
        assertEquals("_GradeBook.CSV", ClassGrader.outputFolder("GradeBook.CSV"), "case-insensitive file systems");
        assertEquals("__gradebook.csv", ClassGrader.outputFolder("_gradebook.csv"), "one to one");
        assertFalse(ClassGrader.outputFolder("warm-up").equals("_warm-up"));
    }

    /** @return whether a FIFO was made with the system's {@code mkfifo} */
    private static boolean mkfifo(Path at) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("mkfifo", at.toString()).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
