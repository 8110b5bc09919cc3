package org.earshot.signal.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import org.earshot.audio.Matrices;
import org.earshot.audio.MelScale;
import org.earshot.audio.Spectrogram;
import org.earshot.features.MelFilterbank;
import org.earshot.exercises.ExerciseBook;
import org.earshot.exercises.CheckReport;
import org.earshot.exercises.Expect;
import org.earshot.exercises.TestCase;
import org.earshot.exercises.Exercise;

/**
 * The graded exercises of §21.1 and their checks. In a notebook, {@code SignalExercises.frameCount(...)} runs the
 * visible test cases on the student's function and shows which passed; a grader runs
 * {@link #cases(String, Object)} with the hidden ones too. Reference answers come from the kit's own code, which
 * the plugin's parity tests hold equal to torchaudio.
 */
public final class SignalExercises {

    public static final String FRAME_COUNT = "21.1-frame-count";
    public static final String HZ_TO_MEL = "21.1-hz-to-mel";
    public static final String DFT_BIN = "21.1-dft-bin";
    public static final String FILTERBANK = "21.1-triangular-filterbank";
    public static final String LOG_MEL = "21.1-log-mel";
    public static final String PRE_EMPHASIS = "21.1-pre-emphasis";

    private static final String LESSON = "21.1-signal";

    /** The exercises, as the section's catalog lists them. */
    public static final List<Exercise> ALL = List.of(
            new Exercise(FRAME_COUNT, LESSON, "How many STFT frames?", 2),
            new Exercise(HZ_TO_MEL, LESSON, "Hz ↔ mel (HTK)", 2),
            new Exercise(DFT_BIN, LESSON, "Which DFT bin holds a tone?", 1),
            new Exercise(FILTERBANK, LESSON, "A triangular mel filterbank", 3),
            new Exercise(LOG_MEL, LESSON, "Log-mel from a power spectrogram", 2),
            new Exercise(PRE_EMPHASIS, LESSON, "A pre-emphasis filter", 1));

    /** The exercises with their cases: {@code BOOK.grade(id, answer)} runs the hidden cases too. */
    public static final ExerciseBook BOOK = new ExerciseBook(ALL, Map.of(
            FRAME_COUNT, "(SignalExercises.FrameCount) (n, nFft, hop, center) -> frames(n, nFft, hop, center)",
            HZ_TO_MEL, "new SignalExercises.MelPair(hz -> hzToMel(hz), mel -> melToHz(mel))",
            DFT_BIN, "(SignalExercises.DftBin) (f, sr, nFft) -> dftBin(f, sr, nFft)",
            FILTERBANK, "(SignalExercises.Filterbank) (nFreqs, fMin, fMax, nMels, sr) -> melFilterbank(nFreqs, fMin, fMax, nMels, sr)",
            LOG_MEL, "(SignalExercises.PowerToDb) (power, topDb) -> powerToDb(power, topDb)",
            PRE_EMPHASIS, "(SignalExercises.PreEmphasis) (samples, alpha) -> preEmphasis(samples, alpha)"),
            SignalExercises::cases);

    private SignalExercises() {
    }

    /** Exercise 1: frames of an STFT. */
    @FunctionalInterface
    public interface FrameCount {
        int frames(int signalLength, int nFft, int hopLength, boolean center);
    }

    /** Exercise 3: the bin nearest to a frequency. */
    @FunctionalInterface
    public interface DftBin {
        int bin(double frequencyHz, int sampleRate, int nFft);
    }

    /** Exercise 4: filterbank weights {@code [nMels][nFreqs]}. */
    @FunctionalInterface
    public interface Filterbank {
        double[][] weights(int nFreqs, double fMinHz, double fMaxHz, int nMels, int sampleRate);
    }

    /** Exercise 5: power to dB with a top_db floor. */
    @FunctionalInterface
    public interface PowerToDb {
        double[][] toDb(double[][] power, double topDb);
    }

    /** Exercise 6: {@code y[n] = x[n] − α·x[n−1]}. */
    @FunctionalInterface
    public interface PreEmphasis {
        double[] apply(double[] samples, double alpha);
    }

    /** Exercise 2: both directions of the HTK mel scale. */
    public record MelPair(DoubleUnaryOperator hzToMel, DoubleUnaryOperator melToHz) {
    }

    public static CheckReport frameCount(FrameCount answer) {
        return check(FRAME_COUNT, answer);
    }

