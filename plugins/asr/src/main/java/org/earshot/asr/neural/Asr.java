package org.earshot.asr.neural;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.earshot.asr.ctc.CtcDecoder;
import org.earshot.models.ModelFolder;

/**
 * Entry point to the kit's neural recognisers: {@code Asr.pipeline("ctc-small")} loads a model shipped under
 * {@code data/models/}, {@code Asr.pipeline("/path/to/dir")} any folder with {@code model.onnx} and
 * {@code vocab.json} (the kit's layout or a wav2vec2-style CTC export). Nothing is downloaded.
 */
public final class Asr {

    private Asr() {
    }

    /**
     * @param nameOrDir a model of the kit ({@code ctc-small}) or a model folder
     * @return a greedy-decoding pipeline
     * @throws UncheckedIOException when the model is missing or does not fit (the message says what)
     */
    public static AsrPipeline pipeline(String nameOrDir) {
        Path dir = modelDir(nameOrDir);
        try {
            CtcModel model = CtcModel.load(dir);
            return new AsrPipeline(model, CtcDecoder.builder(model.alphabet()).build(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * @param nameOrDir {@code s2s-small} or a folder with encoder.onnx, decoder.onnx and vocab.json
     * @return the encoder-decoder, its decoding loop in Java
     * @throws UncheckedIOException when it is missing or does not fit
     */
    public static S2sModel encoderDecoder(String nameOrDir) {
        try {
            return S2sModel.load(modelDir(nameOrDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** @return whether a model folder holds an encoder-decoder (else a CTC model) */
    public static boolean isEncoderDecoder(String nameOrDir) {
        return Files.isRegularFile(modelDir(nameOrDir).resolve("encoder.onnx"));
    }

    /** @return the folder of a kit model name, or the path itself ({@link ModelFolder#resolve}) */
    public static Path modelDir(String nameOrDir) {
        return ModelFolder.resolve(nameOrDir).dir();
    }
}
