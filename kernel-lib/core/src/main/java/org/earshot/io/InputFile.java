package org.earshot.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;

/**
 * The files a command or the grader is given, checked before they are opened: what is not a regular file (a folder,
 * a named pipe, a device such as {@code /dev/zero}, a socket, a dangling or — when links are not followed — any
 * symbolic link) is named in one line instead of being opened. Opening a FIFO blocks until something writes to it,
 * and a device never ends, so "open and see" is not an option; a missing file and a folder are not the same mistake,
 * so they do not get the same message.
 *
 * <p>Every message starts with the file, as {@code java.nio} prints it, then a colon:
 * {@code /dev/zero: is a character device, not a regular file}.
 */
public final class InputFile {

    /** {@code S_IFMT} and the file types of POSIX {@code st_mode}, read through the JDK's {@code unix:mode}. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private InputFile() {
    }

    /**
     * What keeps a path from being read as a regular file, if anything.
     *
     * @param file    the path
     * @param options {@link LinkOption#NOFOLLOW_LINKS} to judge a symbolic link itself (it is then a problem: the
     *                grader reads nothing a student's link points to); none to follow links, as a command does
     * @return empty for a regular file (readable by this process), else the problem without the file name, e.g.
     *         {@code "no such file"}, {@code "is a folder, not a file"}, {@code "is a named pipe (FIFO), not a regular
     *         file"}, {@code "is a symbolic link (not followed)"}
     */
    public static Optional<String> problem(Path file, LinkOption... options) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, options);
        } catch (IOException e) {
            if (Files.isSymbolicLink(file)) {
                return Optional.of("is a symbolic link to a file that does not exist");
            }
            return Optional.of("no such file");
        }
        if (a.isSymbolicLink()) {
            return Optional.of("is a symbolic link (not followed)");
        }
        if (a.isDirectory()) {
            return Optional.of("is a folder, not a file");
        }
        if (a.isOther()) {
            return Optional.of(otherKind(file, options) + ", not a regular file");
        }
        if (!a.isRegularFile()) {
            return Optional.of("is not a regular file");
        }
        if (!Files.isReadable(file)) {
            return Optional.of("permission denied (not readable by this user)");
        }
        return Optional.empty();
    }

    /**
     * @param file a path given to a command (symbolic links followed)
     * @return the file
     * @throws IOException {@code "<file>: <problem>"} when it is not a readable regular file ({@link #problem})
     */
    public static Path requireRegularFile(Path file) throws IOException {
        Optional<String> p = problem(file);
        if (p.isPresent()) {
            throw new IOException(file + ": " + p.get());
        }
        return file;
    }

    /** @return "is a named pipe (FIFO)", "is a character device", … for a path that is none of file, folder, link */
    private static String otherKind(Path file, LinkOption... options) {
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode", options) & S_IFMT;
            return switch (mode) {
                case S_IFIFO -> "is a named pipe (FIFO)";
                case S_IFCHR -> "is a character device";
                case S_IFBLK -> "is a block device";
                case S_IFSOCK -> "is a socket";
                default -> String.format(Locale.ROOT, "is a special file (type %06o)", mode);
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "is a device, pipe or socket"; // no unix:mode on this platform
        }
    }

    /**
     * Reads a text file that must be UTF-8: a regular file ({@link #requireRegularFile}), at most {@code maxBytes}
     * long, without NUL characters. A binary file fails with the line and byte where it stops being text, instead
     * of the decoder's bare {@code "Input length = 1"}.
     *
     * @param file     the file (symbolic links followed)
     * @param maxBytes the most it may hold, in bytes (a longer file is refused before it is read)
     * @return its text
     * @throws IOException one line naming the file: not a regular file, too long, not UTF-8 text, or unreadable
     */
    public static String readUtf8(Path file, long maxBytes) throws IOException {
        requireRegularFile(file);
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new IOException(file + ": " + bytes(size) + ", more than the " + bytes(maxBytes)
                    + " a text file may be here");
        }
        byte[] raw;
        try (InputStream in = Files.newInputStream(file)) {
            raw = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (raw.length > maxBytes) { // it grew since it was measured
            throw new IOException(file + ": more than the " + bytes(maxBytes) + " a text file may be here");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw);
        CharBuffer out = CharBuffer.allocate(raw.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            throw notText(file, raw, in.position(), String.format(Locale.ROOT, "byte 0x%02X is not UTF-8",
                    raw[in.position()] & 0xFF));
        }
        decoder.flush(out);
        String text = out.flip().toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            int at = text.substring(0, nul).getBytes(StandardCharsets.UTF_8).length;
            throw notText(file, raw, at, "a NUL character");
        }
        return text;
    }

    private static IOException notText(Path file, byte[] raw, int offset, String what) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            line += raw[i] == '\n' ? 1 : 0;
        }
        return new IOException(file + ":" + line + ": not UTF-8 text (" + what + " at byte " + offset
                + "): a binary file?");
    }

    /**
     * @param n a size in bytes
     * @return it for people: {@code 812 bytes}, {@code 20.0 MiB}, {@code 2.0 GiB}
     */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
