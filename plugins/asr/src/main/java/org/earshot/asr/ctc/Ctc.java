package org.earshot.asr.ctc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Connectionist temporal classification (§21.2; Graves et al. 2006): a network emits, every frame, a distribution
 * over the labels plus a <em>blank</em>; a frame-level path maps to a label sequence by the collapse rule
 * <b>merge repeats, then drop blanks</b>. The CTC loss is {@code −ln p(target)}, summing over every path that
 * collapses to the target, computed in log space by the forward algorithm on the extended target
 * {@code l' = (_, l1, _, l2, …, _)} of length {@code S = 2L + 1}:
 *
 * <pre>α_t(s) = (α_{t−1}(s) + α_{t−1}(s−1) + [l'_s ≠ _ ∧ l'_s ≠ l'_{s−2}]·α_{t−1}(s−2)) · y_t(l'_s)
 * p = α_{T−1}(S−1) + α_{T−1}(S−2)</pre>
 *
 * and, backward, {@code β_t(s)} likewise from the end. The seed's example: {@code C C A _ T T},
 * {@code C _ A A T _} and {@code _ C A _ _ T} all collapse to CAT; a doubled letter needs a blank between
 * ({@code L _ L} → LL, but {@code L L} → L).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.functional.ctc_loss.html">torch ctc_loss</a>
 */
public final class Ctc {

    private Ctc() {
    }

    /**
     * The collapse rule: merge runs of the same class, then drop blanks.
     *
     * @param path  a class per frame
     * @param blank the blank's class
     * @return the label sequence
     */
    public static int[] collapse(int[] path, int blank) {
        List<Integer> out = new ArrayList<>();
        int previous = -1;
        for (int c : path) {
            if (c != previous && c != blank) {
                out.add(c);
            }
            previous = c;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The collapse rule on text, one character a frame: {@code collapse("CCA_TT", '_')} is {@code "CAT"}.
     *
     * @param path  one character per frame
     * @param blank the character standing for the blank
     * @return the collapsed text
     */
    public static String collapse(String path, char blank) {
        StringBuilder out = new StringBuilder();
        char previous = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if ((i == 0 || c != previous) && c != blank) {
                out.append(c);
            }
            previous = c;
        }
        return out.toString();
    }

    /**
     * Counts the frame-level paths over {@code classes} classes that collapse to {@code target}, by trying every
     * one of the {@code classes^frames} paths. Only for tiny cases; it is the check of {@link #countAlignments}.
     *
     * @throws IllegalArgumentException when there are more than 10 million paths
     */
    public static long countAlignmentsBruteForce(int[] target, int frames, int classes, int blank) {
        long[] count = {0};
        forEachAlignment(target, frames, classes, blank, path -> count[0]++);
        return count[0];
    }

    /**
     * Tries every one of the {@code classes^frames} paths and hands each that collapses to {@code target} to
     * {@code action} (the same array, refilled: read it, do not keep it).
     *
     * @throws IllegalArgumentException when there are more than 10 million paths
     */
    private static void forEachAlignment(int[] target, int frames, int classes, int blank,
                                         java.util.function.Consumer<int[]> action) {
        double total = Math.pow(classes, frames);
        if (total > 1e7) {
            throw new IllegalArgumentException(classes + "^" + frames + " paths is too many to enumerate");
        }
        int[] path = new int[frames];
        for (long code = 0; code < (long) total; code++) {
            long c = code;
            for (int t = 0; t < frames; t++) {
                path[t] = (int) (c % classes);
                c /= classes;
            }
            if (Arrays.equals(collapse(path, blank), target)) {
                action.accept(path);
            }
        }
    }

    /**
     * The probability of {@code target} as the chapter writes it, a sum over alignments of products over frames,
     *
     * <pre>P(Y | X) = Σ_{a : B(a) = Y} Π_t p_t(a_t)</pre>
     *
     * computed literally: every one of the {@code C^T} paths {@code a} is tried, collapsed ({@code B}, see
     * {@link #collapse(int[], int)}), and the product of its per-frame probabilities added when it gives the
     * target. Only for tiny cases; it is the check of the forward algorithm, whose value is
     * {@code exp(−}{@link #loss}{@code )}.
     * §21.2, lesson {@code notebooks/21.2-asr.ipynb}. Example: two frames over {@code {_, a}} with
     * {@code p(a) = 0.6, 0.3} give {@code P("a") = 0.6·0.3 + 0.6·0.7 + 0.4·0.3 = 0.72} (paths {@code aa}, {@code a_},
     * {@code _a}).
     *
     * @param logProbs natural-log probabilities {@code [T][C]}, one row per frame (each row should sum to 1 in
     *                 probability, though this is not checked)
     * @param target   label indices (none equal to {@code blank})
     * @param blank    the blank's class
     * @return {@code P(target | x)}, a probability (not a log); 0 when {@code T} is too short for the target
     * @throws IllegalArgumentException when there are no frames, or more than 10 million paths
     */
    public static double probabilityBruteForce(double[][] logProbs, int[] target, int blank) {
        int frames = logProbs.length;
        if (frames == 0) {
            throw new IllegalArgumentException("no frames");
        }
        int classes = logProbs[0].length;
        double[] sum = {0};
        forEachAlignment(target, frames, classes, blank, path -> {
            double product = 1;
            for (int t = 0; t < frames; t++) {
                product *= Math.exp(logProbs[t][path[t]]);
            }
            sum[0] += product;
        });
        return sum[0];
    }

    /**
     * Counts the paths of {@code frames} frames that collapse to {@code target}: the forward recursion with every
     * emission probability set to 1.
     *
     * @return the number of valid alignments (as a double: it grows fast)
     */
    public static double countAlignments(int[] target, int frames) {
        int[] ext = extend(target, -1);
        double[] alpha = new double[ext.length];
        alpha[0] = 1;
        if (ext.length > 1) {
            alpha[1] = 1;
        }
        for (int t = 1; t < frames; t++) {
            double[] next = new double[ext.length];
            for (int s = 0; s < ext.length; s++) {
                double a = alpha[s] + (s >= 1 ? alpha[s - 1] : 0);
                if (s >= 2 && ext[s] != -1 && ext[s] != ext[s - 2]) {
                    a += alpha[s - 2];
                }
                next[s] = a;
            }
            alpha = next;
        }
        return alpha[ext.length - 1] + (ext.length > 1 ? alpha[ext.length - 2] : 0);
    }

    /**
     * The CTC loss, as {@code torch.nn.functional.ctc_loss(log_probs, target, reduction="sum")} for one sequence.
     *
     * @param logProbs natural-log probabilities {@code [T][C]} (usually {@code log_softmax} of a network's outputs)
     * @param target   label indices (none equal to {@code blank})
     * @param blank    the blank's class
     * @return {@code −ln p(target | x)}; {@code +∞} when {@code T} is too short for the target
     */
    public static double loss(double[][] logProbs, int[] target, int blank) {
        return forwardBackward(logProbs, target, blank).negativeLogLikelihood();
    }

    /**
     * Everything the forward–backward algorithm gives, in log space.
     *
     * @param logAlpha              {@code ln α_t(s)}, {@code [T][2L+1]}
     * @param logBeta               {@code ln β_t(s)} (emission at t included), {@code [T][2L+1]}
     * @param extendedTarget        {@code l'}: blanks around and between the labels
     * @param negativeLogLikelihood {@code −ln p}
     * @param posteriors            {@code γ_t(k)}: probability that frame t emits class k, {@code [T][C]}
     */
    public record ForwardBackward(double[][] logAlpha, double[][] logBeta, int[] extendedTarget,
                                  double negativeLogLikelihood, double[][] posteriors) {

        /**
         * @return {@code ∂(−ln p)/∂ ln y_t(k) = −γ_t(k)}: the gradient with respect to the log-probabilities
         *         themselves
         */
        public double[][] gradientWrtLogProbs() {
            double[][] g = new double[posteriors.length][];
            for (int t = 0; t < g.length; t++) {
                g[t] = Arrays.stream(posteriors[t]).map(v -> -v).toArray();
            }
            return g;
        }
    }

    /**
     * The gradient of the loss with respect to the logits {@code z} when {@code logProbs = log_softmax(z)}:
     * {@code y_t(k) − γ_t(k)}, what training (and PyTorch's autograd through {@code log_softmax}) uses.
     */
    public static double[][] gradientWrtLogits(double[][] logProbs, int[] target, int blank) {
        double[][] gamma = forwardBackward(logProbs, target, blank).posteriors();
        double[][] g = new double[logProbs.length][];
        for (int t = 0; t < g.length; t++) {
            g[t] = new double[logProbs[t].length];
            for (int k = 0; k < g[t].length; k++) {
                g[t][k] = Math.exp(logProbs[t][k]) - gamma[t][k];
            }
        }
        return g;
    }

    /** Runs the forward and backward recursions; see {@link ForwardBackward}. */
    public static ForwardBackward forwardBackward(double[][] logProbs, int[] target, int blank) {
        int frames = logProbs.length;
        if (frames == 0) {
            throw new IllegalArgumentException("no frames");
        }
        int classes = logProbs[0].length;
        for (int label : target) {
            if (label == blank || label < 0 || label >= classes) {
                throw new IllegalArgumentException("target label " + label + " must be a class 0…" + (classes - 1)
                        + " other than the blank (" + blank + ")");
            }
        }
        int[] ext = extend(target, blank);
        int states = ext.length;
        double[][] alpha = new double[frames][states];
        double[][] beta = new double[frames][states];
        for (double[] row : alpha) {
            Arrays.fill(row, Double.NEGATIVE_INFINITY);
        }
        for (double[] row : beta) {
            Arrays.fill(row, Double.NEGATIVE_INFINITY);
        }
        alpha[0][0] = logProbs[0][ext[0]];
        if (states > 1) {
            alpha[0][1] = logProbs[0][ext[1]];
        }
        for (int t = 1; t < frames; t++) {
            for (int s = 0; s < states; s++) {
                double a = alpha[t - 1][s];
                if (s >= 1) {
                    a = logAdd(a, alpha[t - 1][s - 1]);
                }
                if (s >= 2 && ext[s] != blank && ext[s] != ext[s - 2]) {
                    a = logAdd(a, alpha[t - 1][s - 2]);
                }
                alpha[t][s] = a + logProbs[t][ext[s]];
            }
        }
        beta[frames - 1][states - 1] = logProbs[frames - 1][ext[states - 1]];
        if (states > 1) {
            beta[frames - 1][states - 2] = logProbs[frames - 1][ext[states - 2]];
        }
        for (int t = frames - 2; t >= 0; t--) {
            for (int s = 0; s < states; s++) {
                double b = beta[t + 1][s];
                if (s + 1 < states) {
                    b = logAdd(b, beta[t + 1][s + 1]);
                }
                if (s + 2 < states && ext[s] != blank && ext[s] != ext[s + 2]) {
                    b = logAdd(b, beta[t + 1][s + 2]);
                }
                beta[t][s] = b + logProbs[t][ext[s]];
            }
        }
        double logP = alpha[frames - 1][states - 1];
        if (states > 1) {
            logP = logAdd(logP, alpha[frames - 1][states - 2]);
        }
        double[][] gamma = new double[frames][classes];
        if (logP > Double.NEGATIVE_INFINITY) {
            for (int t = 0; t < frames; t++) {
                for (int s = 0; s < states; s++) {
                    double occupancy = alpha[t][s] + beta[t][s] - logProbs[t][ext[s]] - logP;
                    gamma[t][ext[s]] += Math.exp(occupancy);
                }
            }
        }
        return new ForwardBackward(alpha, beta, ext, -logP, gamma);
    }

    /**
     * The single most likely alignment (Viterbi: the forward recursion with max in place of sum): which state of
     * the extended target each frame is in. Its labels collapse to the target; it gives each label a time.
     *
     * @param logProbs {@code [T][C]} natural-log probabilities
     * @param target   label indices
     * @param blank    the blank's class
     * @return the state index in {@code l' = (_, l1, _, …, _)} for each frame, or an empty array when no path fits
     */
    public static int[] bestAlignment(double[][] logProbs, int[] target, int blank) {
        int[] ext = extend(target, blank);
        int frames = logProbs.length;
        int states = ext.length;
        double[][] score = new double[frames][states];
        int[][] from = new int[frames][states];
        for (double[] row : score) {
            Arrays.fill(row, Double.NEGATIVE_INFINITY);
        }
        score[0][0] = logProbs[0][ext[0]];
        if (states > 1) {
            score[0][1] = logProbs[0][ext[1]];
        }
        for (int t = 1; t < frames; t++) {
            for (int s = 0; s < states; s++) {
                int best = s;
                if (s >= 1 && score[t - 1][s - 1] > score[t - 1][best]) {
                    best = s - 1;
                }
                if (s >= 2 && ext[s] != blank && ext[s] != ext[s - 2] && score[t - 1][s - 2] > score[t - 1][best]) {
                    best = s - 2;
                }
                score[t][s] = score[t - 1][best] + logProbs[t][ext[s]];
                from[t][s] = best;
            }
        }
        int end = states - 1;
        if (states > 1 && score[frames - 1][states - 2] > score[frames - 1][end]) {
            end = states - 2;
        }
        if (score[frames - 1][end] == Double.NEGATIVE_INFINITY) {
            return new int[0];
        }
        int[] path = new int[frames];
        path[frames - 1] = end;
        for (int t = frames - 1; t > 0; t--) {
            path[t - 1] = from[t][path[t]];
        }
        return path;
    }

    /** {@code l' = (_, l1, _, l2, …, _)}. */
    static int[] extend(int[] target, int blank) {
        int[] ext = new int[2 * target.length + 1];
        Arrays.fill(ext, blank);
        for (int i = 0; i < target.length; i++) {
            ext[2 * i + 1] = target[i];
        }
        return ext;
    }

    /** {@code ln(e^a + e^b)} without overflow (the forward algorithms of CTC and of {@code Hmm} add probabilities so). */
    public static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        return Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}
