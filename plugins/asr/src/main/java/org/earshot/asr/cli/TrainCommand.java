package org.earshot.asr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.earshot.asr.neural.TrainingExport;
import org.earshot.cli.CliCommand;
import org.earshot.corpus.Corpus;
import org.earshot.corpus.TextSource;
import org.earshot.kit.Kit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot train ctc-small}: makes the training corpora (digits and commands, voice-disjoint splits), writes
 * their features with the kit's own front end, and runs the model's training script
 * ({@code data/models/ctc-small/train.py}, Debian's python3-torch), which exports {@code model.onnx},
 * {@code vocab.json}, {@code card.md}, {@code metrics.json} and the training log next to itself.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a kit model (ctc-small, s2s-small) on the kit's TTS corpora with PyTorch; exports ONNX + card.")
public final class TrainCommand implements CliCommand {

    @Parameters(paramLabel = "MODEL", description = "ctc-small or s2s-small")
    String model;

    @Option(names = "--count", defaultValue = "1500", description = "Utterances per corpus (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--epochs", defaultValue = "20", description = "Training epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "2112", description = "Corpus and training seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", description = "Where the model goes (default: data/models/MODEL).")
    Path out;

    @Override
    public Integer call() throws InterruptedException {
        if (!model.equals("ctc-small") && !model.equals("s2s-small")) {
            System.err.println("earshot train: unknown model '" + model + "' (ctc-small or s2s-small)");
            return 2;
        }
        Path home = Kit.home();
        Path script = home.resolve("data/models").resolve(model).resolve("train.py");
        Path modelDir = out != null ? out : script.getParent();
        try {
            if (new ProcessBuilder("/usr/bin/python3", "-c", "import torch, numpy").start().waitFor() != 0) {
                throw new IOException("PyTorch is missing: apt-get install python3-torch python3-numpy");
            }
            List<Corpus.Entry> entries = new ArrayList<>();
            Map<String, Path> dirs = new LinkedHashMap<>();
            for (TextSource source : List.of(TextSource.DIGITS, TextSource.COMMANDS)) {
                Path dir = home.resolve("build/corpus/train-" + source.name().toLowerCase(java.util.Locale.ROOT));
                for (Corpus.Entry e : Corpus.make(source, count, seed, dir, Runtime.getRuntime().availableProcessors(), true)) {
                    entries.add(e);
                    dirs.put(e.id(), dir);
                }
            }
            Path data = home.resolve("build/train").resolve(model);
            System.out.println("features (kit log-mel): " + TrainingExport.write(entries, dirs, data) + " → " + data);
            Files.createDirectories(modelDir);
            Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), "--data", data.toString(), "--out",
                    modelDir.toString(), "--epochs", Integer.toString(epochs), "--seed", Long.toString(seed))
                    .inheritIO().start();
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IOException(script + " failed (exit " + rc + ")");
            }
            return 0;
        } catch (IOException e) {
            System.err.println("earshot train: " + e.getMessage());
            return 1;
        }
    }
}
