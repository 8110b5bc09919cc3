package org.earshot.signal.exercises;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import org.earshot.audio.Audio;
import org.earshot.audio.Decibels;
import org.earshot.audio.Matrices;
import org.earshot.audio.MelScale;
import org.earshot.audio.Spectrogram;
import org.earshot.exercises.Comparison;
import org.earshot.exercises.Exercise;
import org.earshot.exercises.SpectrumMatch;
import org.earshot.features.Dct;
import org.earshot.features.MelFilterbank;
import org.earshot.features.MelSpectrogram;
import org.earshot.features.Mfcc;
import org.earshot.features.Spectral;
import org.earshot.features.Stft;
import org.earshot.features.Window;

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

    /** Exercise 7: the frequency a tone is heard at once sampled. */
    @FunctionalInterface
    public interface AliasFrequency {
        double heardHz(double toneHz, int sampleRate);
    }

    /** Exercise 8: the first coefficients of the orthonormal DCT-II of one log-mel frame. */
    @FunctionalInterface
    public interface DctOfFrame {
        double[] coefficients(double[] logMel, int nCoefficients);
    }

    /** Exercise 9 (a sound): a tone that aliases to a given frequency once naively decimated. */
    @FunctionalInterface
    public interface AliasingTone {
        Audio make(double aliasHz, int sampleRate, int targetRate, double durationSeconds);
    }

    /** Exercise 10 (a sound): the chapter's vowel-like frame, Hann-windowed. */
    @FunctionalInterface
    public interface VowelFrame {
        Audio make(int sampleRate, double durationSeconds);
    }

    /** A tone sampled at a rate. */
    public record Sampling(double toneHz, int sampleRate) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.0f Hz sampled at %d Hz", toneHz, sampleRate);
        }
    }

    /** A log-mel frame and how many coefficients to keep. */
    public record LogMelFrame(String name, double[] logMel, int nCoefficients) {
        @Override
        public String toString() {
            return name + ", " + nCoefficients + " coefficients";
        }
    }

    /** Where a tone must alias to, and the rates. */
    public record Decimation(double aliasHz, int sampleRate, int targetRate, double durationSeconds) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "heard at %.0f Hz after %d → %d Hz, %.2f s", aliasHz,
                    sampleRate, targetRate, durationSeconds);
        }
    }

    /** The rate and length of a vowel-like frame. */
    public record FrameSpec(int sampleRate, double durationSeconds) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.0f ms at %d Hz (%d samples)", 1000 * durationSeconds,
                    sampleRate, sampleCount(durationSeconds, sampleRate));
        }
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
            .forbids(Stft.class, MelSpectrogram.class, Mfcc.class)
            .forbids(Spectral.class, "frameCount", "stft", "spectrogram", "melSpectrogram")
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
            .solvedBy("hzToMel", "melToHz")
            .forbids(MelScale.class, MelFilterbank.class, MelSpectrogram.class, Mfcc.class)
            .forbids(Spectral.class, "melFilterbank", "melSpectrogram")
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
            .forbids(Spectrogram.class, Stft.class)
            .call((f, t) -> f.bin(t.frequencyHz(), t.sampleRate(), t.nFft()))
            .reference(t -> (int) Math.round(t.frequencyHz() * t.nFft() / t.sampleRate()))
            .hint("bin k is at k·sr/n_fft Hz: k = round(f·n_fft/sr)")
            .visible(tone(1000, 16000, 400)).visible(tone(440, 16000, 512)).visible(tone(1030, 16000, 400))
            .visible(tone(3000, 8000, 256))
            .hidden(tone(60, 16000, 400)).hidden(tone(7990, 16000, 400)).hidden(tone(1234.5, 44100, 2048))
            .build();

    public static final Exercise<Filterbank, FilterbankShape> FILTERBANK = Exercise
            .builder("21.1-triangular-filterbank", Filterbank.class, FilterbankShape.class)
            .lesson(LESSON).title("A triangular mel filterbank").points(3).solvedBy("melFilterbank").buildsOn(HZ_TO_MEL)
            .forbids(MelFilterbank.class, MelScale.class, MelSpectrogram.class, Mfcc.class)
            .forbids(Spectral.class, "melFilterbank", "melSpectrogram")
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
            .forbids(Decibels.class, MelSpectrogram.class, Mfcc.class)
            .forbids(Spectral.class, "powerToDb", "amplitudeToDb", "magnitudeToDb", "topDbFloor")
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

    /** 40 HTK log-mel values (dB) of the 25 ms vowel-like frame at 16 kHz: the DCT exercise's realistic case. */
    private static final double[] VOWEL_LOG_MEL = vowelLogMel();

    public static final Exercise<AliasFrequency, Sampling> ALIAS_FREQUENCY = Exercise
            .builder("21.1-alias-frequency", AliasFrequency.class, Sampling.class)
            .lesson(LESSON).title("Where does a tone alias to?").points(1).solvedBy("aliasFrequency")
            .call((f, s) -> f.heardHz(s.toneHz(), s.sampleRate()))
            .reference(s -> aliasHz(s.toneHz(), s.sampleRate()))
            .compare(Comparison.within(1e-9))
            .hint("sampling at fs cannot tell f from f − k·fs: the alias is |f − fs·round(f / fs)|, in [0, fs/2]")
            .visible(new Sampling(7000, 8000)).visible(new Sampling(1000, 8000)).visible(new Sampling(5000, 8000))
            .visible(new Sampling(12000, 16000))
            .hidden(new Sampling(9000, 8000)).hidden(new Sampling(23000, 22050)).hidden(new Sampling(4000, 8000))
            .hidden(new Sampling(16000, 16000))
            .build();

    public static final Exercise<DctOfFrame, LogMelFrame> DCT = Exercise
            .builder("21.1-dct-of-log-mel", DctOfFrame.class, LogMelFrame.class)
            .lesson(LESSON).title("MFCCs: the DCT of a log-mel frame").points(2).solvedBy("dctOfLogMel")
            .forbids(Dct.class, Mfcc.class)
            .forbids(Spectral.class, "mfcc")
            .call((f, m) -> f.coefficients(m.logMel().clone(), m.nCoefficients()))
            .reference(m -> dct(m.logMel(), m.nCoefficients()))
            .compare(Comparison.within(1e-9))
            .hint("c_k = s_k·Σ_n x_n·cos(π/N·(n + ½)·k), s_0 = √(1/N), s_k = √(2/N): torchaudio's create_dct(norm='ortho')")
            .visible(new LogMelFrame("a flat frame of 4 mels", new double[] {2, 2, 2, 2}, 4))
            .visible(new LogMelFrame("[1, 2, 3, 4]", new double[] {1, 2, 3, 4}, 3))
            .visible(new LogMelFrame("40 mels of a vowel-like frame", VOWEL_LOG_MEL, 13))
            .hidden(new LogMelFrame("40 noisy mels", new Random(5).doubles(40, -80, 0).toArray(), 13))
            .hidden(new LogMelFrame("one mel", new double[] {-3}, 1))
            .build();

    public static final Exercise<AliasingTone, Decimation> ALIASING_TONE = Exercise
            .builder("21.1-aliasing-tone", AliasingTone.class, Decimation.class)
            .lesson(LESSON).title("A tone that aliases (answer: a sound)").points(2).solvedBy("aliasingTone")
            .call((f, d) -> f.make(d.aliasHz(), d.sampleRate(), d.targetRate(), d.durationSeconds()))
            .reference(d -> org.earshot.audio.Synth.sine(d.targetRate() - d.aliasHz(), d.durationSeconds(),
                    d.sampleRate(), 0.5))
            .compare(SpectrumMatch.builder().maxDistanceDb(3).build())
            .hint("the lowest tone above the target's Nyquist that lands on the alias is targetRate − aliasHz;"
                    + " amplitude 0.5, round(duration·rate) samples")
            .visible(new Decimation(1000, 16000, 8000, 0.5)).visible(new Decimation(3000, 16000, 8000, 0.25))
            .hidden(new Decimation(2000, 48000, 16000, 0.2)).hidden(new Decimation(500, 44100, 11025, 0.3))
            .build();

    public static final Exercise<VowelFrame, FrameSpec> VOWEL_FRAME = Exercise
            .builder("21.1-vowel-frame", VowelFrame.class, FrameSpec.class)
            .lesson(LESSON).title("The chapter's vowel-like frame (answer: a sound)").points(2).solvedBy("vowelFrame")
            .call((f, s) -> f.make(s.sampleRate(), s.durationSeconds()))
            .reference(s -> vowelFrame(s.sampleRate(), s.durationSeconds()))
            .compare(SpectrumMatch.builder().maxDistanceDb(3).band("pitch, 150–250 Hz", 150, 250)
                    .band("formant, 650–750 Hz", 650, 750).build())
            .hint("x[n] = sin(2π·200·n/fs) + 0.5·sin(2π·700·n/fs), times a periodic Hann window of the frame's length")
            .visible(new FrameSpec(16000, 0.025)).visible(new FrameSpec(8000, 0.025))
            .hidden(new FrameSpec(22050, 0.025)).hidden(new FrameSpec(16000, 0.05))
            .build();

    /** The exercises, in the order of the solutions notebook. */
    public static List<Exercise<?, ?>> all() {
        return Exercise.declaredIn(SignalExercises.class);
    }

    /** @return {@code |f − fs·round(f/fs)|}: where a tone of {@code f} Hz is heard once sampled at {@code fs} */
    static double aliasHz(double toneHz, int sampleRate) {
        return Math.abs(toneHz - sampleRate * Math.rint(toneHz / sampleRate));
    }

    static double[] dct(double[] logMel, int nCoefficients) {
        double[][] c = Dct.matrix(nCoefficients, logMel.length, Dct.Norm.ORTHO);
        double[] out = new double[nCoefficients];
        for (int k = 0; k < nCoefficients; k++) {
            for (int n = 0; n < logMel.length; n++) {
                out[k] += c[k][n] * logMel[n];
            }
        }
        return out;
    }

    static Audio vowelFrame(int sampleRate, double durationSeconds) {
        int n = sampleCount(durationSeconds, sampleRate);
        double[] hann = Window.HANN.coefficients(n, true);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = hann[i] * (Math.sin(2 * Math.PI * 200 * i / sampleRate)
                    + 0.5 * Math.sin(2 * Math.PI * 700 * i / sampleRate));
        }
        return Audio.mono(x, sampleRate);
    }

    private static int sampleCount(double durationSeconds, int sampleRate) {
        return (int) Math.round(durationSeconds * sampleRate);
    }

    private static double[] vowelLogMel() {
        double[] frame = vowelFrame(16000, 0.025).doubleSamples();
        double[] rect = new double[400];
        java.util.Arrays.fill(rect, 1);
        double[][] power = Spectral.spectrogram(frame, 400, 400, rect, false, org.earshot.features.PadMode.REFLECT, 2);
        double[][] mel = Spectral.melSpectrogram(power, MelFilterbank.create(201, 0, 8000, 40, 16000,
                MelFilterbank.Norm.NONE, MelScale.HTK).weights());
        double[][] db = Spectral.powerToDb(mel, 80);
        double[] out = new double[db.length];
        for (int m = 0; m < out.length; m++) {
            out[m] = Math.round(db[m][0] * 1000) / 1000.0;
        }
        return out;
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
