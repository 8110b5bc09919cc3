package org.earshot.corpus.real;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A package's {@code /usr/share/doc/PKG/copyright} in Debian's machine-readable format (DEP-5): its {@code Files:}
 * stanzas, each a list of globs and a {@code License:} short name. As DEP-5 says, the <b>last</b> stanza whose globs
 * match a file gives its licence; {@code *} matches any characters, slashes included, {@code ?} one.
 *
 * <pre>{@code
 * Dep5Copyright.read(root.resolve("usr/share/doc/hedgewars-data/copyright"))
 *     .licenceOf("share/hedgewars/Data/Sounds/voices/British/Hello.ogg")   // "GFDL-1.3"
 * }</pre>
 *
 * @see <a href="https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/">copyright-format 1.0</a>
 */
public final class Dep5Copyright {

    /** @param globs a stanza's {@code Files:} globs @param licence its {@code License:} short name */
    record Stanza(List<String> globs, String licence) {
    }

    private final Path file;
    private final List<Stanza> stanzas;

    private Dep5Copyright(Path file, List<Stanza> stanzas) {
        this.file = file;
        this.stanzas = List.copyOf(stanzas);
    }

    /**
     * @param file a {@code copyright} file
     * @return its Files stanzas
     * @throws IOException when it cannot be read, or has no Files stanza with a License (the message names it)
     */
    public static Dep5Copyright read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no copyright file");
        }
        Dep5Copyright c = parse(Files.readString(file, StandardCharsets.UTF_8), file);
        if (c.stanzas.isEmpty()) {
            throw new IOException(file + ": no Files stanza with a License (not DEP-5?)");
        }
        return c;
    }

    static Dep5Copyright parse(String text, Path file) {
        List<Stanza> stanzas = new ArrayList<>();
        for (String paragraph : text.split("\\n\\s*\\n")) {
            List<String> globs = new ArrayList<>();
            String licence = null;
            String field = "";
            for (String line : paragraph.split("\\n")) {
                if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && line.contains(":")) {
                    field = line.substring(0, line.indexOf(':')).strip();
                    String value = line.substring(line.indexOf(':') + 1).strip();
                    if (field.equals("Files")) {
                        globs.addAll(words(value));
                    } else if (field.equals("License") && licence == null) {
                        licence = value;
                    }
                } else if (field.equals("Files")) {
                    globs.addAll(words(line));
                }
            }
            if (!globs.isEmpty() && licence != null && !licence.isEmpty()) {
                stanzas.add(new Stanza(globs, licence));
            }
        }
        return new Dep5Copyright(file, stanzas);
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
    }

    /**
     * @param upstreamPath a file's path in the upstream source tree
     * @return the licence short name of the last stanza matching it, e.g. {@code GPL-2+}
     * @throws IllegalArgumentException naming the copyright file when no stanza matches
     */
    public String licenceOf(String upstreamPath) {
        String licence = null;
        for (Stanza s : stanzas) {
            for (String glob : s.globs()) {
                if (matches(glob, upstreamPath)) {
                    licence = s.licence();
                }
            }
        }
        if (licence == null) {
            throw new IllegalArgumentException(file + ": no Files stanza matches " + upstreamPath);
        }
        return licence;
    }

    static boolean matches(String glob, String path) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return path.matches(re.toString());
    }
}
