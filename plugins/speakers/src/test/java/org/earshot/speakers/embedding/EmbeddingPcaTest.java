package org.earshot.speakers.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;

/** Against scikit-learn's PCA, data/fixtures/speakers/make_pca_fixtures.py. */
class EmbeddingPcaTest {

    @Test
    void projectionEqualsScikitLearns() throws Exception {
        JsonNode f = new ObjectMapper().readTree(Kit.home().resolve("data/fixtures/speakers/pca-fixtures.json")
                .toFile());
        List<Embedding> e = new ArrayList<>();
        for (JsonNode v : f.get("vectors")) {
            double[] x = new double[v.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = v.get(i).asDouble();
            }
            e.add(Embedding.of(x));
        }
        EmbeddingPca pca = EmbeddingPca.of(e, 2);
        double worst = 0;
        for (int i = 0; i < e.size(); i++) {
            for (int c = 0; c < 2; c++) {
                worst = Math.max(worst, Math.abs(pca.points()[i][c] - f.get("points").get(i).get(c).asDouble()));
            }
        }
        assertEquals(0, worst, 1e-9);
        for (int c = 0; c < 2; c++) {
            assertEquals(f.get("explained_variance_ratio").get(c).asDouble(), pca.explainedRatio()[c], 1e-9);
        }
        assertThrows(IllegalArgumentException.class, () -> EmbeddingPca.of(e.subList(0, 2), 2));
    }
}
