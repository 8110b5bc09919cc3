package org.earshot.features.io;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.io.InputFile;

/**
 * The features of every WAV file under a folder, one output file each: {@code IN/a/b.wav} becomes
 * {@code OUT/a/b.csv} (or {@code .npy}), in several files at a time. What {@code ./earshot features logmel DIR --out
 * OUT_DIR} runs.
 *
 * <ul>
 *   <li>Inputs: every regular file under {@code IN} whose name ends in {@code .wav} (any case), recursively, in
 *       sorted order.</li>
 *   <li>Up to date: an output whose modification time is later than its input's is skipped, so a second run does
 *       only what changed. (Options are not recorded: delete the outputs to redo them with other options.)
 *       Outputs are written all or nothing ({@link FeatureFormat#write(double[][], Path)}), so a run that was
 *       interrupted never leaves a truncated file that counts as done.</li>
 *   <li>Failures: a file that cannot be read or computed is printed on one line, naming it, and the rest carry
 *       on; {@link Summary#failures()} lists them all.</li>
 * </ul>
 *
 * <pre>{@code
 * FeatureBatch.Summary s = FeatureBatch.builder()
 *         .features(audio -> logMel.apply(audio).toDecibels().values())
 *         .format(FeatureFormat.NPY_FLOAT32).jobs(4).build()
 *         .run(Path.of("corpus/wav"), Path.of("features"));
 * }</pre>
 */
public final class FeatureBatch {

    /**
     * A file that failed.
     *
     * @param input   the WAV file
     * @param message why, as one line
     */
    public record Failure(Path input, String message) {
    }

    /**
     * What a run did.
     *
     * @param written  outputs written
     * @param skipped  outputs already newer than their inputs, left alone
     * @param failures the inputs that failed, in input order
     */
    public record Summary(int written, int skipped, List<Failure> failures) {
        public Summary {
            failures = List.copyOf(failures);
        }

        /** @return the number of failures */
        public int failed() {
            return failures.size();
        }

