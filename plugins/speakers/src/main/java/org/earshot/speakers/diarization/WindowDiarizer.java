package org.earshot.speakers.diarization;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.earshot.audio.Audio;
import org.earshot.features.FeatureFrames;
import org.earshot.metrics.SpeakerSegment;
import org.earshot.speakers.embedding.Embedding;
import org.earshot.speakers.embedding.MfccStatistics;
import org.earshot.speakers.vad.EnergyVad;

/**
 * The classic diarization pipeline (§21.4), every stage replaceable: VAD drops silence → each speech region is cut
 * into windows of {@code windowSeconds} every {@code hopSeconds} (a region shorter than a window is one window) →
 * each window is embedded → the embeddings are clustered → each cluster is a speaker. A window decides the stretch
 * between the midpoints to its neighbours' centres inside its speech region; neighbouring stretches of one speaker are
 * joined into turns.
 *
 * <p>The embedding is the classical {@link MfccStatistics} baseline, standardised over the recording's windows, or a
 * trained model's embedding of each window's sound ({@link Builder#embedder}), standardised the same way (what all
 * windows of one recording share, its channel and room, is taken out). Optionally the clusters are then merged by the
 * BIC of the MFCC frames each decides ({@link Builder#merging}), so the count is a model choice; one window holds one
 * speaker, so overlapped speech is always partly missed (the pipeline's known weak point).
 */
public final class WindowDiarizer {

    private final EnergyVad vad;
    private final MfccStatistics features;
    private final Function<Audio, Embedding> embedder;
    private final SpeakerClusterer clustering;
    private final BicMerging merging;
    private final double windowSeconds;
    private final double hopSeconds;

    private WindowDiarizer(Builder b) {
        this.vad = b.vad;
        this.features = b.features;
        this.embedder = b.embedder;
        this.clustering = b.clustering;
        this.merging = b.merging;
        this.windowSeconds = b.windowSeconds;
        this.hopSeconds = b.hopSeconds;
    }

