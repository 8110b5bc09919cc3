package org.earshot.tts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.earshot.cli.EarshotCli;
import org.earshot.tts.speak.ProductionTts;
import org.junit.jupiter.api.Test;

/**
 * {@code tts-compare} where only this section is on the class path: the recognisers come from the ASR section (its
 * RecognizerProvidersTest hears through them; a full kit's run is in the lesson's era table), so here the command
 * must say so in one line; and the footprints it prints are the voices' files on disk.
 */
class TtsCompareCommandTest {

    @Test
    void withoutTheAsrSectionItSaysWhereRecognisersComeFrom() {
        var run = EarshotCli.capture(List.of("tts-compare", "--digits", "2", "--sentences", "0"), false);
        assertEquals(1, run.exitCode(), run.output());
        assertEquals("earshot tts-compare: no speech recogniser 'ctc-small/digits' on the class path (installed: none;"
                + " the ASR section provides them)", run.output().strip());
    }

    @Test
    void nothingToSayIsRefusedInOneLine() {
        var run = EarshotCli.capture(List.of("tts-compare", "--digits", "0", "--sentences", "0"), false);
        assertEquals(2, run.exitCode(), run.output());
        assertEquals("earshot tts-compare: --digits and --sentences must be ≥ 0, and not both 0", run.output().strip());
    }

    @Test
    void trainingRefusesBadArgumentsBeforeAnyWork() {
        for (List<String> bad : List.of(List.of("--order", "0"), List.of("--sentences", "-5"),
                List.of("--min-context", "-1"), List.of("--sentences", "0", "--word-lines", "0"))) {
            List<String> args = new java.util.ArrayList<>(List.of("train-kit-parametric", "--out", "build/never"));
            args.addAll(bad);
            var run = EarshotCli.capture(args, false);
            assertEquals(2, run.exitCode(), bad + ": " + run.output());
            assertEquals("earshot train-kit-parametric: want --sentences and --word-lines ≥ 0 (not both 0), --order"
                    + " 4–40 and --min-context ≥ 0", run.output().strip(), bad.toString());
        }
    }

    @Test
    void neuralTrainingRefusesBadArgumentsBeforeAnyWork() {
        for (List<String> bad : List.of(List.of("--epochs", "0"), List.of("--threads", "0"))) {
            List<String> args = new java.util.ArrayList<>(List.of("train-kit-neural", "--out", "build/never"));
            args.addAll(bad);
            var run = EarshotCli.capture(args, false);
            assertEquals(2, run.exitCode(), bad + ": " + run.output());
            assertEquals("earshot train-kit-neural: want --epochs ≥ 1 and --threads ≥ 1", run.output().strip());
        }
    }

    @Test
    void everyVoiceHasItsFilesOnDisk() throws Exception {
        for (ProductionTts tts : ProductionTts.values()) {
            double mb = tts.footprintBytes() / 1e6;
            assertTrue(mb > 0.5 && mb < 20, tts + ": " + mb + " MB");
        }
        // the diphone database is the largest, the HTS models among the smallest: the era table's point
        assertTrue(ProductionTts.FESTIVAL.footprintBytes() > ProductionTts.FESTIVAL_HTS.footprintBytes());
    }
}
