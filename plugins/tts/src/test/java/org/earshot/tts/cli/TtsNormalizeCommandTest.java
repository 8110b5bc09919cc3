package org.earshot.tts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.earshot.cli.EarshotCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TtsNormalizeCommandTest {

    @Test
    void normalisesTheChaptersSentence() {
        var r = EarshotCli.capture(List.of("tts-normalize", "Dr. Smith will see you at 1:50."), false);
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("doctor smith will see you at one fifty", r.output().strip());
    }

    @Test
    void emptyTextIsOneLineAndExitOne() {
        var r = EarshotCli.capture(List.of("tts-normalize", ""), false);
        assertEquals(1, r.exitCode());
        assertEquals("earshot tts-normalize: text is empty: give a sentence to normalise", r.output().strip());
        var none = EarshotCli.capture(List.of("tts-normalize"), false);
        assertEquals(1, none.exitCode());
    }

    @Test
    void aFileGivesOneLinePerLine(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.txt"), "$2\n\nElm Dr.\n");
        var r = EarshotCli.capture(List.of("tts-normalize", "--file", in.toString()), false);
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(List.of("two dollars", "", "elm drive"), r.output().strip().lines().toList());
        var missing = EarshotCli.capture(List.of("tts-normalize", "--file", dir.resolve("none.txt").toString()), false);
        assertEquals(1, missing.exitCode());
        assertEquals(1, missing.output().strip().lines().count(), missing.output());
    }

    @Test
    void helpNamesTheCommand() {
        var r = EarshotCli.capture(List.of("tts-normalize", "--help"), false);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("tts-normalize") && r.output().contains("--rules"), r.output());
    }

    @Test
    void rulesPrintsTheTable() {
        var r = EarshotCli.capture(List.of("tts-normalize", "--rules"), false);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("money") && r.output().contains("one dollar and fifty cents"), r.output());
    }
}
