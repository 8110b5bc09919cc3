package org.earshot.corpus.real;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One recording a source package ships, with what it says: found by a {@link RealSource}'s reader in the package's
 * extracted tree, before it is decoded.
 *
 * @param file         the recording in the extracted tree
 * @param format       how it is stored
 * @param upstreamPath its path in the upstream source tree, as the package's {@code debian/copyright} names files
 *                     (to look up its licence), e.g. {@code share/hedgewars/Data/Sounds/voices/British/Hello.ogg}
 * @param text         what it says, as the source gives it (a file name made readable, a transcript line)
 * @param normalized   the spoken form: lower-case words, digits as words ({@link Transcripts#normalize})
 * @param language     the ISO 639-1 code of its language, e.g. {@code en}
 * @param speaker      a stable speaker identifier, {@code <package>/<voice>}, e.g. {@code kajongg/male1}
 * @param person       who that is, where the source says and two voices are one person (kajongg's {@code male1}
 *                     and {@code de/male1} are both {@code kajongg/Wolfgang}, their files' ARTIST tag); else the
 *                     speaker id. Splits keep one person in one split ({@link SpeakerSplits}).
 */
public record Recording(Path file, Format format, String upstreamPath, String text, String normalized,
                        String language, String speaker, String person) {

    /** How a recording is stored in its package. */
    public enum Format {
        /** Ogg Vorbis, decoded by {@link org.earshot.audio.OggVorbis}. */
        OGG_VORBIS,
        /** RIFF WAV, read by {@link org.earshot.audio.Wav}. */
        WAV
    }

    public Recording {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(upstreamPath, "upstreamPath");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(normalized, "normalized");
        if (!language.matches("[a-z]{2}")) {
            throw new IllegalArgumentException("language '" + language + "' of " + file + " is not an ISO 639-1 code");
        }
        if (normalized.isBlank()) {
            throw new IllegalArgumentException(file + ": empty spoken form of '" + text + "'");
        }
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(person, "person");
    }

    /** A recording whose speaker is a person of their own (the source names no one speaking under two ids). */
    public Recording(Path file, Format format, String upstreamPath, String text, String normalized, String language,
                     String speaker) {
        this(file, format, upstreamPath, text, normalized, language, speaker, speaker);
    }

    /**
     * @param file a recording's file
     * @return its format, by its name's ending ({@code .ogg}, {@code .wav})
     * @throws IllegalArgumentException naming the file when it is neither
     */
    public static Format formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".ogg")) {
            return Format.OGG_VORBIS;
        }
        if (name.endsWith(".wav")) {
            return Format.WAV;
        }
        throw new IllegalArgumentException(file + " is neither .ogg nor .wav");
    }
}
