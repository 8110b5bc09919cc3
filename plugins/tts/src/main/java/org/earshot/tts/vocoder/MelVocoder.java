package org.earshot.tts.vocoder;

import java.io.IOException;

import org.earshot.audio.Audio;
import org.earshot.models.LogMelFrontEnd;

/**
 * The vocoder step of a neural TTS (§21.3): the acoustic model's log-mel frames ({@link LogMelFrontEnd}'s: 80 bands
 * in dB every 10 ms, the interlingua of the kit's ASR and TTS) to a waveform at 16 kHz. Two kinds, chosen by
 * {@link Kind}: Griffin-Lim, which estimates a phase by iterating STFTs, and a neural vocoder, which has learnt to
 * make the samples themselves. Close it when done.
 */
public interface MelVocoder extends AutoCloseable {

    /** The vocoders there are; {@code --vocoder griffin-lim|neural}. */
    enum Kind {
        /** {@link MelGriffinLim}: mel filters inverted by non-negative least squares, then Griffin-Lim. */
        GRIFFIN_LIM("griffin-lim"),
        /** {@link NeuralVocoder}: the kit's HiFi-GAN-style generator, every sample at once. */
        NEURAL("neural");

        private final String cliName;

        Kind(String cliName) {
            this.cliName = cliName;
        }

        /** @return the name on the command line */
        public String cliName() {
            return cliName;
        }

        /**
         * @param name {@code griffin-lim} or {@code neural}
         * @return the kind
         * @throws IllegalArgumentException naming the choices
         */
        public static Kind of(String name) {
            for (Kind k : values()) {
                if (k.cliName.equals(name)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("no vocoder '" + name + "' (the vocoders: griffin-lim, neural)");
        }

        /**
         * @param kitHome the kit's folder (the neural vocoder's model, {@value NeuralVocoder#MODEL})
         * @return a vocoder of this kind
         * @throws IOException when the neural vocoder's model is missing (naming it)
         */
        public MelVocoder open(java.nio.file.Path kitHome) throws IOException {
            return this == GRIFFIN_LIM ? MelGriffinLim.standard() : NeuralVocoder.open(kitHome);
        }
    }

    /**
     * @param mel {@code [frame][80]} log-mel in dB
     * @return the sound, 16 kHz, sample 0 at frame 0's centre, peak below full scale
     * @throws IllegalArgumentException when the frames are not 80 bands, or there are none, or too many
     */
    Audio vocode(float[][] mel);

    /** @return which kind it is */
    Kind kind();

    /**
     * @return bytes of model on disk (0 for an algorithm)
     * @throws IOException when the model's file cannot be read
     */
    long footprintBytes() throws IOException;

    /** Frees what it holds. */
    @Override
    void close();

    /**
     * @param sound what a vocoder made
     * @return the sound scaled so its peak is at most 0.9 of full scale (left as it is when already below)
     */
    static Audio belowFullScale(Audio sound) {
        double peak = sound.peak();
        return peak > 0.9 ? sound.gain(20 * Math.log10(0.9 / peak)) : sound;
    }
}
