package org.earshot.tts.cli;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import org.earshot.kit.Kit;
import org.earshot.models.LogMelFrontEnd;
import org.earshot.tts.g2p.CmuDictionary;
import org.earshot.tts.neural.KitNeuralTts;
import org.earshot.tts.parametric.TimedPhone;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot train-kit-neural [--out DIR] [--epochs N]}: trains the kit's neural TTS acoustic model
 * ({@link KitNeuralTts}; the recipe is {@code data/models/kit-neural/train.py}, Debian's python3-torch) on the same
 * recordings as kit-parametric ({@link KalCorpus}: festival's kal saying texts the round trip never uses), then
 * measures it by the ASR round trip on the dev and test texts. Java writes each utterance's log-mel
 * ({@link LogMelFrontEnd}) and its phones with festival's durations in frames to {@code build/train/kit-neural}
 * (every 20th utterance kept for the training's own dev loss), the script trains and exports two graphs, and Java
 * speaks the round-trip texts from them. {@code --rescore} skips training. Writes {@code metrics.json} and
 * {@code card.md} beside the model. Never run in CI.
 */
@Command(name = "train-kit-neural", mixinStandardHelpOptions = true,
        description = "Train the kit's neural TTS acoustic model on festival's kal (PyTorch, CPU); measure its round"
                + " trip.")
public final class TrainKitNeuralCommand implements CliCommand {

    /** One utterance in this many is the training's dev set (its loss only; the round trip has its own texts). */
    static final int DEV_EVERY = 20;

    @Option(names = "--out", defaultValue = KitNeuralTts.MODEL, paramLabel = "DIR",
            description = "The model folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--epochs", defaultValue = "70", paramLabel = "N", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "CPU threads (default 2).")
    int threads;

    @Option(names = "--rescore", description = "Measure the model already in --out; do not train.")
    boolean rescore;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1 || threads < 1) {
            System.err.println("earshot train-kit-neural: want --epochs ≥ 1 and --threads ≥ 1");
            return 2;
        }
        long start = System.nanoTime();
        Path home = Kit.home();
        Path dir = out.isAbsolute() ? out : home.resolve(out);
        KalCorpus.Recordings kal = KalCorpus.makeOrSay(home, 400, 400, "train-kit-neural").orElse(null);
        if (kal == null) {
            return 1;
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        Path data = home.resolve("build/train/kit-neural");
        if (!rescore) {
            metrics.putAll(export(kal, data));
            Files.createDirectories(dir);
            if (!PyTorchRecipe.run("train-kit-neural", home.resolve("data/models/kit-neural/train.py"), List.of(
                    "--data", data.toString(), "--out", dir.toString(), "--epochs", String.valueOf(epochs),
                    "--threads", String.valueOf(threads)))) {
                return 1;
            }
            metrics.put("trainSeconds", (System.nanoTime() - start) / 1e9);
        } else if (Files.isRegularFile(dir.resolve("metrics.json"))) {
            Map<?, ?> old = new ObjectMapper().readValue(dir.resolve("metrics.json").toFile(), Map.class);
            for (String k : List.of("trainUtterances", "devUtterances", "trainMinutes", "phones", "trainSeconds")) {
                if (old.containsKey(k)) {
                    metrics.put(k, old.get(k));
                }
            }
        }
        metrics.put("heldOutTextsLeftOut", kal.leftOut());
        try (VoiceRoundTrips ears = VoiceRoundTrips.open(home);
             KitNeuralTts engine = KitNeuralTts.open(home, dir, CmuDictionary.preferred())) {
            metrics.put("bytes", engine.footprintBytes());
            ears.measureDevAndTest(engine, metrics);
        }
        VoiceRoundTrips.write(dir, metrics, card(metrics, dir), "kit-neural", "");
        return 0;
    }

    /**
     * Writes {@code mel.f32} (each utterance's log-mel frames), {@code utterances.jsonl} (split, phone ids, each
     * phone's frames, offset) and {@code phones.json} (the inventory, sorted). A phone's frames are those whose
     * centre ({@code t · 10 ms}) falls inside it; the last phone takes what is left, so the durations add up to the
     * utterance's frames.
     *
     * @return the export's figures: utterances, minutes, phones
     */
    static Map<String, Object> export(KalCorpus.Recordings kal, Path data) throws IOException {
        Files.createDirectories(data);
        List<List<TimedPhone>> segments = new ArrayList<>();
        TreeSet<String> inventory = new TreeSet<>();
        for (int i = 0; i < kal.texts().size(); i++) {
            List<TimedPhone> segs = kal.phones(i);
            segs.forEach(s -> inventory.add(s.phone()));
            segments.add(segs);
        }
        List<String> phones = List.copyOf(inventory);
        ObjectMapper json = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        long offset = 0;
        int train = 0;
        int dev = 0;
        double period = 1.0 / LogMelFrontEnd.framing().sampleRate() * LogMelFrontEnd.framing().hopLength();
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(data.resolve("mel.f32")), 1 << 20);
             DataOutputStream f32 = new DataOutputStream(raw);
             ProgressBar bar = new ProgressBarBuilder().setTaskName("log-mel").setInitialMax(segments.size())
                     .setStyle(ProgressBarStyle.ASCII).build()) {
            ByteBuffer frame = ByteBuffer.allocate(4 * LogMelFrontEnd.N_MELS).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < segments.size(); i++) {
                float[][] mel = LogMelFrontEnd.of(Wav.read(kal.wav(i)));
                List<TimedPhone> segs = segments.get(i);
                int[] ids = new int[segs.size()];
                for (int j = 0; j < segs.size(); j++) {
                    ids[j] = phones.indexOf(segs.get(j).phone());
                }
                int[] frames = frames(segs, mel.length);
                for (float[] row : mel) {
                    frame.clear();
                    for (float v : row) {
                        frame.putFloat(v);
                    }
                    f32.write(frame.array());
                }
                boolean isDev = i % DEV_EVERY == 0;
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("split", isDev ? "dev" : "train");
                line.put("phones", ids);
                line.put("durations", frames);
                line.put("offset", offset);
                lines.append(json.writeValueAsString(line)).append('\n');
                offset += mel.length;
                if (isDev) {
                    dev++;
                } else {
                    train++;
                }
                bar.step();
            }
        }
        Files.writeString(data.resolve("utterances.jsonl"), lines);
        json.writeValue(data.resolve("phones.json").toFile(), phones);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("trainUtterances", train);
        figures.put("devUtterances", dev);
        figures.put("trainMinutes", offset * period / 60);
        figures.put("phones", phones.size());
        return figures;
    }

    /**
     * Each phone's frames: those whose centre ({@code t · 10 ms}) falls inside it; the last phone takes what is left,
     * so the durations add up to the utterance's frames.
     *
     * @param segs      festival's phones and their end times
     * @param melFrames the utterance's log-mel frames
     * @return frames per phone
     */
    static int[] frames(List<TimedPhone> segs, int melFrames) {
        double period = 1.0 / LogMelFrontEnd.framing().sampleRate() * LogMelFrontEnd.framing().hopLength();
        int[] frames = new int[segs.size()];
        int before = 0;
        for (int j = 0; j < segs.size(); j++) {
            int end = j == segs.size() - 1 ? melFrames
                    : Math.min(melFrames, (int) Math.ceil(segs.get(j).endSeconds() / period - 1e-9));
            frames[j] = Math.max(0, end - before);
            before += frames[j];
        }
        return frames;
    }

    private static String card(Map<String, Object> m, Path dir) throws IOException {
        String log = Files.isRegularFile(dir.resolve("training-log.txt"))
                ? Files.readString(dir.resolve("training-log.txt")).strip() : "";
        String first = log.lines().findFirst().orElse("");
        String lastEpoch = log.lines().filter(l -> l.startsWith("epoch ")).reduce((a, b) -> b).orElse("");
        StringBuilder sb = new StringBuilder("# kit-neural — model card\n\n");
        sb.append("The kit's own neural TTS acoustic model (§21.3, `--engine kit-neural`): phones to the 80-band log-mel"
                + " the kit's ASR hears, trained here on the CPU; the mels are inverted by non-negative least squares ("
                + KitNeuralTts.MEL_INVERSION_ITERATIONS + " multiplicative updates) and Griffin-Lim ("
                + KitNeuralTts.GRIFFIN_LIM_ITERATIONS + " iterations) makes the sound.\n\n");
        sb.append(String.format(Locale.ROOT, "- **Files**: `encoder.onnx` (input `phones` [1, N] int64; outputs"
                + " `hidden` [1, N, H], `log_durations` [1, N]), `decoder.onnx` (input `frames` [1, T, H + 2]; output"
                + " `mel` [1, T, 80] in dB), `config.json` (H, the phones), %.2f MB together; `train.py` (the recipe),"
                + " `training-log.txt`, `metrics.json`.%n", ((Number) m.get("bytes")).doubleValue() / 1e6));
        sb.append("- **Architecture**: FastSpeech made small, non-autoregressive: phone embedding → 3 residual"
                + " convolutions (kernel 5) → a duration predictor (ln(1 + frames) per phone); a length regulator"
                + " (in Java: each phone's vector repeated for its frames, with the position inside the phone and"
                + " ln(1 + its frames)) → 4 residual convolutions (kernel 5, dilations 1, 2, 4, 1) → 80 log-mel bands"
                + " every 10 ms. Why not Tacotron's attention: on 2 CPU cores attention takes hours to learn to align;"
                + " festival gives each phone's duration, so FastSpeech's route trains in minutes.\n");
        sb.append(String.format(Locale.ROOT, "- **Data**: the recordings kit-parametric learns from: festival's"
                + " kal_diphone saying the kit's grammars and lines of CMUdict training words (%s training utterances,"
                + " %s for the training's dev loss, %.1f min in all, %s phones); %s texts left out because a round-trip"
                + " dev or test text is the same. Durations: festival's own phone times (`utt.save.segs`).%n",
                m.getOrDefault("trainUtterances", "?"), m.getOrDefault("devUtterances", "?"),
                ((Number) m.getOrDefault("trainMinutes", Double.NaN)).doubleValue(), m.getOrDefault("phones", "?"),
                m.get("heldOutTextsLeftOut")));
        sb.append("- **Recipe**: L1 on the normalised log-mel and the squared error of ln(1 + frames); Adam, one-cycle"
                + " (max 2e-3), batches of 16 utterances, gradient clipping 1, seed 2133, CPU. The log's first line: `"
                + first + "`; its last epoch: `" + lastEpoch + "`. `./earshot train-kit-neural` (");
        sb.append(String.format(Locale.ROOT, "%.1f min on this machine's CPU, export and round trips included;"
                + " no GPU).%n", ((Number) m.getOrDefault("trainSeconds", Double.NaN)).doubleValue() / 60));
        sb.append("- **Metrics**: the ASR round trip on texts left out of training, as kit-parametric's card: dev (seed "
                + KalCorpus.DEV_SEED + ") and test (`./earshot tts-compare`'s, seed " + KalCorpus.TEST_SEED + "). ctc-small"
                + " was trained on kal's own voice among others: the digit figure is partly familiarity. No recording of"
                + " these texts exists, so no mel-cepstral distortion.\n");
        sb.append("- **Vocoder step**: the predicted mels are no exact spectrum's (with 400-point FFTs several low mel"
                + " bands share one or two bins), so the pseudo-inverse with negatives clipped (`MelInversion.linear`)"
                + " loses energy and Griffin-Lim's output no longer has the mels it was given; the non-negative"
                + " least-squares inverse (`MelInversion.nonNegative`) keeps them, and it is what makes this voice"
                + " intelligible.\n");
        sb.append("- **Limits**: one voice (kal's, itself diphones); Griffin-Lim's phasiness (no neural vocoder yet);"
                + " no pitch control; the kit's front end's words, CMUdict's first pronunciation; the duration"
                + " predictor's padding was not masked in training (a flaw found after; the last phone's duration is"
                + " the one it touches).\n\n");
        sb.append(VoiceRoundTrips.table(m));
        sb.append(VoiceRoundTrips.worst(m));
        return sb.toString();
    }
}
