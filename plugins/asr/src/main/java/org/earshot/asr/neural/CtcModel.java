package org.earshot.asr.neural;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.earshot.asr.ctc.CtcAlphabet;
import org.earshot.audio.Audio;
import org.earshot.audio.Resample;
import org.earshot.models.ElementType;
import org.earshot.models.FrameAxis;
import org.earshot.models.LogMelFrontEnd;
import org.earshot.models.ModelFolder;
import org.earshot.models.OnnxModel;
import org.earshot.models.Posteriors;
import org.earshot.models.TensorSpec;

/**
 * A CTC acoustic model in ONNX, run with ONNX Runtime (§21.2): sound in, per-frame log-probabilities over an
 * alphabet out, as {@link Posteriors} that know when each frame is. Two layouts load, told apart by the graph's input
 * name and checked (names, ranks, sizes, element types) before anything runs — a file that does not fit fails at
 * once with a message naming the mismatch:
 * <ul>
 *   <li>the kit's own ({@code ctc-small}): input {@code features} float [batch, time, 80] = {@link LogMelFrontEnd},
 *       output {@code log_probs} [batch, frames, |vocab|]; {@code vocab.json} {"symbols": [...], "blank": 0,
 *       "frame_stride": 3}: one output frame per {@code frame_stride} front-end frames (30 ms);</li>
 *   <li>a wav2vec2-style export (as Hugging Face's {@code Wav2Vec2ForCTC}): input {@code input_values} float
 *       [batch, samples] (16 kHz, normalised to zero mean and unit variance), output {@code logits}
 *       [batch, frames, |vocab|] (log-softmax taken here); {@code vocab.json} {token: id}, {@code <pad>} the blank,
 *       {@code |} the word separator; one frame per 320 samples (20 ms), or as its {@code config.json} says.</li>
 * </ul>
 */
public final class CtcModel implements AutoCloseable {

    /** How the model takes its input, and the graph's tensors that says so. */
    public enum Layout {
        /** {@code features} → {@code log_probs}: the kit's log-mel front end. */
        LOG_MEL("features", 3, LogMelFrontEnd.N_MELS, "log_probs"),
        /** {@code input_values} → {@code logits}: raw 16 kHz waveform. */
        WAVEFORM("input_values", 2, TensorSpec.ANY, "logits");

        private final String input;
        private final int inputRank;
        private final long inputLast;
        private final String output;

        Layout(String input, int inputRank, long inputLast, String output) {
            this.input = input;
            this.inputRank = inputRank;
            this.inputLast = inputLast;
            this.output = output;
        }

        /** @return the graph input this layout needs */
        public TensorSpec input() {
            return TensorSpec.ofRank(input, ElementType.FLOAT32, inputRank).withLastDimension(inputLast);
        }

        /** @return the graph output this layout needs: [batch, frames, symbols] */
        public TensorSpec output(int symbols) {
            return TensorSpec.ofRank(output, ElementType.FLOAT32, 3).withLastDimension(symbols);
        }
    }

    private static final char FIRST_SPECIAL = '\uE000';
    /** wav2vec2's feature encoder (Baevski et al. 2020; Hugging Face's defaults): 7 unpadded convolutions. */
    private static final int[] WAV2VEC2_STRIDES = {5, 2, 2, 2, 2, 2, 2};
    private static final int[] WAV2VEC2_KERNELS = {10, 3, 3, 3, 3, 2, 2};

    private final ModelFolder folder;
    private final OnnxModel graph;
    private final Layout layout;
    private final CtcAlphabet alphabet;
    private final List<String> labels;
    private final FrameAxis frames;

    private CtcModel(ModelFolder folder, OnnxModel graph, Layout layout, CtcAlphabet alphabet, List<String> labels,
                     FrameAxis frames) {
        this.folder = folder;
        this.graph = graph;
        this.layout = layout;
        this.alphabet = alphabet;
        this.labels = labels;
        this.frames = frames;
    }

    /**
     * @param dir a folder with {@code model.onnx} and {@code vocab.json}
     * @return the loaded, checked model (one intra-op thread: the speed goal is per core)
     * @throws IOException when a file is missing, unreadable, or does not fit either layout (the message says how)
     */
    public static CtcModel load(Path dir) throws IOException {
        return load(ModelFolder.at(dir));
    }

