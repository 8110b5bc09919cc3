package org.earshot.speakers.embedding;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.earshot.audio.Audio;
import org.earshot.audio.Resample;
import org.earshot.models.LogMelFrontEnd;
import org.earshot.models.OnnxModel;

/**
 * A speaker embedding network trained by the kit (an x-vector, §21.4: frame-level 1-D convolutions over the kit's
 * log-mel, statistics pooling — the mean and standard deviation of the last frame layer over time — and a linear
 * layer to the embedding), run from its ONNX graph: input {@code features} {@code [1, frames, 80]} float32 from
 * {@link LogMelFrontEnd}, output {@code embedding} {@code [1, d]}. The embedding is unit-normed, so cosine scoring
 * is a dot product. Not thread-safe; close it when done.
 *
 * <pre>{@code
 * try (NeuralEmbedding x = NeuralEmbedding.open(Kit.home().resolve("data/models/xvector-small/model.onnx"))) {
 *     double same = x.embed(a).cosine(x.embed(b));
 * }
 * }</pre>
 */
public final class NeuralEmbedding implements AutoCloseable {

    /** Frames a clip needs at least (the network's receptive field): 0.15 s. */
    public static final int MIN_FRAMES = 15;

    private final OnnxModel graph;

    private NeuralEmbedding(OnnxModel graph) {
        this.graph = graph;
    }

    /**
     * @param onnx the graph ({@code model.onnx} of an x-vector folder)
     * @return the network
     * @throws IOException when the file is missing or not a graph with a {@code features} input
     */
    public static NeuralEmbedding open(Path onnx) throws IOException {
        OnnxModel graph = OnnxModel.open(onnx);
        if (!graph.inputs().containsKey("features") || !graph.outputs().containsKey("embedding")) {
            graph.close();
            throw new IOException(onnx + ": not a speaker embedding graph (wants input 'features' and output"
                    + " 'embedding', has " + graph.inputs().keySet() + " → " + graph.outputs().keySet() + ")");
        }
        return new NeuralEmbedding(graph);
    }

    /**
     * @param audio any sound (mixed down and resampled to 16 kHz here), at least 0.15 s
     * @return its embedding
     */
    public Embedding embed(Audio audio) {
        return embed(LogMelFrontEnd.of(Resample.to(audio.mixdown(), 16000)));
    }

    /**
     * @param frames {@code [frame][80]} log-mel of {@link LogMelFrontEnd}, at least {@link #MIN_FRAMES} frames
     * @return their embedding
     */
    public Embedding embed(float[][] frames) {
        if (frames.length < MIN_FRAMES) {
            throw new IllegalArgumentException(frames.length + " frames: a speaker embedding needs at least "
                    + MIN_FRAMES + " (0.15 s)");
        }
        FloatBuffer buf = FloatBuffer.allocate(frames.length * LogMelFrontEnd.N_MELS);
        for (float[] row : frames) {
            buf.put(row);
        }
        buf.flip();
        try (OnnxTensor input = OnnxTensor.createTensor(graph.environment(), buf,
                new long[] {1, frames.length, LogMelFrontEnd.N_MELS});
             OrtSession.Result result = graph.run(Map.of("features", input))) {
            float[] e = ((float[][]) result.get(0).getValue())[0];
            double[] v = new double[e.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = e[i];
            }
            return Embedding.of(v);
        } catch (OrtException e) {
            throw new IllegalStateException(graph.file() + ": inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        graph.close();
    }
}
