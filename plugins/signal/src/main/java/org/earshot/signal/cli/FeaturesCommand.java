package org.earshot.signal.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.earshot.audio.Audio;
import org.earshot.audio.MelScale;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import org.earshot.features.MelFilterbank;
import org.earshot.features.MelSpectrogram;
import org.earshot.features.Mfcc;
import org.earshot.features.Stft;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot features logmel|mfcc|spectrogram IN.wav [--out OUT.csv]}: features of a WAV file as CSV, one line per
 * frame (frames as rows), comma-separated, no header, {@code %.6f}. Semantics are torchaudio's:
 * <ul>
 *   <li>{@code logmel}: {@code MelSpectrogram} + {@code AmplitudeToDB("power")}, no top_db (n_fft 400, hop 160,
 *       80 mels, HTK);</li>
 *   <li>{@code mfcc}: {@code MFCC} (top_db 80, DCT-II ortho; 13 coefficients from 40 mels);</li>
 *   <li>{@code spectrogram}: {@code Spectrogram(power=2)} + {@code AmplitudeToDB("power")}.</li>
 * </ul>
 * A file that cannot be read gives one line on standard error naming it, and exit status 1.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Features of a WAV file as CSV (one line per frame), with torchaudio's semantics.",
        subcommands = {FeaturesCommand.LogMel.class, FeaturesCommand.MfccCommand.class, FeaturesCommand.SpectrogramCommand.class})
