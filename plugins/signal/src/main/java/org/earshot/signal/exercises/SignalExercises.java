package org.earshot.signal.exercises;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import org.earshot.audio.Matrices;
import org.earshot.audio.MelScale;
import org.earshot.exercises.Comparison;
import org.earshot.exercises.Exercise;
import org.earshot.features.MelFilterbank;
import org.earshot.features.Spectral;

/**
 * The graded exercises of §21.1, each declared once. In a notebook,
 * {@code SignalExercises.FRAME_COUNT.check((n, nFft, hop, center) -> frames(n, nFft, hop, center))} runs the visible
 * cases on the student's function and shows which passed; the class grader runs the hidden ones too. Reference
 * answers come from the kit's own code, which the plugin's parity tests hold equal to torchaudio.
 */
public final class SignalExercises {

    private static final String LESSON = "21.1-signal";

    private SignalExercises() {
    }

    /** Exercise 1: frames of an STFT. */
    @FunctionalInterface
    public interface FrameCount {
        int frames(int signalLength, int nFft, int hopLength, boolean center);
    }

    /** Exercise 2: both directions of the HTK mel scale. */
    public record MelPair(DoubleUnaryOperator hzToMel, DoubleUnaryOperator melToHz) {
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

    /** A signal of {@code length} samples cut into frames. */
    public record Frames(int length, int nFft, int hopLength, boolean center) {
        @Override
        public String toString() {
            return length + " samples, n_fft " + nFft + ", hop " + hopLength + ", " + (center ? "centred" : "not centred");
        }
    }

    /** One direction of the mel scale at one value. */
    public record MelQuestion(double value, boolean fromHz, boolean roundTrip) {
    }

