package org.earshot.asr.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import org.earshot.asr.neural.Asr;
import org.earshot.asr.neural.AsrPipeline;
import org.earshot.models.LogMelFrontEnd;
import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.cli.Benchmark;
import org.earshot.kit.Kit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot bench asr}: how many times faster than real time {@code ctc-small} transcribes (ONNX Runtime on one
 * intra-op thread), next to the kit's log-mel front end alone on the same audio; goal ≥ 100× real time.
 */
@Command(name = "asr", mixinStandardHelpOptions = true,
        description = "ctc-small speed: times real time, vs the front end alone on the same audio (goal >= 100x).")
public final class AsrBenchmark implements Benchmark {

    @Option(names = "--seconds", defaultValue = "60", description = "Audio length (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--model", defaultValue = "ctc-small", description = "Model (default ${DEFAULT-VALUE}).")
    String model;

    @Override
    public Integer call() {
        Audio clip;
        AsrPipeline asr;
        try {
            clip = Wav.read(Kit.home().resolve("data/fixtures/signal/alsa-front-center-16k.wav"));
            asr = Asr.pipeline(model);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("earshot bench asr: " + e.getMessage());
            return 1;
        }
        // the recording ("front center", 1.4 s) again and again, in 10-second utterances
        float[] ten = new float[10 * 16000];
        float[] s = clip.samples();
        for (int i = 0; i < ten.length; i++) {
            ten[i] = s[i % s.length];
        }
        Audio utterance = Audio.mono(ten, 16000);
        int n = Math.max(1, seconds / 10);
        for (int warm = 0; warm < 3; warm++) {
            asr.transcribe(utterance);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            LogMelFrontEnd.of(utterance);
        }
        double front = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            asr.transcribe(utterance);
        }
        double all = (System.nanoTime() - t0) / 1e9;
        double audioSeconds = 10.0 * n;
        System.out.printf(Locale.ROOT, "%s on %.0f s of audio: %.3f s = %.0f× real time (goal ≥ 100×: %.2f of it)%n",
                model, audioSeconds, all, audioSeconds / all, audioSeconds / all / 100);
        System.out.printf(Locale.ROOT, "front end alone (log-mel): %.3f s = %.0f× real time; the network and decoding"
                + " take %.0f%% of the total%n", front, audioSeconds / front, 100 * (all - front) / all);
        return 0;
    }
}
