package org.earshot.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTest {

    @TempDir
    Path dir;

    @Test
    void exitStatusAndMergedOutput() throws IOException {
        Command c = Command.run(List.of("sh", "-c", "pwd; echo oops >&2; exit 3"), dir, Duration.ofSeconds(30));
        assertEquals(3, c.exitCode());
        assertFalse(c.succeeded());
        assertTrue(c.output().startsWith(dir.toRealPath().toString()), c.output());
        assertEquals("oops", c.lastLine());
    }

    @Test
    void aMissingProgramIsNamed() {
        Command.NotFound e = assertThrows(Command.NotFound.class,
                () -> Command.run(List.of("no-such-program-earshot"), dir, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().startsWith("no-such-program-earshot: cannot be started"), e.getMessage());
    }

    @Test
    void aProgramPastItsLimitIsKilled() {
        IOException e = assertThrows(IOException.class,
                () -> Command.run(List.of("sh", "-c", "exec sleep 30"), dir, Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
    }
}
