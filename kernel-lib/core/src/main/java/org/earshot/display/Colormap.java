package org.earshot.display;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A colormap: a value in [0, 1] to an sRGB colour. {@link #VIRIDIS} is perceptually uniform and readable in
 * grey scale and by colour-blind readers, so equal steps of dB look like equal steps of colour.
 */
public final class Colormap {

    /** matplotlib's viridis, 256 entries (table in {@code data/colormaps}, made by its committed script). */
    public static final Colormap VIRIDIS = load("viridis.csv");

    private final int[] rgb;

    private Colormap(int[] rgb) {
        this.rgb = rgb;
    }

    /**
     * @param fraction position in [0, 1]; values outside are clamped, NaN maps to 0
     * @return the colour as {@code 0xRRGGBB}
     */
    public int rgb(double fraction) {
        double f = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
        return rgb[(int) Math.round(f * (rgb.length - 1))];
    }

    private static Colormap load(String resource) {
        try (InputStream in = Colormap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("colormap resource " + resource + " missing from the kit jar");
            }
            int[] table = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).lines()
                    .filter(line -> !line.isBlank())
                    .mapToInt(line -> {
                        String[] p = line.split(",");
                        return Integer.parseInt(p[0].trim()) << 16 | Integer.parseInt(p[1].trim()) << 8
                                | Integer.parseInt(p[2].trim());
                    }).toArray();
            return new Colormap(table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
