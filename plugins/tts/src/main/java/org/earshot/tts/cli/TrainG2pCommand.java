package org.earshot.tts.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.cli.CliCommand;
import org.earshot.kit.Kit;
import org.earshot.tts.g2p.CmuDictionary;
import org.earshot.tts.g2p.LetterToSound;
import org.earshot.tts.g2p.PhoneErrorRate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot train-g2p [--out DIR] [--rescore]}: trains g2p-ctc, the kit's letter-to-sound model
 * ({@link LetterToSound}; the recipe is {@code data/models/g2p-ctc/train.py}, Debian's python3-torch, on the CPU),
 * then scores it from Java through ONNX Runtime on the dev words (CRC32 mod 10 = 1, the epoch was chosen on them) and
 * once on the held-out test words (CRC32 mod 10 = 0, never read by training), beside espeak-ng's rules on the same
 * test words ({@code data/fixtures/tts/espeak-g2p-summary.json}). Writes {@code metrics.json} and {@code card.md}.
 * Never run in CI.
 */
@Command(name = "train-g2p", mixinStandardHelpOptions = true,
        description = "Train g2p-ctc, the kit's letter-to-sound model (PyTorch, CPU), and score it on held-out words.")
public final class TrainG2pCommand implements CliCommand {

    @Option(names = "--out", defaultValue = "data/models/g2p-ctc", paramLabel = "DIR",
            description = "The model folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--epochs", defaultValue = "15", paramLabel = "N", description = "At most N epochs (default"
            + " ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--minutes", defaultValue = "40", paramLabel = "M",
            description = "Stop after the epoch that passes M minutes (default ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--rescore", description = "Score the model already in --out; do not train.")
    boolean rescore;

    @Override
    public Integer call() throws Exception {
        Path home = Kit.home();
        Path dir = out.isAbsolute() ? out : home.resolve(out);
        CmuDictionary dictionary = CmuDictionary.read(CmuDictionary.POCKETSPHINX);
        if (!rescore) {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder("/usr/bin/python3", home.resolve("data/models/g2p-ctc/train.py").toString(),
                    "--out", dir.toString(), "--epochs", String.valueOf(epochs), "--minutes", String.valueOf(minutes))
                    .inheritIO().start();
            if (p.waitFor() != 0) {
                System.err.println("earshot train-g2p: training failed (exit " + p.exitValue() + "); PyTorch:"
                        + " apt-get install python3-torch");
                return 1;
            }
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        try (LetterToSound lts = LetterToSound.open(dir)) {
            for (int group : new int[] {1, 0}) {
                Map<String, List<String>> predicted = new LinkedHashMap<>();
                List<String> words = dictionary.pronunciations().keySet().stream()
                        .filter(w -> CmuDictionary.group(w) == group).toList();
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName(group == 0 ? "test words" : "dev words")
                        .setInitialMax(words.size()).setStyle(ProgressBarStyle.ASCII).build()) {
                    for (String w : words) {
                        predicted.put(w, lts.knows(w) ? lts.phones(w) : List.of());
                        bar.step();
                    }
                }
                PhoneErrorRate r = PhoneErrorRate.of(predicted, dictionary, false);
                metrics.put(group == 0 ? "test" : "dev", figures(r));
            }
        }
        JsonNode espeak = new ObjectMapper().readTree(home.resolve("data/fixtures/tts/espeak-g2p-summary.json")
                .toFile());
        metrics.put("espeakTest", Map.of("words", espeak.get("words").asInt(), "perPercent",
                espeak.get("perPercent").asDouble(), "werPercent", espeak.get("werPercent").asDouble()));
        Path log = dir.resolve("training-log.txt");
        String last = Files.isRegularFile(log) ? Files.readString(log).strip().lines().reduce((a, b) -> b).orElse("")
                : "";
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("metrics.json").toFile(),
                metrics);
        Files.writeString(dir.resolve("card.md"), card(metrics, dir, last));
        @SuppressWarnings("unchecked")
        Map<String, Object> test = (Map<String, Object>) metrics.get("test");
        System.out.println(String.format(Locale.ROOT, "test PER=%.2f%% WER=%.2f%% (espeak-ng %.2f%% / %.2f%%) -> %s",
                (Double) test.get("perPercent"), (Double) test.get("werPercent"), espeak.get("perPercent").asDouble(),
                espeak.get("werPercent").asDouble(), dir.resolve("card.md")));
        return 0;
    }

    private static Map<String, Object> figures(PhoneErrorRate r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("words", r.words());
        m.put("wrongWords", r.wrongWords());
        m.put("edits", r.edits());
        m.put("referencePhones", r.referencePhones());
        m.put("perPercent", r.perPercent());
        m.put("werPercent", r.werPercent());
        return m;
    }

    @SuppressWarnings("unchecked")
    private static String card(Map<String, Object> m, Path dir, String lastLogLine) throws java.io.IOException {
        Map<String, Object> dev = (Map<String, Object>) m.get("dev");
        Map<String, Object> test = (Map<String, Object>) m.get("test");
        Map<String, Object> espeak = (Map<String, Object>) m.get("espeakTest");
        StringBuilder sb = new StringBuilder("# g2p-ctc — model card\n\n");
        sb.append("The kit's letter-to-sound model (§21.3): phones for the words the CMU dictionary lacks, trained here"
                + " on the CPU.\n\n");
        sb.append(String.format(Locale.ROOT, "- **Files**: `model.onnx` (%.2f MB; input `letters` int64 [1, n], the"
                + " ids of `vocab.json`; output `log_probs` float32 [1, 2n, 40], blank first), `vocab.json`, `train.py`"
                + " (the recipe), `training-log.txt`, `metrics.json`.%n", Files.size(dir.resolve("model.onnx")) / 1e6));
        sb.append("- **Architecture**: letter embedding (64) → each letter twice, with a learned offset per copy → 2"
                + " bidirectional LSTM layers of 128 per direction → linear to 39 ARPAbet phones and a blank;"
                + " greedy CTC decoding.\n");
        sb.append("- **Data**: Debian pocketsphinx-en-us's CMU dictionary (no stress digits). Test words:"
                + " CRC32(word) mod 10 = 0, never read by training; dev words (the epoch kept): mod 10 = 1; every other"
                + " word trains, each of its pronunciations an example.\n");
        sb.append("- **Recipe**: CTC loss, Adam 2e-3 halved when dev PER stops falling, batch 256, seed 2130, 2 CPU"
                + " threads at the lowest priority (nice 19) on a machine shared with other work. `./earshot train-g2p`"
                + " (").append(lastLogLine.replaceAll(" -> .*", "")).append(").\n");
        sb.append("- **Metrics**: from Java through ONNX Runtime; PER is the Levenshtein distance to each word's closest"
                + " pronunciation over its phones, WER the share of words with any error (`PhoneErrorRate`).\n");
        sb.append("- **Limits**: no stress digits (the dictionary has none); greedy decoding, one pronunciation a word;"
                + " names and loan words are most of the errors.\n\n");
        sb.append("| words | count | PER | WER |\n|---|---|---|---|\n");
        sb.append(String.format(Locale.ROOT, "| dev (epoch chosen here) | %s | %.2f %% | %.2f %% |%n", dev.get("words"),
                (Double) dev.get("perPercent"), (Double) dev.get("werPercent")));
        sb.append(String.format(Locale.ROOT, "| test (held out) | %s | %.2f %% | %.2f %% |%n", test.get("words"),
                (Double) test.get("perPercent"), (Double) test.get("werPercent")));
        sb.append(String.format(Locale.ROOT, "| test, espeak-ng's rules (the baseline) | %s | %.2f %% | %.2f %% |%n",
                espeak.get("words"), (Double) espeak.get("perPercent"), (Double) espeak.get("werPercent")));
        sb.append("\nAnchors: Phonetisaurus reports ≈ 24–25 % word error on CMUdict (with stress, its own split).\n");
        return sb.toString();
    }
}
