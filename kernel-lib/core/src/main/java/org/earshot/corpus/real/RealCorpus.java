package org.earshot.corpus.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.audio.Audio;
import org.earshot.audio.OggVorbis;
import org.earshot.audio.Resample;
import org.earshot.audio.Wav;
import org.earshot.corpus.Corpus;
import org.earshot.corpus.Engine;
import org.earshot.corpus.Split;

/**
 * A corpus of real people speaking, from recordings that Debian packages ship ({@link RealSource}): each package
 * fetched with {@code apt-get download} and unpacked with {@code dpkg-deb -x} ({@link DebianPackage}, nothing
 * installed, no program of it run), its transcribed recordings found, decoded ({@link OggVorbis}, {@link Wav}), mixed
 * to mono and resampled to 16 kHz with {@link Resample} into 16-bit WAV files, and listed in a {@link Corpus} manifest:
 * engine {@code human}, voice the speaker, accent the language, plus {@link Corpus.Provenance} (language, speaker,
 * source package and version, licence from the package's {@code copyright}). Splits are speaker-disjoint
 * ({@link SpeakerSplits}). So {@code ./earshot evaluate DIR --split test --per-voice} scores a model on it as on a
 * synthetic corpus.
 *
 * <pre>{@code
 * RealCorpus.Result r = RealCorpus.builder().sources(List.of(RealSource.KAJONGG)).limit(2)
 *         .build().make(Path.of("build/corpus/real"));
 * }</pre>
 *
 * <p>Deterministic (no seed: recordings in path order, splits by rule) and cached: a {@code .deb} already downloaded,
 * a tree already unpacked and a WAV already written are not made again. A source that fails (a package apt cannot
 * fetch) is reported in {@link Result#failures()} and the others carry on.
 *
 * @param sources     the packages to read, in order
 * @param cache       where {@code .deb}s and unpacked trees are kept ({@code debs/}, {@code trees/})
 * @param limit       at most this many utterances per source (the first, in path order); empty for all
 * @param englishEval keep only the English dev and test utterances: the real-voice evaluation set
 * @param jobs        recordings decoded at once, ≥ 1
 * @param progressBar whether to draw a progress bar per source on standard error
 */
