package org.earshot.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
 * duration, split}.
 *
 * <p>Deterministic for a seed: the texts, the split of each utterance (80 / 10 / 10), its voice within the split
 * (voice-disjoint splits, see {@link Split}; the training voices per {@link Variety}) and its rate and pitch all come
 * from {@code Random(seed)}, so two runs
 * give identical manifests. Cached: an utterance's file name hashes everything that determines its sound, and an
 * existing file is not made again.
 */
public final class Corpus {

    /** What one line of the manifest says. */
    public record Entry(String id, String path, String text, String normalized, String engine, String voice,
                        String accent, Integer rate, Integer pitch, double duration, String split) {
    }

    private record Plan(int index, Utterance utterance, Voice voice, int rate, int pitch, Split split, String id) {
    }

    private Corpus() {
    }

    /**
     * Makes (or completes) a corpus.
     *
     * @param source what to say
     * @param count  utterances
     * @param seed   the seed
     * @param dir    the corpus folder: {@code manifest.jsonl} and {@code wav/}
     * @param jobs   engines run at once
     * @param progress whether to draw a progress bar on standard error
     * @return the manifest entries, in order
     * @throws IOException when an engine is missing (naming its Debian package) or fails
     */
    public static List<Entry> make(TextSource source, int count, long seed, Path dir, int jobs, boolean progress)
            throws IOException, InterruptedException {
        return make(source, Variety.STANDARD, count, seed, dir, jobs, progress);
    }

    /**
     * Makes (or completes) a corpus whose training split draws on a given variety of voices.
     *
     * @param variety which voices the training split draws on (dev and test are the same for every variety)
     * @see #make(TextSource, int, long, Path, int, boolean)
     */
    public static List<Entry> make(TextSource source, Variety variety, int count, long seed, Path dir, int jobs,
                                   boolean progress) throws IOException, InterruptedException {
        List<Plan> plans = plan(source, variety, count, seed);
        for (Engine e : plans.stream().map(p -> p.voice().engine()).distinct().toList()) {
            e.requireInstalled();
        }
        Path wavDir = dir.resolve("wav");
        Files.createDirectories(wavDir);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        List<Future<Entry>> futures = new ArrayList<>();
        ProgressBar bar = progress ? new ProgressBarBuilder().setTaskName("corpus " + source.name().toLowerCase(Locale.ROOT))
                .setInitialMax(plans.size()).setStyle(ProgressBarStyle.ASCII).continuousUpdate().build() : null;
        try {
            for (Plan plan : plans) {
                futures.add(pool.submit(() -> {
                    Entry e = synthesize(plan, dir, wavDir);
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
            writeManifest(dir.resolve("manifest.jsonl"), entries);
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
            plans.add(new Plan(i, texts.get(i), voice, prosody ? rate : -1, prosody ? pitch : -1, split, id));
        }
        return plans;
    }

    private static Entry synthesize(Plan plan, Path dir, Path wavDir) throws IOException, InterruptedException {
        Path wav = wavDir.resolve(plan.id() + ".wav");
        if (!Files.isRegularFile(wav)) {
            Path raw = Files.createTempFile(wavDir, plan.id() + "-", ".raw.wav");
            try {
                plan.voice().engine().speak(plan.voice(), plan.rate(), plan.pitch(), plan.utterance().normalized(), raw);
                Audio audio = Resample.to(Wav.read(raw).mixdown(), 16000);
                Path part = wavDir.resolve(plan.id() + ".part");
                Wav.write(audio, part, Wav.Encoding.PCM_16);
                Files.move(part, wav, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(raw);
            }
        }
        double duration = Wav.read(wav).durationSeconds();
        Voice v = plan.voice();
        return new Entry(plan.id(), dir.relativize(wav).toString(), plan.utterance().text(), plan.utterance().normalized(),
                v.engine().name().toLowerCase(Locale.ROOT), v.name(), v.accent(), plan.rate() < 0 ? null : plan.rate(),
                plan.pitch() < 0 ? null : plan.pitch(), Math.round(duration * 1000) / 1000.0, plan.split().label());
    }

    private static void writeManifest(Path manifest, List<Entry> entries) throws IOException {
        ObjectMapper json = new ObjectMapper();
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            sb.append(json.writeValueAsString(e)).append('\n');
        }
        Path part = manifest.resolveSibling(manifest.getFileName() + ".part");
        Files.writeString(part, sb, StandardCharsets.UTF_8);
        Files.move(part, manifest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * @param manifest a corpus manifest
     * @return its entries
     */
    public static List<Entry> read(Path manifest) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                entries.add(json.readValue(line, Entry.class));
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
