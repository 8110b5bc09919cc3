package org.earshot.asr.neural;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import org.earshot.asr.ctc.CtcPrefixScorer;
import org.earshot.audio.Audio;
import org.earshot.display.Heatmap;
import org.earshot.models.ElementType;
import org.earshot.models.FrameAxis;
import org.earshot.models.LogMelFrontEnd;
import org.earshot.models.ModelFolder;
import org.earshot.models.OnnxModel;
import org.earshot.models.TensorSpec;

/**
 * A Whisper-style encoder-decoder in two ONNX graphs, with the decoding loop here in Java (§21.2). The encoder turns
 * the log-mel frames into a <em>memory</em> (one vector per 30 ms); the decoder writes one character per step: from
 * the previous character, its hidden state and the previous context it computes where to look in the memory
 * (attention weights over the frames), the new context, and log-probabilities of the next character, until
 * {@code </s>}. Greedy decoding takes the best character each step; beam search keeps the {@code width} best
 * prefixes by total log-probability and picks the finished one with the best score per character.
 */
public final class S2sModel implements AutoCloseable {

    /**
     * A decoding: the text, and the attention of every output step over the encoder frames.
     *
     * @param text      the words written
     * @param steps     every token written, {@code </s>} included
     * @param attention {@code [step][encoder frame]}: where each step looked, each row summing to 1
     * @param frames    when each encoder frame is
     */
    public record Decoding(String text, List<String> steps, double[][] attention, FrameAxis frames) {

        /** @return the attention map: output step up, time (s) across */
        public Heatmap attentionMap() {
            Heatmap.Axis rows = attention.length == steps.size() && !steps.isEmpty()
                    ? Heatmap.Axis.categories("Character written", steps)
                    : Heatmap.Axis.index("Output step (one character each)");
            return Heatmap.builder().values(attention.length == 0 ? new double[1][1] : attention)
                    .title("Attention while writing \"" + text + "\"")
                    .xAxis(Heatmap.Axis.seconds(frames.periodSeconds()).startingAt(frames.startSeconds())).yAxis(rows).colorbar("Attention weight").build();
        }
    }

    /** The encoder's optional second output: per-frame CTC log-probabilities over {@code ctc_symbols} of vocab.json. */
    private static final String CTC_OUTPUT = "ctc_log_probs";

    private final OrtEnvironment env;
    private final OnnxModel encoder;
    private final OnnxModel decoder;
    private final List<String> tokens;
    private final int start;
    private final int end;
    private final int hidden;
    private final FrameAxis frames;
    /** For each token, its label in the encoder's CTC output, -1 for none; null when the encoder has no CTC output. */
    private final int[] ctcLabel;
    private final int ctcBlank;

    private S2sModel(OnnxModel encoder, OnnxModel decoder, List<String> tokens, int start, int end, int hidden,
                     FrameAxis frames, int[] ctcLabel, int ctcBlank) {
        this.env = encoder.environment();
        this.encoder = encoder;
        this.decoder = decoder;
        this.tokens = tokens;
        this.start = start;
        this.end = end;
        this.hidden = hidden;
        this.frames = frames;
        this.ctcLabel = ctcLabel;
        this.ctcBlank = ctcBlank;
    }

    /**
     * @param dir a folder with {@code encoder.onnx}, {@code decoder.onnx} and {@code vocab.json}
     * @throws IOException when a file is missing or a graph's inputs and outputs do not fit (named)
     */
    public static S2sModel load(Path dir) throws IOException {
        return load(ModelFolder.at(dir));
    }

