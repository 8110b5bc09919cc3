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
import org.earshot.kit.Kit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot corpus digits|commands|sentences}: makes a speech corpus with the machine's speech engines
 * ({@link Corpus}); rerunning completes or confirms it without making any file again.
 */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        description = "Make a labelled speech corpus with espeak-ng, flite and festival: 16 kHz WAVs + manifest.jsonl.")
final class CorpusCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "digits, commands or sentences.")
    String name;

    @Option(names = "--out", description = "Folder (default: build/corpus/NAME under the kit's home).")
    Path out;

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
        TextSource source;
        try {
            source = TextSource.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("earshot corpus: unknown corpus '" + name + "' (digits, commands or sentences)");
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
}
