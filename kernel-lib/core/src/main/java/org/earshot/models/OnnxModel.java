package org.earshot.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * One ONNX graph opened with ONNX Runtime the one way the kit's models use it: on one intra-op and one inter-op
 * thread (the kit's speed figures are per core, and a lesson shares the machine), with the graph's inputs and
 * outputs readable as {@link TensorSpec}s so that a model can check them before anything runs.
 *
 * <pre>{@code
 * try (OnnxModel graph = OnnxModel.open(dir.resolve("model.onnx"))) {
 *     graph.requireInputs(TensorSpec.ofRank("features", ElementType.FLOAT32, 3).withLastDimension(80));
 *     try (OnnxTensor x = OnnxTensor.createTensor(graph.environment(), features);
 *          OrtSession.Result out = graph.run(Map.of("features", x))) { … }
 * }
 * }</pre>
 *
 * <p>Closing releases the native session; a second {@link #close()} does nothing. A model made of several graphs
 * (an encoder and a decoder) holds one {@code OnnxModel} each.
 */
public final class OnnxModel implements AutoCloseable {

    private final Path file;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final Map<String, TensorSpec> inputs;
    private final Map<String, TensorSpec> outputs;
    private volatile boolean closed;

    private OnnxModel(Path file, OrtEnvironment env, OrtSession session) throws OrtException {
        this.file = file;
        this.env = env;
        this.session = session;
        this.inputs = specs(session.getInputInfo());
        this.outputs = specs(session.getOutputInfo());
    }

    /**
     * @param file an ONNX graph ({@code .onnx})
     * @return the graph, opened on one intra-op and one inter-op thread
     * @throws IOException {@code <file>: no such file}, or {@code <file>: ONNX Runtime cannot load it: …} when it is
     *                     not a graph this ONNX Runtime can run
     */
    public static OnnxModel open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = env.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new IOException(file + ": ONNX Runtime cannot load it: " + e.getMessage(), e);
        }
        try {
            return new OnnxModel(file, env, session);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new IOException(file + ": ONNX Runtime cannot read its inputs and outputs: " + e.getMessage(), e);
        }
    }

    private static Map<String, TensorSpec> specs(Map<String, NodeInfo> nodes) {
        Map<String, TensorSpec> out = new LinkedHashMap<>();
        for (Map.Entry<String, NodeInfo> e : nodes.entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t) {
                out.put(e.getKey(), TensorSpec.of(e.getKey(), ElementType.of(t.onnxType), t.getShape()));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** @return the graph's file */
    public Path file() {
        return file;
    }

    /** @return the ONNX Runtime environment the session lives in (to create input tensors) */
    public OrtEnvironment environment() {
        return env;
    }

    /**
     * @return the graph's tensor inputs by name, in the graph's order; dynamic dimensions are {@link TensorSpec#ANY}
     */
    public Map<String, TensorSpec> inputs() {
        return inputs;
    }

    /** @return the graph's tensor outputs by name, in the graph's order */
    public Map<String, TensorSpec> outputs() {
        return outputs;
    }

    /**
     * @param specs what the model needs among the graph's inputs (the graph may have others)
     * @throws IOException naming this file, the first tensor that is missing or does not fit, and why
     *                     ({@link TensorSpec#check})
     */
    public void requireInputs(TensorSpec... specs) throws IOException {
        for (TensorSpec s : specs) {
            s.check(file, inputs);
        }
    }

    /**
     * @param specs what the model needs among the graph's outputs
     * @throws IOException naming this file and the first tensor that is missing or does not fit
     */
    public void requireOutputs(TensorSpec... specs) throws IOException {
        for (TensorSpec s : specs) {
            s.check(file, outputs);
        }
    }

    /**
     * Runs the graph once.
     *
     * @param feeds input name → tensor (the caller closes them)
     * @return every output; close it (try-with-resources) to free the native tensors
     * @throws OrtException when ONNX Runtime fails (e.g. a tensor of a shape the graph cannot take)
     * @throws IllegalStateException when the model is closed
     */
    public OrtSession.Result run(Map<String, ? extends OnnxTensor> feeds) throws OrtException {
        if (closed) {
            throw new IllegalStateException(file + ": the model is closed");
        }
        return session.run(feeds);
    }

    /**
     * Closes each graph, even when an earlier one fails to close (a model's load failing half way closes what it
     * opened this way).
     */
    public static void closeAll(List<OnnxModel> models) {
        IllegalStateException first = null;
        for (OnnxModel m : models) {
            try {
                if (m != null) {
                    m.close();
                }
            } catch (IllegalStateException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Releases the native session; later calls do nothing.
     *
     * @throws IllegalStateException naming the file when ONNX Runtime fails to release it
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": ONNX Runtime cannot close it: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException ignored) {
            // the load has already failed; its message is the one that matters
        }
    }

    @Override
    public String toString() {
        return "OnnxModel[" + file + ": inputs " + inputs.values() + ", outputs " + outputs.values() + "]";
    }
}
