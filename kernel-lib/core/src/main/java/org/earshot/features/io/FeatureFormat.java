package org.earshot.features.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The files a feature matrix is written to, frames as rows: what {@code ./earshot features} writes and what a
 * notebook, pandas or numpy reads back.
 *
 * <p>Every writer takes the kit's orientation, {@code values[feature][frame]} (as {@link
 * org.earshot.audio.Spectrogram#values()} and {@link org.earshot.features.FeatureFrames#values()} hold it, shape
 * (bins, frames)), and writes the transpose, one frame after another: torchaudio's {@code features.T}, numpy's
 * {@code (frames, bins)}. Every writer refuses NaN and infinite values before it writes a byte: the kit's features
 * are finite by construction (dB is floored at {@code amin}), so a non-finite value is a bug to report, not data.
 */
public enum FeatureFormat {

    /**
     * Text: one line per frame, values separated by {@code ,}, no header, each value as
     * {@code String.format(Locale.ROOT, "%.6f", v)} (by {@link FixedPoint}, byte for byte), lines ending in
     * {@code \n}. About 10 bytes per value.
     */
    CSV("csv"),
    /** NumPy {@code .npy}, {@code '<f4'}, shape (frames, bins): 4 bytes per value, 7 significant digits. */
    NPY_FLOAT32("npy"),
    /** NumPy {@code .npy}, {@code '<f8'}, shape (frames, bins): the values exactly as computed, 8 bytes each. */
    NPY_FLOAT64("npy");

    private static final int BUFFER_BYTES = 1 << 16;

    private final String extension;

    FeatureFormat(String extension) {
        this.extension = extension;
    }

    /** @return the file name extension, without the dot: {@code csv} or {@code npy} */
    public String extension() {
        return extension;
    }

    /**
     * Writes frames as rows.
     *
     * @param byFeature the values, {@code [feature][frame]}: at least one feature, all of one length
     * @param out       where to write; flushed, not closed
     * @throws IOException              when writing fails
     * @throws IllegalArgumentException when a value is NaN or infinite (naming its frame and feature; nothing is
     *                                  written then) or the rows differ in length
     */
    public void write(double[][] byFeature, OutputStream out) throws IOException {
        requireFinite(byFeature);
        switch (this) {
            case CSV -> writeCsv(byFeature, out);
            case NPY_FLOAT32 -> Npy.writeTransposed(out, byFeature, Npy.Type.FLOAT32);
            case NPY_FLOAT64 -> Npy.writeTransposed(out, byFeature, Npy.Type.FLOAT64);
        }
        out.flush();
    }

    /**
     * Writes frames as rows to a file, all or nothing: the values go to a hidden {@code .part} file next to it,
     * which is then renamed over {@code file}, so an interrupted run never leaves a truncated file that looks
     * finished. (A {@code file} that exists and is not a regular file, such as {@code /dev/stdout}, is written
     * in place.)
     *
     * @param byFeature the values, {@code [feature][frame]}
     * @param file      the file to write or replace; its folder must exist
     * @throws IOException              when writing fails
     * @throws IllegalArgumentException as {@link #write(double[][], OutputStream)}; no file is touched then
     */
    public void write(double[][] byFeature, Path file) throws IOException {
        requireFinite(byFeature);
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            try (OutputStream out = Files.newOutputStream(file)) {
                write(byFeature, out);
            }
            return;
        }
        Path target = Files.exists(file) ? file.toRealPath() : file; // through a symbolic link, not over it
        Path part = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId() + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(part)) {
                write(byFeature, out);
            }
            try {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * @param byFeature the values, {@code [feature][frame]}
     * @throws IllegalArgumentException at the first NaN or infinite value, naming its frame and feature (both from
     *                                  0), or when there is no feature or the rows differ in length
     */
    public static void requireFinite(double[][] byFeature) {
        if (byFeature.length == 0) {
            throw new IllegalArgumentException("no features to write");
        }
        int frames = byFeature[0].length;
        for (int k = 0; k < byFeature.length; k++) {
            double[] row = byFeature[k];
            if (row.length != frames) {
                throw new IllegalArgumentException("feature " + k + " has " + row.length + " frames, feature 0 has "
                        + frames);
            }
            for (int t = 0; t < frames; t++) {
                if (!Double.isFinite(row[t])) {
                    throw new IllegalArgumentException("frame " + t + ", feature " + k + " is " + row[t]
                            + " (features are always finite: this is a bug in the feature code, please report it)");
                }
            }
        }
    }

    /** One line per frame through one 64 KiB byte buffer: no String, no char encoder per value. */
    private static void writeCsv(double[][] byFeature, OutputStream out) throws IOException {
        byte[] buf = new byte[BUFFER_BYTES];
        int limit = buf.length - FixedPoint.MAX_LENGTH - 1; // room for one more value and its ',' or '\n'
        int pos = 0;
        int frames = byFeature[0].length;
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < byFeature.length; k++) {
                if (pos > limit) {
                    out.write(buf, 0, pos);
                    pos = 0;
                }
                pos = FixedPoint.format(byFeature[k][t], buf, pos);
                buf[pos++] = (byte) (k + 1 < byFeature.length ? ',' : '\n');
            }
        }
        out.write(buf, 0, pos);
    }
}
