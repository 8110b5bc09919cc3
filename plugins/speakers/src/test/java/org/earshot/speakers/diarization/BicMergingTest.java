package org.earshot.speakers.diarization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                    1e-9 * Math.max(1, Math.abs(want)), p.toString());
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
    void scalingEveryFrameChangesNothingAndAPureToneHasACovariance() throws Exception {
        JsonNode f = fixtures();
        double[][] a = matrix(f.get("clusters").get(0));
        double[][] b = matrix(f.get("clusters").get(1));
        BicMerging bic = BicMerging.withPenalty(3.5);
        double[][] sa = new double[a.length][];
        double[][] sb = new double[b.length][];
        for (int i = 0; i < a.length; i++) {
            sa[i] = java.util.Arrays.stream(a[i]).map(v -> 1e-6 * v).toArray();
        }
        for (int i = 0; i < b.length; i++) {
            sb[i] = java.util.Arrays.stream(b[i]).map(v -> 1e-6 * v).toArray();
        }
        double want = bic.deltaBic(a, b);
        assertEquals(want, bic.deltaBic(sa, sb), 1e-6 * Math.abs(want));
        // two clusters of one unchanging frame (a pure tone's MFCCs) and one of another: the two merge, the other not
        double[][] frames = new double[300][];
        int[] labels = new int[300];
        for (int t = 0; t < 300; t++) {
            frames[t] = t < 200 ? new double[] {1, 2, 3} : new double[] {4, 1, 0};
            labels[t] = t < 100 ? 0 : t < 200 ? 1 : 2;
        }
        assertArrayEquals(new int[] {0, 0, 1}, bic.merge(frames, labels));
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
        double[][] one = {a[0]}; // a cluster of one frame still joins the voice it came from
        List<double[]> withOne = new ArrayList<>(List.of(a));
        withOne.addAll(List.of(b));
        withOne.add(a[0].clone());
        int[] oneLabel = new int[withOne.size()];
        for (int i = 0; i < oneLabel.length; i++) {
            oneLabel[i] = i < a.length ? 0 : i < a.length + b.length ? 1 : 2;
        }
        assertArrayEquals(new int[] {0, 1, 0}, BicMerging.withPenalty(3.5).merge(withOne.toArray(new double[0][]),
                oneLabel));
        double[][] nan = {a[0].clone(), a[1]};
        nan[0][2] = Double.NaN;
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> BicMerging.withPenalty(1).deltaBic(nan, one));
        assertTrue(bad.getMessage().contains("frame 0 holds NaN"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BicMerging.withPenalty(0));
        assertThrows(IllegalArgumentException.class, () -> BicMerging.withPenalty(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> BicMerging.withPenalty(1).merge(a, new int[3]));
    }
}
