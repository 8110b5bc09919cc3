package org.earshot.tts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.earshot.cli.EarshotCli;
import org.junit.jupiter.api.Test;

class G2pCommandTest {

    @Test
    void printsEachKnownWordAndNamesTheUnknownOne() {
        var run = EarshotCli.capture(List.of("g2p", "Read", "qqqzzxq", "nation", "--all"), false);
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("read\tR EH D\n") && run.output().contains("read\tR IY D\n"), run.output());
        assertTrue(run.output().contains("nation\tN EY SH AH N"), run.output());
        assertTrue(run.output().contains("'qqqzzxq' is not in the dictionary"), run.output());
        var help = EarshotCli.capture(List.of("g2p", "--help"), false);
        assertEquals(0, help.exitCode());
        assertTrue(help.output().contains("Usage: earshot g2p"), help.output());
    }
}
