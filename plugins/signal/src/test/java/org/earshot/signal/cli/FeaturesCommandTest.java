package org.earshot.signal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.earshot.audio.Audio;
import org.earshot.audio.MelScale;
import org.earshot.audio.Wav;
import org.earshot.cli.EarshotCli;
import org.earshot.features.MelFilterbank;
import org.earshot.features.MelSpectrogram;
import org.earshot.features.Mfcc;
import org.earshot.features.Stft;
import org.earshot.features.io.Npy;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code earshot features}: the CSV byte for byte what the String.format writer wrote, {@code --format npy}, folders,
 * and one line with exit status 1 on bad input. (Values against torchaudio: {@code TorchaudioParityTest}.)
 */
class FeaturesCommandTest {

    private static final Path FIXTURES = Kit.home().resolve("data/fixtures/signal");
    private static final List<String> WAVS = List.of("synthetic-16k.wav", "alsa-front-center-16k.wav");

    @TempDir
    Path tmp;

    /** What a run printed, and its exit status. */
    record Run(int status, String out, String err) {
    }

    private static Run cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = EarshotCli.commandLine().execute(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** The command's defaults, spelled out with the library: {@code [feature][frame]}. */
    private static Function<Audio, double[][]> reference(String verb) {
        return switch (verb) {
            case "logmel" -> a -> MelSpectrogram.builder().sampleRate(a.sampleRate()).nFft(400).hopLength(160).nMels(80)
                    .fMinHz(0).melScale(MelScale.HTK).norm(MelFilterbank.Norm.NONE).build().apply(a).toDecibels().values();
            case "mfcc" -> a -> Mfcc.builder().sampleRate(a.sampleRate()).nMfcc(13).nMels(40).nFft(400).hopLength(160)
                    .fMinHz(0).melScale(MelScale.HTK).norm(MelFilterbank.Norm.NONE).build().apply(a).values();
            case "spectrogram" -> a -> Stft.builder().nFft(400).hopLength(160).build().power(a).toDecibels().values();
            default -> throw new IllegalArgumentException(verb);
        };
    }

    /** The writer the command had before FixedPoint, verbatim: one {@code String.format("%.6f")} per value. */
    private static byte[] stringFormatCsv(double[][] features) {
        StringBuilder all = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (int t = 0; t < features[0].length; t++) {
            line.setLength(0);
            for (int k = 0; k < features.length; k++) {
                if (k > 0) {
                    line.append(',');
                }
                line.append(String.format(Locale.ROOT, "%.6f", features[k][t]));
            }
            all.append(line.append('\n'));
        }
        return all.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void csvIsByteForByteTheStringFormatWritersOutput() throws IOException {
        for (String verb : List.of("logmel", "mfcc", "spectrogram")) {
            for (String wav : WAVS) {
                Path csv = tmp.resolve(verb + "-" + wav + ".csv");
                Run r = cli("features", verb, FIXTURES.resolve(wav).toString(), "--out", csv.toString());
                assertEquals(0, r.status(), r.err());
                byte[] expected = stringFormatCsv(reference(verb).apply(Wav.read(FIXTURES.resolve(wav))));
                assertArrayEquals(expected, Files.readAllBytes(csv), verb + " " + wav);
            }
        }
    }

    @Test
    void csvGoesToStandardOutputWithoutOut() throws IOException {
        Run r = cli("features", "mfcc", FIXTURES.resolve(WAVS.get(0)).toString());
        assertEquals(0, r.status(), r.err());
        byte[] expected = stringFormatCsv(reference("mfcc").apply(Wav.read(FIXTURES.resolve(WAVS.get(0)))));
        assertEquals(new String(expected, StandardCharsets.UTF_8), r.out());
    }

    @Test
    void npyIsFramesByBinsInTheChosenDtype() throws IOException {
        Path wav = FIXTURES.resolve(WAVS.get(1));
        double[][] expected = reference("logmel").apply(Wav.read(wav)); // [bin][frame]
        for (String dtype : new String[] {null, "float32", "float64"}) {
            Path npy = tmp.resolve("x-" + dtype + ".npy");
            Run r = dtype == null ? cli("features", "logmel", wav.toString(), "--out", npy.toString(), "--format", "npy")
                    : cli("features", "logmel", wav.toString(), "--out", npy.toString(), "--format", "npy", "--dtype", dtype);
            assertEquals(0, r.status(), r.err());
            Npy.Matrix m = Npy.read(npy);
            boolean f64 = "float64".equals(dtype);
            assertEquals(f64 ? Npy.Type.FLOAT64 : Npy.Type.FLOAT32, m.type(), "float32 unless asked");
            assertEquals(expected[0].length, m.rows().length, "frames");
            assertEquals(80, m.columns(), "mel bins");
            for (int t = 0; t < m.rows().length; t++) {
                for (int k = 0; k < 80; k++) {
                    assertEquals(f64 ? expected[k][t] : (float) expected[k][t], m.rows()[t][k], 0.0);
                }
            }
        }
    }

    @Test
    void aFolderIsWrittenFileByFileAndFailuresAreNamedAndCounted() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in.resolve("speaker-b"));
        Files.copy(FIXTURES.resolve(WAVS.get(0)), in.resolve("a.wav"));
        Files.copy(FIXTURES.resolve(WAVS.get(1)), in.resolve("speaker-b/b.wav"));
        Files.writeString(in.resolve("speaker-b/broken.wav"), "RIFF");
        for (Path p : List.of(in.resolve("a.wav"), in.resolve("speaker-b/b.wav"), in.resolve("speaker-b/broken.wav"))) {
            Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        }
        Path out = tmp.resolve("out");

        Run r = cli("features", "logmel", in.toString(), "--out", out.toString(), "--jobs", "2", "--no-progress");
        assertEquals(1, r.status(), "a file failed");
        assertEquals("features: 2 written, 0 skipped, 1 failed\n", r.out());
        List<String> err = r.err().lines().toList();
        assertEquals(1, err.size(), r.err());
        assertTrue(err.get(0).startsWith("earshot features logmel: " + in.resolve("speaker-b/broken.wav") + ": "), err.get(0));
        assertArrayEquals(stringFormatCsv(reference("logmel").apply(Wav.read(in.resolve("speaker-b/b.wav")))),
                Files.readAllBytes(out.resolve("speaker-b/b.csv")), "the same bytes as one file at a time");
        assertTrue(Files.isRegularFile(out.resolve("a.csv")));
        assertFalse(Files.exists(out.resolve("speaker-b/broken.csv")));

        Files.delete(in.resolve("speaker-b/broken.wav"));
        r = cli("features", "logmel", in.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(0, r.status(), r.err());
        assertEquals("features: 0 written, 2 skipped, 0 failed\n", r.out());

        r = cli("features", "logmel", in.toString(), "--out", out.toString(), "--format", "npy", "--no-progress");
        assertEquals("features: 2 written, 0 skipped, 0 failed\n", r.out());
        assertEquals(80, Npy.read(out.resolve("speaker-b/b.npy")).columns());
    }

    @Test
    void badInputGivesOneLineAndStatusOne() throws IOException {
        Path wav = FIXTURES.resolve(WAVS.get(0));
        Path folder = Files.createDirectories(tmp.resolve("folder"));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path file = Files.writeString(tmp.resolve("file.txt"), "");
        Files.copy(wav, folder.resolve("a.wav"));
        String[][] cases = {
                {"features", "logmel", wav.toString(), "--dtype", "float64"},
                {"features", "logmel", wav.toString(), "--format", "parquet"},
                {"features", "logmel", wav.toString(), "--format", "npy", "--dtype", "int8"},
                {"features", "logmel", wav.toString(), "--mel-scale", "bark"},
                {"features", "logmel", folder.toString(), "--jobs", "0", "--out", tmp.resolve("o").toString()},
                {"features", "logmel", folder.toString()},
                {"features", "logmel", folder.toString(), "--out", file.toString()},
                {"features", "logmel", empty.toString(), "--out", tmp.resolve("o").toString()},
                {"features", "logmel", tmp.resolve("missing.wav").toString()},
        };
        String[] expected = {
                "--dtype applies to --format npy only",
                "--format must be one of [csv, npy], got parquet",
                "--dtype must be one of [float32, float64], got int8",
                "--mel-scale must be one of [htk, slaney], got bark",
                "--jobs must be ≥ 1, got 0",
                folder + " is a folder: --out OUT_DIR is needed",
                folder + " is a folder, so --out must be a folder: " + file + " is a file",
                "no *.wav files under " + empty,
                tmp.resolve("missing.wav") + ": no such file",
        };
        for (int i = 0; i < cases.length; i++) {
            Run r = cli(cases[i]);
            assertEquals(1, r.status(), String.join(" ", cases[i]));
            assertEquals("earshot features logmel: " + expected[i] + "\n", r.err(), String.join(" ", cases[i]));
            assertEquals("", r.out());
        }
    }

    /** A NaN feature (a bug; a WAV file cannot cause one) is refused naming the input, and nothing is written. */
    @Test
    void aNaNFeatureIsRefusedNamingTheFile() {
        FeaturesCommand.Common c = new FeaturesCommand.Common();
        c.input = FIXTURES.resolve(WAVS.get(0));
        c.out = tmp.resolve("nan.csv");
        c.format = "csv";
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = c.run("logmel", () -> { }, audio -> new double[][] {{1, 2}, {3, Double.NaN}});
        } finally {
            System.setErr(oldErr);
        }
        assertEquals(1, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("earshot features logmel: " + c.input
                + ": frame 1, feature 1 is NaN"), err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(c.out));
    }
}
