package org.earshot.tts.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import org.earshot.tts.normalize.TextNormalizer;
import org.earshot.kit.Kit;
import org.earshot.tts.Tts;
import org.earshot.tts.speak.TtsEngine;
import org.earshot.tts.speak.Prosody;
import org.earshot.tts.vocoder.MelVocoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code earshot tts-speak "TEXT" --engine NAME [--vocoder griffin-lim|neural] [--rate R] [--pitch P] [--kit-front-end]
 * --out OUT.wav} (NAME one of
 * {@link Tts#names()}): one TTS engine ({@link Tts#engine}) speaks the text into a WAV at its own
 * sample rate, and one line says what was made: {@code engine=… era=… voice=… seconds=… sample_rate_hz=… → OUT.wav}. With
 * {@code --kit-front-end} the engine is given the kit's normalised words ({@link TextNormalizer}) instead of the text
 * as written, so its back end is heard apart from its front end.
 */
@Command(name = "tts-speak", mixinStandardHelpOptions = true,
        description = "Speak text with a TTS engine (festival's kal diphones, festival's HTS voice, flite, espeak-ng,"
                + " the kit's own concatenative, parametric and neural voices).")
public final class TtsSpeakCommand implements CliCommand {

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "What to say (its words joined by spaces).")
    List<String> text;

    /** {@code --engine NAME}: one of {@link Tts#names()}. */
    static final class EngineName implements ITypeConverter<String> {
        @Override
        public String convert(String name) {
            try {
                return Tts.requireKnown(name);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    @Option(names = "--engine", defaultValue = "festival", paramLabel = "NAME", converter = EngineName.class,
            description = "festival (kal diphones: concatenative), festival-hts (slt HTS: statistical parametric),"
                    + " flite (slt clustergen: statistical parametric), espeak (formant), or the kit's own, learned from"
                    + " kal: kit-concat (diphones and PSOLA), kit-parametric, kit-neural (acoustic model to mels,"
                    + " then --vocoder); default ${DEFAULT-VALUE}.")
    String engine;

    /** {@code --vocoder griffin-lim|neural}. */
    static final class VocoderName implements ITypeConverter<MelVocoder.Kind> {
        @Override
        public MelVocoder.Kind convert(String name) {
            try {
                return MelVocoder.Kind.of(name);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    @Option(names = "--vocoder", defaultValue = "griffin-lim", paramLabel = "KIND", converter = VocoderName.class,
            description = "kit-neural's vocoder step: griffin-lim (mels inverted, then Griffin-Lim's phase) or neural"
                    + " (the kit's HiFi-GAN-style generator, every sample at once); default ${DEFAULT-VALUE}.")
    MelVocoder.Kind vocoder;

    @Option(names = "--rate", defaultValue = "1", paramLabel = "R",
            description = "Speed as a factor of the voice's own (0.25–4; default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--pitch", paramLabel = "P",
            description = "espeak, kit-concat and kit-parametric: pitch 0–99 (50 its own; espeak en-us: about 74 Hz at"
                    + " 0, 169 Hz at 99; the kit's voices scale their F0 by the same ratios).")
    Integer pitch;

    @Option(names = "--kit-front-end", description = "Give the engine the kit's normalised words, not the text.")
    boolean kitFrontEnd;

    @Option(names = "--out", required = true, paramLabel = "OUT.wav", description = "Where the sound goes (WAV).")
    Path out;

    @Override
    public Integer call() {
        try {
            Prosody prosody = new Prosody(rate, pitch == null ? OptionalInt.empty() : OptionalInt.of(pitch));
            String written = String.join(" ", text);
            String said = kitFrontEnd ? TextNormalizer.english().normalize(written) : written;
            try (TtsEngine tts = Tts.engine(engine, Kit.home(), vocoder)) {
                Audio audio = tts.speak(said, prosody);
                Wav.write(audio, out, Wav.Encoding.PCM_16);
                System.out.println(String.format(Locale.ROOT, "engine=%s era=%s voice=%s seconds=%.2f"
                                + " sample_rate_hz=%d%s → %s", tts.label(), tts.era().label().replace(' ', '_'),
                        tts.voiceId(), audio.durationSeconds(), audio.sampleRate(),
                        kitFrontEnd ? " text=\"" + said + "\"" : "", out));
            }
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("earshot tts-speak: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("earshot tts-speak: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
