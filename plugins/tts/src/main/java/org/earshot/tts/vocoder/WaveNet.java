package org.earshot.tts.vocoder;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.audio.Audio;
import org.earshot.models.OnnxModel;
import org.earshot.models.Posteriors;

/**
 * The chapter's WaveNet, small: p(x) = Π_t p(x_t | x_<t) over 256 μ-law classes, each factor from a stack of
 * dilated causal convolutions (the kit's {@code wavenet-tiny}, trained by {@code ./earshot train-wavenet}). Generation
 * is a loop, one sample per network evaluation, run from Java two ways with the same weights:
 * <ul>
 *   <li>{@link Generation#NAIVE}: the whole receptive field (the last R samples) through every layer for every
 *       sample, {@code window.onnx} — the cost of one step grows with R;</li>
 *   <li>{@link Generation#CACHED}: each layer keeps a queue of its inputs, so a step is one column of every layer
 *       ({@code step.onnx}; Paine et al. 2016, "Fast WaveNet generation") — the same numbers, far fewer operations.</li>
 * </ul>
 * Either way a second of 16 kHz audio is 16,000 evaluations in a row, each waiting for the sample before it: the
 * reason parallel vocoders replaced autoregressive ones.
 */
public final class WaveNet implements AutoCloseable {

    /** How a sample is computed from the past. */
    public enum Generation {
        /** the last receptive-field samples through the whole network, per sample */
        NAIVE,
        /** one column per layer, per sample, with each layer's past inputs kept in queues */
        CACHED
    }

    private final OnnxModel window;
    private final OnnxModel step;
    private final int[] dilations;
    private final int channels;
    private final int sampleRate;
    private final int receptiveField;
    private final MuLaw muLaw;

    private WaveNet(OnnxModel window, OnnxModel step, JsonNode config) {
        this.window = window;
        this.step = step;
        List<Integer> d = new ArrayList<>();
        config.get("dilations").forEach(n -> d.add(n.asInt()));
        this.dilations = d.stream().mapToInt(Integer::intValue).toArray();
        this.channels = config.get("residualChannels").asInt();
        this.sampleRate = config.get("sampleRate").asInt();
        this.receptiveField = config.get("receptiveField").asInt();
        this.muLaw = new MuLaw(config.get("classes").asInt());
    }

