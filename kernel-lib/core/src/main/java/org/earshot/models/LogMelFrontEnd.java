package org.earshot.models;

import java.io.IOException;

import org.earshot.audio.Audio;
import org.earshot.audio.Framing;
import org.earshot.audio.Resample;
import org.earshot.audio.Spectrogram;
import org.earshot.features.MelFilterbank;
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

    /** @return how the frames are cut: 16 kHz, n_fft 400, hop 160, centred */
    public static Framing framing() {
        return new Framing(MEL.sampleRate(), MEL.stft().nFft(), MEL.stft().hopLength(), MEL.stft().center());
    }

    /** @return the mel filters the frames are made with (to invert them: a TTS model's mels back to sound, §21.3) */
    public static MelFilterbank filterbank() {
        return MEL.filterbank();
    }

    /**
     * The inverse view of {@link #of}: frames of this front end, e.g. what a TTS acoustic model predicts, as the dB
     * mel spectrogram they stand for (16 kHz, n_fft 400, hop 160, centred, 80 HTK mel bands, power in dB).
     *
     * @param frames {@code [frame][80]} log-mel in dB
     * @return the spectrogram, {@code [80][frame]}, starting at 0 s
     * @throws IllegalArgumentException when there are no frames or a frame is not 80 values
     */
    public static Spectrogram spectrogram(float[][] frames) {
        if (frames.length == 0) {
            throw new IllegalArgumentException("no frames");
        }
        double[][] db = new double[N_MELS][frames.length];
        for (int t = 0; t < frames.length; t++) {
            if (frames[t].length != N_MELS) {
                throw new IllegalArgumentException("frame " + t + " has " + frames[t].length + " values, not " + N_MELS);
            }
            for (int k = 0; k < N_MELS; k++) {
                db[k][t] = frames[t][k];
            }
        }
        return MEL.spectrogramOf(db, Spectrogram.Amplitude.DECIBELS);
    }
}
