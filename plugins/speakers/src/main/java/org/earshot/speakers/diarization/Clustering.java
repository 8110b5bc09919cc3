package org.earshot.speakers.diarization;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of {@link AgglomerativeClustering}: a cluster label per vector and the merges that made them. Labels are
 * numbered 0, 1, 2, … in order of first appearance (vector 0 is in cluster 0), so two clusterings of the same
 * partition have equal labels whatever order the merges came in. Immutable.
 */
public final class Clustering {

    /**
     * One merge of the dendrogram.
     *
     * @param first    the lower index of the two clusters merged (a cluster is named by its first vector's index)
     * @param second   the higher index, which disappears into {@code first}
     * @param distance their average-linkage cosine distance when merged
     * @param size     vectors in the merged cluster
     */
    public record Merge(int first, int second, double distance, int size) {
    }

    private final int[] labels;
    private final List<Merge> merges;

    Clustering(int[] owner, List<Merge> merges) {
        this.labels = firstAppearance(owner);
        this.merges = List.copyOf(merges);
    }

    /**
     * @param labels any labels, one per item
     * @return the same partition numbered 0, 1, 2, … in order of first appearance
     */
    public static int[] firstAppearance(int[] labels) {
        Map<Integer, Integer> renamed = new HashMap<>();
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = renamed.computeIfAbsent(labels[i], k -> renamed.size());
        }
        return out;
    }

    /** @return {@code [n]}: each vector's cluster, 0 … {@link #clusterCount()} − 1 (a copy) */
    public int[] labels() {
        return labels.clone();
    }

    /** @return the number of clusters */
    public int clusterCount() {
        return Arrays.stream(labels).max().orElse(-1) + 1;
    }

    /** @return the merges made, in order; their distances never decrease */
    public List<Merge> merges() {
        return merges;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Clustering[%d vectors, %d clusters: %s]", labels.length, clusterCount(),
                Arrays.toString(labels));
    }
}
