package org.earshot.speakers.vad;

import java.util.Locale;

import org.earshot.audio.Audio;

/**
 * Energy-based voice activity detection with a hangover (§21.4, lesson {@code 21.4-speakers}): the oldest VAD, still
 * the first stage of many diarizers and of the phone that notices the caller stopped talking.
 *
 * <p><b>Frame energy.</b> Frame t holds samples {@code [t·hop, t·hop + L)} of the (mono, mixed-down) sound, not
 * centred, no padding; its level is the mean square in dB relative to full scale,
 * <pre>E_t = 10·log10(max(mean(x²), 1e-10))      dBFS, floor −100 dB</pre>
 * (a full-scale square wave is 0 dBFS, a full-scale sine −3 dBFS). A sound shorter than one frame has none.
 *
 * <p><b>Decision with hangover.</b> A frame is speech when its own level reaches the threshold θ, or when one of the
 * {@code H} frames before it did:
 * <pre>speech_t = ∃ k ∈ [0, H] with t − k ≥ 0 and E_{t−k} ≥ θ</pre>
 * Speech has short quiet gaps (stop closures, the end of a word's final consonant, which fades below any threshold);
 * the hangover keeps them inside the speech region instead of chopping an utterance into pieces. It only ever extends
 * speech forwards in time, which is what a causal (streaming) detector can do.
 *
 * <p>Frame times are their centres, {@code t·hop + L/2}; a frame decides the stretch of one hop around its centre,
 * so a run of speech frames {@code t₀ … t₁} is the segment {@code [t₀·hop + (L − hop)/2, (t₁ + 1)·hop + (L − hop)/2)},
 * the first frame's stretch reaching back to the sound's start and the last frame's on to its end
 * ({@link VoiceActivity#segments()}).
 *
 * <p>Worked example: levels [−60, −30, −55, −58, −25, −70, −70, −70] dB, θ = −40 dB, H = 2: frames 1 and 4 are loud;
 * frames 2, 3 follow frame 1 within 2 and frames 5, 6 follow frame 4: speech = [0, 1, 1, 1, 1, 1, 1, 0].
 *
 * <pre>{@code
 * VoiceActivity va = EnergyVad.builder().thresholdDb(-40).hangoverMs(200).build().apply(audio);
 * }</pre>
 * Fixed thresholds fail in noise (the noise floor rises above θ); that is what trained detectors (Silero, §21.2) fix.
 */
public final class EnergyVad {

    /** −100 dB: the level of digital silence, {@code 10·log10(1e-10)}. */
    public static final double FLOOR_DB = -100;

    private final double frameMs;
    private final double hopMs;
    private final double thresholdDb;
    private final double hangoverMs;

    private EnergyVad(Builder b) {
        this.frameMs = b.frameMs;
        this.hopMs = b.hopMs;
        this.thresholdDb = b.thresholdDb;
        this.hangoverMs = b.hangoverMs;
    }

    /** @return a builder: 25 ms frames every 10 ms, threshold −40 dBFS, hangover 200 ms */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param samples     mono samples in [−1, 1]
     * @param frameLength L, samples per frame (≥ 1)
     * @param hopLength   samples between frame starts (≥ 1)
     * @return {@code [frames]} levels in dBFS, {@code frames = 1 + ⌊(n − L)/hop⌋} (0 when n &lt; L)
     */
    public static double[] frameEnergiesDb(double[] samples, int frameLength, int hopLength) {
        if (frameLength < 1 || hopLength < 1) {
            throw new IllegalArgumentException("frame_length (" + frameLength + ") and hop_length (" + hopLength
                    + ") must be ≥ 1 sample");
        }
        int frames = samples.length < frameLength ? 0 : 1 + (samples.length - frameLength) / hopLength;
        double[] db = new double[frames];
        for (int t = 0; t < frames; t++) {
            double sum = 0;
            for (int i = t * hopLength, end = i + frameLength; i < end; i++) {
                sum += samples[i] * samples[i];
            }
            db[t] = 10 * Math.log10(Math.max(sum / frameLength, 1e-10));
        }
        return db;
    }

