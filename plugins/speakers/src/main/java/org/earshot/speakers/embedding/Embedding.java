package org.earshot.speakers.embedding;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.earshot.display.Colormap;
import org.earshot.display.Displayable;
import org.earshot.display.Html;
import org.earshot.display.MimeBundle;

/**
 * A speaker embedding: a fixed-length vector standing for a voice's timbre, scaled to unit length (§21.4, lesson
 * {@code 21.4-speakers}). Two clips of one speaker should land close together, clips of different speakers far
 * apart; "close" is the cosine of the angle between the vectors,
 *
 * <pre>cos(a, b) = a·b / (‖a‖ ‖b‖)      in [−1, 1]</pre>
 *
 * which ignores their lengths, so a louder clip (a longer vector, for many embeddings) is the same voice. Because
 * an {@code Embedding} is stored unit-norm ({@code ‖e‖ = 1}), {@link #cosine(Embedding)} is a dot product; the
 * cosine distance used for clustering is {@code 1 − cos}.
 *
 * <p>Worked example (the chapter's vectors): enrolled [0.9, 0.1, 0.4], same user [0.8, 0.2, 0.5]: cos = 0.94 /
 * (0.990 · 0.964) = 0.98, above a threshold of 0.7, accepted; an impostor [0.1, 0.9, 0.2]: cos = 0.26 / (0.990 ·
 * 0.927) = 0.28, rejected. (The chapter prints 0.97 and 0.45; the formula gives 0.98 and 0.28 for these vectors.
 * The decisions are the same.)
 *
 * <p>Immutable: the vector is copied in and out. Shown in a notebook as its dimension and a colour strip of its
 * values (viridis, −max|e| … +max|e|).
 */
public final class Embedding implements Displayable {

    private final double[] values;

    private Embedding(double[] unit) {
        this.values = unit;
    }

    /**
     * @param vector any non-zero, finite vector (copied), e.g. a network's pooled output or a window's feature
     *               statistics
     * @return it divided by its Euclidean norm
     * @throws IllegalArgumentException for an empty, all-zero or non-finite vector (it has no direction)
     */
    public static Embedding of(double[] vector) {
        double norm = norm(vector, "an embedding");
        double[] unit = new double[vector.length];
        for (int i = 0; i < unit.length; i++) {
            unit[i] = vector[i] / norm;
        }
        return new Embedding(unit);
    }

    /**
     * The cosine similarity of two raw vectors, {@code a·b / (‖a‖ ‖b‖)}: the chapter's
     * {@code cosineSimilarity([0.9, 0.1, 0.4], [0.8, 0.2, 0.5]) = 0.9846}.
     *
     * @param a a non-zero, finite vector
     * @param b another, of the same length
     * @return the cosine of the angle between them, in [−1, 1]
     */
    public static double cosineSimilarity(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length
                    + " values: cosine similarity needs equal lengths");
        }
        double na = norm(a, "the first vector");
        double nb = norm(b, "the second vector");
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return Math.max(-1, Math.min(1, dot / (na * nb)));
    }

    /**
     * The enrolment of a speaker from several clips: the mean of their embeddings, unit-normed again (averaging
     * unit vectors shortens the mean; renormalising keeps cosine scores comparable).
     *
     * @param clips at least one embedding, all of one dimension
     * @return the normalised mean
     */
    public static Embedding mean(List<Embedding> clips) {
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("the mean of no embeddings: enrol with at least one clip");
        }
        int d = clips.get(0).dimension();
        double[] sum = new double[d];
        for (Embedding e : clips) {
            e.requireDimension(d);
            for (int i = 0; i < d; i++) {
                sum[i] += e.values[i];
            }
        }
        return of(sum);
    }

    /** @return the number of values */
    public int dimension() {
        return values.length;
    }

    /** @return the unit-norm vector (a copy); shape {@code [dimension]} */
    public double[] values() {
        return values.clone();
    }

    /**
     * @param other an embedding of the same dimension
     * @return {@code cos(this, other) = this·other}, in [−1, 1]
     */
    public double cosine(Embedding other) {
        other.requireDimension(values.length);
        double dot = 0;
        for (int i = 0; i < values.length; i++) {
            dot += values[i] * other.values[i];
        }
        return Math.max(-1, Math.min(1, dot));
    }

    /** @return {@code 1 − cos(this, other)}, in [0, 2]: the distance agglomerative clustering merges by */
    public double cosineDistance(Embedding other) {
        return 1 - cosine(other);
    }

    private void requireDimension(int d) {
        if (values.length != d) {
            throw new IllegalArgumentException("embeddings of " + values.length + " and " + d
                    + " dimensions cannot be compared: use one embedding model for both");
        }
    }

    private static double norm(double[] v, String what) {
        if (v.length == 0) {
            throw new IllegalArgumentException(what + " has no values");
        }
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(what + " holds " + v[i] + " at index " + i + ": values must be finite");
            }
            s += v[i] * v[i];
        }
        if (s == 0) {
            throw new IllegalArgumentException(what + " is all zeros: it has no direction, so no cosine");
        }
        return Math.sqrt(s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Embedding e && Arrays.equals(values, e.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Embedding[").append(values.length).append(" dims: ");
        int shown = Math.min(values.length, 8);
        for (int i = 0; i < shown; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", values[i]));
        }
        return b.append(values.length > shown ? ", …]" : "]").toString();
    }

    @Override
    public MimeBundle toMimeBundle() {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        int cellPx = Math.max(2, Math.min(24, 480 / values.length));
        StringBuilder html = new StringBuilder("<div class=\"earshot-embedding\" style=\"font:12px monospace\">")
                .append(Html.escape(String.format(Locale.ROOT, "Embedding, %d dimensions, unit norm", values.length)))
                .append("<div style=\"display:flex;margin-top:2px\">");
        for (int i = 0; i < values.length; i++) {
            int rgb = Colormap.VIRIDIS.rgb((values[i] / max + 1) / 2);
            html.append(String.format(Locale.ROOT,
                    "<span title=\"e[%d] = %.4f\" style=\"width:%dpx;height:18px;background:#%06x\"></span>", i,
                    values[i], cellPx, rgb & 0xffffff));
        }
        html.append("</div>").append(Html.escape(String.format(Locale.ROOT, "colour: −%.3f (purple) … +%.3f (yellow)",
                max, max))).append("</div>");
        return MimeBundle.text(toString()).html(html.toString()).build();
    }
}
