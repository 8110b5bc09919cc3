package org.earshot.speakers.diarization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.earshot.io.InputFile;
import org.earshot.metrics.SpeakerSegment;

/**
 * Rich Transcription Time Marked files, the format NIST md-eval, pyannote and DIHARD read "who spoke when" in: one
 * turn a line, ten space-separated fields,
 * <pre>SPEAKER &lt;file&gt; &lt;channel&gt; &lt;start s&gt; &lt;duration s&gt; &lt;NA&gt; &lt;NA&gt; &lt;speaker&gt; &lt;NA&gt; &lt;NA&gt;</pre>
 * Only {@code SPEAKER} lines carry turns; other types ({@code SPKR-INFO}, {@code LEXEME}, …), blank lines and
 * {@code ;;} comments are skipped, as md-eval skips them when scoring speakers. A line with fewer than the first eight
 * fields, a time that is not a number, a negative start or a duration ≤ 0 is an error naming the file and line.
 * The channel is not kept (diarization scores one channel per recording).
 *
 * <p>{@link #format} writes times with millisecond precision, the fields md-eval needs and {@code <NA>} elsewhere.
 */
public final class Rttm {

    /** The largest file {@link #read} accepts: 256 MiB (hours of turns are a few MB). */
    public static final long MAX_BYTES = 256L << 20;

    private Rttm() {
    }

    /**
     * @param file an RTTM file (UTF-8)
     * @return recording id → its turns, in file order; recordings in order of first appearance
     * @throws IOException naming the file (and line) when it cannot be read or a line is malformed
     */
    public static Map<String, List<SpeakerSegment>> read(Path file) throws IOException {
        return parse(InputFile.readUtf8(file, MAX_BYTES), file.toString());
    }

    /**
     * @param text   RTTM lines
     * @param source what to call it in messages (a file name)
     * @return recording id → its turns, as {@link #read}
     * @throws IOException naming {@code source} and the line when a line is malformed
     */
    public static Map<String, List<SpeakerSegment>> parse(String text, String source) throws IOException {
        Map<String, List<SpeakerSegment>> out = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith(";;")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (!f[0].equals("SPEAKER")) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            if (f.length < 8) {
                throw new IOException(where + "a SPEAKER line needs at least 8 fields (SPEAKER file channel start duration"
                        + " <NA> <NA> speaker), found " + f.length);
            }
            double start = number(f[3], "start", where);
            double duration = number(f[4], "duration", where);
            if (start < 0) {
                throw new IOException(where + "start " + f[3] + " s is negative");
            }
            if (!(duration > 0)) {
                throw new IOException(where + "duration " + f[4] + " s must be > 0");
            }
            out.computeIfAbsent(f[1], k -> new ArrayList<>()).add(SpeakerSegment.ofDuration(start, duration, f[7]));
        }
        Map<String, List<SpeakerSegment>> frozen = new LinkedHashMap<>();
        out.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    private static double number(String field, String what, String where) throws IOException {
        try {
            double v = Double.parseDouble(field);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException(where + what + " '" + field + "' is not a finite number of seconds");
    }

    /**
     * @param recording the file id (no white space)
     * @param turns     its turns
     * @return RTTM {@code SPEAKER} lines, channel 1, times to the millisecond, one turn a line
     */
    public static String format(String recording, List<SpeakerSegment> turns) {
        if (recording == null || recording.isBlank() || recording.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("RTTM recording id '" + recording + "' must be non-empty, without spaces");
        }
        StringBuilder b = new StringBuilder();
        for (SpeakerSegment s : turns) {
            if (s.speaker().chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("speaker label '" + s.speaker() + "' has white space: RTTM fields"
                        + " are separated by it");
            }
            b.append(String.format(Locale.ROOT, "SPEAKER %s 1 %.3f %.3f <NA> <NA> %s <NA> <NA>%n", recording,
                    s.startSeconds(), s.durationSeconds(), s.speaker()));
        }
        return b.toString();
    }

    /**
     * @param file       where to write (replaced)
     * @param recordings recording id → turns
     * @throws IOException naming the file when it cannot be written
     */
    public static void write(Path file, Map<String, List<SpeakerSegment>> recordings) throws IOException {
        StringBuilder b = new StringBuilder();
        recordings.forEach((id, turns) -> b.append(format(id, turns)));
        try {
            Files.writeString(file, b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
