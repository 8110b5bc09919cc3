package org.earshot.tts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.earshot.cli.EarshotCli;
import org.junit.jupiter.api.Test;

class TtsBenchmarkTest {

    @Test
    void aShortRunPrintsTheKitsTimeAndRealTimeFactor() {
        var r = EarshotCli.capture(List.of("bench", "tts", "--seconds", "0.5", "--iterations", "2", "--repeats", "1"),
                false);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("Griffin-Lim, earshot (float64):") && r.output().contains("× real time"),
                r.output());
    }

    @Test
    void badOptionsAreOneLine() {
        var r = EarshotCli.capture(List.of("bench", "tts", "--seconds", "0"), false);
        assertEquals(1, r.exitCode());
        assertEquals(1, r.output().strip().lines().count(), r.output());
    }
}
