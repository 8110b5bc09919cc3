package org.earshot.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.earshot.io.InputFile;

/**
 * sclite's {@code trn} transcript format: one utterance a line, its words then its id in parentheses,
 * {@code the cat sat (spk1-utt3)}. Blank lines are skipped.
 */
public final class Trn {

    /** The longest trn file read: sclite transcripts of a large test set are a few megabytes. */
    public static final long MAX_BYTES = 256L << 20;

    private static final Pattern LINE = Pattern.compile("^(.*?)\\s*\\(([^()]+)\\)\\s*$");

    private Trn() {
    }

    /**
     * @param file a trn file
     * @return utterance id → words, in file order
     * @throws IOException when the file is not a regular file (missing, a folder, a FIFO, a device), is over
     *                     {@link #MAX_BYTES}, is not UTF-8 text (a binary file: the line and byte are named), or a
     *                     line has no "(id)" or repeats an id (the message names the file and the line)
     */
    public static Map<String, List<String>> read(Path file) throws IOException {
        Map<String, List<String>> utterances = new LinkedHashMap<>();
        List<String> lines = InputFile.readUtf8(file, MAX_BYTES).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IOException(file + ":" + (i + 1) + ": no utterance id: expected 'words (id)'");
            }
            if (utterances.put(m.group(2).strip(), Wer.words(m.group(1))) != null) {
                throw new IOException(file + ":" + (i + 1) + ": utterance id '" + m.group(2).strip() + "' appears twice");
            }
        }
        return utterances;
    }
}
