package org.earshot.models;

import java.io.IOException;

import org.earshot.audio.Audio;
import org.earshot.audio.Framing;
import org.earshot.audio.Resample;
import org.earshot.audio.Spectrogram;
import org.earshot.features.MelSpectrogram;

/**
 * The front end of the kit's neural models (ASR, §21.2; speaker embeddings, §21.4): the 21.1 log-mel — 16 kHz mono,
 * 25 ms Hann windows ({@code n_fft} 400) every 10 ms (hop 160), 80 HTK mel bands from 0 to 8 kHz, power in dB with an
 * 80 dB floor below the utterance's maximum — laid out time-major as a model wants it. Training exports its features with this very
 * class ({@code ./earshot train}), so inference in Java sees exactly what the network saw.
 */
public final class LogMelFrontEnd {

    /** Mel bands per frame. */
    public static final int N_MELS = 80;

    private static final MelSpectrogram MEL = MelSpectrogram.builder().sampleRate(16000).nFft(400).hopLength(160)
            .nMels(N_MELS).build();

    /** When the front end's frames are: every 10 ms (hop 160 at 16 kHz), frame 0 centred at 0 s (centred STFT). */
    public static final FrameAxis FRAMES = FrameAxis.of(new Framing(MEL.sampleRate(), MEL.stft().nFft(),
            MEL.stft().hopLength(), MEL.stft().center()));

    private LogMelFrontEnd() {
    }

    /**
     * The time axis of a model that reads these frames and keeps one in {@code frame_stride} (its folder's
     * {@link ModelFolder#frameStride()}): ctc-small and s2s-small, stride 3, give a frame every 30 ms.
     *
     * @throws IOException when the folder's vocab.json is missing or gives no usable stride
     */
    public static FrameAxis outputAxis(ModelFolder folder) throws IOException {
        return FRAMES.subsampledBy(folder.frameStride());
    }

    /**
     * @param audio any sound (mixed down and resampled to 16 kHz here)
     * @return {@code [frame][80]} log-mel in dB
     */
    public static float[][] of(Audio audio) {
        Spectrogram db = MEL.apply(Resample.to(audio.mixdown(), 16000)).toDecibels(80);
        float[][] out = new float[db.frameCount()][N_MELS];
        for (int k = 0; k < N_MELS; k++) {
            for (int t = 0; t < out.length; t++) {
                out[t][k] = (float) db.value(k, t);
            }
        }
        return out;
    }
}
