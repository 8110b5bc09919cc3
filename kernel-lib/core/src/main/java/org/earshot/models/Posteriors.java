package org.earshot.models;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.earshot.display.Displayable;
import org.earshot.display.Heatmap;
import org.earshot.display.MimeBundle;

/**
 * A model's per-frame posteriors: for every frame {@code t} and class {@code k}, {@code P(k | frame t)} — a CTC
 * model's distribution over its symbols, a voice-activity detector's probability of speech — together with the time
 * axis of the frames and the name of every class, so that a plot or a word timing never has to guess either.
 *
 * <pre>{@code
 * Posteriors p = asr.model().posteriors(audio);   // ctc-small: 30 ms frames over "_ abc…z'"
 * p.times()[10];                                   // 0.30 s
 * p.labels().get(p.best()[10]);                    // the greedy path's symbol at frame 10
 * show(p);                                         // a heat map: time in seconds across, one row per symbol
 * }</pre>
 *
 * @param values {@code [frames][classes]}: in the {@code scale}'s units (natural-log probabilities or
 *               probabilities); copied in, copied out
 * @param axis   when each frame is
 * @param labels one name per class, in column order (a CTC alphabet's symbols: {@code "_"} for the blank)
 * @param scale  what the numbers are
 */
public record Posteriors(double[][] values, FrameAxis axis, List<String> labels, Scale scale) implements Displayable {

    /** What a posterior's numbers are. */
    public enum Scale {
        /** Natural-log probabilities, {@code ln P}, in {@code (−∞, 0]}: what a log-softmax layer gives. */
        LOG_PROBABILITY,
        /** Probabilities in {@code [0, 1]}. */
        PROBABILITY
    }

    public Posteriors {
        if (axis == null || scale == null) {
            throw new IllegalArgumentException("posteriors need a frame axis and a scale");
        }
        labels = List.copyOf(labels);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("posteriors need at least one class label");
        }
        double[][] copy = new double[values.length][];
        for (int t = 0; t < values.length; t++) {
            if (values[t].length != labels.size()) {
                throw new IllegalArgumentException("frame " + t + " has " + values[t].length + " values for "
                        + labels.size() + " class labels");
            }
            copy[t] = values[t].clone();
        }
        values = copy;
    }

    /** @return {@code [frames][classes]}, a copy, in the {@link #scale()}'s units */
    @Override
    public double[][] values() {
        return Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
    }

    /** @return how many frames */
    public int frames() {
        return values.length;
    }

    /** @return how many classes */
    public int classes() {
        return labels.size();
    }

    /** @return the value of one frame and class, in the {@link #scale()}'s units */
    public double value(int frame, int label) {
        return values[frame][label];
    }

    /** @return {@code [frames]}: the centre of every frame, in seconds ({@link FrameAxis#time}) */
    public double[] times() {
        return axis.times(values.length);
    }

    /**
     * A network's raw scores of one frame to log-probabilities, computed stably in double:
     * log softmax(z)ᵢ = zᵢ − (m + ln Σⱼ exp(zⱼ − m)), m = maxⱼ zⱼ.
     *
     * @param logits one frame's scores, one per class
     * @return their natural-log probabilities
     */
    public static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i] - log;
        }
        return out;
    }

    /** @return {@code [frames][classes]} natural-log probabilities ({@code ln 0 = −∞}) */
    public double[][] logProbabilities() {
        return scale == Scale.LOG_PROBABILITY ? values() : map(Math::log);
    }

    /** @return {@code [frames][classes]} probabilities */
    public double[][] probabilities() {
        return scale == Scale.PROBABILITY ? values() : map(Math::exp);
    }

    /** @return {@code [frames]}: the most probable class of every frame (the first on ties) — CTC's greedy path */
    public int[] best() {
        int[] out = new int[values.length];
        for (int t = 0; t < values.length; t++) {
            for (int k = 1; k < labels.size(); k++) {
                if (values[t][k] > values[t][out[t]]) {
                    out[t] = k;
                }
            }
        }
        return out;
    }

    /**
     * The picture of the posteriors, the one place they are drawn: frames across (time in seconds, from the
     * {@link #axis()}), one row per class from the bottom, colour the probability from 0 to 1.
     *
     * @return a heat map to title ({@code withTitle}) or draw on ({@code withPath}, {@code withSegments})
     */
    public Heatmap heatmap() {
        double[][] p = probabilities();
        double[][] rows = new double[labels.size()][Math.max(1, p.length)];
        for (double[] row : rows) {
            Arrays.fill(row, Double.NaN); // no frames: a blank picture
        }
        for (int t = 0; t < p.length; t++) {
            for (int k = 0; k < labels.size(); k++) {
                rows[k][t] = p[t][k];
            }
        }
        List<String> shown = labels.stream().map(l -> l.equals(" ") ? "␣" : l).toList();
        boolean characters = labels.stream().allMatch(l -> l.length() == 1);
        return Heatmap.builder().values(rows).title("Per-frame posteriors (" + summary() + ")")
                .xAxis(Heatmap.Axis.seconds(axis.periodSeconds()).startingAt(axis.startSeconds()))
                .yAxis(Heatmap.Axis.categories(characters ? "Symbol" : "Class", shown))
                .colorbar("Probability").colorRange(0, 1).build();
    }

    /** @return {@link #heatmap()} with the greedy path ({@link #best()}) drawn over it */
    public Heatmap heatmapWithBestPath() {
        int[] best = best();
        if (best.length == 0) {
            return heatmap();
        }
        double[] y = Arrays.stream(best).asDoubleStream().toArray();
        return heatmap().withPath(times(), y);
    }

    private String summary() {
        return String.format(Locale.ROOT, "%d frames × %d classes, %.0f ms a frame", values.length, labels.size(),
                1000 * axis.periodSeconds());
    }

    private double[][] map(java.util.function.DoubleUnaryOperator f) {
        double[][] out = new double[values.length][];
        for (int t = 0; t < values.length; t++) {
            out[t] = Arrays.stream(values[t]).map(f).toArray();
        }
        return out;
    }

    @Override
    public MimeBundle toMimeBundle() {
        String span = values.length == 0 ? "no frames" : String.format(Locale.ROOT, "%.2f–%.2f s",
                axis.frameStart(0), axis.frameEnd(values.length - 1));
        String text = "Posteriors: " + summary() + ", " + span + ", " + scale.name().toLowerCase(Locale.ROOT)
                .replace('_', ' ') + ", classes " + labels;
        return MimeBundle.text(text).png(heatmap().toPng()).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Posteriors p && Arrays.deepEquals(values, p.values) && axis.equals(p.axis)
                && labels.equals(p.labels) && scale == p.scale;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.deepHashCode(values) + axis.hashCode()) + labels.hashCode()) + scale.hashCode();
    }

    @Override
    public String toString() {
        return "Posteriors[" + summary() + ", " + scale + ", axis " + axis + ", labels " + labels + "]";
    }
}
