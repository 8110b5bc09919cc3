package org.earshot.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.audio.Audio;
import org.earshot.audio.Resample;
import org.earshot.audio.Wav;

/**
 * A labelled speech corpus made by the machine's speech engines (no downloads): 16 kHz mono 16-bit WAV files and a
 * JSONL manifest, one line per utterance: {@code id, path, text, normalized, engine, voice, accent, rate, pitch,
 * duration, split} (see {@link Entry} for what each holds and how it is written). The real-speech corpus
 * ({@link org.earshot.corpus.real.RealCorpus}) writes the same lines for recordings of people, engine {@code human},
 * and adds {@code language, speaker, source, sourceVersion, licence} ({@link Provenance}).
 *
 * <p>Deterministic for a seed: the texts, the split of each utterance (80 / 10 / 10), its voice within the split
 * (voice-disjoint splits, see {@link Split}; the training voices per {@link Variety}) and its rate and pitch all come
 * from {@code Random(seed)}, so two runs
 * give identical manifests. Cached: an utterance's file name hashes everything that determines its sound, and an
 * existing file is not made again.
 *
 * <pre>{@code
 * List<Corpus.Entry> entries = Corpus.spec(TextSource.DIGITS).count(160).seed(11).jobs(2).build().make(dir);
 * }</pre>
 */
public final class Corpus {

    /** The manifest's name in a corpus folder. */
    public static final String MANIFEST = "manifest.jsonl";

    /**
     * What one line of the manifest says.
     *
     * @param id                 a stable identifier, {@code <source>-<index>-<hash of what decides the sound>}
     * @param path               the WAV file, relative to the corpus folder
     * @param text               the written form
     * @param normalized         the spoken form: what the engine was given and a recogniser must output
     * @param engine             the speech engine (in the manifest as {@link Engine#label()}: {@code espeak_ng}, …)
     * @param voice              the engine's name for the voice, e.g. {@code en-gb-scotland+Andrea}
     * @param accent             the accent, e.g. {@code en-gb-scotland} ({@code en-us} for flite and festival)
     * @param rateWordsPerMinute the speaking rate in words per minute; empty where the voice spoke at its own
     *                           (in the manifest {@code rate}, {@code null} when empty)
     * @param pitch              espeak-ng's pitch 0–99 (flite's diphone voices: mean F0 50 + 1.5 · pitch Hz); empty
     *                           where the voice spoke at its own (in the manifest {@code pitch}, {@code null} when empty)
     * @param durationSeconds    the WAV file's length in seconds, to the millisecond (in the manifest {@code duration})
     * @param split              the split (in the manifest as {@link Split#label()}: {@code train}, {@code dev},
     *                           {@code test})
     * @param provenance         for a recording of a person ({@link Engine#HUMAN}): its language, speaker, source
     *                           package and licence; empty for synthetic speech (and in manifests written before)
     */
    public record Entry(String id, String path, String text, String normalized, Engine engine, String voice,
                        String accent, OptionalInt rateWordsPerMinute, OptionalInt pitch, double durationSeconds,
                        Split split, Optional<Provenance> provenance) {

        public Entry {
            Objects.requireNonNull(provenance, "provenance");
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(split, "split");
            Objects.requireNonNull(rateWordsPerMinute, "rateWordsPerMinute");
            Objects.requireNonNull(pitch, "pitch");
        }

        /** A synthetic utterance's entry: no {@link Provenance}. */
        public Entry(String id, String path, String text, String normalized, Engine engine, String voice,
                     String accent, OptionalInt rateWordsPerMinute, OptionalInt pitch, double durationSeconds,
                     Split split) {
            this(id, path, text, normalized, engine, voice, accent, rateWordsPerMinute, pitch, durationSeconds, split,
                    Optional.empty());
        }

        /** @return the voice's identifier {@code engine/voice}, as {@link Voice#id()}: e.g. {@code flite/rms} */
        public String voiceId() {
            return engine.label() + "/" + voice;
        }
    }

    /**
     * Where a recorded (not synthesised) utterance comes from: in the manifest as the fields {@code language},
     * {@code speaker}, {@code source}, {@code sourceVersion} and {@code licence}, which synthetic corpora do not write.
     *
     * @param language      its language, ISO 639-1 ({@code en})
     * @param speaker       a stable speaker id, {@code <package>/<voice>} ({@code kajongg/male1})
     * @param sourcePackage the Debian package the recording comes from ({@code kajongg})
     * @param sourceVersion that package's version ({@code 4:22.12.3-1})
     * @param licence       the licence short name of the recording, from the package's {@code debian/copyright}
     *                      ({@code GPL-2+})
     */
    public record Provenance(String language, String speaker, String sourcePackage, String sourceVersion,
                             String licence) {
        public Provenance {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(speaker, "speaker");
            Objects.requireNonNull(sourcePackage, "sourcePackage");
            Objects.requireNonNull(sourceVersion, "sourceVersion");
            Objects.requireNonNull(licence, "licence");
        }
    }

