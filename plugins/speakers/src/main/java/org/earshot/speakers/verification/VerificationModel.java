package org.earshot.speakers.verification;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.earshot.audio.Audio;
import org.earshot.speakers.embedding.BackgroundStatistics;
import org.earshot.speakers.embedding.Embedding;

/**
 * A speaker verifier one can save: embeddings standardised by a {@link BackgroundStatistics background} of training
 * speakers, cosine scoring, and the threshold θ at the equal error rate of dev trials. Verification is 1-to-1:
 * enrol a voice from a few clips (the mean of their embeddings), then accept a test clip when
 * {@code cos(enrolled, test) ≥ θ}.
 *
 * <pre>{@code
 * VerificationModel m = VerificationModel.read(Kit.home().resolve("data/models/speakers-mfcc/model.json"));
 * boolean same = m.accepts(m.enroll(List.of(a, b, c)), test);
 * }</pre>
 *
 * @param background    the training speakers' statistics
 * @param threshold     θ, the cosine score at the dev trials' EER
 * @param devEerPercent the EER of the dev trials θ was chosen on, %
 */
public record VerificationModel(BackgroundStatistics background, double threshold, double devEerPercent) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public VerificationModel {
        Objects.requireNonNull(background, "background");
        if (!Double.isFinite(threshold) || threshold < -1 || threshold > 1) {
            throw new IllegalArgumentException("threshold " + threshold + ": a cosine score lies in [−1, 1]");
        }
    }

    /**
     * @param audio a clip at the background's rate
     * @return its embedding
     */
    public Embedding embed(Audio audio) {
        return background.embed(background.features().statistics(audio.mixdown()));
    }

    /**
     * @param clips one voice's enrolment clips (at least one)
     * @return the voice: the mean of the clips' embeddings, unit-normed
     */
    public Embedding enroll(List<Audio> clips) {
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("enrolment needs at least one clip");
        }
        List<Embedding> e = new ArrayList<>();
        clips.forEach(c -> e.add(embed(c)));
        return Embedding.mean(e);
    }

    /** @return the cosine score of a test clip against an enrolled voice */
    public double score(Embedding enrolled, Audio test) {
        return enrolled.cosine(embed(test));
    }

    /** @return whether the test clip is accepted as the enrolled voice: score ≥ θ */
    public boolean accepts(Embedding enrolled, Audio test) {
        return CosineScoring.accepts(score(enrolled, test), threshold);
    }

    /** Writes the model as JSON. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), this);
    }

    /**
     * @param file a model written by {@link #write}
     * @return the model
     * @throws IOException when it is missing or not a model (the message names the file)
     */
    public static VerificationModel read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no speaker model here (./earshot train-speakers makes one)");
        }
        try {
            return JSON.readValue(file.toFile(), VerificationModel.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": not a speaker model (" + e.getMessage().lines().findFirst().orElse("")
                    + ")");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "VerificationModel[%s, θ = %.3f at dev EER %.2f %%]", background, threshold,
                devEerPercent);
    }
}
