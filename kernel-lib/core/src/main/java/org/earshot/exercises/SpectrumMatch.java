package org.earshot.exercises;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.earshot.audio.Audio;
import org.earshot.display.AudioView;
import org.earshot.display.Html;
import org.earshot.display.LinePlot;
import org.earshot.features.RealFft;
import org.earshot.features.Window;

/**
 * Judges an answer that is a <b>sound</b> by its spectrum, with a stated tolerance: two sounds that look different
 * sample by sample (a sine against a cosine, a different phase) but sound alike pass, and a wrong frequency or level
 * fails with the reason in decibels and, beside it, both spectra and a player for each.
 *
 * <p>The spectrum of a whole sound: its samples (channel mix) times a periodic Hann window of its length, zero-padded
 * to {@code N} = the next power of two ≥ max(length, 256), power {@code |X[k]|²} at {@code k·fs/N} Hz; in dB,
 * {@code 10·log10(P)}, with both spectra floored at the reference's peak minus {@link Builder#dynamicRangeDb}. The
 * <b>log-spectral distance</b> is the RMS difference of the two floored dB spectra over the K bins where either is
 * above the floor (so a tone's few bins are not drowned by thousands of silent ones):
 * <pre>  LSD = sqrt( (1/K) Σ_k (L_ref[k] − L_answer[k])² )   dB</pre>
 * A <b>band</b> is named, e.g. "pitch, 150–250 Hz": its energy {@code 10·log10 Σ_{k in band} P[k]} must be within
 * {@link Builder#bandToleranceDb} of the reference's. The answer must also have the reference's sample rate and
 * length, which the exercise's text states.
 *
 * <pre>{@code
 * Comparison c = SpectrumMatch.builder().maxDistanceDb(3).band("the alias, 950–1050 Hz", 950, 1050).build();
 * }</pre>
 */
public final class SpectrumMatch implements Comparison {

    /** A named frequency band whose energy is compared. */
    public record Band(String name, double lowHz, double highHz) {
        public Band {
            Objects.requireNonNull(name, "a band needs a name");
            if (!(lowHz >= 0 && highHz > lowHz)) {
                throw new IllegalArgumentException("band '" + name + "' needs 0 ≤ low < high, got " + lowHz + "–"
                        + highHz + " Hz");
            }
        }
    }

    /** A sound's power spectrum, in dB per bin, with its bins' frequencies. */
    record Spectrum(double[] frequenciesHz, double[] power) {
        double bandDb(Band band) {
            double sum = 0;
            for (int k = 0; k < power.length; k++) {
                if (frequenciesHz[k] >= band.lowHz() && frequenciesHz[k] <= band.highHz()) {
                    sum += power[k];
                }
            }
            return 10 * Math.log10(Math.max(sum, 1e-20));
        }
    }

    private final double maxDistanceDb;
    private final double dynamicRangeDb;
    private final double bandToleranceDb;
    private final List<Band> bands;

