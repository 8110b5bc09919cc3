package org.earshot.speakers.diarization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.kit.Kit;
import org.earshot.speakers.embedding.Embedding;
import org.junit.jupiter.api.Test;

/**
 * {@link SpectralClustering} against scikit-learn and SciPy on the fixtures of
 * {@code data/fixtures/speakers/make_spectral_fixtures.py}: the Laplacian's eigenvalues, the eigengap's count and
 * the cluster_qr labels (as a partition), with and without pruning.
 */
class SpectralClusteringParityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<Embedding> vectors(JsonNode c) {
        List<Embedding> out = new ArrayList<>();
        for (JsonNode v : c.path("vectors")) {
            double[] x = new double[v.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = v.get(i).asDouble();
            }
            out.add(Embedding.of(x));
        }
        return out;
    }

    @Test
    void eigenvaluesCountAndLabelsEqualScikitLearns() throws IOException {
        JsonNode fixtures = JSON.readTree(Kit.home().resolve("data/fixtures/speakers/spectral-fixtures.json").toFile());
        int checked = 0;
        for (JsonNode c : fixtures.path("cases")) {
            String name = c.path("name").asText();
            List<Embedding> e = vectors(c);
            SpectralClustering found = SpectralClustering.builder().pruneTo(c.path("keep").asDouble()).build();
            double[] values = found.eigenvalues(e);
            JsonNode want = c.path("eigenvalues");
            assertEquals(want.size(), values.length, name);
            for (int i = 0; i < values.length; i++) {
                assertEquals(want.get(i).asDouble(), values[i], 1e-9, name + ": eigenvalue " + i);
            }
            assertEquals(c.path("eigengap").asInt(), SpectralClustering.eigengap(values, 8), name + ": eigengap");
            assertEquals(c.path("eigengap").asInt(), found.fit(e).clusterCount(), name);
            var labels = c.path("labels").fields();
            while (labels.hasNext()) {
                var entry = labels.next();
                int k = Integer.parseInt(entry.getKey());
                int[] sk = new int[entry.getValue().size()];
                for (int i = 0; i < sk.length; i++) {
                    sk[i] = entry.getValue().get(i).asInt();
                }
                int[] ours = SpectralClustering.builder().pruneTo(c.path("keep").asDouble()).clusters(k).build()
                        .fit(e).labels();
                assertArrayEquals(Clustering.firstAppearance(sk), ours, name + ", k = " + k);
                checked++;
            }
        }
        assertEquals(9, checked, "every fixture's labels compared");
    }

    @Test
    void theChaptersTwoVoicesAreTwoAndBadSettingsAreRefused() {
        // the worked example's enrolled and same-user vectors against the impostor, twice each
        List<Embedding> e = List.of(Embedding.of(new double[] {0.9, 0.1, 0.4}), Embedding.of(new double[] {0.8, 0.2,
                0.5}), Embedding.of(new double[] {0.1, 0.9, 0.2}), Embedding.of(new double[] {0.15, 0.85, 0.25}));
        Clustering c = SpectralClustering.builder().pruneTo(0.5).build().fit(e);
        assertArrayEquals(new int[] {0, 0, 1, 1}, c.labels());
        assertThrows(IllegalArgumentException.class, () -> SpectralClustering.builder().pruneTo(0).build());
        assertThrows(IllegalArgumentException.class, () -> SpectralClustering.builder().build().fit(e.subList(0, 1)));
        assertThrows(IllegalArgumentException.class, () -> SpectralClustering.builder().clusters(5).build().fit(e));
    }
}
