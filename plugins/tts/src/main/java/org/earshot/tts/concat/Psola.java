package org.earshot.tts.concat;

import java.util.Arrays;

/**
 * Time-domain pitch-synchronous overlap-add (TD-PSOLA; Moulines &amp; Charpentier 1990): how a concatenative
 * synthesiser changes the duration and pitch of recorded units without a vocoder (§21.3). The recording is cut
 * into grains, one per pitch mark (a glottal pulse in voiced speech, every few ms in unvoiced), each a Hann window
 * two local periods wide centred on its mark. The output places grains at new marks:
 *
 * <pre>  t_s ← t_s + P(t_a) / β   (β the pitch factor, voiced grains only; unvoiced keep their spacing)
 *  t_a = t_s / α             (α the duration factor: the analysis time each synthesis mark copies)</pre>
 *
 * <p>and adds up the grain of the analysis mark nearest {@code t_a} at each {@code t_s}. Closer marks raise the
 * pitch, a grain used twice lengthens the sound; because each grain keeps its own shape, the spectral envelope
 * (the formants) stays. The sum of the windows is divided out, so the loudness does not follow the pitch. At a
 * join between two units the grains of both overlap, which smooths the seam.
 */
public final class Psola {

    private Psola() {
    }

    /**
     * @param x           the recording
     * @param marks       its pitch marks, sample indices, increasing, at least one
     * @param voiced      whether each mark is a glottal pulse (the pitch factor applies) or not
     * @param duration    α, the output lasts α times as long (&gt; 0)
     * @param pitchFactor β, voiced F0 multiplied by this (&gt; 0)
     * @return the modified sound
     * @throws IllegalArgumentException for no marks, marks out of order or out of the recording, or factors that
     *                                  are not positive
     */
    public static double[] modify(double[] x, int[] marks, boolean[] voiced, double duration, double pitchFactor) {
        return modify(java.util.List.of(new Piece(x, 0, x.length, new Marks(marks, voiced))), duration,
                t -> Double.NaN, pitchFactor);
    }

    /**
     * PSOLA over pieces said one after another (a concatenative synthesiser's units): each piece's core is said
     * for α times its length; a grain is always cut from its own piece (whose samples may run past the core on
     * either side, so that grains near a join are whole), and grains of neighbouring pieces overlap at the join.
     *
     * @param pieces      the units in order
     * @param duration    α (&gt; 0)
     * @param targetF0Hz  the F0 wanted at each output time in seconds from the start, or NaN (or anything not above
     *                    0) to keep the unit's own
     * @param pitchFactor β, applied on top (&gt; 0)
     * @return the sound
     */
    public static double[] modify(java.util.List<Piece> pieces, double duration,
                                  java.util.function.DoubleUnaryOperator targetF0Hz, double pitchFactor) {
        if (!(duration > 0) || !(pitchFactor > 0) || Double.isInfinite(duration) || Double.isInfinite(pitchFactor)) {
            throw new IllegalArgumentException("duration " + duration + ", pitch factor " + pitchFactor
                    + ": want both > 0");
        }
        if (pieces.isEmpty()) {
            throw new IllegalArgumentException("nothing to say: no pieces");
        }
        double total = 0;
        for (Piece p : pieces) {
            total += (p.coreEnd() - p.coreStart()) * duration;
        }
        int length = (int) Math.round(total);
        double[] out = new double[length];
        double[] weight = new double[length];
        double cursor = 0;
        double ts = -1;
        for (Piece p : pieces) {
            int[] marks = p.marks().samples;
            boolean[] voiced = p.marks().voiced;
            double span = (p.coreEnd() - p.coreStart()) * duration;
            if (ts < cursor || ts >= cursor + span) { // a piece shorter than the last step still gets a grain
                ts = Math.max(cursor, Math.min(cursor + span - 1, cursor + (marks[0] - p.coreStart()) * duration));
            }
            int k = 0;
            while (ts < cursor + span && ts < length) {
                double ta = p.coreStart() + (ts - cursor) / duration;
                while (k + 1 < marks.length && Math.abs(marks[k + 1] - ta) <= Math.abs(marks[k] - ta)) {
                    k++;
                }
                int period = period(marks, k);
                addGrain(p.samples(), marks[k], period, out, weight, (int) Math.round(ts));
                double step = period;
                if (voiced[k]) {
                    double target = targetF0Hz.applyAsDouble(ts / p.sampleRate());
                    boolean own = !(target > 0) || Double.isInfinite(target); // NaN, 0 or nonsense: the unit's own
                    step = (own ? period : p.sampleRate() / target) / pitchFactor;
                }
                ts += Math.max(1, step);
            }
            cursor += span;
        }
        for (int i = 0; i < length; i++) {
            if (weight[i] > 1e-3) {
                out[i] /= Math.max(weight[i], 0.5); // a lone grain's edge is not blown up
            }
        }
        return out;
    }

    /**
     * A unit to be said: its samples, the core that is said (the rest is context for whole grains) and its pitch
     * marks, all inside the core.
     *
     * @param samples    the unit's samples with context on either side
     * @param coreStart  the first sample said
     * @param coreEnd    one past the last
     * @param marks      pitch marks inside {@code [coreStart, coreEnd)}, at least one
     * @param sampleRate the samples' rate (the target F0's clock)
     */
    public record Piece(double[] samples, int coreStart, int coreEnd, Marks marks, int sampleRate) {
        public Piece(double[] samples, int coreStart, int coreEnd, Marks marks) {
            this(samples, coreStart, coreEnd, marks, 16000);
        }

