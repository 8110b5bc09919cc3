package org.earshot.models;

import java.util.Locale;

import ai.onnxruntime.TensorInfo.OnnxTensorType;

/**
 * The element type of a tensor in an ONNX graph, named as ONNX and NumPy name it ({@code float32}, {@code int64}),
 * so that a message about a graph reads the same as the exporting script ({@code torch.onnx.export}) and Netron.
 *
 * <p>ONNX Runtime's Java API has two vocabularies for this — {@code OnnxJavaType.FLOAT} and
 * {@code OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT} — neither of which says how many bits; this enum is
 * the one the kit's {@link TensorSpec} and its error messages use.
 */
public enum ElementType {
    FLOAT32,
    FLOAT64,
    FLOAT16,
    BFLOAT16,
    INT8,
    INT16,
    INT32,
    INT64,
    UINT8,
    UINT16,
    UINT32,
    UINT64,
    BOOL,
    STRING,
    /** Anything else (complex, 8-bit floats, undefined): never what a kit model expects. */
    OTHER;

    /**
     * @param onnx the element type as ONNX Runtime reports it ({@code TensorInfo.onnxType})
     * @return its name here
     */
    public static ElementType of(OnnxTensorType onnx) {
        return switch (onnx) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> FLOAT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> FLOAT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> FLOAT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> BFLOAT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> INT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> INT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> INT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> INT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> UINT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16 -> UINT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32 -> UINT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64 -> UINT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> BOOL;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> STRING;
            default -> OTHER;
        };
    }

    /** @return the lower-case name, as in messages: {@code float32}, {@code int64} */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