public record RealCorpus(List<RealSource> sources, Path cache, OptionalInt limit, boolean englishEval, int jobs,
                         boolean progressBar) {

    /** The sample rate of the corpus' WAV files, in Hz. */
    public static final int SAMPLE_RATE = 16000;

    public RealCorpus {
        sources = List.copyOf(sources);
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(limit, "limit");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a real corpus needs at least one source");
        }
        if (limit.isPresent() && limit.getAsInt() < 1) {
            throw new IllegalArgumentException("limit (" + limit.getAsInt() + ") must be ≥ 1");
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs (" + jobs + ") must be ≥ 1");
        }
    }

    /**
     * What making the corpus gave.
     *
     * @param entries  the manifest's entries, in order
     * @param failures one line for each package or recording that could not be used (empty when all went well)
     */
    public record Result(List<Corpus.Entry> entries, List<String> failures) {
        public Result {
            entries = List.copyOf(entries);
            failures = List.copyOf(failures);
        }
    }

    /**
     * One row of {@link #summary}: a split and language.
     *
     * @param split      the split
     * @param language   ISO 639-1
     * @param utterances how many
     * @param minutes    their total length, in minutes
     * @param speakers   how many speakers
     */
    public record SummaryRow(Split split, String language, int utterances, double minutes, int speakers) {
    }

    /** @return a builder: every source, all utterances, cache {@code build/corpus-cache} under the kit's home, 1 job, no progress bar */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes (or completes) the corpus: {@code DIR/manifest.jsonl} and {@code DIR/wav/}.
     *
     * @param dir the corpus folder
     * @return the entries written and what failed
     * @throws IOException when the folder or manifest cannot be written
     */
    public Result make(Path dir) throws IOException, InterruptedException {
        Path wavDir = Files.createDirectories(dir.resolve("wav"));
        List<Corpus.Entry> entries = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (RealSource source : sources) {
            DebianPackage pkg;
            Dep5Copyright copyright;
            List<Recording> recordings;
            try {
                pkg = DebianPackage.fetch(source.debianPackage(), cache);
                copyright = pkg.copyright();
                recordings = source.reader().find(pkg);
            } catch (IOException e) {
                failures.add(e.getMessage());
                continue;
            }
            Map<String, Split> splits = splits(source, recordings);
            List<Recording> chosen = recordings.stream()
                    .filter(r -> !englishEval || r.language().equals("en") && splits.get(r.speaker()) != Split.TRAIN)
                    .limit(limit.isPresent() ? limit.getAsInt() : Long.MAX_VALUE).toList();
            entries.addAll(convert(source, pkg, copyright, chosen, splits, dir, wavDir, failures));
        }
        Corpus.writeManifest(dir.resolve(Corpus.MANIFEST), entries);
        return new Result(entries, failures);
    }

    /** @return each speaker's split, by {@link SpeakerSplits} over the source's groups (all its recordings) */
    static Map<String, Split> splits(RealSource source, List<Recording> recordings) {
        // English first, then by language code: a person met in English keeps that split in another language
        Map<String, List<String>> groups = new TreeMap<>(Comparator.comparing((String g) -> !g.equals("en"))
                .thenComparing(Comparator.naturalOrder()));
        Map<String, String> personOf = new LinkedHashMap<>();
        for (Recording r : recordings) {
            groups.computeIfAbsent(source.splitGroup(r), g -> new ArrayList<>()).add(r.speaker());
            personOf.put(r.speaker(), r.person());
        }
        Map<String, Split> splits = new LinkedHashMap<>();
        Map<String, Split> ofPerson = new LinkedHashMap<>();
        for (List<String> speakers : groups.values()) {
            Map<String, Split> fixed = new LinkedHashMap<>();
            for (String sp : speakers) {
                Split known = ofPerson.get(personOf.get(sp));
                if (known != null) {
                    fixed.put(sp, known);
                }
            }
            Map<String, Split> group = SpeakerSplits.assign(speakers, source.testOnly(), fixed);
            group.forEach((sp, split) -> ofPerson.putIfAbsent(personOf.get(sp), split));
            splits.putAll(group);
        }
        return splits;
    }

    private List<Corpus.Entry> convert(RealSource source, DebianPackage pkg, Dep5Copyright copyright,
                                       List<Recording> recordings, Map<String, Split> splits, Path dir, Path wavDir,
                                       List<String> failures) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        ProgressBar bar = progressBar && !recordings.isEmpty() ? new ProgressBarBuilder()
                .setTaskName("corpus real " + source.debianPackage()).setInitialMax(recordings.size())
                .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build() : null;
        try {
            List<Future<Corpus.Entry>> futures = new ArrayList<>();
            for (Recording r : recordings) {
                futures.add(pool.submit(() -> {
                    try {
                        Path wav = wavDir.resolve(id(r) + ".wav");
                        if (!Files.isRegularFile(wav)) {
                            try {
                                write(decode(r), wav);
                            } catch (RuntimeException e) {
                                throw new IOException(r.file() + ": cannot be decoded (" + e + ")", e);
                            }
                        }
                        double seconds = Wav.read(wav).durationSeconds();
                        return new Corpus.Entry(id(r), dir.relativize(wav).toString(), r.text(), r.normalized(),
                                Engine.HUMAN, r.speaker(), r.language(), OptionalInt.empty(), OptionalInt.empty(),
                                Math.round(seconds * 1000) / 1000.0, splits.get(r.speaker()),
                                Optional.of(new Corpus.Provenance(r.language(), r.speaker(), pkg.name(), pkg.version(),
                                        copyright.licenceOf(r.upstreamPath()))));
                    } finally {
                        if (bar != null) {
                            bar.step();
                        }
                    }
                }));
            }
            List<Corpus.Entry> entries = new ArrayList<>();
            for (Future<Corpus.Entry> f : futures) {
                try {
                    entries.add(f.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    failures.add(pkg.name() + ": " + (cause instanceof IOException ? cause.getMessage() : cause.toString()));
                }
            }
            return entries;
        } finally {
            pool.shutdown();
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** @return a recording's sound, mono, at {@value #SAMPLE_RATE} Hz */
    static Audio decode(Recording r) throws IOException {
        Audio audio = switch (r.format()) {
            case OGG_VORBIS -> OggVorbis.read(r.file());
            case WAV -> Wav.read(r.file());
        };
        Audio mono = audio.mixdown();
        return mono.sampleRate() == SAMPLE_RATE ? mono : Resample.to(mono, SAMPLE_RATE);
    }

    private static void write(Audio audio, Path wav) throws IOException {
        Path part = wav.resolveSibling(wav.getFileName() + ".part");
        Wav.write(audio, part, Wav.Encoding.PCM_16);
        Files.move(part, wav, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * @param r a recording
     * @return its stable id: {@code <speaker>-<file name>-<8 hex of SHA-256 of its upstream path>}, with every
     *         character other than a letter, digit or {@code .} written {@code -}, e.g. {@code kajongg-male1-b1-3f2a…}
     */
    static String id(Recording r) {
        String stem = r.file().getFileName().toString().replaceFirst("\\.[^.]+$", "");
        return (r.speaker() + "-" + stem).replaceAll("[^\\p{Alnum}.]", "-") + "-"
                + SpeakerSplits.sha256(r.upstreamPath()).substring(0, 8);
    }

    /**
     * @param entries a real corpus' entries
     * @return utterances, minutes and speakers per split and language, in split then language order
     */
    public static List<SummaryRow> summary(List<Corpus.Entry> entries) {
        Function<Corpus.Entry, String> language = e -> e.provenance().map(Corpus.Provenance::language).orElse(e.accent());
        List<SummaryRow> rows = new ArrayList<>();
        for (Split split : Split.values()) {
            Map<String, List<Corpus.Entry>> byLanguage = entries.stream().filter(e -> e.split() == split)
                    .collect(Collectors.groupingBy(language, TreeMap::new, Collectors.toList()));
            byLanguage.forEach((lang, es) -> rows.add(new SummaryRow(split, lang, es.size(),
                    es.stream().mapToDouble(Corpus.Entry::durationSeconds).sum() / 60,
                    (int) es.stream().map(Corpus.Entry::voice).distinct().count())));
        }
        return rows;
    }

    /** Named fields of a {@link RealCorpus}. */
    public static final class Builder {
        private List<RealSource> sources = List.of(RealSource.values());
        private Path cache = org.earshot.kit.Kit.home().resolve("build/corpus-cache");
        private OptionalInt limit = OptionalInt.empty();
        private boolean englishEval;
        private int jobs = 1;
        private boolean progressBar;

        private Builder() {
        }

        /** @param sources the packages to read, in order (default: every {@link RealSource}) */
        public Builder sources(List<RealSource> sources) {
            this.sources = List.copyOf(sources);
            return this;
        }

        /** @param cache where downloaded {@code .deb}s and unpacked trees are kept (default {@code build/corpus-cache} under the kit's home) */
        public Builder cache(Path cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** @param limit at most this many utterances per source, ≥ 1 (default: all) */
        public Builder limit(int limit) {
            this.limit = OptionalInt.of(limit);
            return this;
        }

        /** @param englishEval keep only English dev and test utterances (default no) */
        public Builder englishEval(boolean englishEval) {
            this.englishEval = englishEval;
            return this;
        }

        /** @param jobs recordings decoded at once, ≥ 1 (default 1) */
        public Builder jobs(int jobs) {
            this.jobs = jobs;
            return this;
        }

        /** @param progressBar whether to draw progress bars on standard error (default no) */
        public Builder progressBar(boolean progressBar) {
            this.progressBar = progressBar;
            return this;
        }

        /** @return the corpus' spec; @throws IllegalArgumentException when a field is out of range */
        public RealCorpus build() {
            return new RealCorpus(sources, cache, limit, englishEval, jobs, progressBar);
        }
    }
}