    public static CheckReport hzToMel(DoubleUnaryOperator hzToMel, DoubleUnaryOperator melToHz) {
        return check(HZ_TO_MEL, new MelPair(hzToMel, melToHz));
    }

    public static CheckReport dftBin(DftBin answer) {
        return check(DFT_BIN, answer);
    }

    public static CheckReport filterbank(Filterbank answer) {
        return check(FILTERBANK, answer);
    }

    public static CheckReport logMel(PowerToDb answer) {
        return check(LOG_MEL, answer);
    }

    public static CheckReport preEmphasis(PreEmphasis answer) {
        return check(PRE_EMPHASIS, answer);
    }

    private static CheckReport check(String id, Object answer) {
        return BOOK.check(id, answer);
    }

    /** Every test case of an exercise, hidden ones included, for the student's answer. */
    private static List<TestCase> cases(String id, Object answer) {
        return switch (id) {
            case FRAME_COUNT -> frameCountCases((FrameCount) answer);
            case HZ_TO_MEL -> melCases((MelPair) answer);
            case DFT_BIN -> dftBinCases((DftBin) answer);
            case FILTERBANK -> filterbankCases((Filterbank) answer);
            case LOG_MEL -> logMelCases((PowerToDb) answer);
            case PRE_EMPHASIS -> preEmphasisCases((PreEmphasis) answer);
            default -> throw new IllegalArgumentException("no exercise " + id);
        };
    }

    private static List<TestCase> frameCountCases(FrameCount f) {
        String hint = "centred: the signal is padded by n_fft/2 on both sides; frames = 1 + ⌊(padded − n_fft)/hop⌋";
        List<TestCase> cases = new ArrayList<>();
        int[][] visible = {{16000, 400, 160, 1}, {16000, 400, 160, 0}, {400, 400, 160, 0}, {1000, 512, 128, 1}};
        int[][] hidden = {{22050, 1024, 256, 1}, {48000, 2048, 512, 0}, {159, 400, 160, 1}, {8000, 256, 80, 0}};
        for (int[][] set : new int[][][] {visible, hidden}) {
            for (int[] c : set) {
                boolean center = c[3] == 1;
                String name = String.format("%d samples, n_fft %d, hop %d, %s", c[0], c[1], c[2], center ? "centred" : "not centred");
                cases.add(TestCase.of(set == hidden, name, () -> f.frames(c[0], c[1], c[2], center),
                        got -> Expect.equal(1 + ((center ? c[0] + 2 * (c[1] / 2) : c[0]) - c[1]) / c[2], (int) got, hint)));
            }
        }
        return cases;
    }

    private static List<TestCase> melCases(MelPair p) {
        String hint = "HTK: m = 2595·log10(1 + f/700) — log10, not ln";
        List<TestCase> cases = new ArrayList<>();
        for (double hz : new double[] {200, 1000, 5000, 0}) {
            cases.add(TestCase.visible(hz + " Hz → mel", () -> p.hzToMel().applyAsDouble(hz),
                    got -> Expect.close(MelScale.HTK.hzToMel(hz), (double) got, 1e-6, hint)));
        }
        for (double mel : new double[] {283.2, 2363.5}) {
            cases.add(TestCase.visible(mel + " mel → Hz", () -> p.melToHz().applyAsDouble(mel),
                    got -> Expect.close(MelScale.HTK.melToHz(mel), (double) got, 1e-6,
                            "invert the formula: f = 700·(10^(m/2595) − 1)")));
        }
        for (double hz : new double[] {20, 440, 7999, 11025}) {
            cases.add(TestCase.hidden("round trip at " + hz + " Hz",
                    () -> p.melToHz().applyAsDouble(p.hzToMel().applyAsDouble(hz)),
                    got -> Expect.close(hz, (double) got, 1e-6, "the two must be inverses")));
        }
        return cases;
    }

    private static List<TestCase> dftBinCases(DftBin f) {
        String hint = "bin k is at k·sr/n_fft Hz: k = round(f·n_fft/sr)";
        List<TestCase> cases = new ArrayList<>();
        double[][] visible = {{1000, 16000, 400}, {440, 16000, 512}, {1030, 16000, 400}, {3000, 8000, 256}};
        double[][] hidden = {{60, 16000, 400}, {7990, 16000, 400}, {1234.5, 44100, 2048}};
        for (double[][] set : new double[][][] {visible, hidden}) {
            for (double[] c : set) {
                String name = String.format("%.1f Hz at %d Hz, n_fft %d", c[0], (int) c[1], (int) c[2]);
                cases.add(TestCase.of(set == hidden, name, () -> f.bin(c[0], (int) c[1], (int) c[2]),
                        got -> Expect.equal((int) Math.round(c[0] * c[2] / c[1]), (int) got, hint)));
            }
        }
        return cases;
    }

