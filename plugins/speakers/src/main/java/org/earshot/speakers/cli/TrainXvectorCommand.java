package org.earshot.speakers.cli;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import org.earshot.corpus.Split;
import org.earshot.kit.Kit;
import org.earshot.models.LogMelFrontEnd;
import org.earshot.speakers.cli.SpeakerCorpora.Source;
import org.earshot.speakers.embedding.NeuralEmbedding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot train-xvector --out DIR [--epochs N] [--rescore]}: the kit's neural speaker embedding,
 * xvector-small ({@link NeuralEmbedding}; the recipe is {@code data/models/xvector-small/train.py}, Debian's
 * python3-torch). Speakers: every voice of the synthetic corpora ({@code build/corpus/train-*-wide}: each espeak-ng
 * accent × variant, flite's and festival's voices, one speaker each) and every person of the real corpus
 * ({@code build/corpus/real}), in their corpora's voice- and speaker-disjoint splits. Java writes the training
 * split's log-mel ({@link LogMelFrontEnd}) to {@code build/train/xvector}, the script trains and exports
 * {@code model.onnx}, and Java scores the dev and test speakers from the ONNX graph, synthetic and real apart, with
 * the trials every speaker card has ({@link SpeakerTrials}); {@code --rescore} skips training. Writes
 * {@code metrics.json} and {@code card.md} beside the model. Never run in CI.
 */
@Command(name = "train-xvector", mixinStandardHelpOptions = true,
        description = "Train xvector-small, the kit's neural speaker embedding (PyTorch, CPU), and score it.")
public final class TrainXvectorCommand implements CliCommand {

    @Option(names = "--out", defaultValue = "data/models/xvector-small", paramLabel = "DIR",
            description = "The model folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--epochs", defaultValue = "48", paramLabel = "N", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "CPU threads (default 2).")
    int threads;

    @Option(names = "--clips-per-speaker", defaultValue = "24", paramLabel = "N",
            description = "Crops of each speaker an epoch (default ${DEFAULT-VALUE}).")
    int clipsPerSpeaker;