        /** @return {@code "N written, S skipped, F failed"} */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d written, %d skipped, %d failed", written, skipped, failed());
        }
    }

    private final Function<Audio, double[][]> features;
    private final FeatureFormat format;
    private final int jobs;
    private final boolean progressBar;
    private final String label;
    private final PrintStream log;

    private FeatureBatch(Builder b) {
        this.features = b.features;
        this.format = b.format;
        this.jobs = b.jobs;
        this.progressBar = b.progressBar;
        this.label = b.label;
        this.log = b.log;
    }

    /** @return a builder: CSV, one job per processor, no progress bar, failures on standard error */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param inputDir the folder of WAV files
     * @return every path under it, other than a folder, whose name ends in {@code .wav} (any case), sorted by
     *         path: a named pipe or device so named is listed too, so that {@link #run} reports it, never opens it
     * @throws IOException when the folder cannot be listed
     */
    public static List<Path> inputs(Path inputDir) throws IOException {
        try (Stream<Path> files = Files.walk(inputDir)) {
            return files.filter(p -> !Files.isDirectory(p))
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
                    .sorted().toList();
        }
    }

    /**
     * @param inputDir  the folder of WAV files
     * @param input     a file under it
     * @param outputDir the folder of outputs
     * @param format    the output format
     * @return where {@code input}'s features go: the same path relative to {@code outputDir}, {@code .wav}
     *         replaced by the format's extension
     */
    public static Path output(Path inputDir, Path input, Path outputDir, FeatureFormat format) {
        String relative = inputDir.relativize(input).toString();
        String stem = relative.substring(0, relative.length() - ".wav".length());
        return outputDir.resolve(stem + "." + format.extension());
    }

    /**
     * Writes the features of every WAV file under {@code inputDir} to {@code outputDir}.
     *
     * @param inputDir  the folder of WAV files
     * @param outputDir the folder of outputs (made, with subfolders, as needed)
     * @return what was written, skipped and failed
     * @throws IOException when {@code inputDir} cannot be listed
     */
    public Summary run(Path inputDir, Path outputDir) throws IOException {
        List<Path> inputs = inputs(inputDir);
        List<Path[]> todo = new ArrayList<>();
        Map<Path, Path> inputOf = new HashMap<>();
        ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
        int skipped = 0;
        for (Path in : inputs) {
            Path out = output(inputDir, in, outputDir, format);
            Path earlier = inputOf.putIfAbsent(out, in);
            Optional<String> problem = InputFile.problem(in);
            if (problem.isPresent()) {
                failures.add(new Failure(in, problem.get()));
            } else if (earlier != null) {
                failures.add(new Failure(in, "has the same output as " + earlier + ": " + out));
            } else if (upToDate(in, out)) {
                skipped++;
            } else {
                todo.add(new Path[] {in, out});
            }
        }
        Lines lines = new Lines(log);
        for (Failure f : failures) {
            lines.print(label + ": " + f.input() + ": " + f.message());
        }
        AtomicInteger written = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, todo.size())));
        ProgressBar bar = progressBar && !todo.isEmpty() ? new ProgressBarBuilder().setTaskName(label)
                .setInitialMax(todo.size()).setStyle(ProgressBarStyle.ASCII).setConsumer(lines).continuousUpdate()
                .build() : null;
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path[] job : todo) {
                futures.add(pool.submit(() -> {
                    try {
                        double[][] values = features.apply(Wav.read(job[0]));
                        Files.createDirectories(job[1].getParent());
                        format.write(values, job[1]);
                        written.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        Failure f = new Failure(job[0], withoutPath(job[0], e));
                        failures.add(f);
                        lines.print(label + ": " + f.input() + ": " + f.message());
                    }
                    if (bar != null) {
                        bar.step();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // each task catches its own failures
        } finally {
            pool.shutdownNow();
            if (bar != null) {
                bar.close();
            }
        }
        List<Failure> sorted = new ArrayList<>(failures);
        sorted.sort(Comparator.comparing(Failure::input));
        return new Summary(written.get(), skipped, sorted);
    }

    private static boolean upToDate(Path in, Path out) throws IOException {
        return Files.isRegularFile(out) && Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(in)) > 0;
    }

    /**
     * @param file the file an exception is about
     * @param e    the exception
     * @return its message without a leading {@code file} (the kit's readers start their messages with the file),
     *         or the exception's class where it has no message
     */
    public static String withoutPath(Path file, Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String prefix = file + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    /**
     * The progress bar's line on standard error, and whole lines printed above it: a failure's line moves the bar
     * down instead of running into it.
     */
    private static final class Lines implements ProgressBarConsumer {
        private final PrintStream out;
        private final ConsoleProgressBarConsumer console;
        private String bar = "";

        Lines(PrintStream out) {
            this.out = out;
            this.console = new ConsoleProgressBarConsumer(out);
        }

        @Override
        public int getMaxRenderedLength() {
            return console.getMaxRenderedLength();
        }

        @Override
        public synchronized void accept(String rendered) {
            bar = rendered;
            out.print('\r' + bar);
            out.flush();
        }

        synchronized void print(String line) {
            if (bar.isEmpty()) {
                out.println(line);
            } else {
                out.print('\r' + line + " ".repeat(Math.max(0, bar.length() - line.length())) + '\n' + bar);
            }
            out.flush();
        }

        @Override
        public synchronized void close() {
            out.println();
            out.flush();
            bar = "";
        }
    }

    /** Settings of a {@link FeatureBatch}; every one named. */
    public static final class Builder {
        private Function<Audio, double[][]> features;
        private FeatureFormat format = FeatureFormat.CSV;
        private int jobs = Runtime.getRuntime().availableProcessors();
        private boolean progressBar;
        private String label = "features";
        private PrintStream log = System.err;

        private Builder() {
        }

        /**
         * @param features the features of one sound, {@code [feature][frame]}; called from several threads at once
         *                 (a function that builds its transform per call, or one of the kit's immutable transforms,
         *                 is safe). Required.
         */
        public Builder features(Function<Audio, double[][]> features) {
            this.features = Objects.requireNonNull(features, "features");
            return this;
        }

        /** @param format the output files' format (default {@link FeatureFormat#CSV}) */
        public Builder format(FeatureFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** @param jobs files computed at a time, ≥ 1 (default: the available processors) */
        public Builder jobs(int jobs) {
            if (jobs < 1) {
                throw new IllegalArgumentException("jobs must be ≥ 1, got " + jobs);
            }
            this.jobs = jobs;
            return this;
        }

        /** @param progressBar whether to draw a progress bar on the log stream (default no) */
        public Builder progressBar(boolean progressBar) {
            this.progressBar = progressBar;
            return this;
        }

        /** @param label what starts each failure's line and names the progress bar (default {@code features}) */
        public Builder label(String label) {
            this.label = Objects.requireNonNull(label, "label");
            return this;
        }

        /** @param log where failures and the progress bar go (default standard error) */
        public Builder log(PrintStream log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /** @return the batch */
        public FeatureBatch build() {
            if (features == null) {
                throw new IllegalStateException("features(...) is required");
            }
            return new FeatureBatch(this);
        }
    }
}