    /** A manifest line as JSON has it: the on-disk format, which the training scripts and older corpora share. */
    @JsonPropertyOrder({"id", "path", "text", "normalized", "engine", "voice", "accent", "rate", "pitch", "duration",
        "split", "language", "speaker", "source", "sourceVersion", "licence"})
    private record ManifestLine(String id, String path, String text, String normalized, String engine, String voice,
                                String accent, Integer rate, Integer pitch, double duration, String split,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String language,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String speaker,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String source,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String sourceVersion,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String licence) {

        static ManifestLine of(Entry e) {
            Provenance p = e.provenance().orElse(null);
            return new ManifestLine(e.id(), e.path(), e.text(), e.normalized(), e.engine().label(), e.voice(),
                    e.accent(), boxed(e.rateWordsPerMinute()), boxed(e.pitch()), e.durationSeconds(), e.split().label(),
                    p == null ? null : p.language(), p == null ? null : p.speaker(),
                    p == null ? null : p.sourcePackage(), p == null ? null : p.sourceVersion(),
                    p == null ? null : p.licence());
        }

        Entry entry() {
            Optional<Provenance> provenance = language == null ? Optional.empty()
                    : Optional.of(new Provenance(language, speaker, source, sourceVersion, licence));
            return new Entry(id, path, text, normalized, Engine.ofLabel(engine), voice, accent, optional(rate),
                    optional(pitch), duration, Split.ofLabel(split), provenance);
        }

        private static Integer boxed(OptionalInt value) {
            return value.isPresent() ? value.getAsInt() : null;
        }

        private static OptionalInt optional(Integer value) {
            return value == null ? OptionalInt.empty() : OptionalInt.of(value);
        }
    }

    /** How one utterance is spoken: rate and pitch empty where the voice speaks at its own. */
    private record Plan(int index, Utterance utterance, Voice voice, OptionalInt rateWordsPerMinute, OptionalInt pitch,
                        Split split, String id) {
    }

    private Corpus() {
    }

    /**
     * @param source what to say
     * @return a builder of a corpus spec for it; give at least the count
     * @see CorpusSpec#builder(TextSource)
     */
    public static CorpusSpec.Builder spec(TextSource source) {
        return CorpusSpec.builder(source);
    }

    /**
     * Makes (or completes) a corpus.
     *
     * @param spec what to make
     * @param dir  the corpus folder: {@code manifest.jsonl} and {@code wav/}
     * @return the manifest entries, in order
     * @throws IOException when an engine is missing (naming its Debian package) or fails
     */
    static List<Entry> make(CorpusSpec spec, Path dir) throws IOException, InterruptedException {
        TextSource source = spec.source();
        List<Plan> plans = plan(source, spec.variety(), spec.count(), spec.seed());
        Path wavDir = dir.resolve("wav");
        // only the engines of files still to make must be installed; files already made keep their measured length
        for (Engine e : plans.stream().filter(p -> !Files.isRegularFile(wavDir.resolve(p.id() + ".wav")))
                .map(p -> p.voice().engine()).distinct().toList()) {
            e.requireInstalled();
        }
        Map<String, Double> knownSeconds = new HashMap<>();
        if (Files.isRegularFile(dir.resolve(MANIFEST))) {
            try {
                read(dir.resolve(MANIFEST)).forEach(e -> knownSeconds.put(e.id(), e.durationSeconds()));
            } catch (IOException unreadable) {
                // a damaged manifest is rewritten below from the files themselves
            }
        }
        Files.createDirectories(wavDir);
        ExecutorService pool = Executors.newFixedThreadPool(spec.jobs());
        List<Future<Entry>> futures = new ArrayList<>();
        ProgressBar bar = spec.progressBar() ? new ProgressBarBuilder().setTaskName("corpus " + source.name().toLowerCase(Locale.ROOT))
                .setInitialMax(plans.size()).setStyle(ProgressBarStyle.ASCII).continuousUpdate().build() : null;
        try {
            for (Plan plan : plans) {
                futures.add(pool.submit(() -> {
                    Entry e = synthesize(plan, dir, wavDir, knownSeconds.get(plan.id()));
                    if (bar != null) {
                        bar.step();
                    }
                    return e;
                }));
            }
            List<Entry> entries = new ArrayList<>();
            for (Future<Entry> f : futures) {
                try {
                    entries.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    pool.shutdownNow();
                    Throwable cause = e.getCause();
                    throw cause instanceof IOException io ? io : new IOException(cause);
                }
            }
            writeManifest(dir.resolve(MANIFEST), entries);
            return entries;
        } finally {
            pool.shutdown();
            if (bar != null) {
                bar.close();
            }
        }
    }

