package org.earshot.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

class PlotBuildersTest {

    private static final double[] X = {0, 0.5, 1.0, 1.5};
    private static final double[] Y = {0, 1, 0, -1};

    private static LinePlot.Builder line() {
        return LinePlot.builder().title("A line").xAxis("Time (s)").yAxis("Amplitude");
    }

    /** Decodes a PNG; with -Dearshot.plotDump=DIR also writes it there, to look at. */
    static BufferedImage image(byte[] png, String name) throws IOException {
        String dump = System.getProperty("earshot.plotDump");
        if (dump != null) {
            Files.createDirectories(Path.of(dump));
            Files.write(Path.of(dump, name + ".png"), png);
        }
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void lengthsThatDifferFailAtTheSeriesWithBothLengths() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> line().series("rect", new double[201], new double[200]));
        assertEquals("series \"rect\": x has 201 values but y has 200; each point needs one of each", e.getMessage());
    }

    @Test
    void xMustBeFiniteAndYFiniteOrNaN() {
        var nan = assertThrows(IllegalArgumentException.class,
                () -> line().series("s", new double[] {0, Double.NaN}, new double[] {1, 2}));
        assertEquals("series \"s\": x[1] = NaN; x values must be finite", nan.getMessage());
        var inf = assertThrows(IllegalArgumentException.class,
                () -> line().series("dB", new double[] {0, 1}, new double[] {Double.NEGATIVE_INFINITY, 2}));
        assertTrue(inf.getMessage().startsWith("series \"dB\": y[0] = -Infinity; y values must be finite"),
                inf.getMessage());
        line().series("pitch", new double[] {0, 1, 2}, new double[] {120, Double.NaN, 130}).build().toPng();
    }

    @Test
    void aPlotNeedsTitlesAndASeries() {
        var noTitle = assertThrows(IllegalArgumentException.class,
                () -> LinePlot.builder().xAxis("x (s)").yAxis("y").series("a", X, Y).build());
        assertEquals("LinePlot needs a title: .title(\"what it shows\")", noTitle.getMessage());
        var noAxis = assertThrows(IllegalArgumentException.class,
                () -> ScatterPlot.builder().title("T").series("a", X, Y).build());
        assertTrue(noAxis.getMessage().startsWith("ScatterPlot \"T\" needs both axis titles"), noAxis.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> line().build());
        assertTrue(empty.getMessage().contains("has no series"), empty.getMessage());
        var twice = assertThrows(IllegalArgumentException.class, () -> line().series("a", X, Y).series("a", X, Y));
        assertTrue(twice.getMessage().contains("\"a\" is used twice"), twice.getMessage());
    }

    @Test
    void legendOnlyWithSeveralSeriesUnlessAsked() {
        LinePlot one = line().series("a", X, Y).build();
        LinePlot two = line().series("a", X, Y).series("b", X, Y).build();
        assertFalse(one.legendVisible());
        assertFalse(one.chart().getStyler().isLegendVisible());
        assertTrue(two.legendVisible());
        assertTrue(two.chart().getStyler().isLegendVisible());
        assertFalse(line().series("a", X, Y).series("b", X, Y).legend(Legend.HIDDEN).build().legendVisible());
        assertTrue(line().series("a", X, Y).legend(Legend.SHOWN).build().chart().getStyler().isLegendVisible());
    }

    @Test
    void axisTitlesAndStyleReachTheChart() {
        LinePlot p = line().series("a", X, Y).yMin(-2).build();
        XYChart c = p.chart();
        assertEquals("A line", c.getTitle());
        assertEquals("Time (s)", c.getXAxisTitle());
        assertEquals("Amplitude", c.getYAxisTitle());
        assertEquals(java.awt.Color.WHITE, c.getStyler().getChartBackgroundColor());
        assertEquals(KitStyle.FONT_FAMILY, c.getStyler().getChartTitleFont().getFamily());
        assertEquals(-2.0, c.getStyler().getYAxisMin());
        assertEquals(List.of("a"), p.seriesNames());
        assertNotSame(c, p.chart(), "each call a fresh chart, so tweaking one does not change the plot");
    }

    @Test
    void pngHasTheKitsSizeAndAWhiteBackground() throws IOException {
        LinePlot p = line().series("a", X, Y).series("b", X, new double[] {1, 0, 1, 0}).build();
        BufferedImage img = image(p.toPng(), "line");
        assertEquals(KitStyle.WIDTH_PX, img.getWidth());
        assertEquals(KitStyle.HEIGHT_PX, img.getHeight());
        assertEquals(0xFFFFFF, img.getRGB(2, 2) & 0xFFFFFF);
        MimeBundle b = Display.bundleOf(p).orElseThrow();
        assertEquals("LinePlot[A line: Amplitude vs Time (s), series [a, b]]", b.plainText());
        byte[] png = Base64.getDecoder().decode(b.get(MimeBundle.PNG).orElseThrow());
        assertEquals(KitStyle.WIDTH_PX, image(png, "line-bundle").getWidth());
        assertEquals(400, image(line().series("a", X, Y).sizePx(500, 400).build().toPng(), "small").getHeight());
    }

    @Test
    void logAxesNeedPositiveValues() throws IOException {
        double[] falseAlarm = {0.001, 0.01, 0.1, 0.5};
        double[] miss = {0.5, 0.2, 0.05, 0.01};
        ScatterPlot det = ScatterPlot.builder().title("DET").xAxis("False-alarm rate").yAxis("Miss rate")
                .xScale(AxisScale.LOGARITHMIC).yScale(AxisScale.LOGARITHMIC).series("system", falseAlarm, miss)
                .build();
        assertTrue(det.chart().getStyler().isXAxisLogarithmic());
        assertEquals(KitStyle.HEIGHT_PX, image(det.toPng(), "det").getHeight());
        var e = assertThrows(IllegalArgumentException.class, () -> ScatterPlot.builder().title("DET")
                .xAxis("False-alarm rate").yAxis("Miss rate").yScale(AxisScale.LOGARITHMIC)
                .series("system", falseAlarm, new double[] {0.5, 0.2, 0.05, 0}).build());
        assertEquals("the y axis is logarithmic, so its values must be > 0: series \"system\" has y[3] = 0.0",
                e.getMessage());
    }

    @Test
    void overloadsAgreeWithDoubleArrays() {
        LinePlot fromLists = line().series("a", List.of(0, 1, 2), List.of(1.0, 2.0, 3.0)).build();
        LinePlot fromInts = line().series("a", new int[] {0, 1, 2}, new double[] {1, 2, 3}).build();
        LinePlot fromY = line().series("a", new double[] {1, 2, 3}).build();
        LinePlot fromFloats = line().series("a", new double[] {0, 1, 2}, new float[] {1, 2, 3}).build();
        for (LinePlot p : List.of(fromLists, fromInts, fromY, fromFloats)) {
            var s = p.chart().getSeriesMap().get("a");
            assertEquals(2.0, s.getXData()[2]);
            assertEquals(3.0, s.getYData()[2]);
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> line().series("a", List.of(0, 1), java.util.Arrays.asList(1.0, null)));
        assertEquals("series \"a\": y[1] is null", e.getMessage());
    }

    @Test
    void barsNeedOneValuePerCategory() throws IOException {
        var e = assertThrows(IllegalArgumentException.class, () -> BarPlot.builder().title("Errors")
                .xAxis("Kind").yAxis("Count (words)").categories("sub", "del", "ins").series("ours", new double[2]));
        assertEquals("series \"ours\" has 2 values but there are 3 categories [sub, del, ins]; give one value per "
                + "category", e.getMessage());
        BarPlot bars = BarPlot.builder().title("Errors").xAxis("Kind").yAxis("Count (words)")
                .categories("sub", "del", "ins").series("HMM", new int[] {12, 3, 5}).series("CTC", new int[] {7, 2, 2})
                .build();
        CategoryChart c = bars.chart();
        assertTrue(c.getStyler().isLegendVisible());
        assertEquals("Count (words)", c.getYAxisTitle());
        BufferedImage img = image(bars.toPng(), "bars");
        assertEquals(KitStyle.WIDTH_PX, img.getWidth());
        assertFalse(BarPlot.builder().title("t").xAxis("k").yAxis("n").categories("a").series("s", new double[] {1})
                .build().legendVisible());
    }

    @Test
    void tickLabelsAreShortAndUngrouped() throws IOException {
        assertEquals("0.0005", Ticks.label(0.0005));
        assertEquals("1e-05", Ticks.label(1e-5));
        assertEquals("0.3", Ticks.label(0.1 + 0.2));
        assertEquals("8000", Ticks.label(8000));
        double[] hz = new double[201];
        double[] db = new double[201];
        for (int k = 0; k < hz.length; k++) {
            hz[k] = 40 * k;
            db[k] = -k * 0.3;
        }
        XYChart c = LinePlot.builder().title("Spectrum").xAxis("Frequency (Hz)").yAxis("Power (dB)")
                .series("p", hz, db).build().chart();
        assertEquals("#.######", c.getStyler().getXAxisDecimalPattern(), "no grouping: 8000, not 8,000");
        image(org.knowm.xchart.BitmapEncoder.getBitmapBytes(c, org.knowm.xchart.BitmapEncoder.BitmapFormat.PNG),
                "spectrum");
    }
}
