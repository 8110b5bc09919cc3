package org.earshot.features.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} files for two-dimensional float arrays: what {@code numpy.save} writes and
 * {@code numpy.load} reads, so features computed here open in one line of Python
 * ({@code np.load("a.npy")}, shape {@code (frames, bins)}).
 *
 * <h2>The format (version 1.0)</h2>
 * <pre>
 *   \x93NUMPY  1 0  HEADER_LEN (uint16, little-endian)
 *   {'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), }   spaces   \n
 *   the values, little-endian, row after row (C order)
 * </pre>
 * The header is padded with spaces so that the values start at a multiple of 64 bytes, after 21 − (digits of the
 * first axis) spaces that let the first axis grow in place, exactly as numpy 1.24 and 2.x pad it: the test compares
 * our bytes with files numpy wrote ({@code data/fixtures/features/make_npy_fixtures.py}).
 * {@link Type#FLOAT32} rounds each value to the nearest float ({@code (float) v}, as numpy's
 * {@code astype(np.float32)} does; beyond the float range that is ±inf).
 *
 * @see <a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">numpy.lib.format</a>
 */
public final class Npy {

    /** The element types the kit writes: little-endian IEEE floats. */
    public enum Type {
        /** {@code '<f4'}: half the size; 7 significant digits, plenty for features in dB. */
        FLOAT32("<f4", Float.BYTES),
        /** {@code '<f8'}: the values exactly as computed. */
        FLOAT64("<f8", Double.BYTES);

        private final String descr;
        private final int bytes;

        Type(String descr, int bytes) {
            this.descr = descr;
            this.bytes = bytes;
        }

        /** @return numpy's type string, {@code '<f4'} or {@code '<f8'} */
        public String descr() {
            return descr;
        }

        /** @return bytes per value: 4 or 8 */
        public int bytes() {
            return bytes;
        }
    }

    /**
     * A two-dimensional array as read back.
     *
     * @param type the element type in the file
     * @param rows the values, {@code rows[i][j]} at index {@code (i, j)}; shape {@code (rows.length, columns)}
     * @param columns the length of the second axis (kept apart so that a {@code (0, n)} array keeps its n)
     */
    public record Matrix(Type type, double[][] rows, int columns) {
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ARRAY_ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * Writes a matrix as a {@code .npy} file, shape {@code (rows.length, rows[0].length)}.
     *
     * @param file the file to write (replaced if it exists)
     * @param rows the values, all rows of one length, e.g. {@code [frame][bin]}
     * @param type the element type
     * @throws IOException when the file cannot be written
     * @throws IllegalArgumentException when the rows differ in length
     */
    public static void write(Path file, double[][] rows, Type type) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(out, rows, type);
        }
    }

    /**
     * Writes a matrix in {@code .npy} format, shape {@code (rows.length, rows[0].length)} ({@code (0, 0)} with no rows).
     *
     * @param out  where to write; not closed
     * @param rows the values, all rows of one length
     * @param type the element type
     * @throws IOException when writing fails
     * @throws IllegalArgumentException when the rows differ in length
     */
    public static void write(OutputStream out, double[][] rows, Type type) throws IOException {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != columns) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, row 0 has " + columns);
            }
        }
        out.write(header(rows.length, columns, type));
        ByteBuffer buf = buffer();
        for (double[] row : rows) {
            for (double v : row) {
                put(buf, v, type, out);
            }
        }
        drain(buf, out);
        out.flush();
    }

    /**
     * Writes the transpose of a matrix given by its columns, without copying it: shape
     * {@code (columns[0].length, columns.length)}. This is how a feature matrix held as {@code [bin][frame]} (as
     * {@link org.earshot.audio.Spectrogram#values()} holds it) becomes numpy's {@code (frames, bins)}.
     *
     * @param out     where to write; not closed
     * @param columns the values by column, all of one length: {@code columns[j][i]} goes to index {@code (i, j)}
     * @param type    the element type
     * @throws IOException when writing fails
     * @throws IllegalArgumentException when there are no columns or they differ in length
     */
    public static void writeTransposed(OutputStream out, double[][] columns, Type type) throws IOException {
        if (columns.length == 0) {
            throw new IllegalArgumentException("need at least one column");
        }
        int rows = columns[0].length;
        for (int j = 0; j < columns.length; j++) {
            if (columns[j].length != rows) {
                throw new IllegalArgumentException("column " + j + " has " + columns[j].length + " values, column 0 has "
                        + rows);
            }
        }
        out.write(header(rows, columns.length, type));
        ByteBuffer buf = buffer();
        for (int i = 0; i < rows; i++) {
            for (double[] column : columns) {
                put(buf, column[i], type, out);
            }
        }
        drain(buf, out);
        out.flush();
    }

    /**
     * @param rows    the first axis
     * @param columns the second axis
     * @param type    the element type
     * @return the magic string, version 1.0, the header length and the header dictionary, padded as numpy pads it:
     *         a multiple of 64 bytes
     */
    public static byte[] header(int rows, int columns, Type type) {
        if (rows < 0 || columns < 0) {
            throw new IllegalArgumentException("shape (" + rows + ", " + columns + ") has a negative axis");
        }
        StringBuilder dict = new StringBuilder("{'descr': '").append(type.descr())
                .append("', 'fortran_order': False, 'shape': (").append(rows).append(", ").append(columns).append("), }");
        dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(rows).length()));
        int hlen = dict.length() + 1; // with the final '\n'
        int padding = ARRAY_ALIGN - (MAGIC.length + 2 + 2 + hlen) % ARRAY_ALIGN; // 1..64, as numpy computes it
        dict.append(" ".repeat(padding)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] header = new byte[MAGIC.length + 4 + text.length];
        System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
        header[6] = 1; // major version
        header[7] = 0; // minor version
        header[8] = (byte) text.length;
        header[9] = (byte) (text.length >>> 8);
        System.arraycopy(text, 0, header, 10, text.length);
        return header;
    }

    /**
     * Reads a two-dimensional {@code '<f4'} or {@code '<f8'} array in C order (format version 1, 2 or 3).
     *
     * @param file the {@code .npy} file
     * @return its type and values
     * @throws IOException when the file cannot be read, is not {@code .npy}, or holds another kind of array (the
     *                     message names the file and what it holds)
     */
    public static Matrix read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readAllBytes();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes.length < 10 || bytes[i] != MAGIC[i]) {
                throw new IOException(file + ": not a .npy file (no \\x93NUMPY magic)");
            }
        }
        int major = bytes[6];
        int headerLength;
        int start;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(b.getShort(8));
            start = 10;
        } else if (major == 2 || major == 3) {
            headerLength = b.getInt(8);
            start = 12;
        } else {
            throw new IOException(file + ": .npy format version " + major + "." + bytes[7] + " is not supported");
        }
        if (start + headerLength > bytes.length) {
            throw new IOException(file + ": truncated header");
        }
        String dict = new String(bytes, start, headerLength, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Type type = type(file, group(file, DESCR, dict, "descr"));
        if (group(file, FORTRAN, dict, "fortran_order").equals("True")) {
            throw new IOException(file + ": Fortran order is not supported, only C order");
        }
        String[] axes = group(file, SHAPE, dict, "shape").replace(" ", "").split(",");
        if (axes.length != 2) {
            throw new IOException(file + ": shape (" + String.join(", ", axes) + ") is not two-dimensional");
        }
        int rows = Integer.parseInt(axes[0]);
        int columns = Integer.parseInt(axes[1]);
        int offset = start + headerLength;
        long needed = (long) rows * columns * type.bytes();
        if (bytes.length - offset != needed) {
            throw new IOException(String.format(Locale.ROOT, "%s: shape (%d, %d) of %s needs %d bytes of data, the file has %d",
                    file, rows, columns, type.descr(), needed, bytes.length - offset));
        }
        b.position(offset);
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int j = 0; j < columns; j++) {
                row[j] = type == Type.FLOAT32 ? b.getFloat() : b.getDouble();
            }
        }
        return new Matrix(type, values, columns);
    }

    private static String group(Path file, Pattern p, String dict, String key) throws IOException {
        Matcher m = p.matcher(dict);
        if (!m.find()) {
            throw new IOException(file + ": the header has no '" + key + "': " + dict.strip());
        }
        return m.group(1);
    }

    private static Type type(Path file, String descr) throws IOException {
        for (Type t : Type.values()) {
            if (t.descr().equals(descr)) {
                return t;
            }
        }
        throw new IOException(file + ": element type '" + descr + "' is not supported, only '<f4' and '<f8'");
    }

    private static ByteBuffer buffer() {
        return ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void put(ByteBuffer buf, double v, Type type, OutputStream out) throws IOException {
        if (buf.remaining() < Double.BYTES) {
            drain(buf, out);
        }
        if (type == Type.FLOAT32) {
            buf.putFloat((float) v);
        } else {
            buf.putDouble(v);
        }
    }

    private static void drain(ByteBuffer buf, OutputStream out) throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }
}