    /**
     * @param folder a model folder with {@code model.onnx} and {@code vocab.json} ({@code ModelFolder.named("ctc-small")})
     * @return the loaded, checked model
     * @throws IOException when a file is missing, unreadable, or does not fit either layout (the message says how)
     */
    public static CtcModel load(ModelFolder folder) throws IOException {
        folder.requireFiles("a model folder holds model.onnx and vocab.json", "model.onnx", "vocab.json");
        JsonNode v = folder.vocab();
        Path vocab = folder.file("vocab.json");
        OnnxModel graph = OnnxModel.open(folder.file("model.onnx"));
        try {
            Layout layout = graph.inputs().containsKey(Layout.WAVEFORM.input) ? Layout.WAVEFORM : Layout.LOG_MEL;
            List<String> labels = layout == Layout.LOG_MEL ? kitSymbols(v, vocab) : wav2vec2Tokens(v, vocab);
            CtcAlphabet alphabet = layout == Layout.LOG_MEL ? kitAlphabet(labels, v) : wav2vec2Alphabet(labels);
            graph.requireInputs(layout.input());
            graph.requireOutputs(layout.output(alphabet.size()));
            FrameAxis frames = layout == Layout.LOG_MEL ? LogMelFrontEnd.outputAxis(folder) : waveformAxis(folder);
            return new CtcModel(folder, graph, layout, alphabet, labels, frames);
        } catch (IOException | RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /**
     * The time axis of a wav2vec2-style model: its feature encoder's convolutions are unpadded, so frame {@code t}
     * begins at sample {@code t·hop} and spans the receptive field {@code r}: hop {@code = ∏ strideᵢ}, and
     * {@code r = 1 + Σᵢ (kernelᵢ − 1)·∏ⱼ₍ⱼ₍ᵢ₎ strideⱼ}. With wav2vec2's strides (5, 2, 2, 2, 2, 2, 2) and kernels
     * (10, 3, 3, 3, 3, 2, 2): hop 320 samples (20 ms at 16 kHz), r = 400, so frame t is centred at
     * {@code (320·t + 199.5) / 16000} s. A Hugging Face export's {@code config.json} ({@code conv_stride},
     * {@code conv_kernel}) overrides these.
     */
    static FrameAxis waveformAxis(ModelFolder folder) throws IOException {
        JsonNode config = folder.optionalJson("config.json").orElse(MissingNode.getInstance());
        int[] strides = ints(config.path("conv_stride"), WAV2VEC2_STRIDES);
        int[] kernels = ints(config.path("conv_kernel"), WAV2VEC2_KERNELS);
        if (strides.length != kernels.length || strides.length == 0) {
            throw new IOException(folder.file("config.json") + ": conv_stride " + Arrays.toString(strides)
                    + " and conv_kernel " + Arrays.toString(kernels) + " must be as long as each other");
        }
        long hop = 1;
        long field = 1;
        for (int i = 0; i < strides.length; i++) {
            field += (long) (kernels[i] - 1) * hop;
            hop *= strides[i];
        }
        return new FrameAxis(hop / 16000.0, (field - 1) / 2.0 / 16000.0);
    }

    private static int[] ints(JsonNode array, int[] otherwise) {
        if (!array.isArray()) {
            return otherwise;
        }
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static List<String> kitSymbols(JsonNode v, Path vocab) throws IOException {
        if (!v.path("symbols").isArray()) {
            throw new IOException(vocab + ": expected {\"symbols\": [...], \"blank\": n}");
        }
        List<String> symbols = new ArrayList<>();
        for (JsonNode s : v.get("symbols")) {
            if (s.asText().length() != 1) {
                throw new IOException(vocab + ": symbols must be single characters, got '" + s.asText() + "'");
            }
            symbols.add(s.asText());
        }
        return List.copyOf(symbols);
    }

    private static CtcAlphabet kitAlphabet(List<String> symbols, JsonNode v) {
        return new CtcAlphabet(String.join("", symbols), v.path("blank").asInt(0));
    }

    /** Hugging Face's {token: id}, as a list by id. */
    private static List<String> wav2vec2Tokens(JsonNode v, Path vocab) throws IOException {
        if (!v.isObject() || v.isEmpty()) {
            throw new IOException(vocab + ": expected a wav2vec2 vocabulary {token: id}");
        }
        String[] tokens = new String[v.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int id = e.getValue().asInt(-1);
            if (id < 0 || id >= tokens.length) {
                throw new IOException(vocab + ": token '" + e.getKey() + "' has id " + e.getValue() + ", outside 0…"
                        + (tokens.length - 1));
            }
            tokens[id] = e.getKey();
        }
        for (int id = 0; id < tokens.length; id++) {
            if (tokens[id] == null) {
                throw new IOException(vocab + ": no token has id " + id + " (ids must be 0…" + (tokens.length - 1) + ")");
            }
        }
        return List.of(tokens);
    }

    /** '|' is the space, {@code <pad>} the blank, other multi-letter tokens unsaid (special characters). */
    private static CtcAlphabet wav2vec2Alphabet(List<String> tokens) {
        char[] symbols = new char[tokens.size()];
        char special = FIRST_SPECIAL;
        int blank = 0;
        for (int id = 0; id < symbols.length; id++) {
            String token = tokens.get(id);
            symbols[id] = token.equals("|") ? ' ' : token.length() == 1 ? Character.toLowerCase(token.charAt(0)) : special++;
            if (token.equals("<pad>")) {
                blank = id;
            }
        }
        return new CtcAlphabet(new String(symbols), blank);
    }

    public Layout layout() {
        return layout;
    }

    /** @return the output symbols, blank included */
    public CtcAlphabet alphabet() {
        return alphabet;
    }

    /** @return seconds between output frames ({@link #frameAxis()}'s period) */
    public double frameSeconds() {
        return frames.periodSeconds();
    }

    /** @return when each output frame is (derived from the front end and the model's stride, never typed in) */
    public FrameAxis frameAxis() {
        return frames;
    }

    /** @return the name of every output class, by index: the alphabet's symbols, or a wav2vec2 export's tokens */
    public List<String> labels() {
        return labels;
    }

    /** @return the model's folder */
    public Path dir() {
        return folder.dir();
    }

    /** @return the model's folder, with its card and metrics */
    public ModelFolder folder() {
        return folder;
    }

    /**
     * @param audio any sound (mixed down and resampled to 16 kHz here)
     * @return {@code [frame][symbol]} natural-log probabilities: the bare numbers of {@link #posteriors(Audio)}
     */
    public double[][] logProbs(Audio audio) {
        Audio mono = Resample.to(audio.mixdown(), 16000);
        try {
            OnnxTensor input;
            if (layout == Layout.LOG_MEL) {
                float[][] f = LogMelFrontEnd.of(mono);
                FloatBuffer buf = FloatBuffer.allocate(f.length * LogMelFrontEnd.N_MELS);
                for (float[] row : f) {
                    buf.put(row);
                }
                buf.flip();
                input = OnnxTensor.createTensor(graph.environment(), buf, new long[] {1, f.length, LogMelFrontEnd.N_MELS});
            } else {
                float[] x = normalised(mono.samples());
                input = OnnxTensor.createTensor(graph.environment(), FloatBuffer.wrap(x), new long[] {1, x.length});
            }
            try (input; OrtSession.Result result = graph.run(Map.of(layout.input, input))) {
                float[][] out = ((float[][][]) result.get(0).getValue())[0];
                double[][] lp = new double[out.length][];
                for (int t = 0; t < out.length; t++) {
                    lp[t] = layout == Layout.LOG_MEL ? toDouble(out[t]) : Posteriors.logSoftmax(out[t]);
                }
                return lp;
            }
        } catch (OrtException e) {
            throw new IllegalStateException(folder.dir() + ": inference failed: " + e.getMessage(), e);
        }
    }

    /**
     * @param audio any sound (mixed down and resampled to 16 kHz here)
     * @return the model's output with its time axis and symbols: {@code [frame][symbol]} natural-log probabilities,
     *         frame {@code t} centred at {@link #frameAxis()}{@code .time(t)}; shows as a heat map
     */
    public Posteriors posteriors(Audio audio) {
        return new Posteriors(logProbs(audio), frames, labels, Posteriors.Scale.LOG_PROBABILITY);
    }

    private static float[] normalised(float[] x) {
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= Math.max(1, x.length);
        double var = 0;
        for (float v : x) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / Math.max(1, x.length) + 1e-7);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) ((x[i] - mean) / sd);
        }
        return out;
    }

    static double[] toDouble(float[] row) {
        double[] out = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = row[i];
        }
        return out;
    }

    /** @return whether a symbol is a special token (never part of a transcript) */
    static boolean special(char c) {
        return c >= FIRST_SPECIAL && c < FIRST_SPECIAL + 256;
    }

    @Override
    public void close() {
        graph.close();
    }
}
