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
        assertTrue(run.output().contains("read\tR EH1 D\n") && run.output().contains("read\tR IY1 D\n"), run.output());
        assertTrue(run.output().contains("nation\tN EY1 SH AH0 N"), run.output());
        assertTrue(run.output().contains("'blorptastic' is not in the dictionary; g2p-ctc predicts it (without stress digits)"), run.output());
        assertTrue(run.output().matches("(?s).*blorptastic\tB L AO R P T AE S T IH K\n.*"), run.output());
        var unreadable = EarshotCli.capture(List.of("g2p", "ca§t", "cat"), false);
        assertEquals(1, unreadable.exitCode(), unreadable.output());
        assertTrue(unreadable.output().contains("'ca§t' is not in the dictionary and has letters g2p-ctc never"
                + " learned"), unreadable.output());
        assertTrue(unreadable.output().contains("cat\tK AE1 T"), unreadable.output());
        var stressless = EarshotCli.capture(List.of("g2p", "nation", "--dictionary",
                "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"), false);
        assertEquals("nation\tN EY SH AH N\n", stressless.output());
        var help = EarshotCli.capture(List.of("g2p", "--help"), false);
        assertEquals(0, help.exitCode());
        assertTrue(help.output().contains("Usage: earshot g2p"), help.output());
    }
}
