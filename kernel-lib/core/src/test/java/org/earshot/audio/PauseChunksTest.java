package org.earshot.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PauseChunksTest {

    @TempDir
    Path dir;

    /** 1.1 s "words" (a 300 Hz tone) each followed by 0.35 s of silence, stereo, 8 kHz. */
    private static Audio speechLike(double seconds) {
        int rate = 8000;
        int n = (int) (seconds * rate);
        float[][] ch = new float[2][n];
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate % 1.45;
            float v = t < 1.1 ? (float) (0.5 * Math.sin(2 * Math.PI * 300 * i / rate)) : 0;
            ch[0][i] = v;
            ch[1][i] = v * 0.5f;
        }
        return Audio.of(ch, rate);
    }

    private static boolean silentAt(double seconds) {
        double t = seconds % 1.45;
        return t > 1.1 && t < 1.45;
    }

    private List<Audio> chunks(Audio a, double max, double search) throws Exception {
        Path file = dir.resolve("in.wav");
        Wav.write(a, file, Wav.Encoding.FLOAT_32);
        List<Audio> out = new ArrayList<>();
        try (Wav.Reader r = Wav.open(file)) {
            PauseChunks c = PauseChunks.of(r, max, search);
            for (Optional<Audio> x; (x = c.next()).isPresent(); ) {
                out.add(x.get());
            }
            assertFalse(c.next().isPresent(), "done stays done");
        }
        return out;
    }

    @Test
    void aLongRecordingIsCutInItsPausesIntoChunksThatFollowEachOther() throws Exception {
        Audio a = speechLike(61.3);
        List<Audio> chunks = chunks(a, 5, 2);
        assertTrue(chunks.size() >= 13 && chunks.size() <= 21, chunks.size() + " chunks");
        Audio joined = chunks.get(0);
        for (int i = 0; i < chunks.size(); i++) {
            Audio c = chunks.get(i);
            assertTrue(c.durationSeconds() <= 5 + 1e-9, "chunk " + i + ": " + c);
            if (i < chunks.size() - 1) {
                assertTrue(c.durationSeconds() >= 3 - 1e-9, "chunk " + i + ": " + c);
                assertTrue(silentAt(c.endSeconds()), "chunk " + i + " cut in a word at " + c.endSeconds() + " s");
            }
            if (i > 0) {
                assertEquals(chunks.get(i - 1).endSeconds(), c.startSeconds(), 1e-9);
                joined = joined.concat(c);
            }
        }
        assertEquals(a, joined, "nothing lost, nothing heard twice");
    }

    @Test
    void aShortRecordingIsOneChunkTheWholeFile() throws Exception {
        Audio a = speechLike(4.0);
        List<Audio> chunks = chunks(a, 5, 2);
        assertEquals(List.of(a), chunks);
    }

    @Test
    void lengthsThatDoNotFitAreRefused() throws Exception {
        Path file = dir.resolve("short.wav");
        Wav.write(speechLike(1), file, Wav.Encoding.PCM_16);
        try (Wav.Reader r = Wav.open(file)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PauseChunks.of(r, 4, 4));
            assertEquals("searchSeconds (4.0) must be > 0 and < maxSeconds (4.0)", e.getMessage());
        }
    }
}
