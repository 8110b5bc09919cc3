package org.earshot.speakers.diarization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link AgglomerativeClustering} gives scikit-learn's partitions (threshold and known count) and SciPy's merge
 * heights on {@code data/fixtures/speakers/clustering-fixtures.json} ({@code make_clustering_fixtures.py}).
 */
class ClusteringParityTest {

    @TestFactory
    List<DynamicTest> equalsScikitLearnAndScipy() throws IOException {
        JsonNode root = new ObjectMapper().readTree(Kit.home()
                .resolve("data/fixtures/speakers/clustering-fixtures.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.path("cases")) {
            String name = c.path("name").asText();
            double[][] x = matrix(c.path("vectors"));
            tests.add(DynamicTest.dynamicTest(name + ": merge heights = scipy linkage", () -> {
                Clustering all = AgglomerativeClustering.builder().clusters(1).build().fit(x);
                double[] expected = doubles(c.path("merge_distances"));
                double[] got = all.merges().stream().mapToDouble(Clustering.Merge::distance).toArray();
                assertArrayEquals(expected, got, 1e-9);
            }));
            for (JsonNode t : c.path("thresholds")) {
                double threshold = t.path("threshold").asDouble();
                tests.add(DynamicTest.dynamicTest(name + ": threshold " + threshold, () -> assertArrayEquals(
                        Clustering.firstAppearance(ints(t.path("labels"))),
                        AgglomerativeClustering.builder().distanceThreshold(threshold).build().fit(x).labels())));
            }
            for (JsonNode k : c.path("known_count")) {
                int clusters = k.path("clusters").asInt();
                tests.add(DynamicTest.dynamicTest(name + ": " + clusters + " clusters", () -> {
                    Clustering got = AgglomerativeClustering.builder().clusters(clusters).build().fit(x);
                    assertEquals(clusters, got.clusterCount());
                    assertArrayEquals(Clustering.firstAppearance(ints(k.path("labels"))), got.labels());
                }));
            }
        }
        return tests;
    }

    private static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = doubles(rows.get(i));
        }
        return m;
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    private static int[] ints(JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asInt();
        }
        return v;
    }
}