public final class FeaturesCommand implements CliCommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing feature: logmel, mfcc or spectrogram");
    }

    /** Options every feature takes. */
    static final class Common {
        @Parameters(paramLabel = "IN.wav", description = "The WAV file.")
        Path input;

        @Option(names = "--out", paramLabel = "OUT.csv", description = "Where to write the CSV (default: standard output).")
        Path out;

        @Option(names = "--n-fft", defaultValue = "400", description = "FFT size in samples (default ${DEFAULT-VALUE}).")
        int nFft;

        @Option(names = "--hop", defaultValue = "160", description = "Hop length in samples (default ${DEFAULT-VALUE}).")
        int hopLength;

        @Option(names = "--win-length", description = "Window length in samples (default: n_fft).")
        Integer winLength;

        /** The STFT options as set, {@code --win-length} left to the builder's default (n_fft) when absent. */
        Stft.Builder stft() {
            Stft.Builder b = Stft.builder().nFft(nFft).hopLength(hopLength);
            if (winLength != null) {
                b.winLength(winLength);
            }
            return b;
        }

        /** Reads the input, computes, writes; returns the exit status. */
        int run(String verb, Computation computation) {
            double[][] features;
            try {
                features = computation.compute(Wav.read(input));
            } catch (IOException | IllegalArgumentException e) {
                String message = e.getMessage();
                if (!message.startsWith(input.toString())) {
                    message = input + ": " + message;
                }
                System.err.println("earshot features " + verb + ": " + message);
                return 1;
            }
            try {
                write(features, out);
            } catch (IOException e) {
                System.err.println("earshot features " + verb + ": cannot write " + out + ": " + e.getMessage());
                return 1;
            }
            return 0;
        }
    }

    /** Mel options shared by logmel and mfcc. */
    static final class MelOptions {
        @Option(names = "--f-min", defaultValue = "0", description = "Lowest mel filter edge in Hz (default ${DEFAULT-VALUE}).")
        double fMinHz;

        @Option(names = "--f-max", description = "Highest mel filter edge in Hz (default: sample rate / 2).")
        Double fMaxHz;

        @Option(names = "--mel-scale", defaultValue = "htk", description = "htk or slaney (default ${DEFAULT-VALUE}).")
        String melScale;

        @Option(names = "--norm", defaultValue = "none", description = "Mel filter norm: none or slaney (default ${DEFAULT-VALUE}).")
        String norm;

        MelSpectrogram.Builder apply(MelSpectrogram.Builder b, int sampleRate, Common c, int nMels) {
            b.sampleRate(sampleRate).nFft(c.nFft).hopLength(c.hopLength).nMels(nMels)
                    .fMinHz(fMinHz).melScale(scale()).norm(norm());
            if (c.winLength != null) {
                b.winLength(c.winLength);
            }
            if (fMaxHz != null) {
                b.fMaxHz(fMaxHz);
            }
            return b;
        }

        MelScale scale() {
            return parse(MelScale.class, melScale, "--mel-scale");
        }

        MelFilterbank.Norm norm() {
            return parse(MelFilterbank.Norm.class, norm, "--norm");
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ", got " + value);
        }
    }

    @FunctionalInterface
    interface Computation {
        double[][] compute(Audio audio);
    }

    /** {@code features logmel}. */
    @Command(name = "logmel", mixinStandardHelpOptions = true,
            description = "Log-mel spectrogram in dB: torchaudio MelSpectrogram + AmplitudeToDB(\"power\"), no top_db.")
    static final class LogMel implements Callable<Integer> {
        @Mixin
        Common common;
        @Mixin
        MelOptions mel;
        @Option(names = "--n-mels", defaultValue = "80", description = "Mel filters (default ${DEFAULT-VALUE}).")
        int nMels;

        @Override
        public Integer call() {
            return common.run("logmel", audio -> mel.apply(MelSpectrogram.builder(), audio.sampleRate(), common, nMels)
                    .build().apply(audio).toDecibels().values());
        }
    }

    /** {@code features mfcc}. */
    @Command(name = "mfcc", mixinStandardHelpOptions = true,
            description = "MFCCs: torchaudio MFCC (mel power in dB with top_db 80, DCT-II ortho).")
    static final class MfccCommand implements Callable<Integer> {
        @Mixin
        Common common;
        @Mixin
        MelOptions mel;
        @Option(names = "--n-mels", defaultValue = "40", description = "Mel filters (default ${DEFAULT-VALUE}).")
        int nMels;
        @Option(names = "--n-mfcc", defaultValue = "13", description = "Coefficients (default ${DEFAULT-VALUE}).")
        int nMfcc;

        @Override
        public Integer call() {
            return common.run("mfcc", audio -> {
                Mfcc.Builder b = Mfcc.builder().sampleRate(audio.sampleRate()).nMfcc(nMfcc).nMels(nMels)
                        .nFft(common.nFft).hopLength(common.hopLength)
                        .fMinHz(mel.fMinHz).melScale(mel.scale()).norm(mel.norm());
                if (common.winLength != null) {
                    b.winLength(common.winLength);
                }
                if (mel.fMaxHz != null) {
                    b.fMaxHz(mel.fMaxHz);
                }
                return b.build().apply(audio).values();
            });
        }
    }

    /** {@code features spectrogram}. */
    @Command(name = "spectrogram", mixinStandardHelpOptions = true,
            description = "Power spectrogram in dB: torchaudio Spectrogram(power=2) + AmplitudeToDB(\"power\").")
    static final class SpectrogramCommand implements Callable<Integer> {
        @Mixin
        Common common;

        @Override
        public Integer call() {
            return common.run("spectrogram", audio -> common.stft().build().power(audio).toDecibels().values());
        }
    }

    /** Frames as rows: {@code features[bin][frame]} is written transposed. */
    static void write(double[][] features, Path out) throws IOException {
        Writer w = out == null ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        try (BufferedWriter bw = new BufferedWriter(w, 1 << 16)) {
            StringBuilder line = new StringBuilder();
            for (int t = 0; t < features[0].length; t++) {
                line.setLength(0);
                for (int k = 0; k < features.length; k++) {
                    if (k > 0) {
                        line.append(',');
                    }
                    line.append(String.format(Locale.ROOT, "%.6f", features[k][t]));
                }
                bw.write(line.append('\n').toString());
            }
        }
    }
}
