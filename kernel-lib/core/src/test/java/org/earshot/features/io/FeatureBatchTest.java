package org.earshot.features.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FeatureBatch} on a small tree: paths, skipping, failures named and counted, several jobs. */
class FeatureBatchTest {

    @TempDir
    Path tmp;
    private Path in;
    private Path out;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    /** The sample value for which {@link #toyFeatures} is broken: its first value is NaN. */
    private static final float BROKEN = 0.375f;

    /**
     * Two features per frame, one frame per 100 samples: each frame's mean and its first sample; NaN for the sound
     * made of {@link #BROKEN} (a feature bug the writer must catch; a WAV file cannot hold NaN, Audio refuses it).
     */
    private static double[][] toyFeatures(Audio audio) {
        float[] x = audio.samples();
        int frames = x.length / 100;
        double[][] v = new double[2][frames];
        for (int t = 0; t < frames; t++) {
            double sum = 0;
            for (int i = 0; i < 100; i++) {
                sum += x[100 * t + i];
            }
            v[0][t] = sum / 100;
            v[1][t] = x[100 * t];
        }
        if (x[0] == BROKEN) {
            v[0][0] = Double.NaN;
        }
        return v;
    }

    private static void wav(Path file, float value) throws IOException {
        Files.createDirectories(file.getParent());
        float[] x = new float[1000];
        java.util.Arrays.fill(x, value);
        Wav.write(Audio.mono(x, 16000), file, Wav.Encoding.FLOAT_32);
        // a minute old, so that outputs written now are newer even where file times are coarse
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    }

    @BeforeEach
    void tree() throws IOException {
        in = tmp.resolve("in");
        out = tmp.resolve("out");
        wav(in.resolve("a.wav"), 0.25f);
        wav(in.resolve("sub/b.WAV"), -0.5f);
        wav(in.resolve("sub/deeper/c.wav"), 0.125f);
        wav(in.resolve("sub/nan.wav"), BROKEN);
        Files.writeString(in.resolve("sub/broken.wav"), "not a wav");
        Files.writeString(in.resolve("notes.txt"), "not an input");
    }

    private FeatureBatch.Summary run(FeatureFormat format) throws IOException {
        return FeatureBatch.builder().features(FeatureBatchTest::toyFeatures).format(format).jobs(3)
                .label("test").log(new PrintStream(log, true, StandardCharsets.UTF_8)).build().run(in, out);
    }

    private List<String> logLines() {
        return log.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void everyWavUnderTheFolderInSortedOrder() throws IOException {
        List<Path> inputs = FeatureBatch.inputs(in);
        assertEquals(List.of(in.resolve("a.wav"), in.resolve("sub/b.WAV"), in.resolve("sub/broken.wav"),
                in.resolve("sub/deeper/c.wav"), in.resolve("sub/nan.wav")), inputs);
        assertEquals(out.resolve("sub/b.npy"),
                FeatureBatch.output(in, in.resolve("sub/b.WAV"), out, FeatureFormat.NPY_FLOAT32));
    }

    @Test
    void writesTheSameRelativePathsAndNamesEachFailureOnOneLine() throws IOException {
        FeatureBatch.Summary s = run(FeatureFormat.CSV);
        assertEquals("3 written, 0 skipped, 2 failed", s.toString());
        assertEquals("0.250000,0.250000\n".repeat(10), Files.readString(out.resolve("a.csv")));
        assertEquals("-0.500000,-0.500000\n".repeat(10), Files.readString(out.resolve("sub/b.csv")));
        assertTrue(Files.isRegularFile(out.resolve("sub/deeper/c.csv")));
        assertFalse(Files.exists(out.resolve("sub/nan.csv")), "a refused file is not written");
        assertFalse(Files.exists(out.resolve("notes.csv")));

        assertEquals(List.of(in.resolve("sub/broken.wav"), in.resolve("sub/nan.wav")),
                s.failures().stream().map(FeatureBatch.Failure::input).toList());
        assertTrue(s.failures().get(1).message().startsWith("frame 0, feature 0 is NaN"), s.failures().get(1).message());
        List<String> lines = logLines();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.contains("test: " + in.resolve("sub/broken.wav") + ": " + s.failures().get(0).message()),
                lines.toString());
        assertFalse(s.failures().get(0).message().startsWith(in.toString()), "the path is said once");
    }

    @Test
    void outputsNewerThanTheirInputsAreSkipped() throws IOException {
        run(FeatureFormat.NPY_FLOAT32);
        FeatureBatch.Summary again = run(FeatureFormat.NPY_FLOAT32);
        assertEquals("0 written, 3 skipped, 2 failed", again.toString());

        Path a = in.resolve("a.wav");
        Files.setLastModifiedTime(a, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertEquals("1 written, 2 skipped, 2 failed", run(FeatureFormat.NPY_FLOAT32).toString());

        assertEquals("3 written, 0 skipped, 2 failed", run(FeatureFormat.CSV).toString(), "another format: other files");
    }

    @Test
    void twoInputsWithOneOutputIsAFailureNotAnOverwrite() throws IOException {
        wav(in.resolve("A.wav"), 1f);
        wav(in.resolve("a.WAV"), 1f);
        FeatureBatch.Summary s = FeatureBatch.builder().features(FeatureBatchTest::toyFeatures).jobs(1)
                .log(new PrintStream(log, true, StandardCharsets.UTF_8)).build().run(in, out);
        // A.wav, a.WAV and a.wav: on a case-sensitive file system, a.WAV and a.wav both map to a.csv
        assertEquals(4, s.written());
        assertTrue(s.failures().stream().anyMatch(f -> f.message().startsWith("has the same output as")), s.failures()
                .toString());
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aPipeNamedLikeAWavIsReportedNeverOpened() throws Exception {
        Path fifo = in.resolve("sub/pipe.wav");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        FeatureBatch.Summary s = run(FeatureFormat.CSV);
        assertEquals("3 written, 0 skipped, 3 failed", s.toString());
        assertTrue(s.failures().stream().anyMatch(f -> f.input().equals(fifo) && f.message().contains("named pipe")),
                s.failures().toString());
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> FeatureBatch.builder().jobs(0));
        assertThrows(IllegalStateException.class, () -> FeatureBatch.builder().build());
    }
}
