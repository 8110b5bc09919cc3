package org.earshot.features;

import java.util.Locale;

import org.earshot.audio.Framing;
import org.earshot.audio.Matrices;
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
    private final Framing framing;
    private final int firstIndex;
    private final double startSeconds;

    /**
     * @param values     {@code [feature][frame]} (copied)
     * @param name       what the features are, e.g. {@code "MFCC"}
     * @param sampleRate of the analysed sound, in Hz
     * @param hopLength  frame step, in samples
     * @param nFft       analysis frame length, in samples
     * @param centered   whether frame t is centred at {@code t·hop}
     */
    public FeatureFrames(double[][] values, String name, int sampleRate, int hopLength, int nFft, boolean centered) {
        this.values = Matrices.requireRectangular(Matrices.copy(values), "feature");
        this.name = name;
        this.framing = new Framing(sampleRate, nFft, hopLength, centered);
        this.firstIndex = 0;
        this.startSeconds = 0;
    }

    private FeatureFrames(double[][] values, String name, Framing framing, int firstIndex, double startSeconds) {
        this.values = values;
        this.name = name;
        this.framing = framing;
        this.firstIndex = firstIndex;
        this.startSeconds = startSeconds;
    }

    /**
     * @param seconds where the analysed sound began, in seconds (finite), as {@code Audio.startSeconds()}
     * @return the same features, their frame times shifted to start there
     */
    public FeatureFrames startingAt(double seconds) {
        if (!Double.isFinite(seconds)) {
            throw new IllegalArgumentException("features' start must be a finite time in seconds, got " + seconds);
        }
        return new FeatureFrames(values, name, framing, firstIndex, seconds == 0 ? 0 : seconds);
    }

    /** @return where the analysed sound began, in seconds: 0 for a whole recording */
    public double startSeconds() {
        return startSeconds;
    }

    /**
     * Some of the features, keeping their numbers: e.g. {@code mfcc.features(1, 13)} is c1…c12 without c0, whose
     * range (the frame's overall level, hundreds of dB-units) would otherwise set the colour scale of them all.
     *
     * @param fromInclusive the first feature kept (≥ 0)
     * @param toExclusive   one past the last (≤ {@link #featureCount()}, > fromInclusive)
     * @return those features, numbered as before in the picture
     */
    public FeatureFrames features(int fromInclusive, int toExclusive) {
        if (fromInclusive < 0 || toExclusive > values.length || toExclusive <= fromInclusive) {
            throw new IllegalArgumentException("features " + fromInclusive + "…" + (toExclusive - 1) + " are not within 0…"
                    + (values.length - 1) + " of " + name);
        }
        return new FeatureFrames(Matrices.copy(java.util.Arrays.copyOfRange(values, fromInclusive, toExclusive)), name,
                framing, firstIndex + fromInclusive, startSeconds);
    }

    /** @return the number of the first feature held (0 unless {@link #features(int, int)} cut some off) */
    public int firstIndex() {
        return firstIndex;
    }

    /** @return the same framing with other values and name */
    public FeatureFrames withValues(double[][] newValues, String newName) {
        return new FeatureFrames(newValues, newName, framing.sampleRate(), framing.hopLength(), framing.nFft(),
                framing.centered()).startingAt(startSeconds);
    }

    /** @return {@code [feature][frame]}, a copy */
    public double[][] values() {
        return Matrices.copy(values);
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

    /** @return how the sound was cut into frames */
    public Framing framing() {
        return framing;
    }

    /** @return each frame's centre time, in seconds: {@link Framing#frameTimes} + {@link #startSeconds()} */
    public double[] times() {
        double[] t = framing.frameTimes(frameCount());
        for (int i = 0; i < t.length; i++) {
            t[i] += startSeconds;
        }
        return t;
    }

    /** @return a heat map: time in seconds across, feature index up */
    public Heatmap heatmap() {
        double[] t = times();
        return Heatmap.builder().values(values).title(name)
                .xAxis(Heatmap.Axis.seconds(framing.frameStepSeconds()).startingAt(t[0]))
                .yAxis(Heatmap.Axis.numeric(name + " index", 1).startingAt(firstIndex)).colorbar(name + " value")
                .build();
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toString()).png(heatmap().toPng()).build();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s[%s%d × %d frames, %d Hz, hop %d]", name,
                firstIndex == 0 ? "" : "from " + firstIndex + ", ", featureCount(), frameCount(), framing.sampleRate(),
                framing.hopLength());
    }
}
