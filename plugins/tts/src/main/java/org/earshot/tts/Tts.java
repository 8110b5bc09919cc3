package org.earshot.tts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.earshot.tts.concat.KitConcatTts;
import org.earshot.tts.neural.KitNeuralTts;
import org.earshot.tts.vocoder.MelVocoder;
import org.earshot.tts.parametric.KitParametricTts;
import org.earshot.tts.speak.ProductionTts;
import org.earshot.tts.speak.TtsEngine;

/**
 * Every TTS back end of §21.3 by name, behind one interface: {@code Tts.engine("festival").speak(text)}. The
 * production engines of this machine ({@link ProductionTts}) and the kit's own, trained here
 * ({@link KitConcatTts}, {@link KitParametricTts}, {@link KitNeuralTts}).
 */
public final class Tts {

    private Tts() {
    }

    /** @return every engine's name, the production ones first */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (ProductionTts t : ProductionTts.values()) {
            names.add(t.label());
        }
        names.add(KitConcatTts.LABEL);
        names.add(KitParametricTts.LABEL);
        names.add(KitNeuralTts.LABEL);
        return List.copyOf(names);
    }

    /**
     * @param name    an engine's name ({@link #names()})
     * @param kitHome the kit's folder, where the kit's own voices are
     * @return the engine
     * @throws IllegalArgumentException naming the choices when there is no engine of that name
     * @throws IOException              when a kit voice's model is missing (naming it)
     */
    public static TtsEngine engine(String name, Path kitHome) throws IOException {
        return engine(name, kitHome, MelVocoder.Kind.GRIFFIN_LIM);
    }

    /**
     * @param name    an engine's name ({@link #names()})
     * @param kitHome the kit's folder, where the kit's own voices are
     * @param vocoder the vocoder step of an engine that speaks through mels ({@link #speaksThroughMels})
     * @return the engine
     * @throws IllegalArgumentException naming the choices when there is no engine of that name, or when a neural
     *                                  vocoder is asked of an engine that makes its sound itself
     * @throws IOException              when a kit voice's model is missing (naming it)
     */
    public static TtsEngine engine(String name, Path kitHome, MelVocoder.Kind vocoder) throws IOException {
        requireKnown(name);
        if (vocoder != MelVocoder.Kind.GRIFFIN_LIM && !speaksThroughMels(name)) {
            throw new IllegalArgumentException(name + " makes its sound itself; --vocoder " + vocoder.cliName()
                    + " is for " + KitNeuralTts.LABEL + ", whose acoustic model predicts mels");
        }
        if (name.equals(KitNeuralTts.LABEL)) {
            return KitNeuralTts.open(kitHome, vocoder);
        }
        if (name.equals(KitConcatTts.LABEL)) {
            return KitConcatTts.open(kitHome);
        }
        if (name.equals(KitParametricTts.LABEL)) {
            return KitParametricTts.open(kitHome);
        }
        return java.util.Arrays.stream(ProductionTts.values()).filter(t -> t.label().equals(name)).findFirst()
                .orElseThrow();
    }

    /**
     * @param name an engine's name
     * @return whether its acoustic model predicts mels, so a vocoder can be chosen for it
     */
    public static boolean speaksThroughMels(String name) {
        return name.equals(KitNeuralTts.LABEL);
    }

    /**
     * @param name an engine's name, perhaps
     * @return it, when it is one of {@link #names()}
     * @throws IllegalArgumentException naming the choices when it is not
     */
    public static String requireKnown(String name) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("no TTS engine '" + name + "' (the engines: " + String.join(", ", names())
                    + ")");
        }
        return name;
    }
}
