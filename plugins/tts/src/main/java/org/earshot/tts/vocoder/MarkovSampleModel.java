package org.earshot.tts.vocoder;

import java.util.Arrays;
import java.util.Random;

import org.earshot.audio.Audio;

/**
 * WaveNet's factorisation with the shortest possible memory: a sound is a sequence of μ-law classes
 * x₀ … x_{T−1}, and
 * <pre>
 *   p(x) = p(x₀) · Π_{t≥1} p(x_t | x_{t−1})          log p(x) = log p(x₀) + Σ_{t≥1} log p(x_t | x_{t−1})
 * </pre>
 * The conditional distributions are a table, {@code next[previous][class]}, fitted by counting the class pairs of a
 * recording (add-α smoothing). WaveNet keeps the same product but conditions each factor on thousands of past
 * samples through dilated causal convolutions. Either way generation is a loop: draw x_t from p(· | past), append it,
 * repeat — one step per sample, 16,000 steps a second of 16 kHz audio, which is why autoregressive vocoders are slow.
 *
 * <p>The model's fit to a recording is its cross-entropy, −log₂ p(x) / T bits per sample: the uniform model spends
 * log₂ Q (8 for Q = 256); every bit below that is structure the model has found.
 */
public final class MarkovSampleModel {

    private final MuLaw muLaw;
    private final double[] first;
    private final double[][] next;

    private MarkovSampleModel(MuLaw muLaw, double[] first, double[][] next) {
        this.muLaw = muLaw;
        this.first = first;
        this.next = next;
    }

    /**
     * @param first p(x₀), Q probabilities summing to 1
     * @param next  p(x_t | x_{t−1}) as {@code next[previous][class]}, Q rows of Q probabilities each summing to 1
     * @return the model over Q = {@code first.length} μ-law classes
     * @throws IllegalArgumentException naming the row that is no distribution
     */
    public static MarkovSampleModel of(double[] first, double[][] next) {
        int q = first.length;
        checkDistribution(first, q, "p(x0)");
        if (next.length != q) {
            throw new IllegalArgumentException("next has " + next.length + " rows, one per class is " + q);
        }
        double[][] copy = new double[q][];
        for (int i = 0; i < q; i++) {
            checkDistribution(next[i], q, "next[" + i + "]");
            copy[i] = next[i].clone();
        }
        return new MarkovSampleModel(new MuLaw(q), first.clone(), copy);
    }

    /**
     * Counts the class pairs of a recording: p(j | i) = (n(i, j) + α) / (n(i) + Qα); p(x₀) is the class frequency
     * with the same smoothing.
     *
     * @param audio     the recording (mono; samples in [−1, 1])
     * @param muLaw     the classes
     * @param smoothing α > 0, added to every count so no pair has probability 0
     * @return the fitted model
     */
    public static MarkovSampleModel fit(Audio audio, MuLaw muLaw, double smoothing) {
        return fit(java.util.List.of(audio), muLaw, smoothing);
    }

    /**
     * Counts the class pairs of several recordings (no pair across two of them), read one at a time.
     *
     * @param recordings the recordings (mono; samples in [−1, 1]); an iterable may read each when it is reached
     * @param muLaw      the classes
     * @param smoothing  α > 0
     * @return the fitted model
     */
    public static MarkovSampleModel fit(Iterable<Audio> recordings, MuLaw muLaw, double smoothing) {
        if (!(smoothing > 0)) {
            throw new IllegalArgumentException("smoothing must be > 0, got " + smoothing);
        }
        int q = muLaw.quantizationChannels();
        double[] unigram = new double[q];
        double[][] pairs = new double[q][q];
        Arrays.fill(unigram, smoothing);
        for (double[] row : pairs) {
            Arrays.fill(row, smoothing);
        }
        for (Audio audio : recordings) {
            int[] classes = muLaw.encode(audio.mixdown().samples());
            for (int t = 0; t < classes.length; t++) {
                unigram[classes[t]]++;
                if (t > 0) {
                    pairs[classes[t - 1]][classes[t]]++;
                }
            }
        }
        normalize(unigram);
        for (double[] row : pairs) {
            normalize(row);
        }
        return new MarkovSampleModel(muLaw, unigram, pairs);
    }

    /** @return the classes, Q = {@code muLaw().quantizationChannels()} */
    public MuLaw muLaw() {
        return muLaw;
    }

    /** @return p(x₀) (a copy) */
    public double[] first() {
        return first.clone();
    }

    /**
     * @param previous x_{t−1}
     * @return p(x_t | x_{t−1} = previous), Q probabilities (a copy)
     */
    public double[] next(int previous) {
        return next[checkClass(previous)].clone();
    }

    /**
     * @param classes a sequence x₀ … x_{T−1} of classes (T ≥ 1)
     * @return log p(x) in nats, log p(x₀) + Σ log p(x_t | x_{t−1})
     */
    public double logLikelihood(int[] classes) {
        if (classes.length == 0) {
            throw new IllegalArgumentException("the sequence is empty");
        }
        double sum = Math.log(first[checkClass(classes[0])]);
        for (int t = 1; t < classes.length; t++) {
            sum += Math.log(next[checkClass(classes[t - 1])][checkClass(classes[t])]);
        }
        return sum;
    }

    /**
     * @param audio a recording
     * @return its cross-entropy under the model, −log₂ p(x) / T bits per sample (log₂ Q for the uniform model)
     */
    public double bitsPerSample(Audio audio) {
        int[] classes = muLaw.encode(audio.mixdown().samples());
        return -logLikelihood(classes) / classes.length / Math.log(2);
    }

    /**
     * Generates sample by sample: x₀ from p(x₀), then each x_t from p(· | x_{t−1}), decoded from μ-law.
     *
     * @param samples    how many (≥ 1)
     * @param sampleRate the rate to label the result with
     * @param seed       the random draws' seed (same seed, same sound)
     * @return the sound
     */
    public Audio generate(int samples, int sampleRate, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be ≥ 1, got " + samples);
        }
        Random random = new Random(seed);
        float[] out = new float[samples];
        int x = draw(first, random);
        out[0] = (float) muLaw.decode(x);
        for (int t = 1; t < samples; t++) {
            x = draw(next[x], random);
            out[t] = (float) muLaw.decode(x);
        }
        return Audio.mono(out, sampleRate);
    }

    private static int draw(double[] p, Random random) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < p.length; i++) {
            cumulative += p[i];
            if (u < cumulative) {
                return i;
            }
        }
        return p.length - 1;
    }

    private int checkClass(int c) {
        if (c < 0 || c >= first.length) {
            throw new IllegalArgumentException("class " + c + " is outside 0 … " + (first.length - 1));
        }
        return c;
    }

    private static void checkDistribution(double[] p, int q, String name) {
        if (p.length != q) {
            throw new IllegalArgumentException(name + " has " + p.length + " probabilities, expected " + q);
        }
        double sum = 0;
        for (double v : p) {
            if (!(v >= 0)) {
                throw new IllegalArgumentException(name + " holds " + v + ", not a probability");
            }
            sum += v;
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException(name + " sums to " + sum + ", not 1");
        }
    }

    private static void normalize(double[] counts) {
        double sum = 0;
        for (double c : counts) {
            sum += c;
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] /= sum;
        }
    }

    @Override
    public String toString() {
        return "MarkovSampleModel[p(x_t | x_{t-1}) over " + first.length + " mu-law classes]";
    }
}
