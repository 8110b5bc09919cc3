package org.earshot.speakers.diarization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.earshot.metrics.DiarizationError;
import org.earshot.metrics.SpeakerSegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RttmTest {

    @Test
    void writtenTurnsReadBack(@TempDir Path dir) throws IOException {
        List<SpeakerSegment> turns = List.of(new SpeakerSegment(0, 1.5, "A"), new SpeakerSegment(1.25, 3, "B"));
        Path file = dir.resolve("out.rttm");
        Rttm.write(file, Map.of("meeting", turns));
        assertEquals("SPEAKER meeting 1 0.000 1.500 <NA> <NA> A <NA> <NA>", Files.readAllLines(file).get(0));
        assertEquals(Map.of("meeting", turns), Rttm.read(file));
    }

    @Test
    void otherLinesAreSkippedAndRecordingsKeptApart() throws IOException {
        var r = Rttm.parse(";; comment\nSPKR-INFO a 1 <NA> <NA> <NA> unknown A <NA> <NA>\n\n"
                + "SPEAKER a 1 0 2 <NA> <NA> A <NA> <NA>\nSPEAKER b 1 1 1 <NA> <NA> B <NA> <NA>\n", "x.rttm");
        assertEquals(List.of("a", "b"), List.copyOf(r.keySet()));
        assertEquals(new SpeakerSegment(1, 2, "B"), r.get("b").get(0));
    }

    @Test
    void badLinesNameTheFileAndLine() {
        assertEquals("x.rttm:2: duration 'abc' is not a finite number of seconds", assertThrows(IOException.class,
                () -> Rttm.parse("\nSPEAKER a 1 0 abc <NA> <NA> A\n", "x.rttm")).getMessage());
        assertEquals("x.rttm:1: duration 0 s must be > 0", assertThrows(IOException.class,
                () -> Rttm.parse("SPEAKER a 1 0 0 <NA> <NA> A\n", "x.rttm")).getMessage());
        assertThrows(IOException.class, () -> Rttm.parse("SPEAKER a 1 0\n", "x.rttm"));
        assertThrows(IllegalArgumentException.class, () -> Rttm.format("a b", List.of()));
    }

    @Test
    void aMissingHypothesisRecordingIsAllMissedAndAnExtraOneRefused() {
        var ref = Map.of("r", List.of(new SpeakerSegment(0, 4, "A")));
        DerReport report = DerReport.score(ref, Map.of(), DiarizationError.scoring().collarSeconds(0).build());
        assertEquals(100, report.total().missedPercent(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> DerReport.score(ref,
                Map.of("other", List.of(new SpeakerSegment(0, 1, "x"))), DiarizationError.Scoring.DEFAULT));
    }
}
