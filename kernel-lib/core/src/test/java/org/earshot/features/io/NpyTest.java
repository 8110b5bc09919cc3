package org.earshot.features.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Npy} against files numpy wrote (data/fixtures/features/make_npy_fixtures.py): same values, same bytes. */
class NpyTest {

    private static final Path DIR = Kit.home().resolve("data/fixtures/features");

    /** The script's 3×4 array, computed the same way (IEEE division is correctly rounded in both languages). */
    private static double[][] threeByFour() {
        double[][] a = new double[3][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                a[i][j] = (4 * i + j) / 7.0 - 1;
            }
        }
        a[0][0] = -0.0;
        a[0][1] = 1e-310;
        a[0][2] = 1e39;
        a[0][3] = 0.1;
        return a;
    }

    private static double[][] twoByEighty() {
        double[][] b = new double[2][80];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 80; j++) {
                b[i][j] = j / 3.0 + 1000 * i;
            }
        }
        return b;
    }

    private static byte[] written(double[][] rows, Npy.Type type) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, rows, type);
        return out.toByteArray();
    }

    private static byte[] numpys(String name) throws IOException {
        return Files.readAllBytes(DIR.resolve(name));
    }

    @Test
    void readsWhatNumpyWrote() throws IOException {
        Npy.Matrix f8 = Npy.read(DIR.resolve("numpy-3x4-f8.npy"));
        assertEquals(Npy.Type.FLOAT64, f8.type());
        assertEquals(4, f8.columns());
        double[][] expected = threeByFour();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(expected[i], f8.rows()[i], 0.0);
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(f8.rows()[0][0]), "-0.0 kept");

        Npy.Matrix f4 = Npy.read(DIR.resolve("numpy-3x4-f4.npy"));
        assertEquals(Npy.Type.FLOAT32, f4.type());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals((double) (float) expected[i][j], f4.rows()[i][j], 0.0, "(" + i + ", " + j + ")");
            }
        }
        assertEquals(0.0, f4.rows()[0][1], "a subnormal double is 0 as a float");
        assertEquals(Double.POSITIVE_INFINITY, f4.rows()[0][2], "1e39 is inf as a float");

        Npy.Matrix empty = Npy.read(DIR.resolve("numpy-0x3-f4.npy"));
        assertEquals(0, empty.rows().length);
        assertEquals(3, empty.columns());
    }

    @Test
    void writesNumpysBytes() throws IOException {
        assertArrayEquals(numpys("numpy-3x4-f8.npy"), written(threeByFour(), Npy.Type.FLOAT64));
        assertArrayEquals(numpys("numpy-3x4-f4.npy"), written(threeByFour(), Npy.Type.FLOAT32));
        assertArrayEquals(numpys("numpy-2x80-f4.npy"), written(twoByEighty(), Npy.Type.FLOAT32));
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        Npy.writeTransposed(none, new double[3][0], Npy.Type.FLOAT32);
        assertArrayEquals(numpys("numpy-0x3-f4.npy"), none.toByteArray());
    }

    @Test
    void writeTransposedEqualsWritingTheTranspose() throws IOException {
        double[][] rows = twoByEighty();
        double[][] columns = new double[80][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 80; j++) {
                columns[j][i] = rows[i][j];
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeTransposed(out, columns, Npy.Type.FLOAT32);
        assertArrayEquals(numpys("numpy-2x80-f4.npy"), out.toByteArray());
    }

    @Test
    void headersAreMultiplesOf64BytesEndingInANewline() {
        for (int rows : new int[] {0, 1, 9, 10, 60_001, Integer.MAX_VALUE}) {
            for (int columns : new int[] {1, 13, 80, 201, 100_000}) {
                byte[] h = Npy.header(rows, columns, Npy.Type.FLOAT32);
                assertEquals(0, h.length % 64, rows + "x" + columns);
                assertEquals('\n', h[h.length - 1]);
                assertEquals(h.length - 10, (h[8] & 0xff) | (h[9] & 0xff) << 8, "HEADER_LEN");
            }
        }
    }

    @Test
    void roundTripsThroughAFile(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("a.npy");
        double[][] a = threeByFour();
        Npy.write(f, a, Npy.Type.FLOAT64);
        Npy.Matrix back = Npy.read(f);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], back.rows()[i], 0.0);
        }
    }

    @Test
    void refusesWhatItCannotRepresentNamingTheFile(@TempDir Path tmp) throws IOException {
        assertThrows(IllegalArgumentException.class, () -> written(new double[][] {{1, 2}, {3}}, Npy.Type.FLOAT32));
        Path notNpy = tmp.resolve("x.npy");
        Files.writeString(notNpy, "a,b\n1,2\n");
        IOException e = assertThrows(IOException.class, () -> Npy.read(notNpy));
        assertTrue(e.getMessage().startsWith(notNpy.toString()), e.getMessage());
        Path truncated = tmp.resolve("t.npy");
        byte[] full = numpys("numpy-3x4-f4.npy");
        Files.write(truncated, java.util.Arrays.copyOf(full, full.length - 4));
        e = assertThrows(IOException.class, () -> Npy.read(truncated));
        assertTrue(e.getMessage().contains("needs 48 bytes of data, the file has 44"), e.getMessage());
    }
}
