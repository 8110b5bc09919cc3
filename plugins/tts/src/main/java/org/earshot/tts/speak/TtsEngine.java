package org.earshot.tts.speak;

import java.io.IOException;

import org.earshot.audio.Audio;

/**
 * A text-to-speech back end behind one interface (§21.3): text in, sound out, whatever the era. Production engines
 * ({@link ProductionTts}) read the written text through their own front ends.
 */
public interface TtsEngine extends AutoCloseable {

    /** @return the engine's name, as {@code ./earshot tts-speak --engine} takes it */
    String label();

    /** @return the voice it speaks with, e.g. {@code festival/kal_diphone} */
    String voiceId();

    /** @return which era of TTS it belongs to */
    Era era();

    /** @return whether {@link Prosody#pitch()} can change its voice's pitch */
    boolean controlsPitch();

    /**
     * @param text    what to say, as written
     * @param prosody the speaking rate and pitch asked for
     * @return the sound, at the engine's own sample rate
     * @throws IOException              when the engine is missing (naming its Debian package) or fails
     * @throws IllegalArgumentException when it is asked for a pitch it cannot change
     */
    Audio speak(String text, Prosody prosody) throws IOException, InterruptedException;

    /**
     * @return the bytes of what the voice is made of on disk: its unit database, statistical models or network
     *         weights and the data its own front end needs beyond a shared lexicon (the era table's footprint)
     * @throws IOException when the voice's files are missing (naming its Debian package)
     */
    long footprintBytes() throws IOException;

    /** Frees what the engine holds (a model); nothing by default. */
    @Override
    default void close() {
    }

    /** @return {@link #speak(String, Prosody)} at the voice's own rate and pitch */
    default Audio speak(String text) throws IOException, InterruptedException {
        return speak(text, Prosody.OWN);
    }
}
