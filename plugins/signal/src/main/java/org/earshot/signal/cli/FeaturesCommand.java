package org.earshot.signal.cli;

import java.io.IOException;
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
import org.earshot.features.io.FeatureBatch;
import org.earshot.features.io.FeatureFormat;
import org.earshot.features.io.Npy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot features logmel|mfcc|spectrogram IN [--out OUT] [--format csv|npy] [--dtype float32|float64]}:
 * features of a WAV file, or of every WAV file under a folder, frames as rows. Semantics are torchaudio's:
 * <ul>
 *   <li>{@code logmel}: {@code MelSpectrogram} + {@code AmplitudeToDB("power")}, no top_db (n_fft 400, hop 160,
 *       80 mels, HTK);</li>
 *   <li>{@code mfcc}: {@code MFCC} (top_db 80, DCT-II ortho; 13 coefficients from 40 mels);</li>
 *   <li>{@code spectrogram}: {@code Spectrogram(power=2)} + {@code AmplitudeToDB("power")}.</li>
 * </ul>
 * Formats ({@link FeatureFormat}): {@code csv} (the default) is one line per frame, comma-separated, no header, each
 * value {@code %.6f}; {@code npy} is NumPy's {@code .npy}, shape (frames, bins), {@code float32} unless
 * {@code --dtype float64}. NaN or infinite features are refused, naming the file.
 *
 * <p>When IN is a folder, {@code --out} names the output folder: every {@code *.wav} under IN (recursively, sorted)
 * is written there with the same relative path and the format's extension, {@code --jobs} files at a time
 * ({@link FeatureBatch}); outputs newer than their inputs are skipped; a progress bar runs on standard error; each
 * file that fails is named on one line there and the rest carry on; the last line is
 * {@code features: N written, S skipped, F failed}, and the exit status is 1 if any failed.
 *
 * <p>Example: {@code ./earshot features logmel corpus/wav --out build/logmel --format npy} then, in Python,
 * {@code np.load("build/logmel/digits-0001.npy").shape == (frames, 80)}.
 *
 * <p>A file that cannot be read, or a bad option, gives one line on standard error (naming the file) and exit
 * status 1.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Features of a WAV file, or of every WAV file under a folder, with torchaudio's semantics: "
                + "CSV (one line per frame) or NumPy .npy (frames, bins).",
                "A folder IN is written to the folder --out, same relative paths, outputs newer than their inputs "
                + "skipped, --jobs files at a time; exit 1 if any file failed."},
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
        @Parameters(paramLabel = "IN", description = "A WAV file, or a folder: every *.wav under it, recursively.")
        Path input;

        @Option(names = "--out", paramLabel = "OUT", description = "Where to write: a file (default: standard output);"
                + " for a folder IN, the output folder (required).")
        Path out;

        @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|npy",
                description = "csv: one line per frame, comma-separated, %%.6f; npy: NumPy .npy, shape (frames, bins)"
                        + " (default ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--dtype", paramLabel = "float32|float64",
                description = "The .npy element type, with --format npy only (default: float32).")
        String dtype;

        @Option(names = "--jobs", paramLabel = "N",
                description = "For a folder IN: files at a time (default: the available processors).")
        Integer jobs;

        @Option(names = "--no-progress", description = "For a folder IN: no progress bar.")
        boolean noProgress;

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

        /** {@code --format} and {@code --dtype} as one choice. */
        FeatureFormat outputFormat() {
            Format f = parse(Format.class, format, "--format");
            if (f == Format.CSV) {
                if (dtype != null) {
                    throw new IllegalArgumentException("--dtype applies to --format npy only");
                }
                return FeatureFormat.CSV;
            }
            Npy.Type t = dtype == null ? Npy.Type.FLOAT32 : parse(Npy.Type.class, dtype, "--dtype");
            return t == Npy.Type.FLOAT32 ? FeatureFormat.NPY_FLOAT32 : FeatureFormat.NPY_FLOAT64;
        }

        /**
         * Checks the options, then computes and writes one file or a folder.
         *
         * @param verb         the feature, for messages
         * @param checkOptions throws {@link IllegalArgumentException} on a bad feature option, before any file is read
         * @param computation  the features of one sound, {@code [feature][frame]}
         * @return the exit status
         */
        int run(String verb, Runnable checkOptions, Computation computation) {
            String who = "earshot features " + verb;
            FeatureFormat outputFormat;
            try {
                checkOptions.run();
                outputFormat = outputFormat();
                if (jobs != null && jobs < 1) {
                    throw new IllegalArgumentException("--jobs must be ≥ 1, got " + jobs);
                }
            } catch (IllegalArgumentException e) {
                System.err.println(who + ": " + e.getMessage());
                return 1;
            }
            return Files.isDirectory(input) ? runFolder(who, outputFormat, computation)
                    : runFile(who, outputFormat, computation);
        }

        private int runFile(String who, FeatureFormat outputFormat, Computation computation) {
            double[][] features;
            try {
                features = computation.compute(Wav.read(input));
                FeatureFormat.requireFinite(features);
            } catch (IOException | IllegalArgumentException e) {
                System.err.println(who + ": " + input + ": " + FeatureBatch.withoutPath(input, e));
                return 1;
            }
            try {
                if (out == null) {
                    outputFormat.write(features, System.out);
                } else {
                    outputFormat.write(features, out);
                }
            } catch (IOException e) {
                System.err.println(who + ": cannot write " + (out == null ? "standard output" : out) + ": "
                        + e.getMessage());
                return 1;
            }
            return 0;
        }

        private int runFolder(String who, FeatureFormat outputFormat, Computation computation) {
            if (out == null) {
                System.err.println(who + ": " + input + " is a folder: --out OUT_DIR is needed");
                return 1;
            }
            if (Files.exists(out) && !Files.isDirectory(out)) {
                System.err.println(who + ": " + input + " is a folder, so --out must be a folder: " + out + " is a file");
                return 1;
            }
            FeatureBatch.Summary summary;
            try {
                if (FeatureBatch.inputs(input).isEmpty()) {
                    System.err.println(who + ": no *.wav files under " + input);
                    return 1;
                }
                FeatureBatch.Builder b = FeatureBatch.builder().features(computation::compute).format(outputFormat)
                        .progressBar(!noProgress).label(who);
                if (jobs != null) {
                    b.jobs(jobs);
                }
                summary = b.build().run(input, out);
            } catch (IOException e) {
                System.err.println(who + ": " + e.getMessage());
                return 1;
            }
            System.out.println("features: " + summary);
            return summary.failed() > 0 ? 1 : 0;
        }
    }

    /** {@code --format}'s choices. */
    enum Format {
        CSV, NPY
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

        /** Parses {@code --mel-scale} and {@code --norm}, so a bad value fails before any file is read. */
        void check() {
            scale();
            norm();
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
            return common.run("logmel", mel::check, audio -> mel.apply(MelSpectrogram.builder(), audio.sampleRate(), common, nMels)
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
            return common.run("mfcc", mel::check, audio -> {
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
            return common.run("spectrogram", () -> { }, audio -> common.stft().build().power(audio).toDecibels().values());
        }
    }
}