    /**
     * @param folder a folder with {@code encoder.onnx}, {@code decoder.onnx} and {@code vocab.json}
     *               ({@code ModelFolder.named("s2s-small")})
     * @throws IOException when a file is missing or a graph's inputs and outputs do not fit (named)
     */
    public static S2sModel load(ModelFolder folder) throws IOException {
        folder.requireFiles("an encoder-decoder folder holds encoder.onnx, decoder.onnx and vocab.json",
                "encoder.onnx", "decoder.onnx", "vocab.json");
        JsonNode v = folder.vocab();
        Path vocab = folder.file("vocab.json");
        List<String> tokens = new ArrayList<>();
        v.path("tokens").forEach(t -> tokens.add(t.asText()));
        int hidden = v.path("hidden").asInt(0);
        if (tokens.isEmpty() || hidden <= 0) {
            throw new IOException(vocab + ": expected {\"tokens\": [...], \"hidden\": n, …}");
        }
        OnnxModel enc = null;
        OnnxModel dec = null;
        try {
            enc = OnnxModel.open(folder.file("encoder.onnx"));
            dec = OnnxModel.open(folder.file("decoder.onnx"));
            enc.requireInputs(CtcModel.Layout.LOG_MEL.input()); // the kit's log-mel frames, as ctc-small reads them
            enc.requireOutputs(floats("memory", 3, hidden));
            dec.requireInputs(TensorSpec.ofRank("token", ElementType.INT64, 1), floats("hidden", 2, hidden),
                    floats("context", 2, hidden), floats("memory", 3, hidden));
            dec.requireOutputs(floats("log_probs", 2, tokens.size()), floats("hidden_out", 2, hidden),
                    floats("context_out", 2, hidden), floats("attention", 2, TensorSpec.ANY));
            int[] ctcLabel = null;
            if (enc.outputs().containsKey(CTC_OUTPUT)) {
                List<String> symbols = new ArrayList<>();
                v.path("ctc_symbols").forEach(t -> symbols.add(t.asText()));
                if (symbols.isEmpty()) {
                    throw new IOException(vocab + ": the encoder has a '" + CTC_OUTPUT
                            + "' output but no \"ctc_symbols\" are listed for it");
                }
                enc.requireOutputs(floats(CTC_OUTPUT, 3, symbols.size()));
                ctcLabel = new int[tokens.size()];
                for (int k = 0; k < tokens.size(); k++) {
                    ctcLabel[k] = symbols.indexOf(tokens.get(k));
                }
            }
            return new S2sModel(enc, dec, tokens, v.path("start").asInt(1), v.path("end").asInt(2), hidden,
                    LogMelFrontEnd.outputAxis(folder), ctcLabel, v.path("ctc_blank").asInt(0));
        } catch (IOException | RuntimeException e) {
            OnnxModel.closeAll(Arrays.asList(enc, dec));
            throw e;
        }
    }

    /** A float32 tensor of this rank whose last dimension is {@code last} (or any, {@link TensorSpec#ANY}). */
    private static TensorSpec floats(String name, int rank, long last) {
        return TensorSpec.ofRank(name, ElementType.FLOAT32, rank).withLastDimension(last);
    }

    /** @return when each encoder frame is (the memory's and the CTC output's time axis) */
    public FrameAxis frameAxis() {
        return frames;
    }

    /** @return the greedy decoding of a sound (at most {@code maxSteps} characters) */
    public Decoding greedy(Audio audio, int maxSteps) {
        return beam(audio, 1, maxSteps);
    }

    /** @return whether the encoder also gives CTC outputs, for {@link #beam(Audio, int, int, double) joint decoding} */
    public boolean hasCtc() {
        return ctcLabel != null;
    }

    /**
     * @param width    prefixes kept (1 = greedy)
     * @param maxSteps characters written at most
     * @return the best finished hypothesis by log-probability per character (attention alone)
     */
    public Decoding beam(Audio audio, int width, int maxSteps) {
        return beam(audio, width, maxSteps, 0);
    }

    private record Hyp(List<Integer> tokens, double attention, CtcPrefixScorer.State ctc, double score, float[] hidden,
                       float[] context, List<double[]> weights, boolean done) {
    }

