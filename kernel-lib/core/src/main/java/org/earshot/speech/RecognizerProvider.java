package org.earshot.speech;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Service interface: a speech recogniser a plugin contributes (register the implementation in
 * {@code META-INF/services/org.earshot.speech.RecognizerProvider}), found with {@link ServiceLoader} by a section
 * that needs one without depending on the section that made it, e.g. the TTS section's round trip.
 */
public interface RecognizerProvider {

    /** @return the recogniser's name, e.g. {@code "ctc-small/digits"} */
    String name();

    /** @return one line: the model, its decoding and the domain it is good for */
    String description();

    /**
     * @param kitHome the kit's folder (models under {@code data/models})
     * @return the recogniser, ready (close it when done)
     * @throws IOException when its model or engine is missing (the message says how to get it)
     */
    SpeechRecognizer open(Path kitHome) throws IOException;

    /** @return every recogniser on the class path, by name */
    static List<RecognizerProvider> installed() {
        List<RecognizerProvider> all = new ArrayList<>();
        ServiceLoader.load(RecognizerProvider.class, RecognizerProvider.class.getClassLoader()).forEach(all::add);
        all.sort(Comparator.comparing(RecognizerProvider::name));
        return List.copyOf(all);
    }

    /**
     * @param name a {@link #name()}
     * @return that recogniser's provider
     * @throws IllegalArgumentException naming those installed when there is none of that name
     */
    static RecognizerProvider named(String name) {
        List<RecognizerProvider> all = installed();
        return all.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no speech recogniser '" + name + "' on the class path"
                        + " (installed: " + (all.isEmpty() ? "none; the ASR section provides them"
                        : String.join(", ", all.stream().map(RecognizerProvider::name).toList())) + ")"));
    }
}
