package org.earshot.audio;

import java.io.IOException;

/** A sound file that cannot be read: the message names the file and the problem in one line. */
public final class InvalidAudioException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param source  the file name (or another name for the bytes' origin)
     * @param problem what is wrong, e.g. {@code "truncated header (12 bytes, a WAV header needs 44)"}
     */
    public InvalidAudioException(String source, String problem) {
        super(source + ": " + problem);
    }
}
