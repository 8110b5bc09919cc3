package org.earshot.speakers.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.audio.Audio;
import org.earshot.speakers.embedding.Embedding;
import org.earshot.speakers.embedding.GmmUbm;
import org.earshot.speakers.embedding.NeuralEmbedding;
import org.earshot.speakers.verification.VerificationModel;

/** The kit's trained speaker models, as {@code verify} and {@code diarize} name them ({@code --embedding}). */
enum SpeakerModel {
    /** speakers-mfcc: MFCC statistics standardised by a background of real people. */
    mfcc("speakers-mfcc"),
    /** speakers-gmm-ubm: MAP-adapted GMM supervectors. */
    ubm("speakers-gmm-ubm"),
    /** xvector-small: the kit's x-vector network (ONNX). */
    xvector("xvector-small");

    private final String folder;

    SpeakerModel(String folder) {
        this.folder = folder;
    }

    /** A model ready to embed, with the threshold it accepts at; close it when done (the ONNX session). */
    record Opened(Function<Audio, Embedding> embed, double threshold, int sampleRate, AutoCloseable resource)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (resource != null) {
                resource.close();
            }
        }
    }

    /** @return the model's folder under the kit */
    Path folder(Path home) {
        return home.resolve("data/models").resolve(folder);
    }

    /**
     * @param home the kit's folder
     * @return the model, its threshold θ the EER threshold of its dev trials (of real voices for the models that
     *         heard synthetic ones too: the voices a user brings)
     * @throws IOException when a file is missing or not this model's (named)
     */
    Opened open(Path home) throws IOException {
        Path dir = folder(home);
        switch (this) {
            case mfcc -> {
                return mfccModel(dir.resolve("model.json"));
            }
            case ubm -> {
                GmmUbm m = GmmUbm.read(dir.resolve("model.json"));
                return new Opened(m::embed, devRealThreshold(dir), m.sampleRate(), null);
            }
            case xvector -> {
                double theta = devRealThreshold(dir);
                NeuralEmbedding x = NeuralEmbedding.open(dir.resolve("model.onnx"));
                return new Opened(x::embed, theta, 16000, x);
            }
            default -> throw new IllegalStateException(name());
        }
    }

    /** @return an MFCC-statistics model of {@code ./earshot train-speakers} ({@code model.json}), at its θ */
    static Opened mfccModel(Path file) throws IOException {
        VerificationModel m = VerificationModel.read(file);
        return new Opened(m::embed, m.threshold(), m.background().sampleRate(), null);
    }

    private static double devRealThreshold(Path dir) throws IOException {
        Path metrics = dir.resolve("metrics.json");
        JsonNode t;
        try {
            t = new ObjectMapper().readTree(metrics.toFile()).path("devReal").path("eerThreshold");
        } catch (IOException e) {
            throw new IOException(metrics + ": cannot read the model's dev threshold (" + e.getMessage() + ")");
        }
        if (!t.isNumber()) {
            throw new IOException(metrics + ": no devReal.eerThreshold (rescore the model to write it)");
        }
        return t.asDouble();
    }
}
