package org.earshot.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.audio.Audio;
import org.earshot.features.Deltas;
import org.earshot.features.FeatureFrames;
import org.earshot.features.MelFilterbank;
import org.earshot.features.MelSpectrogram;
import org.earshot.features.Mfcc;
import org.earshot.features.Stft;
import org.earshot.features.Window;
import org.earshot.audio.MelScale;
import org.earshot.audio.Spectrogram;
import org.earshot.audio.Wav;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Parity with torchaudio 0.13 (float64), on fixtures made by {@code data/fixtures/signal/make_torchaudio_fixtures.py}
 * from a synthetic sound and a real recording. dB values are compared on the bins within 80 dB of the
 * spectrogram's maximum (≤ 1e-3 dB); the error on the rest is printed. MFCCs and deltas: ≤ 1e-3 everywhere.
 */
class TorchaudioParityTest {

    static final double DB_TOLERANCE = 1e-3;
    static final double DB_RANGE = 80;
    private static JsonNode fixtures;
    private static Path dir;

    @BeforeAll
    static void load() throws IOException {
        dir = Kit.home().resolve("data/fixtures/signal");
        fixtures = new ObjectMapper().readTree(dir.resolve("torchaudio-fixtures.json").toFile());
    }

    static double[][] matrix(JsonNode node) {
        double[][] m = new double[node.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonNode row = node.get(i);
            m[i] = new double[row.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = row.get(j).asDouble();
            }
        }
        return m;
    }

    static MelScale scale(String name) {
        return MelScale.valueOf(name.toUpperCase(Locale.ROOT));
    }

    static MelFilterbank.Norm norm(String name) {
        return MelFilterbank.Norm.valueOf(name.toUpperCase(Locale.ROOT));
    }