    @Option(names = "--rescore", description = "Score the model already in --out; do not train.")
    boolean rescore;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Path home = Kit.home();
        Path dir = out.isAbsolute() ? out : home.resolve(out);
        List<Source> sources = SpeakerCorpora.readOrSay(home, "train-xvector").orElse(null);
        if (sources == null) {
            return 1;
        }
        Path data = home.resolve("build/train/xvector");
        if (!rescore) {
            exportTraining(sources, data);
            Files.createDirectories(dir);
            List<String> cmd = List.of("/usr/bin/python3", home.resolve("data/models/xvector-small/train.py").toString(),
                    "--data", data.toString(), "--out", dir.toString(), "--epochs", String.valueOf(epochs),
                    "--threads", String.valueOf(threads), "--clips-per-speaker", String.valueOf(clipsPerSpeaker));
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            if (p.waitFor() != 0) {
                System.err.println("earshot train-xvector: training failed (exit " + p.exitValue() + "); PyTorch:"
                        + " apt-get install python3-torch python3-numpy");
                return 1;
            }
        }
        Map<String, Object> metrics;
        try (NeuralEmbedding x = NeuralEmbedding.open(dir.resolve("model.onnx"))) {
            metrics = SpeakerCorpora.evaluate(sources, x::embed);
        }
        metrics.put("trainSpeakers", sources.stream().filter(s -> s.split() == Split.TRAIN).map(Source::speaker)
                .distinct().count());
        metrics.put("trainClips", sources.stream().filter(s -> s.split() == Split.TRAIN).count());
        metrics.put("scoreSeconds", (System.nanoTime() - start) / 1e9);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("metrics.json").toFile(),
                metrics);
        Files.writeString(dir.resolve("card.md"), card(metrics, dir));
        System.out.println(String.format(Locale.ROOT, "test EER synthetic=%.2f%% real=%.2f%% (dev %.2f%% / %.2f%%)"
                        + " -> %s", SpeakerCorpora.eer(metrics, "testSynthetic"), SpeakerCorpora.eer(metrics, "testReal"),
                SpeakerCorpora.eer(metrics, "devSynthetic"), SpeakerCorpora.eer(metrics, "devReal"), dir.resolve("card.md")));
        return 0;
    }

    /** Writes the training split: {@code train.f32} (log-mel frames) and {@code train.jsonl} (one clip a line). */
    private static void exportTraining(List<Source> sources, Path data) throws IOException {
        Files.createDirectories(data);
        ObjectMapper json = new ObjectMapper();
        List<Source> train = sources.stream().filter(s -> s.split() == Split.TRAIN).toList();
        long offset = 0;
        StringBuilder lines = new StringBuilder();
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(data.resolve("train.f32")), 1 << 20);
             DataOutputStream f32 = new DataOutputStream(raw);
             ProgressBar bar = new ProgressBarBuilder().setTaskName("log-mel").setInitialMax(train.size())
                     .setStyle(ProgressBarStyle.ASCII).build()) {
            ByteBuffer frame = ByteBuffer.allocate(4 * LogMelFrontEnd.N_MELS).order(ByteOrder.LITTLE_ENDIAN);
            for (Source s : train) {
                float[][] mel = LogMelFrontEnd.of(Wav.read(s.wav()));
                for (float[] row : mel) {
                    frame.clear();
                    for (float v : row) {
                        frame.putFloat(v);
                    }
                    f32.write(frame.array());
                }
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("speaker", s.speaker());
                line.put("domain", s.provenance().isPresent() ? "real" : "synthetic");
                line.put("offset", offset);
                line.put("frames", mel.length);
                lines.append(json.writeValueAsString(line)).append('\n');
                offset += mel.length;
                bar.step();
            }
        }
        Files.writeString(data.resolve("train.jsonl"), lines);
    }

    @SuppressWarnings("unchecked")
    private static String card(Map<String, Object> m, Path dir) throws IOException {
        String log = Files.isRegularFile(dir.resolve("training-log.txt"))
                ? Files.readString(dir.resolve("training-log.txt")).strip() : "";
        String last = log.lines().reduce((a, b) -> b).orElse("");
        String first = log.lines().findFirst().orElse("");
        StringBuilder sb = new StringBuilder("# xvector-small — model card\n\n");
        sb.append("The kit's neural speaker embedding (§21.4): an x-vector trained here, on the CPU, on synthetic voices"
                + " and recordings of real people; beside speakers-mfcc, the classical baseline.\n\n");
        sb.append(String.format(Locale.ROOT, "- **Files**: `model.onnx` (%.2f MB; input `features` [1, frames, 80]"
                + " float32 log-mel in dB from `LogMelFrontEnd`, output `embedding` [1, 192], unit norm),"
                + " `train.py` (the recipe), `training-log.txt`, `metrics.json`.%n",
                Files.size(dir.resolve("model.onnx")) / 1e6));
        sb.append("- **Architecture**: the clip's mean log-mel frame subtracted → five TDNN layers (1-D convolutions, "
                + "kernels 5, 3 dilated 2, 3 dilated 3, 1, 1; 192 channels, the last 512; ReLU, batch norm) → "
                + "statistics pooling (mean and standard deviation over time) → linear 1024 → 192, unit-normed.\n");
        sb.append("- **Data**: ").append(m.get("trainClips")).append(" training clips of ≥ 0.5 s of ")
                .append(m.get("trainSpeakers")).append(" speakers: every voice of `./earshot corpus digits --variety wide"
                        + " --count 2500`, `commands` likewise and `sentences --variety wide --count 1000` (the corpora"
                        + " `./earshot train ctc-small` makes; espeak-ng accents × variants, flite, festival; one"
                        + " speaker a voice) and every training person of `./earshot corpus real`. Dev and test speakers are "
                        + "never heard in training (the corpora's voice- and speaker-disjoint splits).\n");
        sb.append("- **Recipe**: additive angular margin softmax (margin 0.2, scale 30) over the training speakers; 1 s "
                + "random crops, mel and time masks, random gain; speakers balanced; Adam, one-cycle (max 2e-3), batch "
                + "64, seed 2150, CPU. The training log's first line: `" + first + "`. `./earshot train-xvector` (");
        sb.append(last.isEmpty() ? "see training-log.txt" : last.replace(" -> " + dir.resolve("model.onnx"), ""))
                .append(").\n");
        sb.append("- **Metrics**: below, from Java through ONNX Runtime, with the trials every speaker card has: each "
                + "speaker enrols with 3 clips, up to 20 target and 20 non-target clips per pair.\n");
        sb.append("- **Limits**: short clips (words, digit strings, short sentences); synthetic voices dominate "
                + "training; few real speakers (dev 7, test 8), clean recordings.\n\n");
        return sb.append(SpeakerCorpora.tables(m)).toString();
    }
}
