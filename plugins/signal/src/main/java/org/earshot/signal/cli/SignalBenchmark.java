package org.earshot.signal.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.cli.Benchmark;
import org.earshot.features.MelSpectrogram;
import org.earshot.features.Mfcc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot bench signal}: the speed of the 21.1 features on 10 minutes of 16 kHz audio, against reference
 * implementations in the same command. Log-mel (n_fft 400, hop 160, 80 mels, dB) against torchaudio (Debian
 * python3-torchaudio, float32, 2 threads, run as a child process on the same WAV file); MFCC (13 of 40 mels)
 * against TarsosDSP's {@code MFCC} in this JVM. Prints cold (first call) and warm (median) times and the ratios;
 * never fails on a time.
 */
@Command(name = "signal", mixinStandardHelpOptions = true,
        description = "Log-mel and MFCC speed on 10 min of 16 kHz audio vs torchaudio and TarsosDSP (prints ratios).")
public final class SignalBenchmark implements Benchmark {

    @Option(names = "--minutes", defaultValue = "10", description = "Length of the test sound (default ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--repeats", defaultValue = "5", description = "Warm repetitions (default ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Audio audio = testSound(minutes);
        Path wav = Files.createTempFile("earshot-bench-", ".wav");
        try {
            Wav.write(audio, wav, Wav.Encoding.FLOAT_32);
            System.out.printf(Locale.ROOT, "test sound: %.1f min of 16 kHz audio (%d samples), %d cores%n", minutes,
                    audio.frameCount(), Runtime.getRuntime().availableProcessors());

            MelSpectrogram logMel = MelSpectrogram.builder().sampleRate(16000).nFft(400).hopLength(160).nMels(80).build();
            double[] ours = time(() -> logMel.apply(audio).toDecibels());
            System.out.printf(Locale.ROOT, "log-mel, earshot:    cold %.3f s, warm %.3f s%n", ours[0], ours[1]);
            Map<String, Double> torch = torchaudio(wav);
            if (torch.isEmpty()) {
                System.out.println("log-mel, torchaudio: not measured (needs Debian python3-torchaudio)");
            } else {
                System.out.printf(Locale.ROOT, "log-mel, torchaudio: cold %.3f s, warm %.3f s%n", torch.get("cold"),
                        torch.get("warm"));
                System.out.printf(Locale.ROOT, "speedup vs torchaudio: %.1fx warm; earshot cold vs torchaudio warm: %.1fx%n",
                        torch.get("warm") / ours[1], torch.get("warm") / ours[0]);
            }

            Mfcc mfcc = Mfcc.builder().sampleRate(16000).nMfcc(13).nMels(40).nFft(400).hopLength(160).build();
            double[] oursMfcc = time(() -> mfcc.apply(audio));
            double[] tarsos = time(() -> tarsosMfcc(audio));
            System.out.printf(Locale.ROOT, "MFCC, earshot:   cold %.3f s, warm %.3f s%n", oursMfcc[0], oursMfcc[1]);
            System.out.printf(Locale.ROOT, "MFCC, TarsosDSP: cold %.3f s, warm %.3f s%n", tarsos[0], tarsos[1]);
            System.out.printf(Locale.ROOT, "speedup vs TarsosDSP: %.1fx warm%n", tarsos[1] / oursMfcc[1]);
        } finally {
            Files.deleteIfExists(wav);
        }
        return 0;
    }

    /** Speech-like test sound: a gliding harmonic tone, noise bursts and silences, fixed seed. */
    static Audio testSound(double minutes) {
        int n = (int) Math.round(minutes * 60 * 16000);
        float[] x = new float[n];
        Random random = new Random(211);
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = i / 16000.0;
            double f0 = 120 + 40 * Math.sin(2 * Math.PI * 0.3 * t);
            phase += 2 * Math.PI * f0 / 16000;
            double voiced = 0;
            for (int h = 1; h <= 10; h++) {
                voiced += Math.sin(h * phase) / h;
            }
            double gate = (t % 3.0) < 2.0 ? 1 : 0;
            x[i] = (float) (0.2 * gate * voiced + 0.02 * random.nextGaussian());
        }
        return Audio.mono(x, 16000);
    }

    /** {cold, warm median} in seconds. */
    private double[] time(Supplier<?> task) {
        long start = System.nanoTime();
        task.get();
        double cold = (System.nanoTime() - start) / 1e9;
        double[] warm = new double[Math.max(1, repeats)];
        for (int i = 0; i < warm.length; i++) {
            start = System.nanoTime();
            task.get();
            warm[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(warm);
        return new double[] {cold, warm[warm.length / 2]};
    }

    /** TarsosDSP's MFCC over the same frames: 400 samples, hop 160, 40 mel filters, 13 coefficients. */
    private static float[][] tarsosMfcc(Audio audio) {
        float[] x = audio.samples();
        int frameSize = 400;
        int hop = 160;
        be.tarsos.dsp.mfcc.MFCC mfcc = new be.tarsos.dsp.mfcc.MFCC(frameSize, 16000, 13, 40, 0, 8000);
        AudioEvent event = new AudioEvent(new TarsosDSPAudioFormat(16000, 16, 1, true, false));
        int frames = 1 + (x.length - frameSize) / hop;
        float[][] out = new float[frames][];
        for (int t = 0; t < frames; t++) {
            event.setFloatBuffer(Arrays.copyOfRange(x, t * hop, t * hop + frameSize));
            mfcc.process(event);
            out[t] = mfcc.getMFCC();
        }
        return out;
    }

    private Map<String, Double> torchaudio(Path wav) throws IOException, InterruptedException {
        Path script = Files.createTempFile("earshot-bench-torchaudio-", ".py");
        try (InputStream in = SignalBenchmark.class.getResourceAsStream("/org/earshot/signal/bench_torchaudio.py")) {
            Files.write(script, in.readAllBytes());
            Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), wav.toString(), String.valueOf(repeats))
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            Map<String, Double> result = new HashMap<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String[] parts = line.trim().split(" ");
                    if (parts.length == 2 && (parts[0].equals("cold") || parts[0].equals("warm"))) {
                        result.put(parts[0], Double.parseDouble(parts[1]));
                    }
                }
            }
            return p.waitFor() == 0 ? result : Map.of();
        } catch (IOException e) {
            return Map.of();
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