    private static List<TestCase> filterbankCases(Filterbank f) {
        String hint = "n_mels + 2 points evenly spaced in mel; filter m rises from point m to m+1, falls to m+2;"
                + " bins at k·(sr/2)/(n_freqs − 1) Hz";
        List<TestCase> cases = new ArrayList<>();
        double[][] visible = {{201, 0, 8000, 3, 16000}, {201, 0, 8000, 10, 16000}};
        double[][] hidden = {{257, 20, 7600, 40, 16000}, {513, 0, 11025, 64, 22050}};
        for (double[][] set : new double[][][] {visible, hidden}) {
            for (double[] c : set) {
                int nFreqs = (int) c[0];
                int nMels = (int) c[3];
                int sr = (int) c[4];
                String name = String.format("%d mels, %.0f–%.0f Hz, %d bins at %d Hz", nMels, c[1], c[2], nFreqs, sr);
                cases.add(TestCase.of(set == hidden, name, () -> f.weights(nFreqs, c[1], c[2], nMels, sr),
                        got -> Expect.close(MelFilterbank.create(nFreqs, c[1], c[2], nMels, sr, MelFilterbank.Norm.NONE,
                                MelScale.HTK).weights(), (double[][]) got, 1e-9, hint)));
            }
        }
        return cases;
    }

    private static List<TestCase> logMelCases(PowerToDb f) {
        String hint = "10·log10(max(x, 1e-10)), then raise everything below (max − top_db) to that floor";
        List<TestCase> cases = new ArrayList<>();
        Random random = new Random(211);
        double[][] small = {{1, 0.1, 1e-3}, {1e-12, 10, 0}};
        double[][] wide = new double[8][20];
        for (double[] row : wide) {
            for (int t = 0; t < row.length; t++) {
                row[t] = Math.pow(10, -12 * random.nextDouble());
            }
        }
        Object[][] table = {{"2×3 power, top_db 80", small, 80.0}, {"8×20 power, top_db 80", wide, 80.0},
                {"8×20 power, top_db 30", wide, 30.0}, {"2×3 power, top_db 200 (no floor)", small, 200.0}};
        for (int i = 0; i < table.length; i++) {
            double[][] power = (double[][]) table[i][1];
            double topDb = (Double) table[i][2];
            cases.add(TestCase.of(i >= 2, (String) table[i][0], () -> f.toDb(Matrices.copy(power), topDb),
                    got -> Expect.close(reference(power, topDb), (double[][]) got, 1e-9, hint)));
        }
        return cases;
    }

    private static double[][] reference(double[][] power, double topDb) {
        return Spectrogram.mel(power, Spectrogram.Amplitude.POWER, 16000, 400, 160, true, MelScale.HTK, 0, 8000)
                .toDecibels(topDb).values();
    }

    private static List<TestCase> preEmphasisCases(PreEmphasis f) {
        String hint = "y[0] = x[0]; y[n] = x[n] − α·x[n−1] for n ≥ 1, using the input, not the output";
        List<TestCase> cases = new ArrayList<>();
        double[] ramp = {1, 2, 3, 4};
        double[] noise = new Random(7).doubles(50, -1, 1).toArray();
        Object[][] table = {{"[1, 2, 3, 4], α 0.97", ramp, 0.97}, {"[1, 2, 3, 4], α 0", ramp, 0.0},
                {"50 noise samples, α 0.95", noise, 0.95}, {"one sample", new double[] {0.5}, 0.97}};
        for (int i = 0; i < table.length; i++) {
            double[] x = (double[]) table[i][1];
            double alpha = (Double) table[i][2];
            cases.add(TestCase.of(i >= 2, (String) table[i][0], () -> f.apply(x.clone(), alpha),
                    got -> Expect.close(preEmphasis(x, alpha), (double[]) got, 1e-12, hint)));
        }
        return cases;
    }

    private static double[] preEmphasis(double[] x, double alpha) {
        double[] y = new double[x.length];
        for (int n = 0; n < x.length; n++) {
            y[n] = n == 0 ? x[0] : x[n] - alpha * x[n - 1];
        }
        return y;
    }
}