        public Piece {
            if (coreStart < 0 || coreEnd > samples.length || coreEnd <= coreStart) {
                throw new IllegalArgumentException("core " + coreStart + "–" + coreEnd + " of " + samples.length
                        + " samples: want a non-empty range inside them");
            }
            int[] m = marks.samples;
            if (m.length == 0) {
                throw new IllegalArgumentException("a piece needs at least one pitch mark");
            }
            for (int i = 0; i < m.length; i++) {
                if (m[i] < coreStart || m[i] >= coreEnd || i > 0 && m[i] <= m[i - 1]) {
                    throw new IllegalArgumentException("pitch mark " + i + " at sample " + m[i] + ": want increasing"
                            + " marks inside the core " + coreStart + "–" + coreEnd);
                }
            }
            if (sampleRate <= 0) {
                throw new IllegalArgumentException("sample rate " + sampleRate);
            }
        }
    }

    /** The spacing of a lone mark's grain: 5 ms at 16 kHz. */
    static final int LONE_PERIOD = 80;

    /** @return the local period at mark k: the mean distance to its neighbours */
    static int period(int[] marks, int k) {
        if (marks.length == 1) {
            return LONE_PERIOD;
        }
        if (k == 0) {
            return marks[1] - marks[0];
        }
        if (k == marks.length - 1) {
            return marks[k] - marks[k - 1];
        }
        return Math.max(1, (marks[k + 1] - marks[k - 1]) / 2);
    }

    private static void addGrain(double[] x, int centre, int period, double[] out, double[] weight, int at) {
        for (int j = -period; j <= period; j++) {
            int src = centre + j;
            int dst = at + j;
            if (src < 0 || src >= x.length || dst < 0 || dst >= out.length) {
                continue;
            }
            double w = 0.5 + 0.5 * Math.cos(Math.PI * j / period);
            out[dst] += w * x[src];
            weight[dst] += w;
        }
    }

    /**
     * Pitch marks of a recording: in voiced frames, one per period, each at the largest sample within a fifth of
     * a period of where the period before says it should be (the pulse of a male voice is its biggest peak); in
     * unvoiced frames, one every {@code unvoicedSeconds}.
     *
     * @param x               the recording
     * @param sampleRate      its rate
     * @param f0Hz            F0 every {@code hopSeconds} (0: unvoiced), frame i centred at i · hop
     * @param hopSeconds      the F0 frames' hop
     * @param unvoicedSeconds the marks' spacing where there is no pitch
     * @return the marks and whether each is voiced
     */
    public static Marks marks(double[] x, int sampleRate, double[] f0Hz, double hopSeconds, double unvoicedSeconds) {
        if (sampleRate <= 0 || !(hopSeconds > 0) || !(unvoicedSeconds > 0) || f0Hz.length == 0) {
            throw new IllegalArgumentException("sample rate " + sampleRate + ", hop " + hopSeconds + " s, unvoiced"
                    + " spacing " + unvoicedSeconds + " s, " + f0Hz.length + " F0 frames: want all > 0");
        }
        int[] at = new int[x.length / 20 + 2];
        boolean[] voiced = new boolean[at.length];
        int n = 0;
        int unvoicedStep = Math.max(1, (int) Math.round(unvoicedSeconds * sampleRate));
        int t = 0;
        while (t < x.length) {
            int frame = (int) Math.min(f0Hz.length - 1, Math.round(t / (hopSeconds * sampleRate)));
            double f0 = f0Hz[frame];
            int next;
            boolean v = f0 > 0 && f0 < sampleRate / 2.0; // above Nyquist is no pitch
            if (v) {
                int period = Math.max(2, (int) Math.round(sampleRate / f0));
                int lo = Math.max(0, t - period / 5);
                int hi = Math.min(x.length - 1, t + period / 5);
                int best = lo;
                for (int i = lo; i <= hi; i++) {
                    if (x[i] > x[best]) {
                        best = i;
                    }
                }
                int mark = n > 0 && best <= at[n - 1] ? t : best;
                at[n] = mark;
                voiced[n++] = true;
                next = mark + period;
            } else {
                at[n] = t;
                voiced[n++] = false;
                next = t + unvoicedStep;
            }
            if (n == at.length) {
                at = Arrays.copyOf(at, 2 * n);
                voiced = Arrays.copyOf(voiced, 2 * n);
            }
            t = next;
        }
        return new Marks(Arrays.copyOf(at, n), Arrays.copyOf(voiced, n));
    }

    /**
     * Pitch marks.
     *
     * @param samples sample indices, increasing
     * @param voiced  whether each is a glottal pulse
     */
    public record Marks(int[] samples, boolean[] voiced) {
        public Marks {
            if (samples.length != voiced.length) {
                throw new IllegalArgumentException(samples.length + " marks, " + voiced.length + " voicing flags");
            }
            samples = samples.clone();
            voiced = voiced.clone();
        }

        @Override
        public int[] samples() {
            return samples.clone();
        }

        @Override
        public boolean[] voiced() {
            return voiced.clone();
        }

        /** @return how many marks */
        public int count() {
            return samples.length;
        }

        /**
         * @param from  the first sample kept
         * @param to    one past the last
         * @param shift subtracted from each kept mark (where the kept stretch starts in a cut-out copy; 0 for none)
         * @return the marks in {@code [from, to)}, in their order, with their voicing
         */
        public Marks within(int from, int to, int shift) {
            int n = 0;
            for (int m : samples) {
                n += m >= from && m < to ? 1 : 0;
            }
            int[] at = new int[n];
            boolean[] v = new boolean[n];
            for (int i = 0, k = 0; i < samples.length; i++) {
                if (samples[i] >= from && samples[i] < to) {
                    at[k] = samples[i] - shift;
                    v[k++] = voiced[i];
                }
            }
            return new Marks(at, v);
        }
    }
}
