package org.earshot.speakers.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.earshot.audio.Matrices;
import org.earshot.exercises.Comparison;
import org.earshot.exercises.Exercise;
import org.earshot.metrics.DiarizationError;
import org.earshot.metrics.SpeakerSegment;
import org.earshot.metrics.Verification;
import org.earshot.speakers.diarization.AgglomerativeClustering;
import org.earshot.speakers.diarization.Clustering;
import org.earshot.speakers.embedding.Embedding;
import org.earshot.speakers.vad.EnergyVad;
import org.earshot.speakers.verification.OperatingPoint;

/**
 * The graded exercises of §21.4, each declared once, in the order of {@code solutions/21.4-speakers.ipynb}. In a
 * notebook, {@code SpeakersExercises.COSINE.check((a, b) -> cosine(a, b))} runs the visible cases; the class grader
 * runs the hidden ones too. Reference answers come from the plugin's and kernel-lib's own code: {@link Embedding},
 * {@link Verification} (scikit-learn's curve), {@link OperatingPoint}, {@link AgglomerativeClustering} (equal to
 * scikit-learn's), {@link DiarizationError} (equal to NIST md-eval) and {@link EnergyVad}.
 */
public final class SpeakersExercises {

    private static final String LESSON = "21.4-speakers";

    private SpeakersExercises() {
    }

    /** Exercise 1: the cosine similarity of two vectors. */
    @FunctionalInterface
    public interface CosineSimilarity {
        double cosine(double[] a, double[] b);
    }

    /** Exercise 2: the equal error rate of trial scores. */
    @FunctionalInterface
    public interface EqualErrorRate {
        double eer(double[] targetScores, double[] nonTargetScores);
    }

    /** Exercise 3: the lowest threshold whose false-accept rate stays within a bound. */
    @FunctionalInterface
    public interface ThresholdAtFar {
        double threshold(double[] targetScores, double[] nonTargetScores, double maxFalseAcceptRate);
    }

    /** Exercise 4: agglomerative clustering, average linkage on cosine distance, stopped by a threshold. */
    @FunctionalInterface
    public interface Agglomerate {
        int[] cluster(double[][] vectors, double distanceThreshold);
    }

    /** Exercise 5: DER with no collar, overlap scored. */
    @FunctionalInterface
    public interface Der {
        double derPercent(List<SpeakerSegment> reference, List<SpeakerSegment> hypothesis);
    }

    /** Exercise 6: energy VAD decisions with a hangover. */
    @FunctionalInterface
    public interface Hangover {
        boolean[] speech(double[] energiesDb, double thresholdDb, int hangoverFrames);
    }

    /** Two vectors. */
    public record Vectors(double[] a, double[] b) {
    }

    /** Trial scores: targets (same speaker) and non-targets (impostors). */
    public record Scores(double[] target, double[] nonTarget) {
    }

    /** Trial scores and the largest false-accept rate allowed. */
    public record FarBound(double[] target, double[] nonTarget, double maxFalseAcceptRate) {
    }

    /** Vectors {@code [n][d]} and the cosine distance at which merging stops. */
    public record Points(double[][] vectors, double distanceThreshold) {
    }

    /** A reference and a hypothesis "who spoke when". */
    public record Turns(List<SpeakerSegment> reference, List<SpeakerSegment> hypothesis) {
    }

    /** Frame levels in dB, the threshold and the hangover. */
    public record Levels(double[] energiesDb, double thresholdDb, int hangoverFrames) {
    }

    /** The chapter's enrolled embedding (declared before the exercises that use it: static fields start in order). */
    private static final double[] CHAPTER_ENROLLED = {0.9, 0.1, 0.4};