    /** @return a builder: energy VAD defaults, 1.5 s windows every 0.75 s; features and clustering must be given */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param audio a recording at the features' sample rate (mixed down to mono)
     * @return its turns and the windows behind them
     * @throws IllegalArgumentException when the VAD finds fewer than two windows of speech
     */
    public Diarization apply(Audio audio) {
        Audio mono = audio.mixdown();
        List<SpeakerSegment> speech = vad.apply(mono).segments();
        List<double[]> windows = new ArrayList<>(); // start, end, speech region index
        for (int r = 0; r < speech.size(); r++) {
            SpeakerSegment s = speech.get(r);
            if (s.durationSeconds() <= windowSeconds) {
                windows.add(new double[] {s.startSeconds(), s.endSeconds(), r});
                continue;
            }
            int count = 1 + (int) Math.ceil((s.durationSeconds() - windowSeconds) / hopSeconds - 1e-9);
            for (int k = 0; k < count; k++) {
                double start = Math.min(s.startSeconds() + k * hopSeconds, s.endSeconds() - windowSeconds);
                windows.add(new double[] {start, start + windowSeconds, r});
            }
        }
        List<double[]> kept = new ArrayList<>();
        List<Embedding> embeddings = new ArrayList<>();
        FeatureFrames mfcc = null; // the recording's MFCCs: the windows' statistics and BIC merging share them
        if (embedder != null) {
            List<double[]> vectors = new ArrayList<>();
            for (double[] w : windows) {
                Audio window = mono.trim(w[0], w[1]);
                if (window.frameCount() > 0) {
                    vectors.add(embedder.apply(window).values());
                    kept.add(w);
                }
            }
            if (kept.size() >= 2) { // a model's embeddings of one recording share its channel: standardise them too
                embeddings = MfccStatistics.standardize(vectors);
            }
        } else {
            mfcc = features.mfcc().apply(mono);
            double[][] c = mfcc.values();
            double[] frameTimes = mfcc.times();
            List<double[]> stats = new ArrayList<>();
            for (double[] w : windows) {
                int from = firstAtOrAfter(frameTimes, w[0]);
                int to = firstAtOrAfter(frameTimes, w[1]);
                if (to > from) {
                    stats.add(MfccStatistics.statistics(c, from, to));
                    kept.add(w);
                }
            }
            if (kept.size() >= 2) {
                embeddings = MfccStatistics.standardize(stats);
            }
        }
        if (kept.size() < 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d window(s) of speech found in %.2f s (VAD %s): too little to diarize", kept.size(),
                    audio.durationSeconds(), vad));
        }
        Clustering clusters = clustering.fit(embeddings);
        int[] label = clusters.labels();
        double[][] stretch = new double[kept.size()][]; // the time each window decides: from, to
        for (int i = 0; i < kept.size(); i++) {
            double[] w = kept.get(i);
            SpeakerSegment region = speech.get((int) w[2]);
            boolean firstInRegion = i == 0 || kept.get(i - 1)[2] != w[2];
            boolean lastInRegion = i == kept.size() - 1 || kept.get(i + 1)[2] != w[2];
            stretch[i] = new double[] {firstInRegion ? region.startSeconds() : (centre(kept.get(i - 1)) + centre(w)) / 2,
                    lastInRegion ? region.endSeconds() : (centre(w) + centre(kept.get(i + 1))) / 2};
        }
        if (merging != null && clusters.clusterCount() > 1) {
            int[] merged = merge(mfcc != null ? mfcc : MfccStatistics.of(mono.sampleRate(), 20).mfcc().apply(mono),
                    stretch, label);
            for (int i = 0; i < label.length; i++) {
                label[i] = merged[label[i]];
            }
            clusters = new Clustering(label, List.of());
            label = clusters.labels();
        }
        List<SpeakerSegment> turns = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            double from = stretch[i][0];
            double to = stretch[i][1];
            String speaker = "S" + (label[i] + 1);
            SpeakerSegment last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
            if (last != null && last.speaker().equals(speaker) && Math.abs(last.endSeconds() - from) < 1e-9) {
                turns.set(turns.size() - 1, new SpeakerSegment(last.startSeconds(), to, speaker));
            } else if (to > from) {
                turns.add(new SpeakerSegment(from, to, speaker));
            }
        }
        return new Diarization(turns, kept.stream().mapToDouble(w -> w[0]).toArray(),
                kept.stream().mapToDouble(w -> w[1]).toArray(), clusters);
    }

    /**
     * @param f the recording's MFCCs ({@code [n][frames]})
     * @return each cluster's label after {@link BicMerging} of the frames (c₀ left out) each window decides
     */
    private int[] merge(FeatureFrames f, double[][] stretch, int[] label) {
        double[][] c = f.values();
        double[] times = f.times();
        int d = c.length - 1;
        double[][] frames = new double[times.length][d];
        int[] frameLabel = new int[times.length];
        java.util.Arrays.fill(frameLabel, -1);
        for (int t = 0; t < times.length; t++) {
            for (int k = 1; k <= d; k++) {
                frames[t][k - 1] = c[k][t];
            }
        }
        for (int i = 0; i < stretch.length; i++) {
            for (int t = firstAtOrAfter(times, stretch[i][0]); t < times.length && times[t] < stretch[i][1]; t++) {
                frameLabel[t] = label[i];
            }
        }
        return merging.merge(frames, frameLabel);
    }

    private static double centre(double[] w) {
        return (w[0] + w[1]) / 2;
    }

    private static int firstAtOrAfter(double[] times, double t) {
        int i = java.util.Arrays.binarySearch(times, t);
        return i >= 0 ? i : -i - 1;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "WindowDiarizer[%s, %.2f s windows every %.2f s, %s, %s%s]", vad,
                windowSeconds, hopSeconds, embedder != null ? embedder : features, clustering,
                merging != null ? ", then " + merging : "");
    }

    /** Builds a {@link WindowDiarizer}. */
    public static final class Builder {
        private EnergyVad vad = EnergyVad.builder().build();
        private MfccStatistics features;
        private Function<Audio, Embedding> embedder;
        private SpeakerClusterer clustering;
        private BicMerging merging;
        private double windowSeconds = 1.5;
        private double hopSeconds = 0.75;

        private Builder() {
        }

        /** @param detector the VAD that finds the speech (default: {@link EnergyVad}'s defaults) */
        public Builder vad(EnergyVad detector) {
            this.vad = java.util.Objects.requireNonNull(detector, "vad");
            return this;
        }

        /** @param embedding what each window is embedded by: MFCC statistics standardised over the recording */
        public Builder features(MfccStatistics embedding) {
            this.features = java.util.Objects.requireNonNull(embedding, "features");
            this.embedder = null;
            return this;
        }

        /**
         * @param model what embeds each window's sound on its own, e.g. {@code NeuralEmbedding::embed} or
         *              {@code GmmUbm::embed} (instead of {@link #features})
         */
        public Builder embedder(Function<Audio, Embedding> model) {
            this.embedder = java.util.Objects.requireNonNull(model, "embedder");
            this.features = null;
            return this;
        }

        /**
         * @param clusterer how windows become speakers: {@link AgglomerativeClustering} (threshold: count found;
         *                  clusters(k): count assumed) or {@link SpectralClustering} (count by the eigengap)
         */
        public Builder clustering(SpeakerClusterer clusterer) {
            this.clustering = java.util.Objects.requireNonNull(clusterer, "clustering");
            return this;
        }

        /**
         * @param bic after clustering, merge clusters by the BIC of their MFCC frames ({@link BicMerging}; start the
         *            clustering with too many clusters); default none. The {@link Diarization#clustering()} then
         *            holds the merged labels and no dendrogram ({@code merges()} is empty)
         */
        public Builder merging(BicMerging bic) {
            this.merging = java.util.Objects.requireNonNull(bic, "merging");
            return this;
        }

        /** @param seconds window length (&gt; 0; default 1.5) */
        public Builder windowSeconds(double seconds) {
            this.windowSeconds = seconds;
            return this;
        }

        /** @param seconds hop between windows (&gt; 0, ≤ the window; default 0.75) */
        public Builder hopSeconds(double seconds) {
            this.hopSeconds = seconds;
            return this;
        }

        /** @return the diarizer */
        public WindowDiarizer build() {
            if ((features == null && embedder == null) || clustering == null) {
                throw new IllegalArgumentException("a diarizer needs .features(MfccStatistics.of(rate, n)) or"
                        + " .embedder(model::embed), and .clustering(AgglomerativeClustering.builder()…build())");
            }
            if (!(windowSeconds > 0) || !(hopSeconds > 0) || hopSeconds > windowSeconds || Double.isInfinite(windowSeconds)) {
                throw new IllegalArgumentException("window (" + windowSeconds + " s) and hop (" + hopSeconds
                        + " s) must be > 0, with hop ≤ window");
            }
            return new WindowDiarizer(this);
        }
    }
}
