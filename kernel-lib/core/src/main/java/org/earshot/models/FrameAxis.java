package org.earshot.models;

import org.earshot.audio.Framing;

/**
 * The time axis of a model's per-frame outputs: frame {@code t} is centred at
 * {@code startSeconds + t · periodSeconds} and covers half a period either side — the convention of
 * {@link Framing#frameTimes} and of {@code Spectrogram.times()}, so a model's outputs line up with the spectrogram
 * they came from.
 *
 * <p>A model's axis is derived, never typed in: from the front end's framing ({@link #of(Framing)}: 10 ms for the
 * kit's log-mel), or from blocks of samples ({@link #blocks}: Silero VAD's 1536), then
 * {@link #subsampledBy(int) subsampled} by the network's stride (ctc-small's strided convolution: 3, so 30 ms).
 *
 * <pre>{@code
 * FrameAxis logMel = FrameAxis.of(new Framing(16000, 400, 160, true));   // 10 ms, frame 0 at 0 s
 * FrameAxis ctc = logMel.subsampledBy(3);                                  // 30 ms, frame t at 0.03·t s
 * ctc.frameStart(2);                                                       // 0.045 s
 * }</pre>
 *
 * @param periodSeconds seconds between frame centres (&gt; 0)
 * @param startSeconds  the centre of frame 0, in seconds
 */
public record FrameAxis(double periodSeconds, double startSeconds) {

    public FrameAxis {
        if (!(periodSeconds > 0) || !Double.isFinite(periodSeconds) || !Double.isFinite(startSeconds)) {
            throw new IllegalArgumentException("a frame axis needs a finite period > 0 s and a finite start, got period "
                    + periodSeconds + " s, start " + startSeconds + " s");
        }
    }

    /** @return the axis of a framing's frames: period {@code hop/sr}, frame 0 centred where {@link Framing} says */
    public static FrameAxis of(Framing framing) {
        double offset = framing.centered() ? 0 : framing.nFft() / 2.0;
        return new FrameAxis(framing.frameStepSeconds(), offset / framing.sampleRate());
    }

    /**
     * @param blockLength samples per frame (&gt; 0), frames back to back: frame {@code t} is samples
     *                    {@code [t·n, (t+1)·n)}
     * @param sampleRate  in Hz (&gt; 0)
     * @return period {@code n/sr}, frame 0 centred at {@code n/(2·sr)} (Silero VAD: 1536 samples at 16 kHz, 96 ms)
     */
    public static FrameAxis blocks(int blockLength, int sampleRate) {
        if (blockLength <= 0 || sampleRate <= 0) {
            throw new IllegalArgumentException("block length (" + blockLength + " samples) and sample rate ("
                    + sampleRate + " Hz) must be > 0");
        }
        return new FrameAxis((double) blockLength / sampleRate, blockLength / 2.0 / sampleRate);
    }

    /**
     * The axis after a network keeps every {@code stride}-th frame, as a convolution of stride {@code s} padded by
     * half its kernel on each side ({@code Conv1d(k, stride=s, padding=k//2)}) does: output frame {@code t} is
     * centred on input frame {@code t·s}.
     *
     * @param stride input frames per output frame (≥ 1)
     * @return period {@code s·period}, the same start
     */
    public FrameAxis subsampledBy(int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("a frame stride is ≥ 1, got " + stride);
        }
        return new FrameAxis(periodSeconds * stride, startSeconds);
    }

    /** @return the centre of frame {@code t}, in seconds */
    public double time(int frame) {
        return startSeconds + frame * periodSeconds;
    }

    /** @return where frame {@code t} begins, half a period before its centre, in seconds */
    public double frameStart(int frame) {
        return time(frame) - periodSeconds / 2;
    }

    /** @return where frame {@code t} ends, half a period after its centre, in seconds */
    public double frameEnd(int frame) {
        return time(frame) + periodSeconds / 2;
    }

    /**
     * @param frames how many frames (≥ 0)
     * @return {@code [frames]}: the centre of each frame, in seconds
     */
    public double[] times(int frames) {
        double[] t = new double[frames];
        for (int i = 0; i < frames; i++) {
            t[i] = time(i);
        }
        return t;
    }

    /** @return the frame whose span holds a time (possibly negative or past the last frame: the caller clamps) */
    public int frameAt(double seconds) {
        return (int) Math.floor((seconds - startSeconds) / periodSeconds + 0.5);
    }
}
