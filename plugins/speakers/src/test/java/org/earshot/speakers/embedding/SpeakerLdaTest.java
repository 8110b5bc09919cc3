package org.earshot.speakers.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;

/** Against scikit-learn's LinearDiscriminantAnalysis (eigen solver), data/fixtures/speakers/make_lda_fixtures.py. */
class SpeakerLdaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static double[] row(JsonNode v) {
        return JSON.convertValue(v, double[].class);
    }

    /** The fixtures, and the LDA of their training vectors to {@code k} dimensions. */
    private record Fitted(JsonNode json, List<Embedding> train, List<String> speakers, SpeakerLda lda) {
        static Fitted of(int k) throws Exception {
            JsonNode f = JSON.readTree(Kit.home().resolve("data/fixtures/speakers/lda-fixtures.json").toFile());
            List<Embedding> train = new ArrayList<>();
            f.get("vectors").forEach(v -> train.add(Embedding.of(row(v))));
            List<String> speakers = new ArrayList<>();
            f.get("speakers").forEach(s -> speakers.add(s.asText()));
            return new Fitted(f, train, speakers, SpeakerLda.fit(train, speakers, k));
        }
    }

    @Test
    void axesRatiosAndProjectionEqualScikitLearns() throws Exception {
        Fitted fitted = Fitted.of(3);
        JsonNode f = fitted.json();
        SpeakerLda lda = fitted.lda();
        double[][] axes = lda.axes();
        double[] sign = new double[3];
        for (int k = 0; k < 3; k++) {
            double[] ref = row(f.get("axes").get(k));
            double dot = 0;
            double scale = 0;
            for (int j = 0; j < ref.length; j++) {
                dot += ref[j] * axes[k][j];
                scale = Math.max(scale, Math.abs(ref[j]));
            }
            sign[k] = Math.signum(dot); // an eigenvector's sign is arbitrary
            for (int j = 0; j < ref.length; j++) {
                assertEquals(ref[j], sign[k] * axes[k][j], 1e-5 * scale, "axis " + k + ", value " + j);
            }
            assertEquals(f.get("ratios").get(k).asDouble(), lda.ratios()[k], 1e-5 * lda.ratios()[0], "ratio " + k);
        }
        double[] mean = row(f.get("mean"));
        for (int j = 0; j < mean.length; j++) {
            assertEquals(mean[j], lda.mean()[j], 1e-12);
        }
        for (int i = 0; i < f.get("held").size(); i++) {
            double[] y = lda.project(Embedding.of(row(f.get("held").get(i)))).values();
            double[] ref = row(f.get("projected").get(i));
            for (int k = 0; k < 3; k++) {
                assertEquals(ref[k], sign[k] * y[k], 1e-5, "held-out vector " + i + ", axis " + k);
            }
        }
    }

    @Test
    void sameSpeakerPairsCloseUpAndBadShapesAreRefused() throws Exception {
        Fitted fitted = Fitted.of(5);
        JsonNode f = fitted.json();
        SpeakerLda lda = fitted.lda();
        List<Embedding> train = fitted.train();
        List<String> speakers = fitted.speakers();
        // held-out vectors come two per speaker, in speaker order: a pair of one speaker is closer, on average,
        // after the projection than before it, and closer than two speakers' vectors
        List<Embedding> raw = new ArrayList<>();
        f.get("held").forEach(v -> raw.add(Embedding.of(row(v))));
        List<Embedding> held = raw.stream().map(lda::project).toList();
        double sameRaw = 0;
        double same = 0;
        double other = 0;
        int others = 0;
        for (int i = 0; i < held.size(); i++) {
            for (int j = i + 1; j < held.size(); j++) {
                if (i / 2 == j / 2) {
                    same += held.get(i).cosine(held.get(j)) / 6;
                    sameRaw += raw.get(i).cosine(raw.get(j)) / 6;
                } else {
                    other += held.get(i).cosine(held.get(j));
                    others++;
                }
            }
        }
        assertTrue(same > other / others + 0.5, same + " against " + other / others);
        assertTrue(same > sameRaw, same + " against " + sameRaw + " before the projection");
        SpeakerLda three = Fitted.of(3).lda();
        org.junit.jupiter.api.Assertions.assertArrayEquals(three.axes(), lda.leading(3).axes(),
                "the leading 3 of 5 axes are the 3 a fit to 3 gives");
        assertThrows(IllegalArgumentException.class, () -> lda.leading(6));
        assertThrows(IllegalArgumentException.class, () -> SpeakerLda.fit(train, speakers, 6)); // 6 speakers: ≤ 5
        assertThrows(IllegalArgumentException.class, () -> SpeakerLda.fit(train, speakers.subList(0, 3), 2));
        assertThrows(IllegalArgumentException.class, () -> lda.project(Embedding.of(new double[] {1, 0})));
    }
}