    public static final Exercise<CosineSimilarity, Vectors> COSINE = Exercise
            .builder("21.4-cosine", CosineSimilarity.class, Vectors.class)
            .lesson(LESSON).title("Cosine similarity of two embeddings").points(1).solvedBy("cosine")
            .forbids(new Class<?>[] {Embedding.class})
            .call((f, v) -> f.cosine(v.a().clone(), v.b().clone()))
            .reference(v -> Embedding.cosineSimilarity(v.a(), v.b()))
            .compare(Comparison.within(1e-9))
            .hint("cos(a, b) = a·b / (‖a‖ ‖b‖), ‖a‖ = √(Σ aᵢ²)")
            .visible("the chapter's same user: [0.9, 0.1, 0.4] vs [0.8, 0.2, 0.5]", vectors(CHAPTER_ENROLLED, 0.8, 0.2, 0.5))
            .visible("the chapter's impostor: [0.9, 0.1, 0.4] vs [0.1, 0.9, 0.2]", vectors(CHAPTER_ENROLLED, 0.1, 0.9, 0.2))
            .visible("a louder copy: [1, 2, 3] vs [2, 4, 6]", vectors(new double[] {1, 2, 3}, 2, 4, 6))
            .hidden("opposite: [1, -1] vs [-3, 3]", vectors(new double[] {1, -1}, -3, 3))
            .hidden("orthogonal: [1, 0, 0] vs [0, 5, 0]", vectors(new double[] {1, 0, 0}, 0, 5, 0))
            .hidden("two random 192-dim embeddings", new Vectors(gaussian(192, 3), gaussian(192, 4)))
            .build();

    public static final Exercise<EqualErrorRate, Scores> EER = Exercise
            .builder("21.4-eer", EqualErrorRate.class, Scores.class)
            .lesson(LESSON).title("The equal error rate of trial scores").points(3).solvedBy("eer")
            .forbids(Verification.class, OperatingPoint.class)
            .call((f, s) -> f.eer(s.target().clone(), s.nonTarget().clone()))
            .reference(s -> Verification.of(s.target(), s.nonTarget()).eer())
            .compare(Comparison.within(1e-9))
            .hint("accept when score ≥ θ; walk θ down the distinct scores from +∞ (FAR 0, FRR 1), FAR = accepted"
                    + " non-targets / N_non, FRR = rejected targets / N_target; at the first point with FRR ≤ FAR,"
                    + " interpolate linearly from the previous point to where FRR − FAR = 0 and return that FAR")
            .visible("the Javadoc's: targets {0.9, 0.8, 0.4}, non-targets {0.7, 0.3, 0.2, 0.1}",
                    new Scores(new double[] {0.9, 0.8, 0.4}, new double[] {0.7, 0.3, 0.2, 0.1}))
            .visible("perfectly separated", new Scores(new double[] {0.9, 0.8}, new double[] {0.3, 0.1}))
            .visible("a target and a non-target tied at 0.5: the crossing lies between two points",
                    new Scores(new double[] {0.9, 0.5, 0.2}, new double[] {0.5, 0.1}))
            .hidden("4 targets, 3 non-targets", new Scores(new double[] {0.9, 0.6, 0.5, 0.2}, new double[] {0.7, 0.4, 0.1}))
            .hidden("tied scores", new Scores(new double[] {0.8, 0.5, 0.5, 0.3}, new double[] {0.5, 0.5, 0.2}))
            .hidden("all swapped", new Scores(new double[] {0.1, 0.2}, new double[] {0.8, 0.9, 0.7}))
            .hidden("200 target and 800 non-target Gaussian scores", gaussianScores(200, 800, 1.5, 17))
            .build();

    public static final Exercise<ThresholdAtFar, FarBound> THRESHOLD_AT_FAR = Exercise
            .builder("21.4-threshold-at-far", ThresholdAtFar.class, FarBound.class)
            .lesson(LESSON).title("A threshold for a target false-accept rate").points(2).solvedBy("thresholdAtFar")
            .forbids(Verification.class, OperatingPoint.class)
            .call((f, b) -> f.threshold(b.target().clone(), b.nonTarget().clone(), b.maxFalseAcceptRate()))
            .reference(b -> OperatingPoint.atFalseAcceptRate(Verification.of(b.target(), b.nonTarget()),
                    b.maxFalseAcceptRate()).threshold())
            .compare(Comparison.within(1e-12))
            .hint("the candidates are +∞ and every distinct score; accept when score ≥ θ; return the smallest θ whose"
                    + " FAR (accepted non-targets / N_non) is ≤ the bound")
            .visible("FAR ≤ 0 on the Javadoc's scores", farBound(0))
            .visible("FAR ≤ 0.25 on the Javadoc's scores", farBound(0.25))
            .visible("FAR ≤ 0.5 on the Javadoc's scores", farBound(0.5))
            .hidden("FAR ≤ 0.01 on 1000 Gaussian non-targets", withBound(gaussianScores(100, 1000, 2, 23), 0.01))
            .hidden("FAR ≤ 0.1 with ties", withBound(new Scores(new double[] {0.6, 0.6, 0.4},
                    new double[] {0.6, 0.5, 0.5, 0.3, 0.3, 0.3, 0.2, 0.2, 0.1, 0.0}), 0.1))
            .hidden("FAR ≤ 1 accepts everything", farBound(1))
            .build();

