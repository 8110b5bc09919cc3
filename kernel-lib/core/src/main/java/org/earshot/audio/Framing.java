package org.earshot.audio;

/**
 * How a sound was cut into frames: its sample rate, the frame length (FFT size), the hop between frames and whether
 * frames are centred. Every per-frame value (a spectrogram, MFCCs, a model's outputs) derives its time axis here:
 * frame {@code t} is centred at {@code t·hop/sr} seconds when {@code centered} (the signal was padded by
 * {@code nFft/2} on both sides, as {@code torch.stft(center=True)}), else at {@code (t·hop + nFft/2)/sr}.
 *
 * @param sampleRate of the analysed sound, in Hz (> 0)
 * @param nFft       frame length, in samples (> 0)
 * @param hopLength  step between frames, in samples (> 0)
 * @param centered   whether frame t is centred at sample {@code t·hop}
 */
public record Framing(int sampleRate, int nFft, int hopLength, boolean centered) {

    public Framing {
        if (sampleRate <= 0 || nFft <= 0 || hopLength <= 0) {
            throw new IllegalArgumentException("sample rate (" + sampleRate + " Hz), n_fft (" + nFft
                    + ") and hop length (" + hopLength + ") must all be > 0");
        }
    }

    /** @return seconds between frames, {@code hop/sr} */
    public double frameStepSeconds() {
        return (double) hopLength / sampleRate;
    }

    /**
     * @param frames how many frames
     * @return the time of each frame's centre, in seconds
     */
    public double[] frameTimes(int frames) {
        double[] t = new double[frames];
        double offset = centered ? 0 : nFft / 2.0;
        for (int i = 0; i < frames; i++) {
            t[i] = (i * (double) hopLength + offset) / sampleRate;
        }
        return t;
    }
}