    /** A tone and the DFT that should find it. */
    public record Tone(double frequencyHz, int sampleRate, int nFft) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.1f Hz at %d Hz, n_fft %d", frequencyHz, sampleRate, nFft);
        }
    }

    /** The shape of a mel filterbank. */
    public record FilterbankShape(int nFreqs, double fMinHz, double fMaxHz, int nMels, int sampleRate) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%d mels, %.0f–%.0f Hz, %d bins at %d Hz", nMels, fMinHz,
                    fMaxHz, nFreqs, sampleRate);
        }
    }

    /** A power spectrogram {@code [bin][frame]} and the dynamic range kept. */
    public record PowerSpectrum(double[][] power, double topDb) {
    }

    /** Samples and the filter coefficient. */
    public record Emphasis(double[] samples, double alpha) {
    }

    public static final Exercise<FrameCount, Frames> FRAME_COUNT = Exercise
            .builder("21.1-frame-count", FrameCount.class, Frames.class)
            .lesson(LESSON).title("How many STFT frames?").points(2).solvedBy("frames")
            .call((f, c) -> f.frames(c.length(), c.nFft(), c.hopLength(), c.center()))
            .reference(c -> 1 + ((c.center() ? c.length() + 2 * (c.nFft() / 2) : c.length()) - c.nFft()) / c.hopLength())
            .hint("centred: the signal is padded by n_fft/2 on both sides; frames = 1 + ⌊(padded − n_fft)/hop⌋")
            .visible(frames(16000, 400, 160, true)).visible(frames(16000, 400, 160, false))
            .visible(frames(400, 400, 160, false)).visible(frames(1000, 512, 128, true))
            .hidden(frames(22050, 1024, 256, true)).hidden(frames(48000, 2048, 512, false))
            .hidden(frames(159, 400, 160, true)).hidden(frames(8000, 256, 80, false))
            .build();

    public static final Exercise<MelPair, MelQuestion> HZ_TO_MEL = Exercise
            .builder("21.1-hz-to-mel", MelPair.class, MelQuestion.class)
            .lesson(LESSON).title("Hz ↔ mel (HTK)").points(2)
            .answerExpression("new " + MelPair.class.getCanonicalName() + "(hz -> hzToMel(hz), mel -> melToHz(mel))")
            .call((p, q) -> q.roundTrip() ? p.melToHz().applyAsDouble(p.hzToMel().applyAsDouble(q.value()))
                    : q.fromHz() ? p.hzToMel().applyAsDouble(q.value()) : p.melToHz().applyAsDouble(q.value()))
            .reference(q -> q.roundTrip() ? q.value() : q.fromHz() ? MelScale.HTK.hzToMel(q.value())
                    : MelScale.HTK.melToHz(q.value()))
            .compare(Comparison.within(1e-6))
            .hint("HTK: m = 2595·log10(1 + f/700) — log10, not ln")
            .visible("200.0 Hz → mel", hz(200)).visible("1000.0 Hz → mel", hz(1000))
            .visible("5000.0 Hz → mel", hz(5000)).visible("0.0 Hz → mel", hz(0))
            .add(new Exercise.Case<>("283.2 mel → Hz", new MelQuestion(283.2, false, false), false, 1,
                    "invert the formula: f = 700·(10^(m/2595) − 1)"))
            .add(new Exercise.Case<>("2363.5 mel → Hz", new MelQuestion(2363.5, false, false), false, 1,
                    "invert the formula: f = 700·(10^(m/2595) − 1)"))
            .add(roundTrip(20)).add(roundTrip(440)).add(roundTrip(7999)).add(roundTrip(11025))
            .build();

    public static final Exercise<DftBin, Tone> DFT_BIN = Exercise.builder("21.1-dft-bin", DftBin.class, Tone.class)
            .lesson(LESSON).title("Which DFT bin holds a tone?").points(1).solvedBy("dftBin")
            .call((f, t) -> f.bin(t.frequencyHz(), t.sampleRate(), t.nFft()))
            .reference(t -> (int) Math.round(t.frequencyHz() * t.nFft() / t.sampleRate()))
            .hint("bin k is at k·sr/n_fft Hz: k = round(f·n_fft/sr)")
            .visible(tone(1000, 16000, 400)).visible(tone(440, 16000, 512)).visible(tone(1030, 16000, 400))
            .visible(tone(3000, 8000, 256))
            .hidden(tone(60, 16000, 400)).hidden(tone(7990, 16000, 400)).hidden(tone(1234.5, 44100, 2048))
            .build();

    public static final Exercise<Filterbank, FilterbankShape> FILTERBANK = Exercise
            .builder("21.1-triangular-filterbank", Filterbank.class, FilterbankShape.class)
            .lesson(LESSON).title("A triangular mel filterbank").points(3).solvedBy("melFilterbank")
            .call((f, s) -> f.weights(s.nFreqs(), s.fMinHz(), s.fMaxHz(), s.nMels(), s.sampleRate()))
            .reference(s -> MelFilterbank.create(s.nFreqs(), s.fMinHz(), s.fMaxHz(), s.nMels(), s.sampleRate(),
                    MelFilterbank.Norm.NONE, MelScale.HTK).weights())
            .compare(Comparison.within(1e-9))
            .hint("n_mels + 2 points evenly spaced in mel; filter m rises from point m to m+1, falls to m+2;"
                    + " bins at k·(sr/2)/(n_freqs − 1) Hz")
            .visible(shape(201, 0, 8000, 3, 16000)).visible(shape(201, 0, 8000, 10, 16000))
            .hidden(shape(257, 20, 7600, 40, 16000)).hidden(shape(513, 0, 11025, 64, 22050))
            .build();

    private static final double[][] SMALL_POWER = {{1, 0.1, 1e-3}, {1e-12, 10, 0}};
    private static final double[][] WIDE_POWER = widePower();

    public static final Exercise<PowerToDb, PowerSpectrum> LOG_MEL = Exercise
            .builder("21.1-log-mel", PowerToDb.class, PowerSpectrum.class)
            .lesson(LESSON).title("Log-mel from a power spectrogram").points(2).solvedBy("powerToDb")
            .call((f, p) -> f.toDb(Matrices.copy(p.power()), p.topDb()))
            .reference(p -> Spectral.powerToDb(p.power(), p.topDb()))
            .compare(Comparison.within(1e-9))
            .hint("10·log10(max(x, 1e-10)), then raise everything below (max − top_db) to that floor")
            .visible("2×3 power, top_db 80", new PowerSpectrum(SMALL_POWER, 80))
            .visible("8×20 power, top_db 80", new PowerSpectrum(WIDE_POWER, 80))
            .hidden("8×20 power, top_db 30", new PowerSpectrum(WIDE_POWER, 30))
            .hidden("2×3 power, top_db 200 (no floor)", new PowerSpectrum(SMALL_POWER, 200))
            .build();

    private static final double[] RAMP = {1, 2, 3, 4};

    public static final Exercise<PreEmphasis, Emphasis> PRE_EMPHASIS = Exercise
            .builder("21.1-pre-emphasis", PreEmphasis.class, Emphasis.class)
            .lesson(LESSON).title("A pre-emphasis filter").points(1).solvedBy("preEmphasis")
            .call((f, e) -> f.apply(e.samples().clone(), e.alpha()))
            .reference(e -> preEmphasis(e.samples(), e.alpha()))
            .compare(Comparison.within(1e-12))
            .hint("y[0] = x[0]; y[n] = x[n] − α·x[n−1] for n ≥ 1, using the input, not the output")
            .visible("[1, 2, 3, 4], α 0.97", new Emphasis(RAMP, 0.97))
            .visible("[1, 2, 3, 4], α 0", new Emphasis(RAMP, 0))
            .hidden("50 noise samples, α 0.95", new Emphasis(new Random(7).doubles(50, -1, 1).toArray(), 0.95))
            .hidden("one sample", new Emphasis(new double[] {0.5}, 0.97))
            .build();

    /** The exercises, in the order of the solutions notebook. */
    public static List<Exercise<?, ?>> all() {
        return Exercise.declaredIn(SignalExercises.class);
    }

    private static Frames frames(int length, int nFft, int hop, boolean center) {
        return new Frames(length, nFft, hop, center);
    }

    private static MelQuestion hz(double value) {
        return new MelQuestion(value, true, false);
    }

    private static Exercise.Case<MelQuestion> roundTrip(double hz) {
        return new Exercise.Case<>("round trip at " + hz + " Hz", new MelQuestion(hz, true, true), true, 1,
                "the two must be inverses");
    }

    private static Tone tone(double hz, int sampleRate, int nFft) {
        return new Tone(hz, sampleRate, nFft);
    }

    private static FilterbankShape shape(int nFreqs, double fMin, double fMax, int nMels, int sr) {
        return new FilterbankShape(nFreqs, fMin, fMax, nMels, sr);
    }

    private static double[][] widePower() {
        Random random = new Random(211);
        double[][] wide = new double[8][20];
        for (double[] row : wide) {
            for (int t = 0; t < row.length; t++) {
                row[t] = Math.pow(10, -12 * random.nextDouble());
            }
        }
        return wide;
    }

    private static double[] preEmphasis(double[] x, double alpha) {
        double[] y = new double[x.length];
        for (int n = 0; n < x.length; n++) {
            y[n] = n == 0 ? x[0] : x[n] - alpha * x[n - 1];
        }
        return y;
    }
}
