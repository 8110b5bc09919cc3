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

    @Test
    void crowdedSegmentLabelsNeverOverlap() {
        // 60 phones of 10 px each (a long utterance's short phones), labels 9 to 25 px wide ("SIL")
        int n = 60;
        double[] centres = new double[n];
        int[] widths = new int[n];
        for (int i = 0; i < n; i++) {
            centres[i] = 72 + 5 + 10 * i;
            widths[i] = i % 3 == 0 ? 25 : 9;
        }
        int[][] placed = Heatmap.layoutLabels(centres, widths, 72, 746);
        int shown = 0;
        for (int i = 0; i < n; i++) {
            if (placed[i][1] < 0) {
                continue;
            }
            shown++;
            assertTrue(placed[i][0] - Heatmap.LABEL_PAD_PX >= 72 && placed[i][0] + widths[i] <= 746, "inside the plot");
            for (int j = i + 1; j < n; j++) {
                if (placed[j][1] == placed[i][1]) {
                    int aLeft = placed[i][0] - Heatmap.LABEL_PAD_PX;
                    int aRight = placed[i][0] + widths[i] + Heatmap.LABEL_PAD_PX;
                    int bLeft = placed[j][0] - Heatmap.LABEL_PAD_PX;
                    int bRight = placed[j][0] + widths[j] + Heatmap.LABEL_PAD_PX;
                    assertTrue(aRight + Heatmap.LABEL_GAP_PX <= bLeft || bRight + Heatmap.LABEL_GAP_PX <= aLeft,
                            "labels " + i + " and " + j + " overlap on row " + placed[i][1]);
                }
            }
        }
        assertTrue(shown >= n / 2, "most labels fit on two rows: " + shown + " of " + n);
        assertTrue(shown < n, "and the ones that fit nowhere are left out");
        assertArrayEquals(placed, Heatmap.layoutLabels(centres, widths, 72, 746), "deterministic");
        // roomy segments all go on the first row, centred
        int[][] roomy = Heatmap.layoutLabels(new double[] {100, 200, 300}, new int[] {20, 20, 20}, 72, 746);
        assertArrayEquals(new int[][] {{90, 0}, {190, 0}, {290, 0}}, roomy);
        // a label at the edge is pulled inside
        assertEquals(72 + Heatmap.LABEL_PAD_PX, Heatmap.layoutLabels(new double[] {73}, new int[] {30}, 72, 746)[0][0]);
    }

    @Test
    void theBestPathOutlinesItsCellsAndLeavesThemReadable() throws IOException {
        // 10 frames × 5 symbols, one lit per frame: the path goes through the lit cells
        double[][] p = new double[5][10];
        double[] xs = new double[10];
        double[] ys = new double[10];
        int[] lit = {0, 0, 2, 2, 2, 0, 4, 4, 1, 0};
        for (int t = 0; t < 10; t++) {
            p[lit[t]][t] = 1;
            xs[t] = 0.03 * t;
            ys[t] = lit[t];
        }
        Heatmap map = Heatmap.builder().values(p).title("Best path").xAxis(Heatmap.Axis.seconds(0.03))
                .yAxis(Heatmap.Axis.categories("Symbol", "_", "a", "b", "c", "d")).colorbar("Probability")
                .colorRange(0, 1).path(xs, ys).build();
        PlotFrame frame = map.render();
        BufferedImage img = frame.image();
        PlotBuildersTest.image(frame.png(), "heatmap-best-path");
        int yellow = Colormap.VIRIDIS.rgb(1.0) & 0xFFFFFF;
        for (int t = 0; t < 10; t++) {
            int cx = (int) Math.round(frame.px(xs[t]));
            int cy = (int) Math.round(frame.py(ys[t]));
            assertEquals(yellow, img.getRGB(cx, cy) & 0xFFFFFF, "the centre of path cell " + t + " keeps its colour");
            assertEquals(yellow, img.getRGB(cx, cy - 3) & 0xFFFFFF, "and so does the area around it");
        }
        // the outline is there: the top edge of frame 2's cell (symbol b) is reddish
        int top = (int) Math.round(frame.py(2) - (frame.py(1) - frame.py(2)) / 2);
        boolean red = false;
        for (int dy = -2; dy <= 2; dy++) {
            int rgb = img.getRGB((int) Math.round(frame.px(0.06)), top + dy);
            red |= ((rgb >> 16) & 0xFF) > 180 && ((rgb >> 8) & 0xFF) < 110;
        }
        assertTrue(red, "a red outline along the top of the path's cell");
        assertEquals(List.of("_", "a", "b", "c", "d"), map.yTickLabels(), "the y axis names the symbols");
    }
}
