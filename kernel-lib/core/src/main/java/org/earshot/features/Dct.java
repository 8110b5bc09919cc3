package org.earshot.features;

/**
 * The type-II discrete cosine transform used for MFCCs (§21.1), as {@code torchaudio.functional.create_dct}:
 *
 * <pre>C[k, n] = cos(π/N · (n + ½) · k),   n = 0 … N−1,  k = 0 … K−1</pre>
 *
 * With {@code ortho} normalisation row 0 is scaled by {@code 1/√2} and every row by {@code √(2/N)}, making the
 * square transform orthonormal; without it every entry is doubled.
 */
public final class Dct {

    /** Scaling of the DCT matrix, torchaudio's {@code create_dct(norm=…)}. */
    public enum Norm {
        /** {@code norm=None}: every entry doubled, {@code C[k, n] = 2·cos(…)}. */
        NONE,
        /** {@code norm="ortho"}: the square matrix is orthonormal (torchaudio's MFCC default). */
        ORTHO
    }

    private Dct() {
    }

    /**
     * @param nOut K, coefficients kept (≤ nIn)
     * @param nIn  N, input length (e.g. mel bands)
     * @param norm the scaling
     * @return {@code [K][N]}; coefficients are {@code c_k = Σ_n C[k, n]·x_n}
     */
    public static double[][] matrix(int nOut, int nIn, Norm norm) {
        return matrix(nOut, nIn, java.util.Objects.requireNonNull(norm, "norm") == Norm.ORTHO);
    }

    /**
     * @param nOut  K, coefficients kept (≤ nIn)
     * @param nIn   N, input length (e.g. mel bands)
     * @param ortho orthonormal scaling (torchaudio's {@code norm="ortho"}) or none
     * @return {@code [K][N]}; coefficients are {@code c_k = Σ_n C[k, n]·x_n}
     */
    public static double[][] matrix(int nOut, int nIn, boolean ortho) {
        if (nOut < 1 || nIn < 1 || nOut > nIn) {
            throw new IllegalArgumentException("need 1 ≤ n_mfcc ≤ n_mels, got n_mfcc " + nOut + ", n_mels " + nIn);
        }
        double[][] c = new double[nOut][nIn];
        for (int k = 0; k < nOut; k++) {
            double scale = ortho ? Math.sqrt(2.0 / nIn) * (k == 0 ? 1 / Math.sqrt(2) : 1) : 2.0;
            for (int n = 0; n < nIn; n++) {
                c[k][n] = scale * Math.cos(Math.PI / nIn * (n + 0.5) * k);
            }
        }
        return c;
    }

    /**
     * @param dct    {@code [K][N]} from {@link #matrix}
     * @param frames {@code [N][T]}
     * @return {@code [K][T]}
     */
    static double[][] apply(double[][] dct, double[][] frames) {
        int t = frames[0].length;
        double[][] out = new double[dct.length][t];
        for (int k = 0; k < dct.length; k++) {
            for (int n = 0; n < frames.length; n++) {
                double c = dct[k][n];
                double[] in = frames[n];
                double[] o = out[k];
                for (int j = 0; j < t; j++) {
                    o[j] += c * in[j];
                }
            }
        }
        return out;
    }
}
