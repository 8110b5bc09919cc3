package org.earshot.asr.neural;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.asr.ctc.CtcAlphabet;
import org.earshot.audio.Audio;
import org.earshot.audio.Resample;

/**
 * A CTC acoustic model in ONNX, run with ONNX Runtime (§21.2): sound in, per-frame log-probabilities over an
 * alphabet out. Two layouts load, told apart by the graph's input name and checked (names, ranks, sizes, element
 * types) before anything runs — a file that does not fit fails at once with a message naming the mismatch:
 * <ul>
 *   <li>the kit's own ({@code ctc-small}): input {@code features} float [batch, time, 80] = {@link LogMelFrontEnd},
 *       output {@code log_probs} [batch, frames, |vocab|]; {@code vocab.json} {"symbols": [...], "blank": 0};</li>
 *   <li>a wav2vec2-style export (as Hugging Face's {@code Wav2Vec2ForCTC}): input {@code input_values} float
 *       [batch, samples] (16 kHz, normalised to zero mean and unit variance), output {@code logits}
 *       [batch, frames, |vocab|] (log-softmax taken here); {@code vocab.json} {token: id}, {@code <pad>} the blank,
 *       {@code |} the word separator.</li>
 * </ul>
 */
public final class CtcModel implements AutoCloseable {

    /** How the model takes its input. */
    public enum Layout {
        /** {@code features} → {@code log_probs}: the kit's log-mel front end. */
        LOG_MEL,
        /** {@code input_values} → {@code logits}: raw 16 kHz waveform. */
        WAVEFORM
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char FIRST_SPECIAL = '\uE000';

    private final Path dir;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final Layout layout;
    private final CtcAlphabet alphabet;
    private final double frameSeconds;

    private CtcModel(Path dir, OrtEnvironment env, OrtSession session, Layout layout, CtcAlphabet alphabet,
                     double frameSeconds) {
        this.dir = dir;
        this.env = env;
        this.session = session;
        this.layout = layout;
        this.alphabet = alphabet;
        this.frameSeconds = frameSeconds;
    }

