package org.earshot.signal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
import org.earshot.features.RealFft;
import org.earshot.kit.Kit;
import org.jtransforms.fft.DoubleFFT_1D;
import org.earshot.features.Mfcc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot bench signal}: the speed of the 21.1 features, each against a reference in the same command, as
 * ratios (never a pass/fail on a time: machines are noisy). On 10 minutes of 16 kHz audio, log-mel (n_fft 400,
 * hop 160, 80 mels, dB) against torchaudio (Debian python3-torchaudio, float32, 2 threads, a child process on the
 * same WAV file):
 * <ol>
 *   <li>the FFT alone, per frame, against JTransforms, for the sizes speech uses;</li>
 *   <li>in process: the first call (cold) and the median of warm calls, each side after as many unmeasured
 *       warm-up calls (with only five calls, the JIT was still compiling during some of them and the median moved
 *       between 1.8× and 5.7× from run to run);</li>
 *   <li>whole processes, what a user runs: {@code ./earshot features logmel} writing CSV and {@code .npy}
 *       against a Python script doing the same with {@code np.savetxt} / {@code np.save};</li>
 *   <li>a corpus folder of short files: one {@code ./earshot features} call against a Python loop;</li>
 *   <li>the computation's limit on this machine: its floating-point operations and bytes at the peak a
 *       vectorised multiply-add loop and a memory copy reach here, and the fraction of it the kit reaches;</li>
 * </ol>
 * and MFCC (13 of 40 mels) against TarsosDSP's {@code MFCC} in this JVM.
 */
@Command(name = "signal", mixinStandardHelpOptions = true,
        description = "Log-mel speed vs torchaudio (in process, whole process CSV/.npy, a corpus folder), the FFT vs "
                + "JTransforms, the machine's limit, MFCC vs TarsosDSP; prints ratios.")
public final class SignalBenchmark implements Benchmark {

    private static final int[] FFT_SIZES = {320, 400, 512, 640, 1024, 2048};