    public static final Exercise<Agglomerate, Points> AGGLOMERATIVE = Exercise
            .builder("21.4-agglomerative", Agglomerate.class, Points.class)
            .lesson(LESSON).title("Agglomerative clustering with an unknown number of speakers").points(3)
            .solvedBy("agglomerate").buildsOn(COSINE)
            .forbids(AgglomerativeClustering.class, Embedding.class)
            .call((f, p) -> Clustering.firstAppearance(f.cluster(Matrices.copy(p.vectors()), p.distanceThreshold())))
            .reference(p -> AgglomerativeClustering.builder().distanceThreshold(p.distanceThreshold()).build()
                    .fit(p.vectors()).labels())
            .hint("distance = 1 − cos; merge the closest pair of clusters while their average pairwise distance is"
                    + " < the threshold; labels may be any numbers, they are compared as a partition")
            .visible("the Javadoc's four vectors, threshold 0.5", new Points(new double[][] {{1, 0}, {0.9, 0.1},
                    {0, 1}, {0.1, 0.9}}, 0.5))
            .visible("one speaker, threshold 0.5", new Points(new double[][] {{1, 0.2}, {0.9, 0.1}, {1, 0.3}}, 0.5))
            .visible("three directions in 3-D, threshold 0.3", new Points(new double[][] {{1, 0, 0}, {0, 1, 0},
                    {0.95, 0.1, 0}, {0, 0, 1}, {0.1, 0, 0.9}, {0, 0.9, 0.1}}, 0.3))
            .hidden("every vector alone, threshold 0.001", new Points(new double[][] {{1, 0}, {0.9, 0.3}, {0, 1}}, 0.001))
            .hidden("30 noisy vectors around 4 centres, threshold 0.4", blobs(30, 4, 8, 0.25, 31, 0.4))
            .build();

    public static final Exercise<Der, Turns> DER = Exercise
            .builder("21.4-der", Der.class, Turns.class)
            .lesson(LESSON).title("Diarization error rate of a tiny meeting").points(3).solvedBy("der")
            .forbids(new Class<?>[] {DiarizationError.class})
            .call((f, t) -> f.derPercent(List.copyOf(t.reference()), List.copyOf(t.hypothesis())))
            .reference(t -> DiarizationError.scoring().collarSeconds(0).build()
                    .apply(t.reference(), t.hypothesis()).derPercent())
            .compare(Comparison.within(1e-6))
            .hint("no collar; score from the first reference start to the last reference end; map hypothesis to"
                    + " reference speakers one-to-one maximising the time they speak together; in each piece with"
                    + " N_ref, N_hyp speakers and N_correct mapped matches: missed max(0, N_ref − N_hyp), false alarm"
                    + " max(0, N_hyp − N_ref), confusion min(N_ref, N_hyp) − N_correct, all over Σ N_ref")
            .visible("the Javadoc's: A 0–10, B 10–20 vs X 0–12, Y 12–20",
                    turns(List.of(seg(0, 10, "A"), seg(10, 20, "B")), List.of(seg(0, 12, "X"), seg(12, 20, "Y"))))
            .visible("missed speech and a false alarm",
                    turns(List.of(seg(0, 4, "A"), seg(6, 10, "B")), List.of(seg(0, 3, "s1"), seg(5, 10, "s2"))))
            .visible("one speaker too many in the hypothesis",
                    turns(List.of(seg(0, 6, "A"), seg(6, 12, "B")),
                            List.of(seg(0, 6, "1"), seg(6, 9, "2"), seg(9, 12, "3"))))
            .hidden("overlapping reference speakers",
                    turns(List.of(seg(0, 10, "A"), seg(5, 15, "B"), seg(16, 20, "A")),
                            List.of(seg(0, 7, "X"), seg(6, 15.5, "Y"), seg(16.5, 21, "X"))))
            .hidden("one hypothesis speaker for two reference speakers",
                    turns(List.of(seg(0, 5, "A"), seg(5, 9, "B"), seg(9, 12, "A")), List.of(seg(0.5, 12, "only"))))
            .build();

