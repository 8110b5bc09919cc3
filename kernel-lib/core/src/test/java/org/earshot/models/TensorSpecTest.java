package org.earshot.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What a spec says it wants, what it accepts, and the message when a graph does not fit. */
class TensorSpecTest {

    private static final TensorSpec FEATURES = TensorSpec.ofRank("features", ElementType.FLOAT32, 3)
            .withLastDimension(80);

    @Test
    void describesItselfInTheWordsOfTheMessages() {
        assertEquals("float32 of rank 3 with last dimension 80", FEATURES.describe());
        assertEquals("int64 of rank 1", TensorSpec.ofRank("token", ElementType.INT64, 1).describe());
        assertEquals("float32 of shape [2, -1, 64]", TensorSpec.of("h", ElementType.FLOAT32, 2, TensorSpec.ANY, 64)
                .describe());
        assertEquals(List.of(-1L, -1L, 80L), FEATURES.dims());
    }

    @Test
    void aDynamicDimensionOfTheGraphFitsAnyWantedSize() {
        assertTrue(FEATURES.accepts(TensorSpec.of("features", ElementType.FLOAT32, -1, -1, -1)));
        assertTrue(FEATURES.accepts(TensorSpec.of("features", ElementType.FLOAT32, 1, 500, 80)));
        assertFalse(FEATURES.accepts(TensorSpec.of("features", ElementType.FLOAT32, -1, -1, 40)));
        assertFalse(FEATURES.accepts(TensorSpec.of("features", ElementType.FLOAT64, -1, -1, 80)));
        assertFalse(FEATURES.accepts(TensorSpec.of("features", ElementType.FLOAT32, -1, 80)));
    }

    @Test
    void aMissingNameIsNamedWithWhatTheGraphHas() {
        IOException e = assertThrows(IOException.class, () -> FEATURES.check(Path.of("m.onnx"),
                Map.of("input_values", TensorSpec.of("input_values", ElementType.FLOAT32, -1, -1))));
        assertEquals("m.onnx: expected a tensor named 'features' (float32 of rank 3 with last dimension 80), the graph"
                + " has [input_values]", e.getMessage());
    }

    @Test
    void aMismatchSaysWhatWasWantedAndWhatIs() {
        IOException e = assertThrows(IOException.class, () -> FEATURES.check(Path.of("m.onnx"),
                Map.of("features", TensorSpec.of("features", ElementType.INT64, -1, -1, 80))));
        assertEquals("m.onnx: 'features' must be float32 of rank 3 with last dimension 80, is int64 [-1, -1, 80]",
                e.getMessage());
    }

    @Test
    void badSpecsAreRefusedEarly() {
        assertThrows(IllegalArgumentException.class, () -> TensorSpec.of("x", ElementType.FLOAT32, -2));
        assertThrows(IllegalArgumentException.class, () -> new TensorSpec("x", ElementType.FLOAT32, 2, List.of(1L)));
        assertThrows(IllegalArgumentException.class, () -> TensorSpec.of(" ", ElementType.FLOAT32, 1));
        assertThrows(IllegalStateException.class, () -> TensorSpec.of("sr", ElementType.INT64).withLastDimension(1));
    }
}
