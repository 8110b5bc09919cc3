package org.earshot.tts.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.earshot.audio.Audio;
import org.earshot.audio.Spectrogram;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import org.earshot.features.MelFilterbank;
import org.earshot.features.Stft;
import org.earshot.tts.vocoder.GriffinLim;
import org.earshot.tts.vocoder.MelInversion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot tts-vocode IN.wav… --out DIR}: each recording's phase thrown away and found again by Griffin-Lim
 * ({@link GriffinLim}), optionally through an {@code N}-band mel spectrogram first ({@link MelInversion}), as a TTS
 * acoustic model's output would be vocoded: hear what the vocoder step alone costs. Writes {@code DIR/NAME.wav}
 * (16-bit) and prints, per file, the spectral convergence reached against the target magnitude. A file that cannot be
 * read is one line on stderr; the others are still vocoded, and the exit status is 1.
 */
@Command(name = "tts-vocode", mixinStandardHelpOptions = true,
        description = "Griffin-Lim resynthesis of recordings (optionally through a mel spectrogram): the vocoder "
                + "step of TTS, heard on its own.")
public final class TtsVocodeCommand implements CliCommand {

    @Parameters(arity = "1..*", paramLabel = "IN.wav", description = "Recordings to vocode.")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the vocoded WAVs.")
    Path out;

    @Option(names = "--mel", defaultValue = "0", paramLabel = "N",
            description = "Go through an N-band mel power spectrogram first (0, the default: linear bins only).")
    int mels;

    @Option(names = "--n-fft", defaultValue = "1024", paramLabel = "N", description = "FFT size (default ${DEFAULT-VALUE}).")
    int nFft;

    @Option(names = "--hop", defaultValue = "256", paramLabel = "N", description = "Hop in samples (default ${DEFAULT-VALUE}).")
    int hop;

    @Option(names = "--iterations", defaultValue = "32", paramLabel = "N",
            description = "Griffin-Lim iterations (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--momentum", defaultValue = "0.99", paramLabel = "M",
            description = "Fast Griffin-Lim momentum in [0, 1); 0 is the original algorithm (default ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Random starting phase's seed.")
    long seed;

    @Override
    public Integer call() {
        GriffinLim griffinLim;
        try {
            Stft stft = Stft.builder().nFft(nFft).hopLength(hop).build();
            griffinLim = GriffinLim.builder().stft(stft).iterations(iterations).momentum(momentum).seed(seed).build();
            if (mels < 0) {
                throw new IllegalArgumentException("--mel " + mels + ": give 0 (linear) or a number of bands");
            }
            Files.createDirectories(out);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("earshot tts-vocode: " + e.getMessage());
            return 1;
        }
        int failed = 0;
        for (Path in : inputs) {
            try {
                System.out.println(vocode(griffinLim, in));
            } catch (IllegalArgumentException | IOException e) {
                System.err.println("earshot tts-vocode: " + in + ": " + e.getMessage());
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }

    private String vocode(GriffinLim griffinLim, Path in) throws IOException {
        Audio audio = Wav.read(in);
        if (audio.frameCount() < nFft) {
            throw new IllegalArgumentException(audio.frameCount() + " samples, fewer than --n-fft " + nFft);
        }
        Spectrogram original = griffinLim.stft().power(audio);
        Spectrogram target = original;
        String route = "linear";
        if (mels > 0) {
            MelFilterbank fb = MelFilterbank.builder().nFft(nFft).sampleRate(audio.sampleRate()).nMels(mels).build();
            target = MelInversion.of(fb).linear(fb.apply(original));
            route = mels + " mel bands → linear";
        }
        long start = System.nanoTime();
        Audio y = griffinLim.reconstruct(target, audio.frameCount());
        double seconds = (System.nanoTime() - start) / 1e9;
        double peak = y.peak();
        Audio written = peak > 1 ? y.gain(20 * Math.log10(0.99 / peak)) : y;
        String name = in.getFileName().toString().replaceFirst("(?i)\\.wav$", "") + ".wav";
        Path file = out.resolve(name);
        Wav.write(written, file, Wav.Encoding.PCM_16);
        return String.format(Locale.ROOT, "%s → %s: %.2f s, %s, %d iteration%s (momentum %.2f), spectral convergence "
                        + "%.3f against the original's magnitude, %.2f s (%.1f× real time)", in, file,
                audio.durationSeconds(), route, griffinLim.iterations(), griffinLim.iterations() == 1 ? "" : "s",
                griffinLim.momentum(),
                griffinLim.spectralConvergence(original, y), seconds, audio.durationSeconds() / seconds);
    }
}
