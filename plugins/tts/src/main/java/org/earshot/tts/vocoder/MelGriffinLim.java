package org.earshot.tts.vocoder;

import org.earshot.audio.Audio;
import org.earshot.audio.Spectrogram;
import org.earshot.features.Stft;
import org.earshot.models.LogMelFrontEnd;

/**
 * The algorithmic vocoder step: log-mel in dB → power → the mel filters inverted by non-negative least squares
 * ({@link MelInversion#nonNegative}; a predicted mel is no exact spectrum's, and the clipped pseudo-inverse loses its
 * energy) → Griffin-Lim ({@link GriffinLim}, momentum 0.99, a fixed seed for the starting phase). No training, no
 * model on disk; the phase it finds is an estimate, which is where its "phasiness" comes from.
 */
public final class MelGriffinLim implements MelVocoder {

    /** Griffin-Lim iterations of {@link #standard()}. */
    public static final int ITERATIONS = 32;
    /** Non-negative least-squares updates of {@link #standard()}'s mel inversion. */
    public static final int MEL_INVERSION_ITERATIONS = 50;
    /** The seed of {@link #standard()}'s starting phase. */
    public static final long SEED = 2133;

    private final MelInversion inversion = MelInversion.of(LogMelFrontEnd.filterbank());
    private final GriffinLim griffinLim;
    private final int inversionIterations;

    private MelGriffinLim(int iterations, int inversionIterations, long seed) {
        Stft stft = Stft.builder().nFft(LogMelFrontEnd.framing().nFft()).hopLength(LogMelFrontEnd.framing().hopLength())
                .build();
        this.griffinLim = GriffinLim.builder().stft(stft).iterations(iterations).momentum(0.99).seed(seed).build();
        this.inversionIterations = inversionIterations;
    }

    /** @return {@value #ITERATIONS} Griffin-Lim iterations after {@value #MEL_INVERSION_ITERATIONS} NNLS updates */
    public static MelGriffinLim standard() {
        return new MelGriffinLim(ITERATIONS, MEL_INVERSION_ITERATIONS, SEED);
    }

    @Override
    public Audio vocode(float[][] mel) {
        Spectrogram db = LogMelFrontEnd.spectrogram(mel);
        double[][] power = db.values();
        for (double[] band : power) {
            for (int t = 0; t < band.length; t++) {
                band[t] = Math.pow(10, band[t] / 10);
            }
        }
        Spectrogram linear = inversion.nonNegative(db.withValues(power, Spectrogram.Amplitude.POWER),
                inversionIterations);
        int hop = LogMelFrontEnd.framing().hopLength();
        return MelVocoder.belowFullScale(griffinLim.reconstruct(linear, (mel.length - 1) * hop));
    }

    @Override
    public Kind kind() {
        return Kind.GRIFFIN_LIM;
    }

    @Override
    public long footprintBytes() {
        return 0;
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "MelGriffinLim[" + inversionIterations + " NNLS updates, Griffin-Lim]";
    }
}