    private SpectrumMatch(Builder b) {
        this.maxDistanceDb = b.maxDistanceDb;
        this.dynamicRangeDb = b.dynamicRangeDb;
        this.bandToleranceDb = b.bandToleranceDb;
        this.bands = List.copyOf(b.bands);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the largest log-spectral distance that passes, in dB */
    public double maxDistanceDb() {
        return maxDistanceDb;
    }

    /** @return the named bands whose energies are compared */
    public List<Band> bands() {
        return bands;
    }

    @Override
    public void judge(Object expected, Object got, String hint) throws CaseFailure {
        if (!(expected instanceof Audio reference)) {
            throw new IllegalArgumentException("a spectrum comparison needs a reference sound, got " + expected);
        }
        if (!(got instanceof Audio answer)) {
            throw new CaseFailure("a sound (an Audio)", AnswerCodec.describe(got), hint);
        }
        if (answer.sampleRate() != reference.sampleRate() || answer.frameCount() != reference.frameCount()) {
            throw new CaseFailure(shape(reference), shape(answer), hint.isEmpty()
                    ? "the exercise states the sample rate and length" : hint);
        }
        Spectrum want = spectrum(reference);
        Spectrum have = spectrum(answer);
        double distance = logSpectralDistanceDb(want, have, dynamicRangeDb);
        List<String> wrong = new ArrayList<>();
        if (!(distance <= maxDistanceDb)) {
            wrong.add(String.format(Locale.ROOT, "log-spectral distance %.1f dB", distance));
        }
        for (Band band : bands) {
            double e = want.bandDb(band);
            double g = have.bandDb(band);
            if (!(Math.abs(e - g) <= bandToleranceDb)) {
                wrong.add(String.format(Locale.ROOT, "%s: %.1f dB (expected %.1f)", band.name(), g, e));
            }
        }
        if (!wrong.isEmpty()) {
            throw new CaseFailure(String.format(Locale.ROOT, "a spectrum within %.1f dB of the reference%s",
                    maxDistanceDb, bands.isEmpty() ? "" : String.format(Locale.ROOT,
                            ", band energies within ±%.1f dB", bandToleranceDb)),
                    String.join("; ", wrong), hint, detailHtml(reference, answer, want, have));
        }
    }

    /**
     * @return the power spectrum of the whole sound (channel mix, periodic Hann window of its length, zero-padded to
     *         the next power of two ≥ max(length, 256))
     */
    static Spectrum spectrum(Audio audio) {
        double[] x = audio.mixdown().doubleSamples();
        int n = 256;
        while (n < x.length) {
            n *= 2;
        }
        double[] window = Window.HANN.coefficients(x.length, true);
        double[] framed = new double[n];
        for (int i = 0; i < x.length; i++) {
            framed[i] = x[i] * window[i];
        }
        RealFft fft = RealFft.of(n); // one frame of the whole sound: memory O(n), as large as the sound
        double[] re = new double[fft.binCount()];
        double[] im = new double[fft.binCount()];
        fft.forward(framed, re, im);
        double[] power = new double[fft.binCount()];
        double[] hz = new double[fft.binCount()];
        for (int k = 0; k < power.length; k++) {
            power[k] = re[k] * re[k] + im[k] * im[k];
            hz[k] = (double) k * audio.sampleRate() / n;
        }
        return new Spectrum(hz, power);
    }

    /**
     * @return the RMS difference of the two dB spectra, both floored at the reference's peak − range, over the bins
     *         where either is above that floor (0 when neither is anywhere)
     */
    static double logSpectralDistanceDb(Spectrum reference, Spectrum answer, double rangeDb) {
        double[] a = db(reference.power());
        double[] b = db(answer.power());
        double floor = java.util.Arrays.stream(a).max().orElse(0) - rangeDb;
        double sum = 0;
        int active = 0;
        for (int k = 0; k < a.length; k++) {
            if (a[k] > floor || b[k] > floor) {
                double d = Math.max(a[k], floor) - Math.max(b[k], floor);
                sum += d * d;
                active++;
            }
        }
        return active == 0 ? 0 : Math.sqrt(sum / active);
    }

    private static double[] db(double[] power) {
        double[] out = new double[power.length];
        for (int k = 0; k < power.length; k++) {
            out[k] = 10 * Math.log10(Math.max(power[k], 1e-20));
        }
        return out;
    }

    private static String shape(Audio a) {
        return String.format(Locale.ROOT, "%d samples at %d Hz (%.4f s)", a.frameCount(), a.sampleRate(),
                a.durationSeconds());
    }

    /** Both spectra on one plot (the reference's floor as the y range's bottom) and a player for each sound. */
    private String detailHtml(Audio reference, Audio answer, Spectrum want, Spectrum have) {
        double[] wantDb = db(want.power());
        double[] haveDb = db(have.power());
        double top = java.util.Arrays.stream(wantDb).max().orElse(0);
        byte[] png = LinePlot.builder().title("Spectrum: expected and yours").xAxis("Frequency (Hz)")
                .yAxis("Power (dB)").yMin(top - dynamicRangeDb).yMax(top + 10).sizePx(640, 300)
                .series("expected", want.frequenciesHz(), wantDb).series("yours", have.frequenciesHz(), haveDb)
                .build().toPng();
        return "<div class=\"earshot-spectrum-match\"><img alt=\"Spectrum: expected and yours\" src=\"data:image/png;"
                + "base64," + Base64.getEncoder().encodeToString(png) + "\"/><div style=\"display:flex;gap:2em\">"
                + AudioView.player(reference, "expected") + AudioView.player(answer, "yours") + "</div>"
                + "<div style=\"font:12px sans-serif;color:#444\">" + Html.escape(String.format(Locale.ROOT,
                "Both spectra: Hann window of the whole sound, %d-point FFT, floored %.0f dB below the expected peak.",
                2 * (want.power().length - 1), dynamicRangeDb)) + "</div></div>";
    }

    /** Builds a {@link SpectrumMatch}; every field is named. */
    public static final class Builder {
        private double maxDistanceDb = 3;
        private double dynamicRangeDb = 60;
        private double bandToleranceDb = 1;
        private final List<Band> bands = new ArrayList<>();

        private Builder() {
        }

        /** @param db the largest log-spectral distance that passes (default 3 dB) */
        public Builder maxDistanceDb(double db) {
            if (!(db > 0)) {
                throw new IllegalArgumentException("maxDistanceDb must be > 0, got " + db);
            }
            this.maxDistanceDb = db;
            return this;
        }

        /** @param db how far below the reference's peak the spectra are floored (default 60 dB) */
        public Builder dynamicRangeDb(double db) {
            if (!(db > 0)) {
                throw new IllegalArgumentException("dynamicRangeDb must be > 0, got " + db);
            }
            this.dynamicRangeDb = db;
            return this;
        }

        /** @param db how far a band's energy may be from the reference's (default ±1 dB) */
        public Builder bandToleranceDb(double db) {
            if (!(db > 0)) {
                throw new IllegalArgumentException("bandToleranceDb must be > 0, got " + db);
            }
            this.bandToleranceDb = db;
            return this;
        }

        /** Adds a named band whose energy is compared. */
        public Builder band(String name, double lowHz, double highHz) {
            bands.add(new Band(name, lowHz, highHz));
            return this;
        }

        public SpectrumMatch build() {
            return new SpectrumMatch(this);
        }
    }
}
