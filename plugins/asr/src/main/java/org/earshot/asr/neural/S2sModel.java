package org.earshot.asr.neural;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.earshot.audio.Audio;
import org.earshot.display.Heatmap;

/**
 * A Whisper-style encoder-decoder in two ONNX graphs, with the decoding loop here in Java (§21.2). The encoder turns
 * the log-mel frames into a <em>memory</em> (one vector per 30 ms); the decoder writes one character per step: from
 * the previous character, its hidden state and the previous context it computes where to look in the memory
 * (attention weights over the frames), the new context, and log-probabilities of the next character, until
 * {@code </s>}. Greedy decoding takes the best character each step; beam search keeps the {@code width} best
 * prefixes by total log-probability and picks the finished one with the best score per character.
 */
public final class S2sModel implements AutoCloseable {

    /** A decoding: the text, and the attention of every output step over the encoder frames. */
    public record Decoding(String text, List<String> steps, double[][] attention, double frameSeconds) {

        /** @return the attention map: output step up, time across */
        public Heatmap attentionMap() {
            return Heatmap.of(attention.length == 0 ? new double[1][1] : attention, 0, frameSeconds, 0, 1)
                    .withTitle("Attention while writing \"" + text + "\"")
                    .withLabels("Time (s)", "Output step (one character each)", "Attention weight");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OrtEnvironment env;
    private final OrtSession encoder;
    private final OrtSession decoder;
    private final List<String> tokens;
    private final int start;
    private final int end;
    private final int hidden;
    private final double frameSeconds;

    private S2sModel(OrtEnvironment env, OrtSession encoder, OrtSession decoder, List<String> tokens, int start, int end,
                     int hidden, double frameSeconds) {
        this.env = env;
        this.encoder = encoder;
        this.decoder = decoder;
        this.tokens = tokens;
        this.start = start;
        this.end = end;
        this.hidden = hidden;
        this.frameSeconds = frameSeconds;
    }

    /**
     * @param dir a folder with {@code encoder.onnx}, {@code decoder.onnx} and {@code vocab.json}
     * @throws IOException when a file is missing or a graph's inputs and outputs do not fit (named)
     */
    public static S2sModel load(Path dir) throws IOException {
        for (String f : List.of("encoder.onnx", "decoder.onnx", "vocab.json")) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new IOException(dir.resolve(f) + ": no such file (an encoder-decoder folder holds encoder.onnx,"
                        + " decoder.onnx and vocab.json)");
            }
        }
        JsonNode v = JSON.readTree(dir.resolve("vocab.json").toFile());
        List<String> tokens = new ArrayList<>();
        v.path("tokens").forEach(t -> tokens.add(t.asText()));
        int hidden = v.path("hidden").asInt(0);
        if (tokens.isEmpty() || hidden <= 0) {
            throw new IOException(dir.resolve("vocab.json") + ": expected {\"tokens\": [...], \"hidden\": n, …}");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession enc = OnnxSessions.open(env, dir.resolve("encoder.onnx"));
        OrtSession dec = OnnxSessions.open(env, dir.resolve("decoder.onnx"));
        try {
            require(dir.resolve("encoder.onnx"), enc.getInputInfo(), "features", OnnxJavaType.FLOAT, 3, LogMelFrontEnd.N_MELS);
            require(dir.resolve("encoder.onnx"), enc.getOutputInfo(), "memory", OnnxJavaType.FLOAT, 3, hidden);
            Path d = dir.resolve("decoder.onnx");
            require(d, dec.getInputInfo(), "token", OnnxJavaType.INT64, 1, -1);
            require(d, dec.getInputInfo(), "hidden", OnnxJavaType.FLOAT, 2, hidden);
            require(d, dec.getInputInfo(), "context", OnnxJavaType.FLOAT, 2, hidden);
            require(d, dec.getInputInfo(), "memory", OnnxJavaType.FLOAT, 3, hidden);
            require(d, dec.getOutputInfo(), "log_probs", OnnxJavaType.FLOAT, 2, tokens.size());
            require(d, dec.getOutputInfo(), "attention", OnnxJavaType.FLOAT, 2, -1);
            return new S2sModel(env, enc, dec, tokens, v.path("start").asInt(1), v.path("end").asInt(2), hidden,
                    0.01 * v.path("frame_stride").asInt(3));
        } catch (IOException | OrtException e) {
            OnnxSessions.close(enc);
            OnnxSessions.close(dec);
            throw e instanceof IOException io ? io : new IOException(dir + ": " + e.getMessage());
        }
    }

