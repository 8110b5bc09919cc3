package org.earshot.tts.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.earshot.audio.Audio;
import org.earshot.audio.Spectrogram;
import org.earshot.audio.Wav;
import org.earshot.cli.Benchmark;
import org.earshot.features.Stft;
import org.earshot.kit.Kit;
import org.earshot.tts.vocoder.GriffinLim;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot bench tts}: the vocoder step's speed against torchaudio in the same command, as ratios (never a
 * pass/fail on a time). Griffin-Lim (n_fft 1024, hop 256, momentum 0.99) on a real recording tiled to
 * {@code --seconds}: the median of warm calls in this JVM, each after as many warm-up calls, against
 * {@code torchaudio.functional.griffinlim} in a child process (Debian python3-torchaudio, the same threads) in
 * float32, its default, and float64, the kit's precision; and the real-time factor each reaches.
 */
@Command(name = "tts", mixinStandardHelpOptions = true,
        description = "Griffin-Lim speed vs torchaudio (float32 and float64, in process, same threads); prints ratios "
                + "and real-time factors.")
public final class TtsBenchmark implements Benchmark {

    @Option(names = "--seconds", defaultValue = "20", description = "Length of the test sound (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--iterations", defaultValue = "32", description = "Griffin-Lim iterations (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--repeats", defaultValue = "5",
            description = "Warm calls timed, after as many warm-ups (default ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seconds <= 0 || iterations < 1 || repeats < 1) {
            System.err.println("earshot bench tts: --seconds, --iterations and --repeats must be positive");
            return 1;
        }
        Audio voice = Wav.read(Kit.home().resolve("data/fixtures/signal/alsa-front-center-16k.wav"));
        float[] x = new float[(int) (seconds * voice.sampleRate())];
        float[] v = voice.samples();
        for (int i = 0; i < x.length; i++) {
            x[i] = v[i % v.length];
        }
        Audio audio = Audio.mono(x, voice.sampleRate());
        Stft stft = Stft.builder().nFft(1024).hopLength(256).build();
        Spectrogram power = stft.power(audio);
        GriffinLim gl = GriffinLim.builder().stft(stft).iterations(iterations).build();
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "test sound: %.1f s of a real voice (16 kHz), n_fft 1024, hop 256, %d "
                + "iterations, momentum 0.99, %d cores%n", seconds, iterations, threads);
        double[] times = new double[repeats];
        for (int i = 0; i < 2 * repeats; i++) {
            long start = System.nanoTime();
            gl.reconstruct(power, x.length);
            if (i >= repeats) {
                times[i - repeats] = (System.nanoTime() - start) / 1e9;
            }
        }
        Arrays.sort(times);
        double ours = times[repeats / 2];
        System.out.printf(Locale.ROOT, "Griffin-Lim, earshot (float64):    warm %.3f s, %.1f× real time%n", ours,
                seconds / ours);
        Path wav = Files.createTempFile("earshot-bench-tts-", ".wav");
        try {
            Wav.write(audio, wav, Wav.Encoding.FLOAT_32);
            Map<String, Double> torch = torchaudio(wav, threads);
            if (torch.isEmpty()) {
                System.out.println("torchaudio: not available, its side is skipped (apt-get install python3-torchaudio)");
            }
            for (Map.Entry<String, Double> e : torch.entrySet()) {
                System.out.printf(Locale.ROOT, "Griffin-Lim, torchaudio (%s):  warm %.3f s, %.1f× real time; "
                        + "earshot is %.2f× its speed%n", e.getKey(), e.getValue(), seconds / e.getValue(),
                        e.getValue() / ours);
            }
        } finally {
            Files.deleteIfExists(wav);
        }
        return 0;
    }

    private Map<String, Double> torchaudio(Path wav, int threads) throws InterruptedException {
        return Benchmark.referenceTimings(TtsBenchmark.class, "/org/earshot/tts/bench_griffinlim.py",
                List.of(wav.toString(), "1024", "256", String.valueOf(iterations), String.valueOf(repeats),
                        String.valueOf(threads)));
    }
}
