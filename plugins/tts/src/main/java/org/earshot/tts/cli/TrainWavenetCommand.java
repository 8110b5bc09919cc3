package org.earshot.tts.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.audio.Audio;
import org.earshot.audio.Resample;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import org.earshot.corpus.Corpus;
import org.earshot.corpus.Split;
import org.earshot.kit.Kit;
import org.earshot.tts.vocoder.MarkovSampleModel;
import org.earshot.tts.vocoder.WaveNet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains {@code wavenet-tiny} with {@code data/models/wavenet-tiny/train.py} and scores it from Java: bits per
 * sample (teacher forced) on held-out utterances of its speaker, on other real people and on synthetic voices, beside
 * the one-sample-memory {@link MarkovSampleModel} counted on the same training audio; and the samples per second of
 * naive and cached generation. Writes {@code metrics.json} and {@code card.md}.
 */
@Command(name = "train-wavenet", mixinStandardHelpOptions = true,
        description = "Train wavenet-tiny, the kit's sample-by-sample demo model (PyTorch, CPU), and score it.")
public final class TrainWavenetCommand implements CliCommand {

    @Option(names = "--out", defaultValue = "data/models/wavenet-tiny", paramLabel = "DIR",
            description = "The model folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--steps", defaultValue = "5000", paramLabel = "N", description = "Training steps (default"
            + " ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--minutes", defaultValue = "40", paramLabel = "M",
            description = "Stop training after M minutes (default ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "CPU threads (default"
            + " ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--real", defaultValue = "build/corpus/real", paramLabel = "DIR",
            description = "The real-speech corpus (./earshot corpus real; default ${DEFAULT-VALUE}).")
    Path real;

    @Option(names = "--synthetic", defaultValue = "build/corpus/train-digits-wide", paramLabel = "DIR",
            description = "A synthetic corpus whose test voices are scored (./earshot corpus digits --variety wide"
                    + " --count 2500 --out DIR; default ${DEFAULT-VALUE}).")
    Path synthetic;

    @Option(names = "--clips", defaultValue = "20", paramLabel = "N",
            description = "Clips scored per set, the first 2 s of each (default ${DEFAULT-VALUE}).")
    int clips;

    @Option(names = "--rescore", description = "Score the model already in --out; do not train.")
    boolean rescore;

    private static final String SPEAKER_SOURCE = "festvox-ru";

    private static final double SCORED_SECONDS = 2.0;

    @Override
    public Integer call() throws Exception {
        Path home = Kit.home();
        Path dir = out.isAbsolute() ? out : home.resolve(out);
        Path realDir = real.isAbsolute() ? real : home.resolve(real);
        Path synthDir = synthetic.isAbsolute() ? synthetic : home.resolve(synthetic);
        List<Corpus.Entry> realEntries;
        List<Corpus.Entry> synthEntries;
        try {
            realEntries = Corpus.read(realDir.resolve("manifest.jsonl"));
            synthEntries = Corpus.read(synthDir.resolve("manifest.jsonl"));
        } catch (IOException e) {
            System.err.println("earshot train-wavenet: " + e.getMessage() + " (./earshot corpus real; ./earshot corpus"
                    + " digits --variety wide --count 2500 --out " + synthetic + ")");
            return 1;
        }
        if (!rescore) {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder("/usr/bin/python3", home.resolve("data/models/wavenet-tiny/train.py")
                    .toString(), "--corpus", realDir.toString(), "--out", dir.toString(), "--steps",
                    String.valueOf(steps), "--minutes", String.valueOf(minutes), "--threads", String.valueOf(threads),
                    // the parity fixtures belong to the committed model: another folder's run writes none
                    "--fixtures", dir.equals(home.resolve("data/models/wavenet-tiny"))
                            ? home.resolve("data/fixtures/tts/wavenet-fixtures.json").toString() : "")
                    .directory(home.toFile()).inheritIO().start();
            if (p.waitFor() != 0) {
                System.err.println("earshot train-wavenet: training failed (exit " + p.exitValue() + "); PyTorch:"
                        + " apt-get install python3-torch");
                return 1;
            }
        }
        List<Corpus.Entry> speaker = realEntries.stream().filter(e -> source(e).equals(SPEAKER_SOURCE)).toList();
        List<Corpus.Entry> training = speaker.stream().filter(e -> group(e) >= 2).toList();
        List<Corpus.Entry> heldOut = acrossSpeakers(speaker.stream().filter(e -> group(e) == 0).toList());
        List<Corpus.Entry> people = acrossSpeakers(realEntries.stream()
                .filter(e -> e.split() == Split.TEST && e.accent().equals("en")).toList());
        List<Corpus.Entry> voices = acrossSpeakers(synthEntries.stream().filter(e -> e.split() == Split.TEST)
                .toList());
        Map<String, Object> metrics = new LinkedHashMap<>();
        try (WaveNet net = WaveNet.open(dir)) {
            MarkovSampleModel chain = MarkovSampleModel.fit(reading(realDir, training), net.muLaw(), 0.1);
            Map<String, Object> sets = new LinkedHashMap<>();
            sets.put("heldOutSameSpeaker", score(net, chain, realDir, heldOut, "festvox-ru test utterances"));
            sets.put("realOtherPeople", score(net, chain, realDir, people, "real English test speakers"));
            sets.put("syntheticTestVoices", score(net, chain, synthDir, voices, "synthetic test voices"));
            metrics.put("bitsPerSample", sets);
            metrics.put("samplesPerSecond", speeds(net));
        }
        metrics.put("config", new ObjectMapper().readTree(dir.resolve("config.json").toFile()));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("metrics.json").toFile(),
                metrics);
        Files.writeString(dir.resolve("card.md"), card(new ObjectMapper().valueToTree(metrics), dir));
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(metrics));
        return 0;
    }

    private static String source(Corpus.Entry e) {
        return e.provenance().map(Corpus.Provenance::sourcePackage).orElse("");
    }

    /** CRC32(id) mod 10: 0 the speaker's test utterances, 1 dev, the rest train (as train.py splits them). */
    private static int group(Corpus.Entry e) {
        CRC32 crc = new CRC32();
        crc.update(e.id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (int) (crc.getValue() % 10);
    }

    /** Up to {@code clips} entries taken in turn from each speaker (by voice), so every speaker counts. */
    private List<Corpus.Entry> acrossSpeakers(List<Corpus.Entry> entries) {
        Map<String, List<Corpus.Entry>> bySpeaker = new java.util.TreeMap<>();
        entries.stream().sorted(java.util.Comparator.comparing(Corpus.Entry::id))
                .forEach(e -> bySpeaker.computeIfAbsent(e.voice(), v -> new ArrayList<>()).add(e));
        List<Corpus.Entry> out = new ArrayList<>();
        for (int round = 0; out.size() < clips; round++) {
            boolean any = false;
            for (List<Corpus.Entry> own : bySpeaker.values()) {
                if (round < own.size() && out.size() < clips) {
                    out.add(own.get(round));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return out;
    }

    private static Audio load(Path corpus, Corpus.Entry e) throws IOException {
        Audio a = Wav.read(corpus.resolve(e.path())).mixdown();
        return a.sampleRate() == 16000 ? a : Resample.to(a, 16000);
    }

    private static Iterable<Audio> reading(Path corpus, List<Corpus.Entry> entries) {
        return () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < entries.size();
            }

            @Override
            public Audio next() {
                try {
                    return load(corpus, entries.get(i++));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static Map<String, Object> score(WaveNet net, MarkovSampleModel chain, Path corpus,
                                             List<Corpus.Entry> entries, String name) throws IOException {
        double wavenetBits = 0;
        double chainBits = 0;
        long samples = 0;
        List<String> ids = new ArrayList<>();
        java.util.Set<String> voices = new java.util.TreeSet<>();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(entries.size())
                .setStyle(ProgressBarStyle.ASCII).build()) {
            for (Corpus.Entry e : entries) {
                Audio a = load(corpus, e);
                a = a.trim(0, Math.min(SCORED_SECONDS, a.durationSeconds()));
                long n = a.frameCount() - 1;   // both models predict x_1 … x_{T-1} from the true past
                wavenetBits += net.bitsPerSample(a) * n;
                int[] classes = net.muLaw().encode(a.samples());
                chainBits -= (chain.logLikelihood(classes) - Math.log(chain.first()[classes[0]])) / Math.log(2);
                samples += n;
                ids.add(e.id());
                voices.add(e.voice());
                bar.step();
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clips", entries.size());
        m.put("speakers", voices.size());
        m.put("seconds", samples / 16000.0);
        m.put("wavenet", wavenetBits / samples);
        m.put("oneSampleMemory", chainBits / samples);
        m.put("speakerNames", List.copyOf(voices));
        m.put("ids", ids);
        return m;
    }

    /** Network evaluations per second: a drawn sample is one; the cached generator's priming counts too. */
    private static Map<String, Object> speeds(WaveNet net) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (var g : List.of(Map.entry(WaveNet.Generation.NAIVE, 2000), Map.entry(WaveNet.Generation.CACHED, 16000))) {
            net.generate(200, g.getKey(), 1.0, 1);   // warm up
            long start = System.nanoTime();
            net.generate(g.getValue(), g.getKey(), 1.0, 2);
            double seconds = (System.nanoTime() - start) / 1e9;
            int priming = g.getKey() == WaveNet.Generation.CACHED ? net.receptiveField() - 1 : 0;
            int evaluations = g.getValue() - 1 + priming;
            m.put(g.getKey().name().toLowerCase(Locale.ROOT), evaluations / seconds);
        }
        return m;
    }

    private static String card(JsonNode m, Path dir) throws IOException {
        JsonNode c = m.get("config");
        JsonNode b = m.get("bitsPerSample");
        StringBuilder s = new StringBuilder();
        s.append("# wavenet-tiny — model card\n\n");
        s.append("The kit's sample-by-sample demo (§21.3): WaveNet's p(x) = Π_t p(x_t | x_<t) over 256 μ-law classes,"
                + " unconditioned (it babbles in its speaker's voice; it is not a vocoder), trained here on the CPU."
                + " It shows why autoregressive generation is slow, and how much a long memory is worth in bits.\n\n");
        s.append(String.format(Locale.ROOT, "- **Files**: `window.onnx` (%.2f MB; input `context` int64 [1, %d], output"
                        + " `logits` [1, 256]: the naive step), `step.onnx` (%.2f MB; inputs `sample` int64 [1] and `past`"
                        + " [%d, %d], outputs `logits` and `inputs`: the cached step), `config.json`, `train.py` (the"
                        + " recipe), `training-log.txt`, `metrics.json`.\n",
                Files.size(dir.resolve("window.onnx")) / 1e6, c.get("receptiveField").asInt(),
                Files.size(dir.resolve("step.onnx")) / 1e6, c.get("dilations").size(),
                c.get("residualChannels").asInt()));
        s.append(String.format(Locale.ROOT, "- **Architecture**: %d gated dilated causal convolution layers (kernel 2,"
                        + " dilations 1 … 128 twice), %d residual and %d skip channels, %d parameters; receptive field %d"
                        + " samples (%.0f ms at 16 kHz).\n", c.get("dilations").size(), c.get("residualChannels").asInt(),
                c.get("skipChannels").asInt(), c.get("parameters").asInt(), c.get("receptiveField").asInt(),
                1000.0 * c.get("receptiveField").asInt() / 16000));
        s.append(String.format(Locale.ROOT, "- **Data**: %.1f min of one real speaker, Debian festvox-ru (msu_ru_nsh, BSD-like"
                + " licence) from `./earshot corpus real`; utterances with CRC32(id) %% 10 = 0 are held out (test), 1 dev"
                + " (the step kept), the rest train.\n", c.get("trainingAudioMinutes").asDouble()));
        s.append(String.format(Locale.ROOT, "- **Recipe**: teacher-forced cross-entropy on crops of 2,000 samples, batch 8,"
                        + " Adam 2e-3 with cosine decay, seed 2140, %d steps; `./earshot train-wavenet` on this"
                        + " machine's CPU, %d threads (done in %.1f min; no GPU).\n",
                c.path("steps").asInt(), c.path("threads").asInt(), c.get("trainingMinutes").asDouble()));
        s.append("- **Parity**: Java's cached and naive generators give PyTorch's log-probabilities on a real recording"
                + " (`WaveNetParityTest`, fixtures written by `train.py`).\n\n");
        s.append("Bits per sample, teacher forced (each sample x_1 … x_{T−1} predicted from the true past, the same"
                + " samples for both models), the first 2 s of each clip, from Java through ONNX Runtime; uniform over"
                + " 256 classes is 8, and the one-sample memory is `MarkovSampleModel` counted on the same training"
                + " audio. Clips are taken in turn from each speaker of a set:\n\n");
        s.append("| voices | speakers | clips | seconds | wavenet-tiny | one-sample memory |\n"
                + "|---|---|---|---|---|---|\n");
        for (var e : List.of(Map.entry("heldOutSameSpeaker", "the training speaker, held-out utterances (real)"),
                Map.entry("realOtherPeople", "other real people (English test speakers of the real corpus)"),
                Map.entry("syntheticTestVoices", "synthetic test voices (digits, held-out engines/voices)"))) {
            JsonNode r = b.get(e.getKey());
            s.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.2f | %.2f |\n", e.getValue(),
                    r.get("speakers").asInt(), r.get("clips").asInt(), r.get("seconds").asDouble(),
                    r.get("wavenet").asDouble(), r.get("oneSampleMemory").asDouble()));
        }
        JsonNode own = b.get("heldOutSameSpeaker");
        s.append(String.format(Locale.ROOT, "\nOn held-out speech of its own speaker the 32 ms of memory are worth %.2f"
                        + " bits a sample over the one-sample table.", own.get("oneSampleMemory").asDouble()
                        - own.get("wavenet").asDouble()));
        for (String set : List.of("realOtherPeople", "syntheticTestVoices")) {
            JsonNode r = b.get(set);
            double gain = r.get("oneSampleMemory").asDouble() - r.get("wavenet").asDouble();
            s.append(String.format(Locale.ROOT, " On the %s it is %s (%+.2f bits).",
                    set.equals("realOtherPeople") ? "other real people" : "synthetic voices",
                    gain > 0 ? "better than the table" : "worse than the table", -gain));
        }
        s.append("\n");
        JsonNode sp = m.get("samplesPerSecond");
        s.append(String.format(Locale.ROOT, "\nGeneration from Java on one thread, network evaluations (one per drawn"
                        + " sample; the cached queues' priming counted) per second: naive %.0f (%.3f× real time),"
                        + " cached %.0f (%.3f× real time).\n", sp.get("naive").asDouble(),
                sp.get("naive").asDouble() / 16000, sp.get("cached").asDouble(), sp.get("cached").asDouble() / 16000));
        s.append("\n**Limits**: one speaker, no text or mel conditioning (so it is no vocoder), 32 ms of memory: it"
                + " learns the sound of speech, not words.\n");
        return s.toString();
    }
}
