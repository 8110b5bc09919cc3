package org.earshot.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening, checking, running and closing real graphs: the tiny ONNX fixtures of
 * {@code data/fixtures/asr/onnx/make_tiny_models.py} (a wav2vec2-style CTC export and a 40-band log-mel model).
 */
class OnnxModelTest {

    private static final Path FIXTURES = Kit.home().resolve("data/fixtures/asr/onnx");
    private static final Path WAV2VEC2 = FIXTURES.resolve("wav2vec2-tiny/model.onnx");
    private static final Path WRONG_SHAPE = FIXTURES.resolve("wrong-shape/model.onnx");

    @Test
    void readsTheGraphsInputsAndOutputsAsSpecs() throws IOException {
        try (OnnxModel m = OnnxModel.open(WAV2VEC2)) {
            assertEquals(List.of("input_values"), List.copyOf(m.inputs().keySet()));
            assertEquals(TensorSpec.of("input_values", ElementType.FLOAT32, -1, -1), m.inputs().get("input_values"));
            assertEquals(TensorSpec.of("logits", ElementType.FLOAT32, -1, -1, 8), m.outputs().get("logits"));
            m.requireInputs(TensorSpec.ofRank("input_values", ElementType.FLOAT32, 2));
            m.requireOutputs(TensorSpec.ofRank("logits", ElementType.FLOAT32, 3).withLastDimension(8));
        }
    }

    @Test
    void aWrongNameIsRefusedNamingWhatTheGraphHas() throws IOException {
        try (OnnxModel m = OnnxModel.open(WAV2VEC2)) {
            IOException e = assertThrows(IOException.class, () -> m.requireInputs(
                    TensorSpec.ofRank("features", ElementType.FLOAT32, 3).withLastDimension(80)));
            assertEquals(WAV2VEC2 + ": expected a tensor named 'features' (float32 of rank 3 with last dimension 80),"
                    + " the graph has [input_values]", e.getMessage());
        }
    }

    @Test
    void aWrongRankIsRefused() throws IOException {
        try (OnnxModel m = OnnxModel.open(WAV2VEC2)) {
            IOException e = assertThrows(IOException.class, () -> m.requireInputs(
                    TensorSpec.ofRank("input_values", ElementType.FLOAT32, 3)));
            assertEquals(WAV2VEC2 + ": 'input_values' must be float32 of rank 3, is float32 [-1, -1]", e.getMessage());
        }
    }

    @Test
    void aWrongElementTypeIsRefused() throws IOException {
        try (OnnxModel m = OnnxModel.open(WAV2VEC2)) {
            IOException e = assertThrows(IOException.class, () -> m.requireOutputs(
                    TensorSpec.ofRank("logits", ElementType.INT64, 3)));
            assertEquals(WAV2VEC2 + ": 'logits' must be int64 of rank 3, is float32 [-1, -1, 8]", e.getMessage());
        }
    }

    @Test
    void aWrongLastDimensionIsRefused() throws IOException {
        try (OnnxModel m = OnnxModel.open(WRONG_SHAPE)) {
            IOException e = assertThrows(IOException.class, () -> m.requireInputs(
                    TensorSpec.ofRank("features", ElementType.FLOAT32, 3).withLastDimension(80)));
            assertEquals(WRONG_SHAPE + ": 'features' must be float32 of rank 3 with last dimension 80, is float32"
                    + " [-1, -1, 40]", e.getMessage());
        }
    }

    @Test
    void missingAndBrokenFilesAreNamed(@TempDir Path tmp) throws IOException {
        IOException missing = assertThrows(IOException.class, () -> OnnxModel.open(tmp.resolve("model.onnx")));
        assertEquals(tmp.resolve("model.onnx") + ": no such file", missing.getMessage());
        Files.writeString(tmp.resolve("model.onnx"), "not a model");
        IOException broken = assertThrows(IOException.class, () -> OnnxModel.open(tmp.resolve("model.onnx")));
        assertTrue(broken.getMessage().startsWith(tmp.resolve("model.onnx") + ": ONNX Runtime cannot load it"),
                broken.getMessage());
    }

    @Test
    void runsAndClosesOnce() throws Exception {
        OnnxModel m = OnnxModel.open(WAV2VEC2);
        try (OnnxTensor x = OnnxTensor.createTensor(m.environment(), FloatBuffer.wrap(new float[16000]),
                new long[] {1, 16000});
             OrtSession.Result r = m.run(Map.of("input_values", x))) {
            assertEquals(50, ((float[][][]) r.get(0).getValue())[0].length, "one frame per 320 samples");
        }
        m.close();
        m.close(); // a second close does nothing
        assertThrows(IllegalStateException.class, () -> m.run(Map.of()));
    }
}