    /**
     * @param dir a folder with {@code model.onnx} and {@code vocab.json}
     * @return the loaded, checked model (one intra-op thread: the speed goal is per core)
     * @throws IOException when a file is missing, unreadable, or does not fit either layout (the message says how)
     */
    public static CtcModel load(Path dir) throws IOException {
        Path onnx = dir.resolve("model.onnx");
        Path vocab = dir.resolve("vocab.json");
        for (Path f : List.of(onnx, vocab)) {
            if (!Files.isRegularFile(f)) {
                throw new IOException(f + ": no such file (a model folder holds model.onnx and vocab.json)");
            }
        }
        JsonNode v;
        try {
            v = JSON.readTree(vocab.toFile());
        } catch (IOException e) {
            throw new IOException(vocab + ": not valid JSON: " + e.getMessage());
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = OnnxSessions.open(env, onnx);
        try {
            Layout layout = session.getInputNames().contains("input_values") ? Layout.WAVEFORM : Layout.LOG_MEL;
            CtcAlphabet alphabet = layout == Layout.LOG_MEL ? kitAlphabet(v, vocab) : wav2vec2Alphabet(v, vocab);
            check(onnx, session.getInputInfo(), layout == Layout.LOG_MEL ? "features" : "input_values",
                    layout == Layout.LOG_MEL ? 3 : 2, layout == Layout.LOG_MEL ? LogMelFrontEnd.N_MELS : -1);
            check(onnx, session.getOutputInfo(), layout == Layout.LOG_MEL ? "log_probs" : "logits", 3, alphabet.size());
            double frame = layout == Layout.LOG_MEL ? 0.01 * v.path("frame_stride").asInt(1) : 0.02;
            return new CtcModel(dir, env, session, layout, alphabet, frame);
        } catch (IOException | OrtException e) {
            OnnxSessions.close(session);
            throw e instanceof IOException io ? io : new IOException(onnx + ": " + e.getMessage());
        }
    }

    private static void check(Path onnx, Map<String, NodeInfo> nodes, String name, int rank, long lastDim)
            throws IOException {
        NodeInfo node = nodes.get(name);
        String want = "float32 of rank " + rank + (lastDim > 0 ? " with last dimension " + lastDim : "");
        if (node == null) {
            throw new IOException(onnx + ": expected a tensor named '" + name + "' (" + want + "), the graph has "
                    + nodes.keySet());
        }
        if (!(node.getInfo() instanceof TensorInfo t)) {
            throw new IOException(onnx + ": '" + name + "' is not a tensor");
        }
        long[] shape = t.getShape();
        boolean fits = t.type == OnnxJavaType.FLOAT && shape.length == rank
                && (lastDim <= 0 || shape[rank - 1] == lastDim || shape[rank - 1] < 0);
        if (!fits) {
            throw new IOException(onnx + ": '" + name + "' must be " + want + ", is " + t.type.name().toLowerCase()
                    + " " + Arrays.toString(shape));
        }
    }

    private static CtcAlphabet kitAlphabet(JsonNode v, Path vocab) throws IOException {
        if (!v.path("symbols").isArray()) {
            throw new IOException(vocab + ": expected {\"symbols\": [...], \"blank\": n}");
        }
        StringBuilder symbols = new StringBuilder();
        for (JsonNode s : v.get("symbols")) {
            if (s.asText().length() != 1) {
                throw new IOException(vocab + ": symbols must be single characters, got '" + s.asText() + "'");
            }
            symbols.append(s.asText());
        }
        return new CtcAlphabet(symbols.toString(), v.path("blank").asInt(0));
    }

    /** Hugging Face's {token: id}: '|' is the space, {@code <pad>} the blank, other multi-letter tokens unsaid. */
    private static CtcAlphabet wav2vec2Alphabet(JsonNode v, Path vocab) throws IOException {
        if (!v.isObject() || v.isEmpty()) {
            throw new IOException(vocab + ": expected a wav2vec2 vocabulary {token: id}");
        }
        char[] symbols = new char[v.size()];
        char special = FIRST_SPECIAL;
        int blank = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int id = e.getValue().asInt(-1);
            if (id < 0 || id >= symbols.length) {
                throw new IOException(vocab + ": token '" + e.getKey() + "' has id " + e.getValue() + ", outside 0…"
                        + (symbols.length - 1));
            }
            String token = e.getKey();
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

    /** @return seconds between output frames */
    public double frameSeconds() {
        return frameSeconds;
    }

    /** @return the model's folder */
    public Path dir() {
        return dir;
    }

    /**
     * @param audio any sound (mixed down and resampled to 16 kHz here)
     * @return {@code [frame][symbol]} natural-log probabilities
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
                input = OnnxTensor.createTensor(env, buf, new long[] {1, f.length, LogMelFrontEnd.N_MELS});
            } else {
                float[] x = normalised(mono.samples());
                input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, x.length});
            }
            try (input; OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), input))) {
                float[][] out = ((float[][][]) result.get(0).getValue())[0];
                double[][] lp = new double[out.length][];
                for (int t = 0; t < out.length; t++) {
                    lp[t] = layout == Layout.LOG_MEL ? toDouble(out[t]) : logSoftmax(out[t]);
                }
                return lp;
            }
        } catch (OrtException e) {
            throw new IllegalStateException(dir + ": inference failed: " + e.getMessage(), e);
        }
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

    static double[] logSoftmax(float[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : row) {
            sum += Math.exp(v - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = row[i] - log;
        }
        return out;
    }

    /** @return whether a symbol is a special token (never part of a transcript) */
    static boolean special(char c) {
        return c >= FIRST_SPECIAL && c < FIRST_SPECIAL + 256;
    }

    @Override
    public void close() {
        OnnxSessions.close(session);
    }
}
