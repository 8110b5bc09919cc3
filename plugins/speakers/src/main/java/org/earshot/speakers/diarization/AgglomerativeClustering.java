package org.earshot.speakers.diarization;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.earshot.speakers.embedding.Embedding;

/**
 * Agglomerative (bottom-up) clustering with average linkage on cosine distance (§21.4): how a diarizer turns window
 * embeddings into speakers without being told how many there are.
 *
 * <p>Start with every vector its own cluster; repeatedly merge the two clusters A, B whose <b>average linkage</b>
 * <pre>d(A, B) = (1 / |A||B|) Σ_{a∈A} Σ_{b∈B} (1 − cos(a, b))</pre>
 * is smallest (UPGMA, Sokal and Michener 1958), keeping distances current with the Lance–Williams update
 * {@code d(A∪B, C) = (|A| d(A, C) + |B| d(B, C)) / (|A| + |B|)}. Stop when
 * <ul>
 *   <li>the smallest distance reaches the {@link Builder#distanceThreshold distance threshold} (clusters at least that
 *       far apart are not merged): the number of speakers comes out of the data; or</li>
 *   <li>{@link Builder#clusters k clusters} remain: the number of speakers assumed known — the chapter's common
 *       mistake, since a meeting's speaker count is what a diarizer is asked to find.</li>
 * </ul>
 * Average linkage never merges at a smaller distance than before (no inversions), so the threshold cut is the same
 * as cutting the full dendrogram, as scikit-learn's {@code AgglomerativeClustering(metric='cosine',
 * linkage='average', distance_threshold=t, n_clusters=None)} does; the merge heights are SciPy's
 * {@code linkage(X, 'average', metric='cosine')[:, 2]} ({@code ClusteringParityTest}). Ties go to the pair with the
 * lowest cluster indices. O(n³) time and O(n²) memory for n vectors: fine for the hundreds of windows of a meeting.
 *
 * <p>Worked example: [1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9] with threshold 0.5: the two near the x axis merge
 * (distance 0.006), the two near y merge, and the pairs are 0.89 apart on average: two clusters, [0, 0, 1, 1].
 */
public final class AgglomerativeClustering implements SpeakerClusterer {

    private final double distanceThreshold;
    private final int clusters;

    private AgglomerativeClustering(double distanceThreshold, int clusters) {
        this.distanceThreshold = distanceThreshold;
        this.clusters = clusters;
    }

    /** @return a builder; say either {@code distanceThreshold} or {@code clusters} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param vectors {@code [n][d]}, n ≥ 1, non-zero and finite (need not be unit-norm: cosine ignores length)
     * @return the clusters and the merges made
     */
    public Clustering fit(double[][] vectors) {
        List<Embedding> unit = new ArrayList<>(vectors.length);
        for (int i = 0; i < vectors.length; i++) {
            if (i > 0 && vectors[i].length != vectors[0].length) {
                throw new IllegalArgumentException("vector " + i + " has " + vectors[i].length + " values, vector 0 has "
                        + vectors[0].length + ": cluster vectors of one dimension");
            }
            try {
                unit.add(Embedding.of(vectors[i]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("vector " + i + ": " + e.getMessage(), e);
            }
        }
        return fit(unit);
    }

    /**
     * @param embeddings n ≥ 1 embeddings of one dimension
     * @return the clusters and the merges made
     */
    @Override
    public Clustering fit(List<Embedding> embeddings) {
        int n = embeddings.size();
        if (n == 0) {
            throw new IllegalArgumentException("nothing to cluster: no vectors");
        }
        if (clusters > n) {
            throw new IllegalArgumentException(clusters + " clusters asked of " + n + " vectors");
        }
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d[i][j] = embeddings.get(i).cosineDistance(embeddings.get(j));
                d[j][i] = d[i][j];
            }
        }
        int[] size = new int[n];
        int[] owner = new int[n]; // each vector's current cluster (the index of its first member)
        boolean[] alive = new boolean[n];
        for (int i = 0; i < n; i++) {
            size[i] = 1;
            owner[i] = i;
            alive[i] = true;
        }
        List<Clustering.Merge> merges = new ArrayList<>();
        for (int remaining = n; remaining > 1; remaining--) {
            if (clusters > 0 && remaining == clusters) {
                break;
            }
            int bi = -1;
            int bj = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (!alive[i]) {
                    continue;
                }
                for (int j = i + 1; j < n; j++) {
                    if (alive[j] && d[i][j] < best) {
                        best = d[i][j];
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (clusters == 0 && best >= distanceThreshold) {
                break;
            }
            for (int k = 0; k < n; k++) {
                if (alive[k] && k != bi && k != bj) {
                    d[bi][k] = (size[bi] * d[bi][k] + size[bj] * d[bj][k]) / (size[bi] + size[bj]);
                    d[k][bi] = d[bi][k];
                }
            }
            merges.add(new Clustering.Merge(bi, bj, best, size[bi] + size[bj]));
            size[bi] += size[bj];
            alive[bj] = false;
            for (int v = 0; v < n; v++) {
                if (owner[v] == bj) {
                    owner[v] = bi;
                }
            }
        }
        return new Clustering(owner, merges);
    }

    @Override
    public String toString() {
        return clusters > 0 ? "AgglomerativeClustering[average linkage, cosine, " + clusters + " clusters]"
                : String.format(Locale.ROOT, "AgglomerativeClustering[average linkage, cosine, threshold %.3f]",
                        distanceThreshold);
    }

    /** Builds an {@link AgglomerativeClustering}. */
    public static final class Builder {
        private double distanceThreshold = Double.NaN;
        private int clusters;

        private Builder() {
        }

        /**
         * @param cosineDistance stop merging once the closest clusters are at least this far apart, in (0, 2]; the
         *                       number of clusters is found (scikit-learn's {@code distance_threshold})
         */
        public Builder distanceThreshold(double cosineDistance) {
            this.distanceThreshold = cosineDistance;
            return this;
        }

        /** @param k stop when k clusters remain (≥ 1): the number of speakers assumed known */
        public Builder clusters(int k) {
            this.clusters = k;
            return this;
        }

        /** @return the clustering */
        public AgglomerativeClustering build() {
            boolean byThreshold = !Double.isNaN(distanceThreshold);
            if (byThreshold == (clusters != 0)) {
                throw new IllegalArgumentException("say either distanceThreshold(…) (the number of clusters found) or"
                        + " clusters(k) (assumed known), not both and not neither");
            }
            if (byThreshold && !(distanceThreshold > 0 && distanceThreshold <= 2)) {
                throw new IllegalArgumentException("distance_threshold (" + distanceThreshold
                        + ") must lie in (0, 2]: cosine distances do");
            }
            if (!byThreshold && clusters < 1) {
                throw new IllegalArgumentException("clusters (" + clusters + ") must be ≥ 1");
            }
            return new AgglomerativeClustering(byThreshold ? distanceThreshold : 0, clusters);
        }
    }
}