    /**
     * @param energiesDb     {@code [frames]} frame levels, dB
     * @param thresholdDb    θ, dB: a frame at or above it is speech
     * @param hangoverFrames H ≥ 0: frames kept as speech after the last one at or above θ
     * @return {@code [frames]}: speech or not, with the hangover applied
     */
    public static boolean[] speechFrames(double[] energiesDb, double thresholdDb, int hangoverFrames) {
        if (hangoverFrames < 0) {
            throw new IllegalArgumentException("hangover (" + hangoverFrames + " frames) must be ≥ 0");
        }
        boolean[] speech = new boolean[energiesDb.length];
        int sinceLoud = Integer.MAX_VALUE;
        for (int t = 0; t < energiesDb.length; t++) {
            sinceLoud = energiesDb[t] >= thresholdDb ? 0 : sinceLoud == Integer.MAX_VALUE ? sinceLoud : sinceLoud + 1;
            speech[t] = sinceLoud <= hangoverFrames;
        }
        return speech;
    }

    /**
     * @param audio a sound (mixed down to mono first)
     * @return its frame levels, decisions and speech segments, timed from the sound's start
     */
    public VoiceActivity apply(Audio audio) {
        int rate = audio.sampleRate();
        int frame = (int) Math.round(frameMs / 1000 * rate);
        int hop = (int) Math.round(hopMs / 1000 * rate);
        if (frame < 1 || hop < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%.1f ms frames every %.1f ms are under one sample at %d Hz", frameMs, hopMs, rate));
        }
        int hangover = (int) Math.round(hangoverMs / hopMs);
        double[] db = frameEnergiesDb(audio.mixdown().doubleSamples(), frame, hop);
        return new VoiceActivity(db, speechFrames(db, thresholdDb, hangover), thresholdDb, hangover, frame, hop, rate,
                audio.startSeconds(), audio.durationSeconds());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "EnergyVad[%.0f ms frames, hop %.0f ms, threshold %.1f dBFS, hangover %.0f ms]",
                frameMs, hopMs, thresholdDb, hangoverMs);
    }

    /** Builds an {@link EnergyVad}. */
    public static final class Builder {
        private double frameMs = 25;
        private double hopMs = 10;
        private double thresholdDb = -40;
        private double hangoverMs = 200;

        private Builder() {
        }

        /** @param ms frame length, milliseconds (&gt; 0; default 25) */
        public Builder frameMs(double ms) {
            this.frameMs = ms;
            return this;
        }

        /** @param ms hop between frames, milliseconds (&gt; 0, ≤ the frame; default 10) */
        public Builder hopMs(double ms) {
            this.hopMs = ms;
            return this;
        }

        /** @param db θ, dBFS (finite, ≤ 0 to mean anything; default −40) */
        public Builder thresholdDb(double db) {
            this.thresholdDb = db;
            return this;
        }

        /** @param ms how long speech lasts after the last frame at or above θ, milliseconds (≥ 0; default 200) */
        public Builder hangoverMs(double ms) {
            this.hangoverMs = ms;
            return this;
        }

        /** @return the detector */
        public EnergyVad build() {
            if (!(frameMs > 0) || !(hopMs > 0) || hopMs > frameMs || Double.isInfinite(frameMs)) {
                throw new IllegalArgumentException("frame (" + frameMs + " ms) and hop (" + hopMs
                        + " ms) must be > 0, with hop ≤ frame");
            }
            if (!Double.isFinite(thresholdDb)) {
                throw new IllegalArgumentException("threshold (" + thresholdDb + " dB) must be finite");
            }
            if (!(hangoverMs >= 0) || Double.isInfinite(hangoverMs)) {
                throw new IllegalArgumentException("hangover (" + hangoverMs + " ms) must be finite and ≥ 0");
            }
            return new EnergyVad(this);
        }
    }
}