    public static final Exercise<Hangover, Levels> VAD_HANGOVER = Exercise
            .builder("21.4-vad-hangover", Hangover.class, Levels.class)
            .lesson(LESSON).title("Energy VAD with a hangover").points(2).solvedBy("vadWithHangover")
            .forbids(new Class<?>[] {EnergyVad.class})
            .call((f, l) -> ints(f.speech(l.energiesDb().clone(), l.thresholdDb(), l.hangoverFrames())))
            .reference(l -> ints(EnergyVad.speechFrames(l.energiesDb(), l.thresholdDb(), l.hangoverFrames())))
            .hint("frame t is speech when E[t] ≥ θ or E[t − k] ≥ θ for some k in 1 … H (k ≤ t): the hangover only"
                    + " extends speech forwards; speech is shown as 1")
            .visible("the Javadoc's: θ −40 dB, H 2", new Levels(new double[] {-60, -30, -55, -58, -25, -70, -70, -70},
                    -40, 2))
            .visible("no hangover", new Levels(new double[] {-60, -30, -55, -58, -25, -70}, -40, 0))
            .visible("a level exactly at the threshold", new Levels(new double[] {-41, -40, -39, -50}, -40, 1))
            .hidden("a long hangover", new Levels(new double[] {-20, -80, -80, -80, -80, -80, -30, -90}, -40, 10))
            .hidden("300 noisy frames, θ −35 dB, H 8", noisyLevels(300, 41))
            .build();

    /** The exercises, in the order of the solutions notebook. */
    public static List<Exercise<?, ?>> all() {
        return Exercise.declaredIn(SpeakersExercises.class);
    }

    private static Vectors vectors(double[] a, double... b) {
        return new Vectors(a, b);
    }

    private static double[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    private static Scores gaussianScores(int targets, int nonTargets, double separation, long seed) {
        Random r = new Random(seed);
        double[] t = new double[targets];
        double[] n = new double[nonTargets];
        for (int i = 0; i < targets; i++) {
            t[i] = separation + r.nextGaussian();
        }
        for (int i = 0; i < nonTargets; i++) {
            n[i] = r.nextGaussian();
        }
        return new Scores(t, n);
    }

    private static FarBound farBound(double far) {
        return new FarBound(new double[] {0.9, 0.8, 0.4}, new double[] {0.7, 0.3, 0.2, 0.1}, far);
    }

    private static FarBound withBound(Scores s, double far) {
        return new FarBound(s.target(), s.nonTarget(), far);
    }

    private static Points blobs(int n, int centres, int dim, double noise, long seed, double threshold) {
        Random r = new Random(seed);
        double[][] c = new double[centres][dim];
        for (double[] row : c) {
            for (int j = 0; j < dim; j++) {
                row[j] = r.nextGaussian();
            }
        }
        double[][] v = new double[n][dim];
        for (int i = 0; i < n; i++) {
            double[] centre = c[r.nextInt(centres)];
            for (int j = 0; j < dim; j++) {
                v[i][j] = centre[j] + noise * r.nextGaussian();
            }
        }
        return new Points(v, threshold);
    }

    private static Levels noisyLevels(int n, long seed) {
        Random r = new Random(seed);
        double[] db = new double[n];
        boolean talking = false;
        for (int t = 0; t < n; t++) {
            if (r.nextDouble() < 0.05) {
                talking = !talking;
            }
            db[t] = (talking ? -25 : -50) + 8 * r.nextGaussian();
        }
        return new Levels(db, -35, 8);
    }


    private static int[] ints(boolean[] flags) {
        if (flags == null) {
            return null;
        }
        int[] out = new int[flags.length];
        for (int i = 0; i < flags.length; i++) {
            out[i] = flags[i] ? 1 : 0;
        }
        return out;
    }

    private static Turns turns(List<SpeakerSegment> reference, List<SpeakerSegment> hypothesis) {
        return new Turns(List.copyOf(reference), List.copyOf(hypothesis));
    }

    private static SpeakerSegment seg(double start, double end, String speaker) {
        return new SpeakerSegment(start, end, speaker);
    }
}
