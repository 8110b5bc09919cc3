package org.earshot.speech;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.earshot.audio.Audio;

/**
 * A recogniser one section offers the others (§21.2 ↔ §21.3): sound in, words out. The chapter's "TTS is ASR run
 * backwards" measured: a TTS back end speaks, a recogniser writes down what it heard, and the word error rate of
 * that round trip says how intelligible the voice is. Found through {@link RecognizerProvider}, so a section that
 * speaks never depends on the section that listens.
 */
public interface SpeechRecognizer extends AutoCloseable {

    /**
     * @param audio any sound (a recogniser mixes down and resamples as it needs)
     * @return what it heard: lower-case words separated by single spaces, no punctuation ("" for nothing)
     * @throws IOException when the engine behind it fails (its message names the engine)
     */
    String transcribe(Audio audio) throws IOException, InterruptedException;

    /**
     * @param sounds sounds by an id of the caller's
     * @return id → what was heard, in the same order; one at a time by default (an engine that starts a process
     *         overrides it to hear them all at once)
     * @throws IOException when the engine fails
     */
    default Map<String, String> transcribeAll(Map<String, Audio> sounds) throws IOException, InterruptedException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Audio> e : sounds.entrySet()) {
            out.put(e.getKey(), transcribe(e.getValue()));
        }
        return out;
    }

    /** Frees the model; nothing by default. */
    @Override
    default void close() {
    }
}
