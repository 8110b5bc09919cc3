package org.earshot.features;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The discrete Fourier transform of real frames, planned once for one size and run on {@link #LANES} frames at a
 * time:
 *
 * <pre>X[k] = Σ_{n=0}^{N−1} x[n] · e^{−2πi·k·n/N},   k = 0 … N/2</pre>
 *
 * <p>How (for even {@code N} up to 1024 whose half factors into 2, 3 and 5 — the frame sizes speech uses:
 * 320, 400, 512, 640, 1024 …): the {@code N} real samples are read as {@code M = N/2} complex ones,
 * {@code z[m] = x[2m] + i·x[2m+1]}; a mixed-radix (4, 2, 3, 5) Stockham FFT gives {@code Z = DFT_M(z)} in
 * natural order, stage by stage with precomputed twiddles; and one pass splits it into the spectrum of the real
 * signal,
 *
 * <pre>X[k] = E[k] + e^{−2πi·k/N}·O[k],   E[k] = ½(Z[k] + Z̄[M−k]),   O[k] = −½i(Z[k] − Z̄[M−k])</pre>
 *
 * ({@code E}, {@code O}: the DFTs of the even and odd samples). A radix-{@code p} stage of a length-{@code n}
 * sub-transform takes {@code a_r = z[j + r·n/p]}, {@code r = 0 … p−1}, and writes
 * {@code DFT_p(a)[u] · e^{−2πi·u·j/n}} to position {@code p·j + u}: the DIF butterfly, which leaves the output
 * in natural order without a bit-reversal pass.
 *
 * <p>Why batches: the frames of a batch are stored interleaved, {@code value[i·LANES + lane]}, so every butterfly
 * is a loop over lanes with the same twiddle, which the JIT compiles to SIMD instructions (AVX2/AVX-512): one
 * instruction does the same butterfly for 4 or 8 frames. Other sizes (odd, or with a prime factor above 5) use
 * JTransforms frame by frame behind the same interface, so callers never choose.
 *
 * <p>The plan is immutable and shared; a {@link Batch} holds the buffers and belongs to one thread.
 * Equal to JTransforms' {@code realForward} within 1e-12 relative (tested on every supported size).
 */
public final class RealFft {

    /** Frames per batch: a multiple of the widest SIMD register (8 doubles), small enough to stay in L2. */
    public static final int LANES = 32;

    /** The largest planned size: 1024 (64 ms at 16 kHz); measured, 2048 runs no faster than JTransforms. */
    public static final int MAX_PLANNED = 1024;

    private final int n;
    private final int half;
    private final int[] radices;      // per stage, for the half-size complex FFT
    private final double[][] twiddleRe; // per stage: [j·(p−1) + (u−1)] = cos(2π·u·j/len)
    private final double[][] twiddleIm; // −sin(…)
    private final double[] splitRe;   // cos(2πk/N), k = 0 … M
    private final double[] splitIm;   // −sin(2πk/N)

    private RealFft(int n) {
        this.n = n;
        this.half = n / 2;
        this.radices = supports(n) ? factor(half) : null;
        if (radices == null) {
            twiddleRe = twiddleIm = null;
            splitRe = splitIm = null;
            return;
        }
        twiddleRe = new double[radices.length][];
        twiddleIm = new double[radices.length][];
        int len = half;
        for (int s = 0; s < radices.length; s++) {
            int p = radices[s];
            int m = len / p;
            twiddleRe[s] = new double[m * (p - 1)];
            twiddleIm[s] = new double[m * (p - 1)];
            for (int j = 0; j < m; j++) {
                for (int u = 1; u < p; u++) {
                    double angle = 2 * Math.PI * ((long) u * j % len) / len;
                    twiddleRe[s][j * (p - 1) + u - 1] = Math.cos(angle);
                    twiddleIm[s][j * (p - 1) + u - 1] = -Math.sin(angle);
                }
            }
            len = m;
        }
        splitRe = new double[half + 1];
        splitIm = new double[half + 1];
        for (int k = 0; k <= half; k++) {
            double angle = 2 * Math.PI * k / n;
            splitRe[k] = Math.cos(angle);
            splitIm[k] = -Math.sin(angle);
        }
    }

    /**
     * @param n frame length in samples (≥ 1)
     * @return the plan: the batched mixed-radix transform when {@link #supports(int) supported}, else JTransforms
     */
    public static RealFft of(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT size must be ≥ 1, got " + n);
        }
        return new RealFft(n);
    }

    /**
     * @param n frame length
     * @return true when {@code n} is even, at most {@value #MAX_PLANNED} and {@code n/2 = 2^a·3^b·5^c}: the sizes
     *         with the planned transform (above that size a batch outgrows the cache and JTransforms is as fast)
     */
    public static boolean supports(int n) {
        if (n < 2 || n % 2 != 0 || n > MAX_PLANNED) {
            return false;
        }
        int m = n / 2;
        for (int p : new int[] {2, 3, 5}) {
            while (m % p == 0) {
                m /= p;
            }
        }
        return m == 1;
    }

    /** @return {@code N}, the frame length */
    public int size() {
        return n;
    }

    /** @return {@code N/2 + 1}, the bins of one spectrum */
    public int binCount() {
        return n / 2 + 1;
    }

    /** @return true when this size runs the planned transform (else JTransforms) */
    public boolean planned() {
        return radices != null;
    }

    /** @return new buffers for {@link #LANES} frames at a time (one per thread) */
    public Batch batch() {
        return new Batch();
    }

    /**
     * One frame's spectrum, for a single use (a batch is the fast way to transform many frames).
     *
     * @param x  {@code N} samples
     * @param re receives {@code Re X[k]}, {@code k = 0 … N/2}
     * @param im receives {@code Im X[k]}
     */
    public void forward(double[] x, double[] re, double[] im) {
        if (x.length != n || re.length < binCount() || im.length < binCount()) {
            throw new IllegalArgumentException("an FFT of size " + n + " takes " + n + " samples and "
                    + binCount() + " bins, got " + x.length + ", " + re.length + ", " + im.length);
        }
        if (radices == null) { // one frame: JTransforms on a copy, never a batch of LANES frames of N samples
            double[] packed = x.clone();
            new DoubleFFT_1D(n).realForward(packed);
            for (int k = 0; k < binCount(); k++) {
                re[k] = Spectral.packedRe(packed, k, n);
                im[k] = Spectral.packedIm(packed, k, n);
            }
            return;
        }
        Batch b = batch();
        double[][] in = b.input();
        for (int i = 0; i < n; i++) {
            in[i][0] = x[i];
        }
        b.transform();
        for (int k = 0; k < binCount(); k++) {
            re[k] = b.re[k][0];
            im[k] = b.im[k][0];
        }
    }

    /** Prime factors of {@code m} as radices, fours first (fewest passes), then 2, 3, 5. */
    private static int[] factor(int m) {
        java.util.List<Integer> r = new java.util.ArrayList<>();
        while (m % 4 == 0) {
            r.add(4);
            m /= 4;
        }
        for (int p : new int[] {2, 3, 5}) {
            while (m % p == 0) {
                r.add(p);
                m /= p;
            }
        }
        return r.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The buffers of one thread's transform of {@link #LANES} frames: write the frames into {@link #input()},
     * call {@link #transform()}, read {@link #real()} and {@link #imag()}. Every array is a row per sample or bin
     * holding the {@link #LANES} frames side by side: sample {@code i} of frame {@code lane} is
     * {@code input()[i][lane]}, bin {@code k} is {@code real()[k][lane]} (rows keep each butterfly a loop over
     * lanes of one array, which the JIT vectorises). Not thread-safe; reused without allocation. The transform
     * overwrites the input.
     */
    public final class Batch {
        private final double[][] in = new double[n][LANES];
        private final double[][] re = new double[n / 2 + 1][LANES];
        private final double[][] im = new double[n / 2 + 1][LANES];
        private final double[][] ar;
        private final double[][] ai;
        private final double[][] br;
        private final double[][] bi;
        private final DoubleFFT_1D fallback;
        private final double[][] frames;

        private Batch() {
            if (radices != null) {
                // z[m] = x[2m] + i·x[2m+1]: the input's even rows are the real parts, its odd rows the imaginary
                ar = new double[half][];
                ai = new double[half][];
                for (int m = 0; m < half; m++) {
                    ar[m] = in[2 * m];
                    ai[m] = in[2 * m + 1];
                }
                br = new double[half][LANES];
                bi = new double[half][LANES];
                fallback = null;
                frames = null;
            } else {
                ar = ai = br = bi = null;
                fallback = new DoubleFFT_1D(n);
                frames = new double[LANES][n];
            }
        }

        /** @return the frames to transform, {@code [N][LANES]}: sample {@code i} of frame {@code lane} at {@code [i][lane]} */
        public double[][] input() {
            return in;
        }

        /** @return {@code Re X[k]} of each frame, {@code [N/2 + 1][LANES]}, after {@link #transform()} */
        public double[][] real() {
            return re;
        }

        /** @return {@code Im X[k]} of each frame, after {@link #transform()} */
        public double[][] imag() {
            return im;
        }

        /**
         * @param out receives {@code |X[k]|² = Re² + Im²} of each frame, {@code [N/2 + 1][LANES]}
         */
        public void power(double[][] out) {
            for (int k = 0; k < re.length; k++) {
                double[] r = re[k];
                double[] i = im[k];
                double[] o = out[k];
                for (int l = 0; l < LANES; l++) {
                    o[l] = r[l] * r[l] + i[l] * i[l];
                }
            }
        }

        /** Transforms the {@link #LANES} frames in {@link #input()} into {@link #real()} and {@link #imag()}. */
        public void transform() {
            if (radices == null) {
                transformEach();
                return;
            }
            double[][] sr = ar;
            double[][] si = ai;
            double[][] dr = br;
            double[][] di = bi;
            int len = half;
            int s = 1; // rows per butterfly input: the product of the radices done
            for (int stage = 0; stage < radices.length; stage++) {
                int p = radices[stage];
                int m = len / p;
                double[] wr = twiddleRe[stage];
                double[] wi = twiddleIm[stage];
                for (int j = 0; j < m; j++) {
                    for (int c = 0; c < s; c++) {
                        int i0 = j * s + c;
                        int o0 = p * j * s + c;
                        switch (p) {
                            case 4 -> radix4(sr, si, dr, di, i0, m * s, o0, s, wr, wi, 3 * j);
                            case 2 -> radix2(sr, si, dr, di, i0, m * s, o0, s, wr, wi, j);
                            case 3 -> radix3(sr, si, dr, di, i0, m * s, o0, s, wr, wi, 2 * j);
                            default -> radix5(sr, si, dr, di, i0, m * s, o0, s, wr, wi, 4 * j);
                        }
                    }
                }
                double[][] t = sr;
                sr = dr;
                dr = t;
                t = si;
                si = di;
                di = t;
                len = m;
                s *= p;
            }
            split(sr, si);
        }

        /** {@code X[k] = E[k] + W^k·O[k]} from {@code Z = DFT_M(z)} (see the class comment). */
        private void split(double[][] zr, double[][] zi) {
            for (int k = 0; k <= half; k++) {
                double[] ar = zr[k % half];
                double[] ai = zi[k % half];
                double[] br = zr[(half - k) % half];
                double[] bi = zi[(half - k) % half];
                double[] xr = re[k];
                double[] xi = im[k];
                double wr = splitRe[k];
                double wi = splitIm[k];
                for (int l = 0; l < LANES; l++) {
                    double er = 0.5 * (ar[l] + br[l]);
                    double ei = 0.5 * (ai[l] - bi[l]);
                    double or = 0.5 * (ai[l] + bi[l]);
                    double oi = -0.5 * (ar[l] - br[l]);
                    xr[l] = er + wr * or - wi * oi;
                    xi[l] = ei + wr * oi + wi * or;
                }
            }
        }

        /**
         * JTransforms on each lane. The lanes are gathered into whole frames row by row and scattered back bin by bin
         * (a pass over the rows, not one per lane: above 1024 a batch outgrows the cache, and a lane-by-lane copy made
         * the fallback half as fast as JTransforms alone).
         */
        private void transformEach() {
            int bins = n / 2 + 1;
            for (int i = 0; i < n; i++) {
                double[] row = in[i];
                for (int l = 0; l < LANES; l++) {
                    frames[l][i] = row[l];
                }
            }
            for (int l = 0; l < LANES; l++) {
                fallback.realForward(frames[l]);
            }
            for (int k = 0; k < bins; k++) {
                double[] reRow = re[k];
                double[] imRow = im[k];
                for (int l = 0; l < LANES; l++) {
                    reRow[l] = Spectral.packedRe(frames[l], k, n);
                    imRow[l] = Spectral.packedIm(frames[l], k, n);
                }
            }
        }
    }

    // Butterflies: one per (position j, earlier digit c). Input r is row i0 + r·q, output u goes to row o0 + u·s,
    // twiddle u is w[t + u − 1]; the loop over the lanes of those rows is what the JIT vectorises.

    private static void radix2(double[][] sr, double[][] si, double[][] dr, double[][] di, int i0, int q, int o0,
                               int s, double[] wr, double[] wi, int t) {
        double w1r = wr[t];
        double w1i = wi[t];
        double[] a0r = sr[i0];
        double[] a0i = si[i0];
        double[] a1r = sr[i0 + q];
        double[] a1i = si[i0 + q];
        double[] d0r = dr[o0];
        double[] d0i = di[o0];
        double[] d1r = dr[o0 + s];
        double[] d1i = di[o0 + s];
        for (int l = 0; l < LANES; l++) {
            d0r[l] = a0r[l] + a1r[l];
            d0i[l] = a0i[l] + a1i[l];
            double br = a0r[l] - a1r[l];
            double bi = a0i[l] - a1i[l];
            d1r[l] = br * w1r - bi * w1i;
            d1i[l] = br * w1i + bi * w1r;
        }
    }

    private static void radix4(double[][] sr, double[][] si, double[][] dr, double[][] di, int i0, int q, int o0,
                               int s, double[] wr, double[] wi, int t) {
        double w1r = wr[t];
        double w1i = wi[t];
        double w2r = wr[t + 1];
        double w2i = wi[t + 1];
        double w3r = wr[t + 2];
        double w3i = wi[t + 2];
        double[] a0r = sr[i0];
        double[] a0i = si[i0];
        double[] a1r = sr[i0 + q];
        double[] a1i = si[i0 + q];
        double[] a2r = sr[i0 + 2 * q];
        double[] a2i = si[i0 + 2 * q];
        double[] a3r = sr[i0 + 3 * q];
        double[] a3i = si[i0 + 3 * q];
        double[] d0r = dr[o0];
        double[] d0i = di[o0];
        double[] d1r = dr[o0 + s];
        double[] d1i = di[o0 + s];
        double[] d2r = dr[o0 + 2 * s];
        double[] d2i = di[o0 + 2 * s];
        double[] d3r = dr[o0 + 3 * s];
        double[] d3i = di[o0 + 3 * s];
        for (int l = 0; l < LANES; l++) {
            double t0r = a0r[l] + a2r[l];
            double t0i = a0i[l] + a2i[l];
            double t1r = a0r[l] - a2r[l];
            double t1i = a0i[l] - a2i[l];
            double t2r = a1r[l] + a3r[l];
            double t2i = a1i[l] + a3i[l];
            double t3r = a1r[l] - a3r[l];
            double t3i = a1i[l] - a3i[l];
            d0r[l] = t0r + t2r;
            d0i[l] = t0i + t2i;
            double b1r = t1r + t3i; // t1 − i·t3
            double b1i = t1i - t3r;
            d1r[l] = b1r * w1r - b1i * w1i;
            d1i[l] = b1r * w1i + b1i * w1r;
            double b2r = t0r - t2r;
            double b2i = t0i - t2i;
            d2r[l] = b2r * w2r - b2i * w2i;
            d2i[l] = b2r * w2i + b2i * w2r;
            double b3r = t1r - t3i; // t1 + i·t3
            double b3i = t1i + t3r;
            d3r[l] = b3r * w3r - b3i * w3i;
            d3i[l] = b3r * w3i + b3i * w3r;
        }
    }

    private static final double SIN_60 = Math.sqrt(3) / 2;

    private static void radix3(double[][] sr, double[][] si, double[][] dr, double[][] di, int i0, int q, int o0,
                               int s, double[] wr, double[] wi, int t) {
        double w1r = wr[t];
        double w1i = wi[t];
        double w2r = wr[t + 1];
        double w2i = wi[t + 1];
        double[] a0r = sr[i0];
        double[] a0i = si[i0];
        double[] a1r = sr[i0 + q];
        double[] a1i = si[i0 + q];
        double[] a2r = sr[i0 + 2 * q];
        double[] a2i = si[i0 + 2 * q];
        double[] d0r = dr[o0];
        double[] d0i = di[o0];
        double[] d1r = dr[o0 + s];
        double[] d1i = di[o0 + s];
        double[] d2r = dr[o0 + 2 * s];
        double[] d2i = di[o0 + 2 * s];
        for (int l = 0; l < LANES; l++) {
            double t1r = a1r[l] + a2r[l];
            double t1i = a1i[l] + a2i[l];
            double t2r = a0r[l] - 0.5 * t1r;
            double t2i = a0i[l] - 0.5 * t1i;
            double t3r = SIN_60 * (a1r[l] - a2r[l]);
            double t3i = SIN_60 * (a1i[l] - a2i[l]);
            d0r[l] = a0r[l] + t1r;
            d0i[l] = a0i[l] + t1i;
            double b1r = t2r + t3i; // t2 − i·t3
            double b1i = t2i - t3r;
            d1r[l] = b1r * w1r - b1i * w1i;
            d1i[l] = b1r * w1i + b1i * w1r;
            double b2r = t2r - t3i; // t2 + i·t3
            double b2i = t2i + t3r;
            d2r[l] = b2r * w2r - b2i * w2i;
            d2i[l] = b2r * w2i + b2i * w2r;
        }
    }

    private static final double COS_72 = Math.cos(2 * Math.PI / 5);
    private static final double COS_144 = Math.cos(4 * Math.PI / 5);
    private static final double SIN_72 = Math.sin(2 * Math.PI / 5);
    private static final double SIN_144 = Math.sin(4 * Math.PI / 5);

    private static void radix5(double[][] sr, double[][] si, double[][] dr, double[][] di, int i0, int q, int o0,
                               int s, double[] wr, double[] wi, int t) {
        double w1r = wr[t];
        double w1i = wi[t];
        double w2r = wr[t + 1];
        double w2i = wi[t + 1];
        double w3r = wr[t + 2];
        double w3i = wi[t + 2];
        double w4r = wr[t + 3];
        double w4i = wi[t + 3];
        double[] a0r = sr[i0];
        double[] a0i = si[i0];
        double[] a1r = sr[i0 + q];
        double[] a1i = si[i0 + q];
        double[] a2r = sr[i0 + 2 * q];
        double[] a2i = si[i0 + 2 * q];
        double[] a3r = sr[i0 + 3 * q];
        double[] a3i = si[i0 + 3 * q];
        double[] a4r = sr[i0 + 4 * q];
        double[] a4i = si[i0 + 4 * q];
        double[] d0r = dr[o0];
        double[] d0i = di[o0];
        double[] d1r = dr[o0 + s];
        double[] d1i = di[o0 + s];
        double[] d2r = dr[o0 + 2 * s];
        double[] d2i = di[o0 + 2 * s];
        double[] d3r = dr[o0 + 3 * s];
        double[] d3i = di[o0 + 3 * s];
        double[] d4r = dr[o0 + 4 * s];
        double[] d4i = di[o0 + 4 * s];
        for (int l = 0; l < LANES; l++) {
            double t1r = a1r[l] + a4r[l];
            double t1i = a1i[l] + a4i[l];
            double t2r = a2r[l] + a3r[l];
            double t2i = a2i[l] + a3i[l];
            double t3r = a1r[l] - a4r[l];
            double t3i = a1i[l] - a4i[l];
            double t4r = a2r[l] - a3r[l];
            double t4i = a2i[l] - a3i[l];
            d0r[l] = a0r[l] + t1r + t2r;
            d0i[l] = a0i[l] + t1i + t2i;
            double c1r = a0r[l] + COS_72 * t1r + COS_144 * t2r;
            double c1i = a0i[l] + COS_72 * t1i + COS_144 * t2i;
            double s1r = SIN_72 * t3r + SIN_144 * t4r;
            double s1i = SIN_72 * t3i + SIN_144 * t4i;
            double c2r = a0r[l] + COS_144 * t1r + COS_72 * t2r;
            double c2i = a0i[l] + COS_144 * t1i + COS_72 * t2i;
            double s2r = SIN_144 * t3r - SIN_72 * t4r;
            double s2i = SIN_144 * t3i - SIN_72 * t4i;
            double b1r = c1r + s1i; // c1 − i·s1
            double b1i = c1i - s1r;
            double b4r = c1r - s1i; // c1 + i·s1
            double b4i = c1i + s1r;
            double b2r = c2r + s2i; // c2 − i·s2
            double b2i = c2i - s2r;
            double b3r = c2r - s2i; // c2 + i·s2
            double b3i = c2i + s2r;
            d1r[l] = b1r * w1r - b1i * w1i;
            d1i[l] = b1r * w1i + b1i * w1r;
            d2r[l] = b2r * w2r - b2i * w2i;
            d2i[l] = b2r * w2i + b2i * w2r;
            d3r[l] = b3r * w3r - b3i * w3i;
            d3i[l] = b3r * w3i + b3i * w3r;
            d4r[l] = b4r * w4r - b4i * w4i;
            d4i[l] = b4r * w4i + b4i * w4r;
        }
    }
}
