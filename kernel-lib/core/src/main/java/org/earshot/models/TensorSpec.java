package org.earshot.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a model expects of one input or output of its ONNX graph: a name, an element type, a rank and, where it
 * matters, the size of some dimensions. A model states its specs before anything runs, and
 * {@link OnnxModel#requireInputs} / {@link OnnxModel#requireOutputs} refuse a graph that does not fit, with a message
 * that names the file, the tensor, what was wanted and what the graph has — the difference between "the model is
 * broken" and "this is a 40-band model and the front end makes 80".
 *
 * <p>Dimensions follow ONNX's convention for dynamic axes: {@value #ANY} means any size. A graph's own dynamic
 * (symbolic) dimensions — {@code batch}, {@code time} — are reported by ONNX Runtime as {@value #ANY} and fit any
 * wanted size, since their size is only known when the model runs.
 *
 * <pre>{@code
 * TensorSpec features = TensorSpec.ofRank("features", ElementType.FLOAT32, 3).withLastDimension(80);
 * features.describe();   // "float32 of rank 3 with last dimension 80"
 * TensorSpec state = TensorSpec.of("h", ElementType.FLOAT32, 2, TensorSpec.ANY, 64);   // [2, any, 64]
 * }</pre>
 *
 * @param name the tensor's name in the graph ({@code input_names} / {@code output_names} of {@code torch.onnx.export})
 * @param type its element type
 * @param rank its number of dimensions (≥ 0; 0 is a scalar)
 * @param dims the size of each dimension, {@value #ANY} for any; {@code rank} entries (copied, read-only)
 */
public record TensorSpec(String name, ElementType type, int rank, List<Long> dims) {

    /** A dimension of any size (ONNX's dynamic axis). */
    public static final long ANY = -1;

    public TensorSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a tensor spec needs a name");
        }
        if (type == null) {
            throw new IllegalArgumentException("tensor '" + name + "' needs an element type");
        }
        if (rank < 0 || dims.size() != rank) {
            throw new IllegalArgumentException("tensor '" + name + "': rank " + rank + " needs as many dimensions, got "
                    + dims);
        }
        for (long d : dims) {
            if (d < ANY) {
                throw new IllegalArgumentException("tensor '" + name + "': a dimension is a size ≥ 0 or ANY (-1), got "
                        + d);
            }
        }
        dims = List.copyOf(dims);
    }

    /**
     * @param dims every dimension's size, {@link #ANY} for any; as many as the rank
     * @return a spec of that shape
     */
    public static TensorSpec of(String name, ElementType type, long... dims) {
        List<Long> list = new ArrayList<>(dims.length);
        for (long d : dims) {
            list.add(d);
        }
        return new TensorSpec(name, type, dims.length, list);
    }

    /** @return a spec of this rank, every dimension of any size */
    public static TensorSpec ofRank(String name, ElementType type, int rank) {
        return new TensorSpec(name, type, rank, rank < 0 ? List.of() : java.util.Collections.nCopies(rank, ANY));
    }

    /**
     * @param size the last dimension's size (e.g. 80 mel bands, or the vocabulary's size), or {@link #ANY}
     * @return this spec with its last dimension fixed
     * @throws IllegalStateException for a scalar (rank 0)
     */
    public TensorSpec withLastDimension(long size) {
        if (rank == 0) {
            throw new IllegalStateException("tensor '" + name + "' is a scalar: it has no last dimension");
        }
        List<Long> d = new ArrayList<>(dims);
        d.set(rank - 1, size);
        return new TensorSpec(name, type, rank, d);
    }

    /**
     * @return what this spec wants, in words: {@code float32 of rank 3 with last dimension 80},
     *         {@code float32 of shape [2, -1, 64]}, {@code int64 of rank 1}
     */
    public String describe() {
        int fixed = 0;
        for (long d : dims) {
            fixed += d == ANY ? 0 : 1;
        }
        if (fixed == 0) {
            return type + " of rank " + rank;
        }
        if (fixed == 1 && dims.get(rank - 1) != ANY) {
            return type + " of rank " + rank + " with last dimension " + dims.get(rank - 1);
        }
        return type + " of shape " + dims;
    }

    /**
     * Whether a tensor of the graph fits this spec: the same element type and rank, and each fixed dimension of this
     * spec equal to the graph's — or the graph's dynamic ({@link #ANY}), to be known only when the model runs.
     *
     * @param actual the graph's tensor, as a spec ({@link OnnxModel#inputs()})
     */
    public boolean accepts(TensorSpec actual) {
        if (actual.type != type || actual.rank != rank) {
            return false;
        }
        for (int i = 0; i < rank; i++) {
            long want = dims.get(i);
            long have = actual.dims.get(i);
            if (want != ANY && have != ANY && want != have) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks that a graph has a tensor of this name that fits.
     *
     * @param file  the graph's file, named in the message
     * @param graph the graph's inputs (or outputs) by name, as specs
     * @throws IOException {@code <file>: expected a tensor named 'x' (float32 of rank 3 with last dimension 80), the
     *                     graph has [a, b]} when the name is missing, or {@code <file>: 'x' must be float32 of rank 3
     *                     with last dimension 80, is float32 [-1, -1, 40]} when it does not fit
     */
    public void check(Path file, Map<String, TensorSpec> graph) throws IOException {
        TensorSpec actual = graph.get(name);
        if (actual == null) {
            throw new IOException(file + ": expected a tensor named '" + name + "' (" + describe() + "), the graph has "
                    + graph.keySet());
        }
        if (!accepts(actual)) {
            throw new IOException(file + ": '" + name + "' must be " + describe() + ", is " + actual.type + " "
                    + Arrays.toString(actual.dims.toArray()));
        }
    }

    /** @return e.g. {@code features: float32 [-1, -1, 80]} */
    @Override
    public String toString() {
        return name + ": " + type + " " + dims;
    }
}
