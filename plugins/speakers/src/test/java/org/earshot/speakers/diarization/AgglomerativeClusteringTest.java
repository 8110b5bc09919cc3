package org.earshot.speakers.diarization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AgglomerativeClusteringTest {

    private static final double[][] FOUR = {{1, 0}, {0.9, 0.1}, {0, 1}, {0.1, 0.9}};

    @Test
    void theJavadocsFourVectorsMakeTwoClusters() {
        Clustering c = AgglomerativeClustering.builder().distanceThreshold(0.5).build().fit(FOUR);
        assertArrayEquals(new int[] {0, 0, 1, 1}, c.labels());
        assertEquals(2, c.merges().size());
        Clustering all = AgglomerativeClustering.builder().clusters(1).build().fit(FOUR);
        double cross = (1 + 2 * (1 - 0.1 / Math.sqrt(0.82)) + (1 - 0.18 / 0.82)) / 4;
        assertEquals(cross, all.merges().get(2).distance(), 1e-12);
        assertEquals(0.89, Math.round(cross * 100) / 100.0, 0);
    }

    @Test
    void aKnownCountIsForcedEvenWhenTheDataDisagree() {
        double[][] one = {{1, 0.2}, {0.9, 0.1}, {1, 0.3}, {0.95, 0.2}};
        assertEquals(1, AgglomerativeClustering.builder().distanceThreshold(0.5).build().fit(one).clusterCount());
        assertEquals(2, AgglomerativeClustering.builder().clusters(2).build().fit(one).clusterCount());
    }

    @Test
    void labelsAreNumberedByFirstAppearance() {
        assertArrayEquals(new int[] {0, 1, 0, 2}, Clustering.firstAppearance(new int[] {7, 3, 7, 0}));
    }

    @Test
    void eitherAThresholdOrACount() {
        assertThrows(IllegalArgumentException.class, () -> AgglomerativeClustering.builder().build());
        assertThrows(IllegalArgumentException.class,
                () -> AgglomerativeClustering.builder().distanceThreshold(0.5).clusters(2).build());
        assertThrows(IllegalArgumentException.class, () -> AgglomerativeClustering.builder().distanceThreshold(3).build());
        assertThrows(IllegalArgumentException.class,
                () -> AgglomerativeClustering.builder().clusters(5).build().fit(FOUR));
    }
}
