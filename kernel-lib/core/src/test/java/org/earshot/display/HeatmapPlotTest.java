package org.earshot.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class HeatmapPlotTest {

    /** A CTC-like output: 29 symbols × 60 frames, one symbol lit per frame. */
    private static double[][] posteriors(int symbols, int frames) {
        double[][] p = new double[symbols][frames];
        for (int t = 0; t < frames; t++) {
            p[(t * 7) % symbols][t] = 1;
        }
        return p;
    }

    private static List<String> symbols() {
        List<String> s = new ArrayList<>(List.of("_", " "));
        for (char c = 'a'; c <= 'z'; c++) {
            s.add(String.valueOf(c));
        }
        s.add("'");
        return s;
    }

    private static Heatmap.Builder ctcOutput() {
        return Heatmap.builder().values(posteriors(29, 60)).title("CTC output")
                .xAxis(Heatmap.Axis.seconds(0.03)).yAxis(Heatmap.Axis.categories("Symbol", symbols()))
                .colorbar("Probability").colorRange(0, 1);
    }

    @Test
    void categoricalRowsAreLabelledOneByOneAndTheSpaceIsNamed() throws IOException {
        Heatmap map = ctcOutput().build();
        List<String> labels = map.yTickLabels();
        assertEquals(29, labels.size(), "every symbol labelled: the picture grows to fit them");
        assertEquals("_", labels.get(0));
        assertEquals("␣", labels.get(1));
        assertEquals("a", labels.get(2));
        assertEquals(2.0, map.yTicks()[2]);
        BufferedImage img = PlotBuildersTest.image(map.toPng(), "heatmap-ctc");
        assertEquals(KitStyle.WIDTH_PX, img.getWidth());
        assertEquals(29 * 14 + PlotFrame.TOP + PlotFrame.BOTTOM, img.getHeight());
        assertEquals("Time (s)", map.xAxis().title());
        double[] x = map.xTicks();
        assertTrue(x.length >= 3 && x[x.length - 1] <= 1.8, "numeric time ticks in seconds: " + x[x.length - 1]);
    }

    @Test
    void manyCategoriesAreThinnedNotOverprinted() {
        List<String> speakers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            speakers.add("spk" + i);
        }
        Heatmap map = Heatmap.builder().values(new double[200][10]).title("Scores")
                .xAxis(Heatmap.Axis.index("Trial")).yAxis(Heatmap.Axis.categories("Speaker", speakers))
                .colorbar("Score").build();
        assertTrue(map.yTickLabels().size() < 100, "thinned: " + map.yTickLabels().size());
        assertEquals("spk0", map.yTickLabels().get(0));
        assertTrue(map.sizePx()[1] <= Heatmap.MAX_CATEGORY_ROWS_LABELLED * 14 + PlotFrame.TOP + PlotFrame.BOTTOM);
    }

    @Test
    void categoriesAlongXAndANumericYAxis() throws IOException {
        Heatmap map = Heatmap.builder().values(new double[][] {{1, 2, 3}, {4, 5, 6}}).title("Per speaker")
                .xAxis(Heatmap.Axis.categories("Speaker", "alice", "bob", "carol"))
                .yAxis(Heatmap.Axis.numeric("Frequency (Hz)", 4000).startingAt(2000)).colorbar("Level (dB)").build();
        assertEquals(List.of("alice", "bob", "carol"), map.xTickLabels());
        assertArrayEquals(new double[] {-0.5, 2.5, 0, 8000}, map.axisRange(), 1e-9);
        assertEquals(KitStyle.HEIGHT_PX, PlotBuildersTest.image(map.toPng(), "heatmap-speakers").getHeight());
    }

    @Test
    void aLabelPerCellOrAClearFailure() {
        var e = assertThrows(IllegalArgumentException.class, () -> Heatmap.builder().values(posteriors(29, 60))
                .title("CTC output").xAxis(Heatmap.Axis.seconds(0.03))
                .yAxis(Heatmap.Axis.categories("Symbol", symbols().subList(0, 28))).colorbar("Probability").build());
        assertEquals("axis \"Symbol\" has 28 category labels but the values have 29 rows; give one label per row",
                e.getMessage());
        var noColorbar = assertThrows(IllegalArgumentException.class, () -> Heatmap.builder().values(new double[2][2])
                .title("T").xAxis(Heatmap.Axis.index("i")).yAxis(Heatmap.Axis.index("j")).build());
        assertTrue(noColorbar.getMessage().contains("needs a colorbar label"), noColorbar.getMessage());
        var step = assertThrows(IllegalArgumentException.class, () -> Heatmap.Axis.seconds(0));
        assertEquals("axis \"Time (s)\": the step between cells must be > 0, got 0.0", step.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Heatmap.Axis.categories("Symbol", "a").startingAt(1));
    }

    @Test
    void withMethodsKeepTheAxesAndTheValuesAreCopied() {
        double[][] v = {{0, 1}, {2, 3}};
        Heatmap map = Heatmap.builder().values(v).title("T").xAxis(Heatmap.Axis.seconds(0.01))
                .yAxis(Heatmap.Axis.categories("Row", "a", "b")).colorbar("v").build();
        v[0][0] = 99;
        Heatmap renamed = map.withTitle("U").withLabels("Time (s)", "Letter", "Value").withPath(new double[] {0, 0.01},
                new double[] {0, 1});
        assertEquals(List.of("a", "b"), renamed.yAxis().categories());
        assertEquals("Letter", renamed.yAxis().title());
        assertTrue(renamed.toMimeBundle().plainText().startsWith("U: 2 × 2 heat map (Letter vs Time (s), colour Value)"));
        assertEquals(KitStyle.HEIGHT_PX, renamed.sizePx()[1]);
    }
}
