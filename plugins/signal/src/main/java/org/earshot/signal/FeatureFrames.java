package org.earshot.signal;

import java.util.Locale;

import org.earshot.display.Displayable;
import org.earshot.display.Heatmap;
import org.earshot.display.MimeBundle;

/**
 * Per-frame feature vectors that are not a spectrum — MFCCs, their deltas — {@code values[feature][frame]}, with the
 * framing they came from so their time axis is known ({@link #times()}) and their picture labelled.
 */
public final class FeatureFrames implements Displayable {

    private final double[][] values;
    private final String name;
    private final int sampleRate;
    private final int hopLength;
    private final int nFft;
    private final boolean centered;

    /**
     * @param values     {@code [feature][frame]} (copied)
     * @param name       what the features are, e.g. {@code "MFCC"}
     * @param sampleRate of the analysed sound, in Hz
     * @param hopLength  frame step, in samples
     * @param nFft       analysis frame length, in samples
     * @param centered   whether frame t is centred at {@code t·hop}
     */
    public FeatureFrames(double[][] values, String name, int sampleRate, int hopLength, int nFft, boolean centered) {
        if (values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("features need at least one row and one frame");
        }
        double[][] c = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != values[0].length) {
                throw new IllegalArgumentException("feature " + i + " has " + values[i].length + " frames, feature 0 has "
                        + values[0].length);
            }
            c[i] = values[i].clone();
        }
        this.values = c;
        this.name = name;
        this.sampleRate = sampleRate;
        this.hopLength = hopLength;
        this.nFft = nFft;
        this.centered = centered;
    }

    /** @return the same framing with other values and name */
    public FeatureFrames withValues(double[][] newValues, String newName) {
        return new FeatureFrames(newValues, newName, sampleRate, hopLength, nFft, centered);
    }

    /** @return {@code [feature][frame]}, a copy */
    public double[][] values() {
        double[][] c = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            c[i] = values[i].clone();
        }
        return c;
    }

    public double value(int feature, int frame) {
        return values[feature][frame];
    }

    public String name() {
        return name;
    }

    public int featureCount() {
        return values.length;
    }

    public int frameCount() {
        return values[0].length;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int hopLength() {
        return hopLength;
    }

    /** @return each frame's centre time, in seconds */
    public double[] times() {
        double[] t = new double[frameCount()];
        double offset = centered ? 0 : nFft / 2.0;
        for (int i = 0; i < t.length; i++) {
            t[i] = (i * (double) hopLength + offset) / sampleRate;
        }
        return t;
    }

    /** @return a heat map: time in seconds across, feature index up */
    public Heatmap heatmap() {
        double[] t = times();
        return Heatmap.of(values, t[0], (double) hopLength / sampleRate, 0, 1).withTitle(name)
                .withLabels("Time (s)", name + " index", name + " value");
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toString()).png(heatmap().toPng()).build();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s[%d × %d frames, %d Hz, hop %d]", name, featureCount(), frameCount(),
                sampleRate, hopLength);
    }
}
