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

import com.fasterxml.jackson.databind.ObjectMapper;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.audio.Audio;
import org.earshot.audio.Resample;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import org.earshot.kit.Kit;
import org.earshot.models.LogMelFrontEnd;
import org.earshot.tts.g2p.CmuDictionary;
import org.earshot.tts.measure.MelCepstralDistortion;
import org.earshot.tts.neural.KitNeuralTts;
import org.earshot.tts.parametric.TimedPhone;
import org.earshot.tts.vocoder.MelGriffinLim;
import org.earshot.tts.vocoder.MelVocoder;
import org.earshot.tts.vocoder.NeuralVocoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot train-kit-vocoder [--out DIR] [--steps N]}: trains the kit's neural vocoder ({@link NeuralVocoder};
 * the recipe is {@code data/models/kit-vocoder/train.py}, Debian's python3-torch) on festival kal's recordings
 * ({@link KalCorpus}, the ones kit-neural learnt from), then measures it: kit-neural's ASR round trip through it on
 * the dev and test texts, and both vocoders' real-time factor on one core over the same mels. Java writes each
 * recording's samples, its log-mel, and kit-neural's predicted log-mel for the recording's own phone times
 * ({@link KitNeuralTts#melFor}) to {@code build/train/kit-vocoder}; every 20th recording is the training's dev set,
 * the same ones kit-neural never trained on. {@code --rescore} skips training. Writes {@code metrics.json} and
 * {@code card.md} beside the model. Never run in CI.
 */
@Command(name = "train-kit-vocoder", mixinStandardHelpOptions = true,
        description = "Train the kit's neural vocoder (log-mel to samples) on festival's kal (PyTorch, CPU); measure"
                + " kit-neural's round trip through it and its real-time factor.")
public final class TrainKitVocoderCommand implements CliCommand {

    @Option(names = "--out", defaultValue = NeuralVocoder.MODEL, paramLabel = "DIR",
            description = "The model folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--steps", defaultValue = "5500", paramLabel = "N",
            description = "Training steps of 8 crops (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "CPU threads (default 2).")
    int threads;

    @Option(names = "--rescore", description = "Measure the model already in --out; do not train.")
    boolean rescore;

    @Override
    public Integer call() throws Exception {
        if (steps < 1 || threads < 1) {
            System.err.println("earshot train-kit-vocoder: want --steps ≥ 1 and --threads ≥ 1");
            return 2;
        }
        long start = System.nanoTime();
        Path home = Kit.home();
        Path dir = out.isAbsolute() ? out : home.resolve(out);
        KalCorpus.Recordings kal = KalCorpus.makeOrSay(home, 400, 400, "train-kit-vocoder").orElse(null);
        if (kal == null) {
            return 1;
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        Path data = home.resolve("build/train/kit-vocoder");
        if (!rescore) {
            metrics.putAll(export(home, kal, data));
            Files.createDirectories(dir);
            if (!PyTorchRecipe.run("train-kit-vocoder", home.resolve("data/models/kit-vocoder/train.py"), List.of(
                    "--data", data.toString(), "--out", dir.toString(), "--steps", String.valueOf(steps),
                    "--threads", String.valueOf(threads),
                    "--fixtures", home.resolve("data/fixtures/tts/kit-vocoder-fixtures.json").toString()))) {
                return 1;
            }
            metrics.put("trainSeconds", (System.nanoTime() - start) / 1e9);
        } else if (Files.isRegularFile(dir.resolve("metrics.json"))) {
            Map<?, ?> old = new ObjectMapper().readValue(dir.resolve("metrics.json").toFile(), Map.class);
            for (String k : List.of("trainUtterances", "devUtterances", "trainMinutes", "trainSeconds")) {
                if (old.containsKey(k)) {
                    metrics.put(k, old.get(k));
                }
            }
        }
        try (VoiceRoundTrips ears = VoiceRoundTrips.open(home);
             KitNeuralTts engine = KitNeuralTts.open(home, home.resolve(KitNeuralTts.MODEL),
                     CmuDictionary.preferred(), NeuralVocoder.openFolder(dir))) {
            metrics.put("bytes", Files.size(dir.resolve("generator.onnx")));
            ears.measureDevAndTest(engine, metrics);
            try (MelVocoder neural = NeuralVocoder.openFolder(dir); MelVocoder griffinLim = MelGriffinLim.standard()) {
                List<float[][]> mels = new ArrayList<>();
                for (var u : KalCorpus.sentences(KalCorpus.TEST_SEED)) {
                    mels.add(engine.mel(u.text(), 1.0));
                }
                metrics.put("neuralVocoderRealTimeFactor", realTimeFactor(neural, mels));
                metrics.put("griffinLimRealTimeFactor", realTimeFactor(griffinLim, mels));
                copySynthesis(kal, Map.of("neural", neural, "griffinLim", griffinLim), metrics);
            }
        }
        VoiceRoundTrips.write(dir, metrics, card(metrics, dir), "kit-neural + kit-vocoder", String.format(Locale.ROOT,
                "real-time factor on one core %.4f (Griffin-Lim %.4f)",
                ((Number) metrics.get("neuralVocoderRealTimeFactor")).doubleValue(),
                ((Number) metrics.get("griffinLimRealTimeFactor")).doubleValue()));
        return 0;
    }

    /**
     * The vocoders alone: each held-out recording (every {@value TrainKitNeuralCommand#DEV_EVERY}th, never trained
     * on) to its log-mel and back to sound, and the mel-cepstral distortion of the copy to the recording.
     */
    static void copySynthesis(KalCorpus.Recordings kal, Map<String, MelVocoder> vocoders, Map<String, Object> metrics)
            throws IOException {
        Map<String, double[]> sums = new LinkedHashMap<>();
        vocoders.keySet().forEach(k -> sums.put(k, new double[2]));
        int rate = LogMelFrontEnd.framing().sampleRate();
        for (int i = 0; i < kal.texts().size(); i += TrainKitNeuralCommand.DEV_EVERY) {
            Audio recording = Resample.to(Wav.read(kal.wav(i)).mixdown(), rate);
            float[][] mel = LogMelFrontEnd.of(recording);
            for (Map.Entry<String, MelVocoder> v : vocoders.entrySet()) {
                double[] sum = sums.get(v.getKey());
                sum[0] += MelCepstralDistortion.between(v.getValue().vocode(mel), recording).decibels();
                sum[1]++;
            }
        }
        sums.forEach((k, sum) -> metrics.put(k + "CopySynthesisMcd", sum[0] / sum[1]));
        metrics.put("copySynthesisRecordings", (int) sums.values().iterator().next()[1]);
    }

    /** @return seconds to vocode the mels ÷ seconds of sound made (one warm-up mel first, not counted) */
    static double realTimeFactor(MelVocoder vocoder, List<float[][]> mels) {
        vocoder.vocode(mels.get(0));
        long t0 = System.nanoTime();
        double seconds = 0;
        for (float[][] mel : mels) {
            seconds += vocoder.vocode(mel).durationSeconds();
        }
        return (System.nanoTime() - t0) / 1e9 / seconds;
    }

    /**
     * Writes {@code audio.f32} (each recording at 16 kHz), {@code mel.f32} (its log-mel), {@code gta.f32} (kit-neural's
     * log-mel for its phones and festival's durations: the same frames) and {@code utterances.jsonl} (split, frames,
     * melOffset, samples, audioOffset).
     *
     * @return the export's figures: utterances, minutes
     */
    static Map<String, Object> export(Path home, KalCorpus.Recordings kal, Path data) throws IOException {
        Files.createDirectories(data);
        ObjectMapper json = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        long melOffset = 0;
        long audioOffset = 0;
        int train = 0;
        int dev = 0;
        int rate = LogMelFrontEnd.framing().sampleRate();
        try (KitNeuralTts acoustic = KitNeuralTts.open(home);
             DataOutputStream audioOut = f32(data.resolve("audio.f32"));
             DataOutputStream melOut = f32(data.resolve("mel.f32"));
             DataOutputStream gtaOut = f32(data.resolve("gta.f32"));
             ProgressBar bar = new ProgressBarBuilder().setTaskName("mels").setInitialMax(kal.texts().size())
                     .setStyle(ProgressBarStyle.ASCII).build()) {
            for (int i = 0; i < kal.texts().size(); i++) {
                Audio sound = Resample.to(Wav.read(kal.wav(i)).mixdown(), rate);
                float[][] mel = LogMelFrontEnd.of(sound);
                List<TimedPhone> segs = kal.phones(i);
                float[][] gta = acoustic.melFor(segs.stream().map(TimedPhone::phone).toList(),
                        TrainKitNeuralCommand.frames(segs, mel.length));
                if (gta.length != mel.length) {
                    throw new IllegalStateException(kal.wav(i) + ": " + gta.length + " predicted frames for "
                            + mel.length);
                }
                float[] samples = sound.samples();
                write(audioOut, samples);
                for (int t = 0; t < mel.length; t++) {
                    write(melOut, mel[t]);
                    write(gtaOut, gta[t]);
                }
                boolean isDev = i % TrainKitNeuralCommand.DEV_EVERY == 0;
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("split", isDev ? "dev" : "train");
                line.put("frames", mel.length);
                line.put("melOffset", melOffset);
                line.put("samples", samples.length);
                line.put("audioOffset", audioOffset);
                lines.append(json.writeValueAsString(line)).append('\n');
                melOffset += mel.length;
                audioOffset += samples.length;
                if (isDev) {
                    dev++;
                } else {
                    train++;
                }
                bar.step();
            }
        }
        Files.writeString(data.resolve("utterances.jsonl"), lines);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("trainUtterances", train);
        figures.put("devUtterances", dev);
        figures.put("trainMinutes", audioOffset / (double) rate / 60);
        return figures;
    }

    private static DataOutputStream f32(Path file) throws IOException {
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        return new DataOutputStream(raw);
    }

    private static void write(DataOutputStream out, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        out.write(b.array());
    }

    private static String card(Map<String, Object> m, Path dir) throws IOException {
        String log = Files.isRegularFile(dir.resolve("training-log.txt"))
                ? Files.readString(dir.resolve("training-log.txt")).strip() : "";
        String first = log.lines().findFirst().orElse("");
        String last = log.lines().filter(l -> l.startsWith("step ")).reduce((a, b) -> b).orElse("");
        StringBuilder sb = new StringBuilder("# kit-vocoder — model card\n\n");
        sb.append("The kit's neural vocoder (§21.3, `--vocoder neural`): the 80-band log-mel every 10 ms that the kit's"
                + " ASR hears and kit-neural predicts, turned into 16 kHz samples all at once by a HiFi-GAN-style"
                + " generator trained here on the CPU. The alternative, `--vocoder griffin-lim`, inverts the mel"
                + " filters and iterates STFTs to guess a phase.\n\n");
        sb.append(String.format(Locale.ROOT, "- **Files**: `generator.onnx` (input `mel` [1, T, 80] dB; output `audio`"
                + " [1, 160 T − 80], sample 0 at frame 0's centre; %.2f MB), `config.json`, `train.py` (the recipe),"
                + " `training-log.txt`, `metrics.json`. Parity: `NeuralVocoderParityTest` (Java through ONNX Runtime"
                + " against PyTorch, `data/fixtures/tts/kit-vocoder-fixtures.json`, written by `train.py`).%n",
                ((Number) m.get("bytes")).doubleValue() / 1e6));
        sb.append("- **Architecture**: HiFi-GAN's generator (Kong et al. 2020) made small: a 7-tap convolution to 256"
                + " channels; four transposed-convolution upsamplings ×5 ×4 ×4 ×2 (= the 160-sample hop), channels"
                + " halved each time, each followed by a multi-receptive-field fusion of three residual blocks"
                + " (kernels 3, 5, 7; dilations 1 and 3; leaky ReLU 0.1); a 7-tap convolution to one channel; tanh.\n");
        sb.append(String.format(Locale.ROOT, "- **Data**: festival kal_diphone's recordings that kit-neural learnt from"
                + " (%s training utterances, %s held out — the same every-20th ones kit-neural never trained on —"
                + " %.1f min in all). Each training crop (40 frames) is, by a fair coin, given the recording's own"
                + " log-mel or kit-neural's predicted log-mel for the recording's phones and festival's durations"
                + " (\"ground-truth aligned\", so frame for frame the same times): the vocoder hears both what"
                + " `tts-vocode` gives it and what the acoustic model gives it.%n",
                m.getOrDefault("trainUtterances", "?"), m.getOrDefault("devUtterances", "?"),
                ((Number) m.getOrDefault("trainMinutes", Double.NaN)).doubleValue()));
        sb.append("- **Recipe**: the multi-resolution STFT loss of Parallel WaveGAN (Yamamoto et al. 2020: spectral"
                + " convergence + L1 of log magnitudes, FFT sizes 256, 512, 1024, 2048) plus, weighted 2, HiFi-GAN's"
                + " mel loss on the kit's own 80 bands (L1 of log mel amplitudes), no discriminator; AdamW"
                + " (β 0.8, 0.99), one-cycle (max 2e-3), batches of 8 crops, gradient clipping 10, seed 2150. Why no"
                + " GAN: HiFi-GAN's discriminators need hundreds of thousands of steps, out of reach on 2 CPU cores;"
                + " reconstruction losses alone are what both papers train first, and they leave some buzz in the sound."
                + " The log's first line: `" + first + "`; its last: `" + last + "`. `./earshot train-kit-vocoder` (");
        sb.append(String.format(Locale.ROOT, "%.1f min on this machine's CPU, 2 threads, export and measurements"
                + " included; no GPU).%n", ((Number) m.getOrDefault("trainSeconds", Double.NaN)).doubleValue() / 60));
        sb.append(String.format(Locale.ROOT, "- **Speed** (the same 50 test sentences' predicted mels, one core,"
                + " ONNX Runtime one thread): real-time factor %.4f, against Griffin-Lim's %.4f (%d NNLS updates, %d"
                + " iterations). WaveNet's one-sample-at-a-time loop (`wavenet-tiny`, its card and `./earshot bench tts`)"
                + " is slower than real time even cached: a parallel generator is what made neural vocoders"
                + " usable.%n",
                ((Number) m.get("neuralVocoderRealTimeFactor")).doubleValue(),
                ((Number) m.get("griffinLimRealTimeFactor")).doubleValue(), MelGriffinLim.MEL_INVERSION_ITERATIONS,
                MelGriffinLim.ITERATIONS));
        sb.append(String.format(Locale.ROOT, "- **Copy synthesis** (the vocoder alone: %s held-out kal recordings to"
                + " log-mel and back; mel-cepstral distortion to the recording, SPTK's measure, `MelCepstralDistortion`):"
                + " neural %.2f dB, Griffin-Lim %.2f dB.%n", m.get("copySynthesisRecordings"),
                ((Number) m.get("neuralCopySynthesisMcd")).doubleValue(),
                ((Number) m.get("griffinLimCopySynthesisMcd")).doubleValue()));
        sb.append("\n**Metrics**: kit-neural's ASR round trip through this vocoder, on texts no kit voice trained on:"
                + " dev (seed " + KalCorpus.DEV_SEED + ") and test (`./earshot tts-compare`'s, seed " + KalCorpus.TEST_SEED
                + "); ctc-small hears the digits, PocketSphinx the sentences.\n\n");
        sb.append(VoiceRoundTrips.table(m));
        sb.append(VoiceRoundTrips.worst(m));
        sb.append("\n**Limits**: one voice (kal's), 16 kHz; trained without a discriminator, so it keeps a"
                + " buzz GAN-trained vocoders lose; mels far from kal's (another speaker's) come out in kal-like timbre"
                + " at best.\n");
        return sb.toString();
    }
}
