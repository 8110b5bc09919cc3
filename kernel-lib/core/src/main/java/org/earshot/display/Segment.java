package org.earshot.display;

/**
 * A labelled span of a plot's x axis, e.g. a phone from 0.31 s to 0.38 s: drawn over heat maps and spectrograms
 * as boundary lines with the label between them.
 *
 * @param start where it begins, in x-axis units (seconds on a spectrogram)
 * @param end   where it ends (> start)
 * @param label what it is, e.g. {@code "EH"}
 */
public record Segment(double start, double end, String label) {

    public Segment {
        if (!(end > start)) {
            throw new IllegalArgumentException("a segment needs end > start, got " + start + " … " + end);
        }
        label = label == null ? "" : label;
    }
}
