package org.earshot.features.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FeatureFormat}: frames as rows in every format, the CSV byte for byte as String.format wrote it. */
class FeatureFormatTest {

    /** {@code [feature][frame]}: 80 features of 1000 frames, dB-like values with a few exact ties and zeros. */
    private static double[][] features() {
        SplittableRandom r = new SplittableRandom(80);
        double[][] v = new double[80][1000];
        for (double[] row : v) {
            for (int t = 0; t < row.length; t++) {
                row[t] = -100 + 130 * r.nextDouble();
            }
        }
        v[0][0] = -0.0;
        v[1][0] = 5e-7;
        v[2][0] = -1e-9;
        v[3][0] = 0.0078125;
        v[4][0] = 1e300;
        return v;
    }

    /** What {@code FeaturesCommand} did before FixedPoint: one String.format per value. */
    private static String stringFormatCsv(double[][] byFeature) {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < byFeature[0].length; t++) {
            for (int k = 0; k < byFeature.length; k++) {
                if (k > 0) {
                    sb.append(',');
                }
                sb.append(String.format(Locale.ROOT, "%.6f", byFeature[k][t]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static byte[] written(FeatureFormat format, double[][] byFeature) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(byFeature, out);
        return out.toByteArray();
    }

    @Test
    void csvIsStringFormatsTextByteForByte() throws IOException {
        double[][] v = features();
        assertArrayEquals(stringFormatCsv(v).getBytes(StandardCharsets.UTF_8), written(FeatureFormat.CSV, v));
        double[][] one = {{1.5}};
        assertEquals("1.500000\n", new String(written(FeatureFormat.CSV, one), StandardCharsets.US_ASCII));
        assertEquals("", new String(written(FeatureFormat.CSV, new double[3][0]), StandardCharsets.US_ASCII));
    }

    @Test
    void npyIsFramesByFeatures(@TempDir Path tmp) throws IOException {
        double[][] v = features();
        for (FeatureFormat f : new FeatureFormat[] {FeatureFormat.NPY_FLOAT32, FeatureFormat.NPY_FLOAT64}) {
            Path file = tmp.resolve(f + ".npy");
            f.write(v, file);
            Npy.Matrix m = Npy.read(file);
            assertEquals(f == FeatureFormat.NPY_FLOAT32 ? Npy.Type.FLOAT32 : Npy.Type.FLOAT64, m.type());
            assertEquals(1000, m.rows().length, "frames");
            assertEquals(80, m.columns(), "features");
            for (int t = 0; t < 1000; t++) {
                for (int k = 0; k < 80; k++) {
                    double expected = f == FeatureFormat.NPY_FLOAT32 ? (float) v[k][t] : v[k][t];
                    assertEquals(expected, m.rows()[t][k], 0.0);
                }
            }
        }
        assertEquals("npy", FeatureFormat.NPY_FLOAT64.extension());
        assertEquals("csv", FeatureFormat.CSV.extension());
    }

    @Test
    void nonFiniteValuesAreRefusedBeforeAnythingIsWritten(@TempDir Path tmp) throws IOException {
        double[][] v = features();
        v[7][123] = Double.NaN;
        Path file = tmp.resolve("x.csv");
        for (FeatureFormat f : FeatureFormat.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.write(v, file));
            assertTrue(e.getMessage().startsWith("frame 123, feature 7 is NaN"), e.getMessage());
            assertFalse(Files.exists(file), "no file");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThrows(IllegalArgumentException.class, () -> f.write(v, out));
            assertEquals(0, out.size(), "no bytes");
        }
        v[7][123] = Double.NEGATIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> FeatureFormat.requireFinite(v));
        assertThrows(IllegalArgumentException.class, () -> FeatureFormat.requireFinite(new double[][] {{1}, {1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> FeatureFormat.requireFinite(new double[0][]));
    }

    @Test
    void aFileIsReplacedWholeAndNoPartFileStays(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("x.csv");
        Files.writeString(file, "old, longer than the new text\n".repeat(100));
        FeatureFormat.CSV.write(new double[][] {{1, 2}, {3, 4}}, file);
        assertEquals("1.000000,3.000000\n2.000000,4.000000\n", Files.readString(file));
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "only x.csv");
        }
        Path link = tmp.resolve("link.csv");
        Files.createSymbolicLink(link, file);
        FeatureFormat.CSV.write(new double[][] {{5}}, link);
        assertTrue(Files.isSymbolicLink(link), "the link is written through, not replaced");
        assertEquals("5.000000\n", Files.readString(file));
    }
}
