package org.earshot.speakers.diarization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;

/** ΔBIC and the greedy merge against NumPy, data/fixtures/speakers/make_bic_fixtures.py. */
class BicMergingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static double[][] matrix(JsonNode rows) {
        return JSON.convertValue(rows, double[][].class);
    }

    private static JsonNode fixtures() throws Exception {
        return JSON.readTree(Kit.home().resolve("data/fixtures/speakers/bic-fixtures.json").toFile());
    }

    @Test
    void deltaBicEqualsNumpys() throws Exception {
        JsonNode f = fixtures();
        List<double[][]> clusters = new ArrayList<>();
        f.get("clusters").forEach(c -> clusters.add(matrix(c)));
        for (JsonNode p : f.get("pairs")) {
            BicMerging bic = BicMerging.withPenalty(p.get("lambda").asDouble());
            double want = p.get("deltaBic").asDouble();
            assertEquals(want, bic.deltaBic(clusters.get(p.get("i").asInt()), clusters.get(p.get("j").asInt())),
                    1e-4, p.toString()); // the terms are ~1e3; the ridge of 1e-9 moves them by ~1e-5
        }
    }

    @Test
    void greedyMergeEqualsTheFixturesAndSilenceIsLeftOut() throws Exception {
        JsonNode f = fixtures();
        List<double[]> frames = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int k = 0;
        for (JsonNode c : f.get("clusters")) {
            for (double[] row : matrix(c)) {
                frames.add(row);
                labels.add(k);
                frames.add(new double[] {1e3, 1e3, 1e3, 1e3, 1e3, 1e3}); // a frame in no cluster: ignored
                labels.add(-1);
            }
            k++;
        }
        double[][] x = frames.toArray(new double[0][]);
        int[] l = labels.stream().mapToInt(Integer::intValue).toArray();
        for (JsonNode lambda : f.get("lambdas")) {
            int[] want = new int[4];
            JsonNode w = f.get("labels").get(String.valueOf(lambda.asDouble()));
            for (int i = 0; i < 4; i++) {
                want[i] = w.get(i).asInt();
            }
            assertArrayEquals(want, BicMerging.withPenalty(lambda.asDouble()).merge(x, l), "λ = " + lambda);
        }
    }

    @Test
    void aClusterTooSmallForACovarianceJoinsItsClosestAndBadInputIsRefused() throws Exception {
        JsonNode f = fixtures();
        double[][] a = matrix(f.get("clusters").get(0));
        double[][] b = matrix(f.get("clusters").get(1));
        List<double[]> frames = new ArrayList<>(List.of(a));
        frames.addAll(List.of(b));
        frames.addAll(List.of(a).subList(0, 5)); // five frames of cluster 0's voice, labelled a third cluster
        int[] l = new int[frames.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = i < a.length ? 0 : i < a.length + b.length ? 1 : 2;
        }
        assertArrayEquals(new int[] {0, 1, 0}, BicMerging.withPenalty(1).merge(frames.toArray(new double[0][]), l));
        assertThrows(IllegalArgumentException.class, () -> BicMerging.withPenalty(0));
        assertThrows(IllegalArgumentException.class, () -> BicMerging.withPenalty(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> BicMerging.withPenalty(1).merge(a, new int[3]));
    }
}
