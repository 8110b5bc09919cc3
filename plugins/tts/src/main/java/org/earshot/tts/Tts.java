package org.earshot.tts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.earshot.tts.concat.KitConcatTts;
import org.earshot.tts.neural.KitNeuralTts;
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
        requireKnown(name);
        if (name.equals(KitConcatTts.LABEL)) {
            return KitConcatTts.open(kitHome);
        }
        if (name.equals(KitParametricTts.LABEL)) {
            return KitParametricTts.open(kitHome);
        }
        if (name.equals(KitNeuralTts.LABEL)) {
            return KitNeuralTts.open(kitHome);
        }
        return java.util.Arrays.stream(ProductionTts.values()).filter(t -> t.label().equals(name)).findFirst()
                .orElseThrow();
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