    private static List<Plan> plan(TextSource source, Variety variety, int count, long seed) {
        List<Utterance> texts = source.generate(count, seed);
        Random r = new Random(seed * 31 + 7);
        Map<Split, List<Voice>> voices = new LinkedHashMap<>();
        for (Split s : Split.values()) {
            voices.put(s, variety.pool(s));
        }
        List<Plan> plans = new ArrayList<>();
        String prefix = source.name().toLowerCase(Locale.ROOT);
        for (int i = 0; i < texts.size(); i++) {
            double u = r.nextDouble();
            Split split = u < 0.8 ? Split.TRAIN : u < 0.9 ? Split.DEV : Split.TEST;
            List<Voice> pool = voices.get(split);
            Voice voice = pool.get(r.nextInt(pool.size()));
            int rate = 130 + r.nextInt(61);
            int pitch = 30 + r.nextInt(41);
            boolean prosody = voice.engine() == Engine.ESPEAK_NG
                    || variety.variesRecordedProsody() && split == Split.TRAIN;
            String key = voice.id() + "|" + (prosody ? rate + "|" + pitch : "") + "|" + texts.get(i).normalized();
            String id = String.format(Locale.ROOT, "%s-%05d-%s", prefix, i, hash(key));
            plans.add(new Plan(i, texts.get(i), voice, prosody ? OptionalInt.of(rate) : OptionalInt.empty(),
                    prosody ? OptionalInt.of(pitch) : OptionalInt.empty(), split, id));
        }
        return plans;
    }

    /** @param knownSeconds the file's length as the manifest recorded it, or null */
    private static Entry synthesize(Plan plan, Path dir, Path wavDir, Double knownSeconds)
            throws IOException, InterruptedException {
        Path wav = wavDir.resolve(plan.id() + ".wav");
        boolean made = Files.isRegularFile(wav);
        if (!made) {
            Path raw = Files.createTempFile(wavDir, plan.id() + "-", ".raw.wav");
            try {
                plan.voice().engine().speak(plan.voice(), plan.rateWordsPerMinute(), plan.pitch(),
                        plan.utterance().normalized(), raw);
                Audio audio = Resample.to(Wav.read(raw).mixdown(), 16000);
                Path part = wavDir.resolve(plan.id() + ".part");
                Wav.write(audio, part, Wav.Encoding.PCM_16);
                Files.move(part, wav, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(raw);
            }
        }
        double durationSeconds = made && knownSeconds != null ? knownSeconds : Wav.read(wav).durationSeconds();
        Voice v = plan.voice();
        return new Entry(plan.id(), dir.relativize(wav).toString(), plan.utterance().text(), plan.utterance().normalized(),
                v.engine(), v.name(), v.accent(), plan.rateWordsPerMinute(), plan.pitch(),
                Math.round(durationSeconds * 1000) / 1000.0, plan.split());
    }

    /**
     * Writes a manifest, replacing any there (written whole, then moved into place).
     *
     * @param manifest where ({@code manifest.jsonl})
     * @param entries  its lines, in order
     * @throws IOException when it cannot be written
     */
    public static void writeManifest(Path manifest, List<Entry> entries) throws IOException {
        ObjectMapper json = new ObjectMapper();
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            sb.append(json.writeValueAsString(ManifestLine.of(e))).append('\n');
        }
        Path part = manifest.resolveSibling(manifest.getFileName() + ".part");
        Files.writeString(part, sb, StandardCharsets.UTF_8);
        Files.move(part, manifest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * @param manifest a corpus manifest ({@code manifest.jsonl})
     * @return its entries
     * @throws IOException when it cannot be read, or a line is not a manifest line (the message names the file and
     *                     the line)
     */
    public static List<Entry> read(Path manifest) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Entry> entries = new ArrayList<>();
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                try {
                    entries.add(json.readValue(lines.get(i), ManifestLine.class).entry());
                } catch (IllegalArgumentException | JsonProcessingException e) {
                    throw new IOException(manifest + ", line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        return entries;
    }

    private static String hash(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
