package org.earshot.corpus.real;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A GNU gettext message catalogue ({@code .mo}): a program's English strings and their translations, read so that a
 * recording named by an English message can be given its words in the recording's language.
 *
 * <p>Format: magic {@code 0x950412de} (in the file's byte order), revision, string count N, offsets of the original
 * and translation tables, each N pairs (length, offset) of NUL-free UTF-8 strings; a message with a context is stored
 * as {@code context \u0004 message}, a plural as forms separated by NUL (the first is taken).
 *
 * @see <a href="https://www.gnu.org/software/gettext/manual/html_node/MO-Files.html">The format of .mo files</a>
 */
final class GettextCatalog {

    private final Map<String, String> translations;

    private GettextCatalog(Map<String, String> translations) {
        this.translations = Map.copyOf(translations);
    }

    static GettextCatalog read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0x950412de) {
            b.order(ByteOrder.BIG_ENDIAN);
            if (b.getInt(0) != 0x950412de) {
                throw new IOException(file + " is not a gettext .mo catalogue");
            }
        }
        int n = b.getInt(8);
        int originals = b.getInt(12);
        int translated = b.getInt(16);
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String key = string(b, originals + 8 * i);
            String value = string(b, translated + 8 * i);
            int nul = value.indexOf('\0');
            map.put(key.contains("\0") ? key.substring(0, key.indexOf('\0')) : key,
                    nul >= 0 ? value.substring(0, nul) : value);
        }
        return new GettextCatalog(map);
    }

    private static String string(ByteBuffer b, int entry) {
        int length = b.getInt(entry);
        int offset = b.getInt(entry + 4);
        return new String(b.array(), offset, length, StandardCharsets.UTF_8);
    }

    /** @return the translation of {@code message} in {@code context} (none: empty) */
    Optional<String> translate(String context, String message) {
        return Optional.ofNullable(translations.get(context == null ? message : context + "\u0004" + message))
                .filter(s -> !s.isEmpty());
    }
}
