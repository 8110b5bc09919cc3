package org.earshot.tts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.earshot.cli.EarshotCli;
import org.junit.jupiter.api.Test;

class G2pCommandTest {

    @Test
    void printsEachKnownWordPredictsAnUnknownOneAndNamesOneItCannotRead() {
        var run = EarshotCli.capture(List.of("g2p", "Read", "blorptastic", "nation", "--all"), false);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("read\tR EH D\n") && run.output().contains("read\tR IY D\n"), run.output());
        assertTrue(run.output().contains("nation\tN EY SH AH N"), run.output());
        assertTrue(run.output().contains("'blorptastic' is not in the dictionary; g2p-ctc predicts it"), run.output());
        assertTrue(run.output().matches("(?s).*blorptastic\tB L AO R P T AE S T IH K\n.*"), run.output());
        var unreadable = EarshotCli.capture(List.of("g2p", "ca§t", "cat"), false);
        assertEquals(1, unreadable.exitCode(), unreadable.output());
        assertTrue(unreadable.output().contains("'ca§t' is not in the dictionary and has letters g2p-ctc never"
                + " learned"), unreadable.output());
        assertTrue(unreadable.output().contains("cat\tK AE T"), unreadable.output());
        var help = EarshotCli.capture(List.of("g2p", "--help"), false);
        assertEquals(0, help.exitCode());
        assertTrue(help.output().contains("Usage: earshot g2p"), help.output());
    }
}