    /**
     * Joint CTC/attention beam search (Watanabe et al. 2017, as in ESPnet): a prefix h is scored
     * {@code (1 − λ) · ln P_att(h) + λ · ln P_ctc(h…)}, where {@code P_ctc(h…)} is the encoder's CTC
     * {@link CtcPrefixScorer prefix probability} (for a finished h, the probability of exactly h). The CTC term
     * follows the audio monotonically, so prefixes that repeat or skip words fall out of the beam.
     *
     * @param width     prefixes kept (1 = greedy)
     * @param maxSteps  characters written at most
     * @param ctcWeight λ in [0, 1]; 0 is attention alone
     * @return the best finished hypothesis by score per character
     * @throws IllegalArgumentException when λ &gt; 0 and the encoder has no CTC output ({@link #hasCtc()})
     */
    public Decoding beam(Audio audio, int width, int maxSteps, double ctcWeight) {
        if (ctcWeight < 0 || ctcWeight > 1 || ctcWeight > 0 && !hasCtc()) {
            throw new IllegalArgumentException(ctcWeight > 0 && !hasCtc()
                    ? "this encoder has no '" + CTC_OUTPUT + "' output: joint CTC/attention decoding needs one"
                    : "CTC weight must be in [0, 1], is " + ctcWeight);
        }
        float[][] f = LogMelFrontEnd.of(audio);
        FloatBuffer fb = FloatBuffer.allocate(f.length * LogMelFrontEnd.N_MELS);
        for (float[] row : f) {
            fb.put(row);
        }
        fb.flip();
        try (OnnxTensor features = OnnxTensor.createTensor(env, fb, new long[] {1, f.length, LogMelFrontEnd.N_MELS});
             OrtSession.Result enc = encoder.run(Map.of("features", features));
             OnnxTensor memory = OnnxTensor.createTensor(env, ((float[][][]) enc.get(0).getValue()))) {
            CtcPrefixScorer ctc = ctcWeight > 0 ? new CtcPrefixScorer(Arrays.stream(
                    ((float[][][]) enc.get(CTC_OUTPUT).orElseThrow().getValue())[0]).map(CtcModel::toDouble)
                    .toArray(double[][]::new), ctcBlank) : null;
            List<Hyp> beam = List.of(new Hyp(List.of(start), 0, ctc == null ? null : ctc.empty(), 0, new float[hidden],
                    new float[hidden], List.of(), false));
            for (int step = 0; step < maxSteps && beam.stream().anyMatch(h -> !h.done()); step++) {
                List<Hyp> next = new ArrayList<>();
                for (Hyp h : beam) {
                    if (h.done()) {
                        next.add(h);
                    } else {
                        next.addAll(extensions(h, memory, ctc, ctcWeight, width));
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
                    best.weights().toArray(new double[0][]), frames);
        } catch (OrtException e) {
            throw new IllegalStateException("encoder-decoder failed: " + e.getMessage(), e);
        }
    }

    /** One decoder step from {@code h}: its {@code width} best continuations by joint score. */
    private List<Hyp> extensions(Hyp h, OnnxTensor memory, CtcPrefixScorer ctc, double ctcWeight, int width)
            throws OrtException {
        try (OnnxTensor tok = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {h.tokens().get(h.tokens().size() - 1)}), new long[] {1});
             OnnxTensor hid = OnnxTensor.createTensor(env, FloatBuffer.wrap(h.hidden()), new long[] {1, hidden});
             OnnxTensor ctx = OnnxTensor.createTensor(env, FloatBuffer.wrap(h.context()), new long[] {1, hidden});
             OrtSession.Result r = decoder.run(Map.of("token", tok, "hidden", hid, "context", ctx, "memory", memory))) {
            float[] lp = ((float[][]) r.get("log_probs").orElseThrow().getValue())[0];
            float[] newHidden = ((float[][]) r.get("hidden_out").orElseThrow().getValue())[0];
            float[] newContext = ((float[][]) r.get("context_out").orElseThrow().getValue())[0];
            List<double[]> weights = new ArrayList<>(h.weights());
            weights.add(CtcModel.toDouble(((float[][]) r.get("attention").orElseThrow().getValue())[0]));
            List<Hyp> out = new ArrayList<>();
            for (int k = 0; k < lp.length; k++) {
                if (k != end && (k < end || ctc != null && ctcLabel[k] < 0)) {
                    continue; // <pad>, <s>, or a token CTC cannot spell
                }
                double attention = h.attention() + lp[k];
                CtcPrefixScorer.State state = ctc == null || k == end ? h.ctc() : ctc.extend(h.ctc(), ctcLabel[k]);
                double ctcScore = ctc == null ? 0 : k == end ? state.whole() : state.prefix();
                double score = (1 - ctcWeight) * attention + ctcWeight * ctcScore;
                List<Integer> toks = new ArrayList<>(h.tokens());
                toks.add(k);
                out.add(new Hyp(toks, attention, state, score, newHidden, newContext, weights, k == end));
            }
            out.sort(Comparator.comparingDouble(x -> -x.score()));
            return out.subList(0, Math.min(width, out.size()));
        }
    }

    @Override
    public void close() {
        OnnxModel.closeAll(List.of(encoder, decoder));
    }
}
