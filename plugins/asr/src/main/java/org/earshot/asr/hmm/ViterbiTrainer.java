package org.earshot.asr.hmm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.earshot.models.Gmm;

/**
 * Trains {@link AcousticModel}s by Viterbi training (segmental k-means, §21.2): a flat start spreads each
 * utterance's frames evenly over the states of its transcript; then, repeatedly, every utterance is force-aligned
 * to its state sequence (the best path that visits each state in order) and each state's mixture is re-estimated
 * from the frames aligned to it (a few EM steps), its self-loop probability from how long it was occupied.
 * Mixtures grow by splitting every Gaussian in two ({@code μ ± 0.2σ}) between rounds.
 */
public final class ViterbiTrainer {

    /** One training utterance: its features and its words. */
    public record Example(double[][] features, List<String> words) {
    }

    private ViterbiTrainer() {
    }

    /**
     * @param examples      training utterances
     * @param lexicon       pronunciations
     * @param mixtureSizes  Gaussians per state in successive rounds, e.g. {@code 1, 2, 4}
     * @param alignPasses   forced-alignment passes per round
     * @return the model
     */
    public static AcousticModel train(List<Example> examples, Lexicon lexicon, int[] mixtureSizes, int alignPasses) {
        List<String> phones = new ArrayList<>();
        phones.add(AcousticModel.SIL);
        phones.addAll(lexicon.phoneSet());
        int states = phones.size() * AcousticModel.STATES;
        int dim = examples.get(0).features()[0].length;
        double[] floor = varianceFloor(examples, dim);
        // unit Gaussians: only to map words to states until the flat start has estimated real ones
        List<Gmm> unit = new ArrayList<>();
        for (int s = 0; s < states; s++) {
            unit.add(new Gmm(new double[] {1}, new double[][] {new double[dim]}, new double[][] {filled(dim, 1)}));
        }
        double[] loops = new double[states];
        Arrays.fill(loops, Math.log(0.6));
        AcousticModel model = new AcousticModel(phones, unit, loops);
        List<int[]> sequences = examples.stream().map(e -> model.statesOf(e.words(), lexicon)).toList();
        // flat start: frames spread evenly over each utterance's states
        List<int[]> alignments = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            alignments.add(uniform(examples.get(i).features().length, sequences.get(i)));
        }
        AcousticModel current = estimate(model, examples, alignments, 1, floor, null);
        for (int round = 0; round < mixtureSizes.length; round++) {
            for (int pass = 0; pass < alignPasses; pass++) {
                AcousticModel m = current;
                List<int[]> aligned = IntStream.range(0, examples.size()).parallel()
                        .mapToObj(i -> align(m, examples.get(i).features(), sequences.get(i))).toList();
                current = estimate(current, examples, aligned, mixtureSizes[round], floor, current);
            }
        }
        return current;
    }

    /** Frame t → state index of the sequence, evenly. */
    static int[] uniform(int frames, int[] sequence) {
        int[] path = new int[frames];
        for (int t = 0; t < frames; t++) {
            path[t] = sequence[(int) ((long) t * sequence.length / frames)];
        }
        return path;
    }

    /**
     * Forced alignment: the best path through {@code sequence} (start in its first state, end in its last, each
     * frame stay or step to the next).
     *
     * @return the global state of every frame (the uniform split when the utterance is too short for its states)
     */
    public static int[] align(AcousticModel model, double[][] features, int[] sequence) {
        return forced(model, features, sequence).path();
    }

    /**
     * @return the log-likelihood of the best path through {@code sequence} (transitions and emissions), divided by
     *         the number of frames; {@code -∞} when the utterance is too short for its states
     */
    public static double alignmentScorePerFrame(AcousticModel model, double[][] features, int[] sequence) {
        return forced(model, features, sequence).logLikelihood() / features.length;
    }

    private record Forced(int[] path, double logLikelihood) {
    }

    private static Forced forced(AcousticModel model, double[][] features, int[] sequence) {
        int frames = features.length;
        int n = sequence.length;
        if (frames < n) {
            return new Forced(uniform(frames, sequence), Double.NEGATIVE_INFINITY);
        }
        double[][] score = new double[frames][n];
        boolean[][] stepped = new boolean[frames][n];
        for (double[] row : score) {
            Arrays.fill(row, Double.NEGATIVE_INFINITY);
        }
        // the transition weights of each position, once (not per frame)
        double[] stayWeight = new double[n];
        double[] stepWeight = new double[n];
        Gmm[] emission = new Gmm[n];
        for (int j = 0; j < n; j++) {
            stayWeight[j] = model.logSelfLoop()[sequence[j]];
            stepWeight[j] = j > 0 ? model.logNext(sequence[j - 1]) : Double.NEGATIVE_INFINITY;
            emission[j] = model.emissions().get(sequence[j]);
        }
        score[0][0] = emission[0].logLikelihood(features[0]);
        for (int t = 1; t < frames; t++) {
            int lo = Math.max(0, n - (frames - t));
            int hi = Math.min(n - 1, t);
            for (int j = lo; j <= hi; j++) {
                double stay = score[t - 1][j] + stayWeight[j];
                double step = j > 0 ? score[t - 1][j - 1] + stepWeight[j] : Double.NEGATIVE_INFINITY;
                stepped[t][j] = step > stay;
                double best = Math.max(stay, step);
                if (best > Double.NEGATIVE_INFINITY) {
                    score[t][j] = best + emission[j].logLikelihood(features[t]);
                }
            }
        }
        int[] path = new int[frames];
        int j = n - 1;
        for (int t = frames - 1; t >= 0; t--) {
            path[t] = sequence[j];
            if (t > 0 && stepped[t][j]) {
                j--;
            }
        }
        return new Forced(path, score[frames - 1][n - 1]);
    }

    private static AcousticModel estimate(AcousticModel model, List<Example> examples, List<int[]> alignments,
                                          int components, double[] floor, AcousticModel previous) {
        int states = model.emissions().size();
        List<List<double[]>> frames = new ArrayList<>();
        for (int s = 0; s < states; s++) {
            frames.add(new ArrayList<>());
        }
        long[] occupancy = new long[states];
        long[] visits = new long[states];
        for (int i = 0; i < examples.size(); i++) {
            int[] path = alignments.get(i);
            double[][] f = examples.get(i).features();
            for (int t = 0; t < path.length; t++) {
                frames.get(path[t]).add(f[t]);
                occupancy[path[t]]++;
                if (t == 0 || path[t] != path[t - 1]) {
                    visits[path[t]]++;
                }
            }
        }
        List<Gmm> gmms = new ArrayList<>();
        double[] loops = new double[states];
        for (int s = 0; s < states; s++) {
            double[][] data = frames.get(s).toArray(new double[0][]);
            Gmm prior = previous != null ? previous.emissions().get(s) : null;
            gmms.add(fit(data, components, floor, prior));
            double selfLoop = occupancy[s] == 0 ? 0.6 : (double) (occupancy[s] - visits[s]) / occupancy[s];
            loops[s] = Math.log(Math.min(0.95, Math.max(0.05, selfLoop)));
        }
        return new AcousticModel(model.phones(), gmms, loops);
    }

    /** A state's mixture from its frames: start from the previous one (split to more components if asked), then EM. */
    static Gmm fit(double[][] data, int components, double[] floor, Gmm prior) {
        int dim = floor.length;
        if (data.length < 2 * dim) {
            return prior != null ? prior : new Gmm(new double[] {1}, new double[][] {new double[dim]}, new double[][] {floor.clone()});
        }
        Gmm g = prior != null ? prior : Gmm.singleGaussian(data);
        while (g.componentCount() < components && data.length >= 8 * dim * g.componentCount()) {
            g = g.split();
        }
        Gmm trained = g.em(data, 4, 1e-6);
        return trained.withVarianceFloor(floor);
    }

    /** 1% of each feature's variance over all training frames. */
    private static double[] varianceFloor(List<Example> examples, int dim) {
        double[] mean = new double[dim];
        double[] sq = new double[dim];
        long n = 0;
        for (Example e : examples) {
            for (double[] x : e.features()) {
                for (int d = 0; d < dim; d++) {
                    mean[d] += x[d];
                    sq[d] += x[d] * x[d];
                }
                n++;
            }
        }
        double[] floor = new double[dim];
        for (int d = 0; d < dim; d++) {
            double m = mean[d] / n;
            floor[d] = Math.max(1e-6, 0.01 * (sq[d] / n - m * m));
        }
        return floor;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