    @Option(names = "--minutes", defaultValue = "10", description = "Length of the test sound (default ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--repeats", defaultValue = "5",
            description = "Warm repetitions in process, after as many warm-up calls (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--runs", defaultValue = "3",
            description = "Paired whole-process runs, medians reported (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--files", defaultValue = "500", description = "Files in the corpus folder (default ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--no-process", description = "Only the in-process measurements (no child processes).")
    boolean noProcess;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Audio audio = testSound(minutes);
        Path work = Files.createTempDirectory("earshot-bench-");
        try {
            Path wav = work.resolve("test.wav");
            Wav.write(audio, wav, Wav.Encoding.FLOAT_32);
            System.out.printf(Locale.ROOT, "test sound: %.1f min of 16 kHz audio (%d samples), %d cores%n", minutes,
                    audio.frameCount(), Runtime.getRuntime().availableProcessors());
            boolean torch = hasTorchaudio();
            if (!torch) {
                System.out.println("torchaudio: not installed, its side is skipped (apt-get install python3-torchaudio)");
            }

            fftAlone();

            MelSpectrogram logMel = MelSpectrogram.builder().sampleRate(16000).nFft(400).hopLength(160).nMels(80).build();
            double[] ours = time(() -> logMel.apply(audio).toDecibels());
            System.out.printf(Locale.ROOT, "log-mel in process, earshot:    cold %.3f s, warm %.3f s%n", ours[0], ours[1]);
            if (torch) {
                Map<String, Double> t = torchaudioInProcess(wav);
                if (t.containsKey("cold") && t.containsKey("warm")) {
                    System.out.printf(Locale.ROOT, "log-mel in process, torchaudio: cold %.3f s, warm %.3f s%n",
                            t.get("cold"), t.get("warm"));
                    System.out.printf(Locale.ROOT, "  speedup vs torchaudio: %.1fx warm; earshot cold vs torchaudio "
                            + "warm: %.1fx%n", t.get("warm") / ours[1], t.get("warm") / ours[0]);
                }
            }
            limit(logMel, audio, ours[1]);

            if (!noProcess) {
                wholeProcess(work, wav, torch);
            }

            Mfcc mfcc = Mfcc.builder().sampleRate(16000).nMfcc(13).nMels(40).nFft(400).hopLength(160).build();
            double[] oursMfcc = time(() -> mfcc.apply(audio));
            double[] tarsos = time(() -> tarsosMfcc(audio));
            System.out.printf(Locale.ROOT, "MFCC, earshot:   cold %.3f s, warm %.3f s%n", oursMfcc[0], oursMfcc[1]);
            System.out.printf(Locale.ROOT, "MFCC, TarsosDSP: cold %.3f s, warm %.3f s%n", tarsos[0], tarsos[1]);
            System.out.printf(Locale.ROOT, "  speedup vs TarsosDSP: %.1fx warm%n", tarsos[1] / oursMfcc[1]);
        } finally {
            deleteTree(work);
        }
        return 0;
    }

    /** The FFT of one frame, per size: the kit's batched transform against JTransforms, one thread each. */
    private void fftAlone() {
        Random random = new Random(5);
        for (int n : FFT_SIZES) {
            int frames = Math.max(RealFft.LANES, (int) (20_000L * 400 / n) / RealFft.LANES * RealFft.LANES);
            double[] source = new double[n];
            for (int i = 0; i < n; i++) {
                source[i] = random.nextGaussian();
            }
            DoubleFFT_1D reference = new DoubleFFT_1D(n);
            double[] frame = new double[n];
            double theirs = time(() -> {
                for (int f = 0; f < frames; f++) {
                    System.arraycopy(source, 0, frame, 0, n);
                    reference.realForward(frame);
                }
                return frame;
            })[1];
            RealFft.Batch batch = RealFft.of(n).batch();
            double ours = time(() -> {
                for (int f = 0; f < frames; f += RealFft.LANES) {
                    for (int i = 0; i < n; i++) {
                        java.util.Arrays.fill(batch.input()[i], source[i]);
                    }
                    batch.transform();
                }
                return batch;
            })[1];
            System.out.printf(Locale.ROOT, "FFT n=%4d, one frame: earshot %5.0f ns, JTransforms %5.0f ns, speedup %.1fx%n",
                    n, ours / frames * 1e9, theirs / frames * 1e9, theirs / ours);
        }
    }

    /**
     * The log-mel's floating-point work and memory traffic at this machine's measured peaks, against the warm
     * time: how close to the hardware the kit gets.
     */
    private static void limit(MelSpectrogram logMel, Audio audio, double warmSeconds) {
        int frames = logMel.stft().frameCount(audio.frameCount());
        int n = logMel.stft().nFft();
        int bins = n / 2 + 1;
        long weights = 0;
        for (double[] filter : logMel.filterbank().weights()) {
            for (double w : filter) {
                weights += w != 0 ? 1 : 0;
            }
        }
        int mels = logMel.filterbank().weights().length;
        // real FFT ≈ 2.5·N·log2 N; window N; power 3 per bin; filters 2 per weight; log ≈ 20 per band
        double flopsPerFrame = 2.5 * n * (Math.log(n) / Math.log(2)) + n + 3.0 * bins + 2.0 * weights + 20.0 * mels;
        double flops = flopsPerFrame * frames;
        double bytes = 4.0 * audio.frameCount() + 2 * 8.0 * mels * frames; // float samples in; mel, then dB, out
        int threads = Runtime.getRuntime().availableProcessors();
        double peakFlops = peakFlops(threads);
        double peakBytes = copyBandwidth();
        double limit = Math.max(flops / peakFlops, bytes / peakBytes);
        System.out.printf(Locale.ROOT, "limit: %.2f GFLOP and %.0f MB; measured peak here %.1f GFLOP/s (vectorised "
                        + "multiply-add, %d threads) and %.1f GB/s (memory copy): %.0f ms; earshot warm reaches "
                        + "%.0f%% of it%n", flops / 1e9, bytes / 1e6, peakFlops / 1e9, threads, peakBytes / 1e9,
                limit * 1e3, 100 * limit / warmSeconds);
    }

    /** FLOP/s of a multiply-add loop over an L1-resident array that the JIT vectorises, on every core. */
    private static double peakFlops(int threads) {
        int len = 1024;
        int reps = 200_000;
        double best = 0;
        for (int trial = 0; trial < 3; trial++) {
            long start = System.nanoTime();
            java.util.stream.IntStream.range(0, threads).parallel().forEach(t -> {
                double[] x = new double[len];
                double[] y = new double[len];
                java.util.Arrays.fill(x, 1e-3);
                for (int r = 0; r < reps; r++) {
                    for (int i = 0; i < len; i++) {
                        y[i] = y[i] * 0.999 + x[i];
                    }
                }
                if (y[0] == 42) {
                    System.out.print("");
                }
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.max(best, 2.0 * len * reps * threads / seconds);
        }
        return best;
    }

    /** Bytes per second read plus written by copying a 256 MB array (one thread). */
    private static double copyBandwidth() {
        double[] a = new double[32 << 20];
        double[] b = new double[a.length];
        double best = 0;
        for (int trial = 0; trial < 3; trial++) {
            long start = System.nanoTime();
            System.arraycopy(a, 0, b, 0, a.length);
            best = Math.max(best, 2.0 * 8 * a.length / ((System.nanoTime() - start) / 1e9));
        }
        return best;
    }

    /** Whole processes, start to exit: CSV, .npy and a corpus folder, earshot against the torchaudio script. */
    private void wholeProcess(Path work, Path wav, boolean torch) throws IOException, InterruptedException {
        Path earshot = Kit.home().resolve("earshot");
        Path script = work.resolve("bench_torchaudio.py");
        try (InputStream in = SignalBenchmark.class.getResourceAsStream("/org/earshot/signal/bench_torchaudio.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path folder = work.resolve("corpus");
        writeCorpus(folder, files);
        String py = "/usr/bin/python3";
        paired("whole process, CSV:  ",
                List.of(earshot.toString(), "features", "logmel", wav.toString(), "--out", work.resolve("e.csv").toString()),
                torch ? List.of(py, script.toString(), "csv", wav.toString(), work.resolve("t.csv").toString()) : null);
        paired("whole process, .npy: ",
                List.of(earshot.toString(), "features", "logmel", wav.toString(), "--format", "npy", "--out",
                        work.resolve("e.npy").toString()),
                torch ? List.of(py, script.toString(), "npy", wav.toString(), work.resolve("t.npy").toString()) : null);
        paired(String.format(Locale.ROOT, "corpus folder, %d files of 1.5 s, .npy: ", files),
                List.of(earshot.toString(), "features", "logmel", folder.toString(), "--format", "npy", "--no-progress",
                        "--out", work.resolve("e-out").toString()),
                torch ? List.of(py, script.toString(), "folder", folder.toString(), work.resolve("t-out").toString())
                        : null);
    }

    /** Runs the two commands alternately {@link #runs} times and prints their medians and the ratio. */
    private void paired(String label, List<String> ours, List<String> theirs) throws IOException, InterruptedException {
        double[] a = new double[Math.max(1, runs)];
        double[] b = new double[a.length];
        for (int r = 0; r < a.length; r++) {
            a[r] = run(ours);
            b[r] = theirs == null ? Double.NaN : run(theirs);
            if (Double.isInfinite(a[r]) || Double.isInfinite(b[r])) {
                System.out.println(label + "a command failed: " + String.join(" ", Double.isInfinite(a[r]) ? ours : theirs));
                return;
            }
        }
        Arrays.sort(a);
        Arrays.sort(b);
        double ea = a[a.length / 2];
        double tb = b[b.length / 2];
        if (theirs == null) {
            System.out.printf(Locale.ROOT, "%searshot %.2f s (median of %d)%n", label, ea, a.length);
        } else {
            System.out.printf(Locale.ROOT, "%searshot %.2f s, torchaudio script %.2f s (medians of %d): speedup vs "
                    + "torchaudio: %.1fx%n", label, ea, tb, a.length, tb / ea);
        }
    }

    /** @return seconds from start to exit, or +∞ when the command failed */
    private static double run(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        int rc = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        return rc == 0 ? seconds : Double.POSITIVE_INFINITY;
    }

    /** {@code count} files of 1.5 s cut from the test sound at different places, in ten sub-folders. */
    private static void writeCorpus(Path folder, int count) throws IOException {
        Audio source = testSound(1.0);
        for (int i = 0; i < count; i++) {
            double start = (i * 0.37) % (source.durationSeconds() - 1.5);
            Path file = folder.resolve(String.format(Locale.ROOT, "s%02d/u%04d.wav", i % 10, i));
            Files.createDirectories(file.getParent());
            Wav.write(source.trim(start, start + 1.5), file, Wav.Encoding.PCM_16);
        }
    }

    private static boolean hasTorchaudio() throws InterruptedException {
        try {
            return new ProcessBuilder("/usr/bin/python3", "-c", "import torchaudio, numpy")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
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
            task.get(); // warm-up: the JIT compiles while these run
        }
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

    private Map<String, Double> torchaudioInProcess(Path wav) throws InterruptedException {
        return Benchmark.referenceTimings(SignalBenchmark.class, "/org/earshot/signal/bench_torchaudio.py",
                List.of("inprocess", wav.toString(), String.valueOf(repeats)));
    }
}