    /**
     * @param folder a wavenet-tiny model folder ({@code window.onnx}, {@code step.onnx}, {@code config.json})
     * @return the model
     * @throws IOException when a file is missing or not this model's (named)
     */
    public static WaveNet open(Path folder) throws IOException {
        Path config = folder.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new IOException(config + ": no WaveNet here (./earshot train-wavenet makes one)");
        }
        JsonNode c = new ObjectMapper().readTree(config.toFile());
        for (String key : List.of("dilations", "residualChannels", "sampleRate", "receptiveField", "classes")) {
            if (!c.has(key)) {
                throw new IOException(config + ": not a WaveNet configuration (no '" + key + "')");
            }
        }
        OnnxModel w = OnnxModel.open(folder.resolve("window.onnx"));
        OnnxModel s;
        try {
            s = OnnxModel.open(folder.resolve("step.onnx"));
        } catch (IOException e) {
            w.close();
            throw e;
        }
        int field = 1;
        for (JsonNode d : c.get("dilations")) {
            field += d.asInt();
        }
        if (field != c.get("receptiveField").asInt()) {
            OnnxModel.closeAll(List.of(w, s));
            throw new IOException(config + ": receptiveField " + c.get("receptiveField").asInt() + " is not 1 + the"
                    + " sum of the dilations (" + field + ")");
        }
        if (!w.inputs().containsKey("context") || !s.inputs().containsKey("sample") || !s.inputs().containsKey("past")) {
            OnnxModel.closeAll(List.of(w, s));
            throw new IOException(folder + ": not WaveNet graphs (window.onnx takes 'context', step.onnx 'sample' and"
                    + " 'past')");
        }
        return new WaveNet(w, s, c);
    }

    /** @return R, how many past samples one prediction sees */
    public int receptiveField() {
        return receptiveField;
    }

    /** @return the sample rate it was trained at */
    public int sampleRate() {
        return sampleRate;
    }

    /** @return its classes */
    public MuLaw muLaw() {
        return muLaw;
    }

    /**
     * The cached generator's state: each layer's inputs of the last {@code dilation} steps (a ring buffer per layer,
     * zeros at the start, as the causal zero padding the network was trained with).
     */
    public final class Cache {
        private final float[][][] queues = new float[dilations.length][][];
        private long t;

        private Cache() {
            for (int l = 0; l < dilations.length; l++) {
                queues[l] = new float[dilations[l]][channels];
            }
        }

        /**
         * Feeds one sample and returns the logits of the next.
         *
         * @param sample the class at time t
         * @return logits of p(x_{t+1} | x_≤t), one per class
         */
        public float[] next(int sample) {
            checkClass(sample);
            float[] past = new float[dilations.length * channels];
            for (int l = 0; l < dilations.length; l++) {
                System.arraycopy(queues[l][(int) (t % dilations[l])], 0, past, l * channels, channels);
            }
            try (OnnxTensor x = OnnxTensor.createTensor(step.environment(), LongBuffer.wrap(new long[] {sample}),
                    new long[] {1});
                 OnnxTensor p = OnnxTensor.createTensor(step.environment(), FloatBuffer.wrap(past),
                         new long[] {dilations.length, channels});
                 OrtSession.Result out = step.run(Map.of("sample", x, "past", p))) {
                float[] logits = ((float[][]) out.get(0).getValue())[0];
                float[][] inputs = (float[][]) out.get(1).getValue();
                for (int l = 0; l < dilations.length; l++) {
                    queues[l][(int) (t % dilations[l])] = inputs[l];
                }
                t++;
                return logits;
            } catch (OrtException e) {
                throw new IllegalStateException(step.file() + ": inference failed: " + e.getMessage(), e);
            }
        }
    }

    /** @return a cached generator at time 0 */
    public Cache cache() {
        return new Cache();
    }

    /**
     * The naive step: the logits of the sample after {@code context}, the whole network run over the last R classes
     * (fewer are padded on the left with the class of silence).
     *
     * @param context the past classes, oldest first (the last R are used)
     * @return logits of the next sample, one per class
     */
    public float[] nextNaive(int[] context) {
        return nextNaive(context, context.length);
    }

    private float[] nextNaive(int[] context, int end) {
        long[] window = new long[receptiveField];
        int silence = muLaw.encode(0);
        int start = end - receptiveField;
        for (int i = 0; i < receptiveField; i++) {
            window[i] = start + i >= 0 ? checkClass(context[start + i]) : silence;
        }
        try (OnnxTensor x = OnnxTensor.createTensor(this.window.environment(), LongBuffer.wrap(window),
                new long[] {1, receptiveField});
             OrtSession.Result out = this.window.run(Map.of("context", x))) {
            return ((float[][]) out.get(0).getValue())[0];
        } catch (OrtException e) {
            throw new IllegalStateException(this.window.file() + ": inference failed: " + e.getMessage(), e);
        }
    }

    /**
     * Generates sample by sample from silence: the past before x₀ and x₀ itself are the class of 0 (R samples of
     * silence, the naive window's left padding; the cached queues are primed with the same), then each x_t is drawn
     * from softmax(logits / temperature). Both generations draw the same sound from the same seed.
     *
     * @param samples     how many (≥ 1)
     * @param generation  naive or cached
     * @param temperature > 0; below 1 sharpens the distributions
     * @param seed        the draws' seed
     * @return the sound, at the model's sample rate
     */
    public Audio generate(int samples, Generation generation, double temperature, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be ≥ 1, got " + samples);
        }
        return run(new int[] {muLaw.encode(0)}, samples - 1, generation, temperature, seed);
    }

    /**
     * Continues a recording: its samples are the true past (after R − 1 samples of silence), then {@code samples}
     * more are drawn one at a time.
     *
     * @param prompt      the recording to continue, at the model's sample rate (≥ 1 sample)
     * @param samples     how many to draw after it (≥ 0)
     * @param generation  naive or cached
     * @param temperature > 0
     * @param seed        the draws' seed
     * @return the prompt followed by the drawn samples
     */
    public Audio continuation(Audio prompt, int samples, Generation generation, double temperature, long seed) {
        requireRate(prompt);
        int[] classes = muLaw.encode(prompt.mixdown().samples());
        if (classes.length == 0 || samples < 0) {
            throw new IllegalArgumentException("give a prompt of at least one sample and samples ≥ 0");
        }
        return run(classes, samples, generation, temperature, seed);
    }

    private Audio run(int[] prompt, int samples, Generation generation, double temperature, long seed) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        Random random = new Random(seed);
        int[] classes = java.util.Arrays.copyOf(prompt, prompt.length + samples);
        Cache cache = null;
        if (generation == Generation.CACHED) {
            cache = cache();
            int silence = muLaw.encode(0);
            for (int i = 0; i < receptiveField - 1; i++) {
                cache.next(silence);
            }
            for (int i = 0; i < prompt.length - 1; i++) {
                cache.next(prompt[i]);
            }
        }
        for (int t = prompt.length; t < classes.length; t++) {
            float[] logits = cache != null ? cache.next(classes[t - 1]) : nextNaive(classes, t);
            classes[t] = draw(logits, temperature, random);
        }
        return Audio.mono(muLaw.decode(classes), sampleRate);
    }

    private int checkClass(int c) {
        if (c < 0 || c >= muLaw.quantizationChannels()) {
            throw new IllegalArgumentException("class " + c + " is outside 0 … " + (muLaw.quantizationChannels() - 1));
        }
        return c;
    }

    private void requireRate(Audio audio) {
        if (audio.sampleRate() != sampleRate) {
            throw new IllegalArgumentException("the recording is at " + audio.sampleRate() + " Hz, the model at "
                    + sampleRate + " Hz: resample it first");
        }
    }

    /**
     * The model's cross-entropy on a recording, teacher forced (each sample predicted from the true past):
     * −(1/(T−1)) Σ_{t≥1} log₂ p(x_t | x_<t), bits per sample (8 for the uniform model over 256 classes).
     *
     * @param audio a recording at the model's sample rate (≥ 2 samples)
     * @return bits per sample
     */
    public double bitsPerSample(Audio audio) {
        requireRate(audio);
        int[] classes = muLaw.encode(audio.mixdown().samples());
        if (classes.length < 2) {
            throw new IllegalArgumentException("a recording of " + classes.length + " sample has nothing to predict");
        }
        Cache cache = cache();
        double nats = 0;
        for (int t = 1; t < classes.length; t++) {
            nats -= Posteriors.logSoftmax(cache.next(classes[t - 1]))[classes[t]];
        }
        return nats / (classes.length - 1) / Math.log(2);
    }

    private static int draw(float[] logits, double temperature, Random random) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v / temperature);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] / temperature - max);
            sum += p[i];
        }
        double u = random.nextDouble() * sum;
        for (int i = 0; i < p.length; i++) {
            u -= p[i];
            if (u < 0) {
                return i;
            }
        }
        return p.length - 1;
    }

    @Override
    public void close() {
        OnnxModel.closeAll(List.of(window, step));
    }

    @Override
    public String toString() {
        return "WaveNet[" + dilations.length + " layers, receptive field " + receptiveField + " samples ("
                + Math.round(1000.0 * receptiveField / sampleRate) + " ms), " + muLaw.quantizationChannels()
                + " classes]";
    }
}
