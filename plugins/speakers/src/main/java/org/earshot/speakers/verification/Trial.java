package org.earshot.speakers.verification;

import java.util.Objects;

import org.earshot.speakers.embedding.Embedding;

/**
 * One verification trial (§21.4): an enrolled speaker's embedding, a test clip's embedding, and whether the test clip
 * really is that speaker (a target trial) or someone else (a non-target, an impostor). Trial lists are how
 * verification is measured: score every trial, then read error rates off the scores ({@link CosineScoring}).
 *
 * @param enrolled the claimed speaker's embedding (e.g. {@link Embedding#mean} of a few clips)
 * @param test     the embedding of the clip under test
 * @param target   true when the test clip is the enrolled speaker
 * @param label    what the trial is, for tables (e.g. {@code "alice/clip3 vs alice"}); may be empty
 */
public record Trial(Embedding enrolled, Embedding test, boolean target, String label) {

    public Trial {
        Objects.requireNonNull(enrolled, "a trial needs the enrolled embedding");
        Objects.requireNonNull(test, "a trial needs the test embedding");
        if (enrolled.dimension() != test.dimension()) {
            throw new IllegalArgumentException("trial '" + label + "': enrolled embedding has " + enrolled.dimension()
                    + " dimensions, test " + test.dimension() + ": score embeddings of one model");
        }
        label = label == null ? "" : label;
    }

    /** @return {@code cos(enrolled, test)}, the trial's score */
    public double score() {
        return enrolled.cosine(test);
    }
}
