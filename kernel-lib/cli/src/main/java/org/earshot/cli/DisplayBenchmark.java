package org.earshot.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.earshot.audio.Audio;
import org.earshot.audio.Spectrogram;
import org.earshot.audio.Synth;
import org.earshot.display.AudioView;
import org.earshot.display.SpectrogramPlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot bench display}: how long the notebook pictures of 10 s of 16 kHz audio take — the spectrogram
 * (n_fft 400, hop 160: 201 bins × 1001 frames) and the audio player with its waveform — cold (first call in this
 * JVM) and warm (median of the repeats). Goal: under 1 s each. The reference in the same run is encoding the
 * same sound as a WAV file (the least any display of it must do), so the ratio says what the pictures cost on top.
 */
@Command(name = "display", mixinStandardHelpOptions = true,
        description = "Time the spectrogram picture and the audio player of 10 s of 16 kHz audio (goal: < 1 s).")
final class DisplayBenchmark implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "10", description = "Length of the test sound (default ${DEFAULT-VALUE} s).")
    double seconds;

    @Option(names = "--repeats", defaultValue = "7", description = "Warm repetitions (default ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() {
        Audio audio = Synth.chirp(100, 7000, seconds, 16000, 0.5);
        int frames = 1 + audio.frameCount() / 160;
        double[][] power = new double[201][frames];
        for (int k = 0; k < 201; k++) {
            for (int t = 0; t < frames; t++) {
                power[k][t] = 1e-6 + Math.abs(Math.sin(0.01 * k * t));
            }
        }
        Spectrogram spec = Spectrogram.linear(power, Spectrogram.Amplitude.POWER, 16000, 400, 160, true);
        report("spectrogram picture (201 × " + frames + ")", () -> SpectrogramPlot.of(spec).toPng(),
                () -> org.earshot.audio.Wav.encode(audio, org.earshot.audio.Wav.Encoding.PCM_16));
        report("audio player + waveform (" + audio.frameCount() + " samples)", () -> AudioView.of(audio).toMimeBundle(),
                () -> org.earshot.audio.Wav.encode(audio, org.earshot.audio.Wav.Encoding.PCM_16));
        return 0;
    }

    private void report(String what, Runnable task, Runnable reference) {
        double cold = time(task);
        double[] warm = new double[Math.max(1, repeats)];
        double[] ref = new double[warm.length];
        for (int i = 0; i < warm.length; i++) {
            warm[i] = time(task);
            ref[i] = time(reference);
        }
        java.util.Arrays.sort(warm);
        java.util.Arrays.sort(ref);
        double w = warm[warm.length / 2];
        double r = ref[ref.length / 2];
        System.out.printf(Locale.ROOT, "%s: cold %.3f s, warm %.3f s (%s the 1 s goal); %.1fx the time to encode the WAV%n",
                what, cold, w, Math.max(cold, w) < 1.0 ? "within" : "OVER", w / r);
    }

    private static double time(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