    @TestFactory
    Stream<DynamicTest> melFilterbanksEqualTorchaudios() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode fb : fixtures.get("filterbanks")) {
            String name = String.format(Locale.ROOT, "%s/%s, %d freqs, %.0f–%.0f Hz, %d mels", fb.get("mel_scale").asText(),
                    fb.get("norm").asText(), fb.get("n_freqs").asInt(), fb.get("f_min").asDouble(), fb.get("f_max").asDouble(),
                    fb.get("n_mels").asInt());
            tests.add(DynamicTest.dynamicTest(name, () -> {
                double[][] expected = matrix(fb.get("weights")); // [n_freqs][n_mels]
                double[][] w = MelFilterbank.create(fb.get("n_freqs").asInt(), fb.get("f_min").asDouble(),
                        fb.get("f_max").asDouble(), fb.get("n_mels").asInt(), fixtures.get("sample_rate").asInt(),
                        norm(fb.get("norm").asText()), scale(fb.get("mel_scale").asText())).weights();
                double worst = 0;
                for (int k = 0; k < expected.length; k++) {
                    for (int m = 0; m < expected[k].length; m++) {
                        worst = Math.max(worst, Math.abs(expected[k][m] - w[m][k]));
                    }
                }
                assertTrue(worst <= 1e-9, name + ": max |Δ| " + worst);
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> featuresEqualTorchaudios() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : fixtures.get("cases")) {
            String name = c.get("wav").asText() + " " + c.get("kind").asText() + " " + c.get("params");
            tests.add(DynamicTest.dynamicTest(name, () -> check(c, name)));
        }
        return tests.stream();
    }

    private static void check(JsonNode c, String name) throws IOException {
        Audio audio = Wav.read(dir.resolve(c.get("wav").asText()));
        JsonNode p = c.get("params");
        double[][] expected = matrix(c.get("values"));
        switch (c.get("kind").asText()) {
            case "spectrogram" -> {
                Stft stft = Stft.builder().nFft(p.get("n_fft").asInt()).hopLength(p.get("hop_length").asInt())
                        .winLength(p.get("win_length").asInt())
                        .window(Window.valueOf(p.get("window").asText().toUpperCase(Locale.ROOT))).build();
                Spectrogram ours = stft.power(audio).toDecibels();
                Spectrogram ref = ours.withValues(expected, Spectrogram.Amplitude.POWER).toDecibels();
                compareDb(name, ref.values(), ours.values());
            }
            case "logmel" -> {
                MelSpectrogram mel = MelSpectrogram.builder().sampleRate(audio.sampleRate())
                        .nFft(p.get("n_fft").asInt()).hopLength(p.get("hop_length").asInt()).nMels(p.get("n_mels").asInt())
                        .fMinHz(p.get("f_min").asDouble()).fMaxHz(p.get("f_max").asDouble())
                        .norm(norm(p.get("norm").asText())).melScale(scale(p.get("mel_scale").asText())).build();
                double topDb = p.get("top_db").isNull() ? Double.POSITIVE_INFINITY : p.get("top_db").asDouble();
                compareDb(name, expected, mel.apply(audio).toDecibels(topDb).values());
            }
            case "mfcc" -> compareAbs(name, expected, mfcc(audio, p).values());
            case "deltas" -> {
                FeatureFrames mfcc = Mfcc.builder().sampleRate(audio.sampleRate()).nMfcc(13).nFft(400).hopLength(160)
                        .nMels(40).build().apply(audio);
                compareAbs(name, expected, Deltas.compute(mfcc, p.get("win_length").asInt()).values());
            }
            default -> throw new AssertionError("unknown fixture kind " + c.get("kind"));
        }
    }

    /** The CLI's defaults are the fixtures' logmel (80 mels, no top_db) and 13-of-40 MFCC cases. */
    @TestFactory
    Stream<DynamicTest> cliOutputEqualsTorchaudio(@org.junit.jupiter.api.io.TempDir Path tmp) {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : fixtures.get("cases")) {
            JsonNode p = c.get("params");
            boolean logmel = c.get("kind").asText().equals("logmel") && p.get("n_mels").asInt() == 80;
            boolean mfcc = c.get("kind").asText().equals("mfcc") && p.get("n_mfcc").asInt() == 13;
            if (!logmel && !mfcc) {
                continue;
            }
            String verb = logmel ? "logmel" : "mfcc";
            tests.add(DynamicTest.dynamicTest("earshot features " + verb + " " + c.get("wav").asText(), () -> {
                Path csv = tmp.resolve(verb + "-" + c.get("wav").asText() + ".csv");
                int rc = org.earshot.cli.EarshotCli.commandLine().execute("features", verb,
                        dir.resolve(c.get("wav").asText()).toString(), "--out", csv.toString());
                assertEquals(0, rc);
                List<String> lines = java.nio.file.Files.readAllLines(csv);
                double[][] expected = matrix(c.get("values")); // [feature][frame]
                double[][] actual = new double[expected.length][lines.size()];
                for (int t = 0; t < lines.size(); t++) {
                    String[] cells = lines.get(t).split(",");
                    for (int k = 0; k < cells.length; k++) {
                        actual[k][t] = Double.parseDouble(cells[k]);
                    }
                    assertEquals(expected.length, cells.length, "values per line");
                }
                if (logmel) {
                    compareDb("CLI " + verb, expected, actual);
                } else {
                    compareAbs("CLI " + verb, expected, actual);
                }
            }));
        }
        return tests.stream();
    }

    static FeatureFrames mfcc(Audio audio, JsonNode p) {
        return Mfcc.builder().sampleRate(audio.sampleRate()).nMfcc(p.get("n_mfcc").asInt()).nFft(p.get("n_fft").asInt())
                .hopLength(p.get("hop_length").asInt()).nMels(p.get("n_mels").asInt())
                .logMels(p.get("log_mels").asBoolean()).build().apply(audio);
    }

    /** dB values: ≤ 1e-3 dB on bins within 80 dB of the reference's maximum; the rest is reported. */
    static void compareDb(String name, double[][] expected, double[][] actual) {
        assertShape(name, expected, actual);
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : expected) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        double worstIn = 0;
        double worstOut = 0;
        int out = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                double e = Math.abs(expected[i][j] - actual[i][j]);
                if (expected[i][j] >= max - DB_RANGE) {
                    worstIn = Math.max(worstIn, e);
                } else {
                    worstOut = Math.max(worstOut, e);
                    out++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "parity %s: max |Δ| %.2e dB within %.0f dB of max; %.2e dB on the %d bins below%n",
                name, worstIn, DB_RANGE, worstOut, out);
        assertTrue(worstIn <= DB_TOLERANCE, name + ": max |Δ| " + worstIn + " dB");
    }

    static void compareAbs(String name, double[][] expected, double[][] actual) {
        assertShape(name, expected, actual);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                worst = Math.max(worst, Math.abs(expected[i][j] - actual[i][j]));
            }
        }
        System.out.printf(Locale.ROOT, "parity %s: max |Δ| %.2e%n", name, worst);
        assertTrue(worst <= 1e-3, name + ": max |Δ| " + worst);
    }

    private static void assertShape(String name, double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length, name + ": rows");
        assertEquals(expected[0].length, actual[0].length, name + ": frames");
    }
}
