package org.earshot.audio;

import java.util.stream.IntStream;

/**
 * Amplitude and power to decibels, with torchaudio's semantics (§21.1): the formulas {@link Spectrogram#toDecibels}
 * and {@code org.earshot.features.Spectral} use.
 */
public final class Decibels {

    /** torchaudio's clamp before the logarithm: 1e-10, −100 dB in power. */
    public static final double AMIN = 1e-10;

    private Decibels() {
    }

    /**
     * Amplitude or power to decibels, as {@code torchaudio.functional.amplitude_to_DB}:
     *
     * <pre>x_dB = multiplier·log10(max(x, amin)) − multiplier·dbMultiplier
     * x_dB = max(x_dB, max(x_dB) − topDb)</pre>
     *
     * <p>The {@code top_db} floor is relative to the maximum of <em>this</em> matrix: one spectrogram, one
     * cut-off. That is torchaudio's behaviour on a {@code (freq, time)} tensor and, since pytorch/audio#1113, on
     * each item of a {@code (batch, channel, freq, time)} batch; to convert a batch call this once per example.
     * (torchaudio on a 3-D {@code (channel, freq, time)} tensor takes one maximum over all channels,
     * pytorch/audio#3448; we have no such case: our spectrograms are of one channel, the mixdown.)
     *
     * @param x            {@code [rows][frames]} power ({@code multiplier} 10) or magnitude (20), ≥ 0
     * @param multiplier   10 for power, 20 for magnitude
     * @param amin         the clamp before the log (> 0; torchaudio: {@link #AMIN})
     * @param dbMultiplier {@code log10(max(amin, ref))}, the reference level (0 for {@code ref = 1})
     * @param topDb        dynamic range kept below the maximum, in dB (> 0; {@code Double.POSITIVE_INFINITY} for
     *                     none, torchaudio's {@code top_db=None})
     * @return {@code [rows][frames]} in dB, a new matrix
     * @see <a href="https://pytorch.org/audio/stable/generated/torchaudio.functional.amplitude_to_DB.html">amplitude_to_DB</a>
     */
    public static double[][] amplitudeToDb(double[][] x, double multiplier, double amin, double dbMultiplier,
                                           double topDb) {
        Matrices.requireRectangular(x, "row");
        if (!(multiplier > 0) || !(amin > 0) || !Double.isFinite(dbMultiplier)) {
            throw new IllegalArgumentException("need multiplier > 0 (10 for power, 20 for magnitude), amin > 0 and a "
                    + "finite db_multiplier, got " + multiplier + ", " + amin + ", " + dbMultiplier);
        }
        requireTopDb(topDb);
        double offset = multiplier * dbMultiplier;
        double[][] db = new double[x.length][];
        // rows in parallel: a 10-minute log-mel is millions of logarithms
        IntStream.range(0, x.length).parallel().forEach(k -> {
            double[] in = x[k];
            double[] out = new double[in.length];
            for (int t = 0; t < in.length; t++) {
                out[t] = multiplier * Math.log10(Math.max(in[t], amin)) - offset;
            }
            db[k] = out;
        });
        return floorInPlace(db, topDb);
    }

    /**
     * Power to decibels with torchaudio's {@code AmplitudeToDB(stype="power", top_db=topDb)} constants:
     * {@code max(10·log10(max(P, 1e-10)), max − topDb)}, reference 1. E.g. power 1 → 0 dB, 0.01 → −20 dB,
     * 0 → −100 dB (before the floor).
     *
     * @param power {@code [rows][frames]}, ≥ 0
     * @param topDb dynamic range kept below the maximum, in dB (> 0, e.g. 80; {@code Double.POSITIVE_INFINITY}
     *              for none)
     * @return {@code [rows][frames]} in dB
     * @see #amplitudeToDb
     */
    public static double[][] powerToDb(double[][] power, double topDb) {
        return amplitudeToDb(power, 10.0, AMIN, 0.0, topDb);
    }

    /**
     * Magnitude to decibels, {@code AmplitudeToDB(stype="magnitude")}: {@code max(20·log10(max(|X|, 1e-10)),
     * max − topDb)}. (The clamp is at 1e-10 in magnitude, −200 dB, as torchaudio: it does not square amin.)
     *
     * @param magnitude {@code [rows][frames]}, ≥ 0
     * @param topDb     as {@link #powerToDb}
     * @return {@code [rows][frames]} in dB
     */
    public static double[][] magnitudeToDb(double[][] magnitude, double topDb) {
        return amplitudeToDb(magnitude, 20.0, AMIN, 0.0, topDb);
    }

    /**
     * The {@code top_db} floor alone, for values already in dB: {@code max(x_dB, max(x_dB) − topDb)}.
     *
     * @param db    {@code [rows][frames]} in dB
     * @param topDb as {@link #powerToDb}
     * @return a new matrix
     */
    public static double[][] topDbFloor(double[][] db, double topDb) {
        Matrices.requireRectangular(db, "row");
        requireTopDb(topDb);
        return floorInPlace(Matrices.copy(db), topDb);
    }

    private static double[][] floorInPlace(double[][] db, double topDb) {
        if (topDb == Double.POSITIVE_INFINITY) {
            return db;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : db) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        double floor = max - topDb;
        for (double[] row : db) {
            for (int t = 0; t < row.length; t++) {
                row[t] = Math.max(row[t], floor);
            }
        }
        return db;
    }

    private static void requireTopDb(double topDb) {
        if (!(topDb > 0)) {
            throw new IllegalArgumentException("top_db must be > 0 dB (Double.POSITIVE_INFINITY for none), got "
                    + topDb);
        }
    }
}