    private static void require(Path onnx, Map<String, NodeInfo> nodes, String name, OnnxJavaType type, int rank,
                                long lastDim) throws IOException {
        String want = type.name().toLowerCase() + " of rank " + rank + (lastDim > 0 ? ", last dimension " + lastDim : "");
        NodeInfo node = nodes.get(name);
        if (node == null || !(node.getInfo() instanceof TensorInfo t)) {
            throw new IOException(onnx + ": expected a tensor '" + name + "' (" + want + "), the graph has " + nodes.keySet());
        }
        long[] shape = t.getShape();
        if (t.type != type || shape.length != rank || (lastDim > 0 && shape[rank - 1] >= 0 && shape[rank - 1] != lastDim)) {
            throw new IOException(onnx + ": '" + name + "' must be " + want + ", is " + t.type.name().toLowerCase() + " "
                    + java.util.Arrays.toString(shape));
        }
    }

    /** @return the greedy decoding of a sound (at most {@code maxSteps} characters) */
    public Decoding greedy(Audio audio, int maxSteps) {
        return beam(audio, 1, maxSteps);
    }

    private record Hyp(List<Integer> tokens, double score, float[] hidden, float[] context, List<double[]> attention,
                       boolean done) {
    }

    /**
     * @param width    prefixes kept (1 = greedy)
     * @param maxSteps characters written at most
     * @return the best finished hypothesis by log-probability per character
     */
    public Decoding beam(Audio audio, int width, int maxSteps) {
        float[][] f = LogMelFrontEnd.of(audio);
        FloatBuffer fb = FloatBuffer.allocate(f.length * LogMelFrontEnd.N_MELS);
        for (float[] row : f) {
            fb.put(row);
        }
        fb.flip();
        try (OnnxTensor features = OnnxTensor.createTensor(env, fb, new long[] {1, f.length, LogMelFrontEnd.N_MELS});
             OrtSession.Result enc = encoder.run(Map.of("features", features));
             OnnxTensor memory = OnnxTensor.createTensor(env, ((float[][][]) enc.get(0).getValue()))) {
            List<Hyp> beam = List.of(new Hyp(List.of(start), 0, new float[hidden], new float[hidden], List.of(), false));
            for (int step = 0; step < maxSteps && beam.stream().anyMatch(h -> !h.done()); step++) {
                List<Hyp> next = new ArrayList<>();
                for (Hyp h : beam) {
                    if (h.done()) {
                        next.add(h);
                        continue;
                    }
                    try (OnnxTensor tok = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {h.tokens().get(h.tokens().size() - 1)}), new long[] {1});
                         OnnxTensor hid = OnnxTensor.createTensor(env, FloatBuffer.wrap(h.hidden()), new long[] {1, hidden});
                         OnnxTensor ctx = OnnxTensor.createTensor(env, FloatBuffer.wrap(h.context()), new long[] {1, hidden});
                         OrtSession.Result r = decoder.run(Map.of("token", tok, "hidden", hid, "context", ctx, "memory", memory))) {
                        float[] lp = ((float[][]) r.get("log_probs").orElseThrow().getValue())[0];
                        float[] newHidden = ((float[][]) r.get("hidden_out").orElseThrow().getValue())[0];
                        float[] newContext = ((float[][]) r.get("context_out").orElseThrow().getValue())[0];
                        float[] att = ((float[][]) r.get("attention").orElseThrow().getValue())[0];
                        double[] attRow = new double[att.length];
                        for (int i = 0; i < att.length; i++) {
                            attRow[i] = att[i];
                        }
                        Integer[] order = new Integer[lp.length];
                        for (int k = 0; k < lp.length; k++) {
                            order[k] = k;
                        }
                        java.util.Arrays.sort(order, Comparator.comparingDouble(k -> -lp[k]));
                        for (int i = 0; i < Math.min(width, order.length); i++) {
                            int k = order[i];
                            List<Integer> toks = new ArrayList<>(h.tokens());
                            toks.add(k);
                            List<double[]> atts = new ArrayList<>(h.attention());
                            atts.add(attRow);
                            next.add(new Hyp(toks, h.score() + lp[k], newHidden, newContext, atts, k == end));
                        }
                    }
                }
                next.sort(Comparator.comparingDouble(h -> -h.score()));
                beam = next.subList(0, Math.min(width, next.size()));
            }
            Hyp best = beam.stream().max(Comparator.comparingDouble(h -> h.score() / Math.max(1, h.tokens().size() - 1)))
                    .orElseThrow();
            StringBuilder text = new StringBuilder();
            List<String> steps = new ArrayList<>();
            for (int i = 1; i < best.tokens().size(); i++) {
                int k = best.tokens().get(i);
                steps.add(tokens.get(k));
                if (k > end) { // not <pad>, <s> or </s>
                    text.append(tokens.get(k));
                }
            }
            return new Decoding(text.toString().trim().replaceAll(" +", " "), steps,
                    best.attention().toArray(new double[0][]), frameSeconds);
        } catch (OrtException e) {
            throw new IllegalStateException("encoder-decoder failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        OnnxSessions.close(encoder);
        OnnxSessions.close(decoder);
    }
}
