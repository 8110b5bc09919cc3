package org.earshot.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.earshot.corpus.Corpus;
import org.earshot.corpus.Split;
import org.earshot.corpus.TextSource;
import org.earshot.corpus.Variety;
import org.earshot.corpus.real.RealCorpus;
import org.earshot.corpus.real.RealSource;
import org.earshot.kit.Kit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot corpus digits|commands|sentences}: makes a speech corpus with the machine's speech engines
 * ({@link Corpus}); {@code earshot corpus real}: a corpus of real people from recordings Debian packages ship
 * ({@link RealCorpus}). Rerunning completes or confirms either without making any file again.
 */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        description = {"Make a labelled speech corpus with espeak-ng, flite and festival: 16 kHz WAVs + manifest.jsonl.",
            "'corpus real' takes recordings of real people from Debian packages instead (apt-get download, no install)."})
final class CorpusCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "digits, commands, sentences or real.")
    String name;

    @Option(names = "--out", description = "Folder (default: build/corpus/NAME under the kit's home; "
            + "build/corpus/real-english with --english-eval).")
    Path out;

    @Option(names = "--packages", split = ",", paramLabel = "P",
            description = "real: the source packages, comma-separated (default: all of kajongg, hedgewars-data, "
                    + "alsa-utils, tuxpaint-stamps-default, festvox-ru).")
    List<String> packages;

    @Option(names = "--limit", paramLabel = "N", description = "real: at most N utterances per package (for tests).")
    Integer limit;

    @Option(names = "--english-eval", description = "real: only the English dev and test utterances (the real-voice "
            + "evaluation set).")
    boolean englishEval;

    @Option(names = "--seed", defaultValue = "2112", description = "Seed (default ${DEFAULT-VALUE}): same seed, same corpus.")
    long seed;

    @Option(names = "--count", description = "Utterances (default: 1000 digits, 1000 commands, 500 sentences).")
    Integer count;

    @Option(names = "--variety", defaultValue = "standard", converter = VarietyConverter.class,
            description = "Training voices: standard (16 espeak-ng variants) or wide (every variant, more flite and "
                    + "festival, varied; for neural models). Dev and test are the same for both (default ${DEFAULT-VALUE}).")
    Variety variety;

    static final class VarietyConverter implements picocli.CommandLine.ITypeConverter<Variety> {
        @Override
        public Variety convert(String value) {
            try {
                return Variety.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is neither standard nor wide");
            }
        }
    }

    @Option(names = "--jobs", description = "Engines run at once (default: the number of cores).")
    Integer jobs;

    @Override
    public Integer call() throws InterruptedException {
        if (name.equals("real")) {
            return real();
        }
        TextSource source;
        try {
            source = TextSource.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("earshot corpus: unknown corpus '" + name + "' (digits, commands, sentences or real)");
            return 2;
        }
        int n = count != null ? count : source == TextSource.SENTENCES ? 500 : 1000;
        Path dir = (out != null ? out : Kit.home().resolve("build/corpus").resolve(name)).toAbsolutePath();
        int parallel = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        try {
            List<Corpus.Entry> entries = Corpus.spec(source).variety(variety).count(n).seed(seed).jobs(parallel)
                    .progressBar(true).build().make(dir);
            Map<Split, List<Corpus.Entry>> bySplit = entries.stream().collect(Collectors.groupingBy(Corpus.Entry::split));
            for (Split split : Split.values()) {
                List<Corpus.Entry> e = bySplit.getOrDefault(split, List.of());
                System.out.printf(Locale.ROOT, "%-5s %5d utterances, %6.1f min, %3d voices%n", split.label(), e.size(),
                        e.stream().mapToDouble(Corpus.Entry::durationSeconds).sum() / 60,
                        e.stream().map(Corpus.Entry::voice).distinct().count());
            }
            System.out.println("manifest: " + dir.resolve(Corpus.MANIFEST));
            return 0;
        } catch (IOException e) {
            System.err.println("earshot corpus: " + e.getMessage());
            return 1;
        }
    }

    private Integer real() throws InterruptedException {
        RealCorpus.Builder spec = RealCorpus.builder()
                .englishEval(englishEval).progressBar(true)
                .jobs(jobs != null ? jobs : Runtime.getRuntime().availableProcessors());
        try {
            if (packages != null) {
                spec.sources(packages.stream().map(RealSource::of).toList());
            }
            if (limit != null) {
                spec.limit(limit);
            }
            Path dir = (out != null ? out : Kit.home().resolve("build/corpus")
                    .resolve(englishEval ? "real-english" : "real")).toAbsolutePath();
            RealCorpus.Result result = spec.build().make(dir);
            result.failures().forEach(f -> System.err.println("earshot corpus real: " + f));
            System.out.printf(Locale.ROOT, "%-5s %-4s %6s %8s %8s%n", "split", "lang", "utts", "minutes", "speakers");
            for (RealCorpus.SummaryRow row : RealCorpus.summary(result.entries())) {
                System.out.printf(Locale.ROOT, "%-5s %-4s %6d %8.1f %8d%n", row.split().label(), row.language(),
                        row.utterances(), row.minutes(), row.speakers());
            }
            System.out.println("manifest: " + dir.resolve(Corpus.MANIFEST));
            return result.failures().isEmpty() ? 0 : 1;
        } catch (IllegalArgumentException e) {
            System.err.println("earshot corpus real: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("earshot corpus real: " + e.getMessage());
            return 1;
        }
    }
}
