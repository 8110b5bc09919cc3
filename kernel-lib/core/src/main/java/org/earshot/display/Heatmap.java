package org.earshot.display;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

import org.earshot.audio.Matrices;

/**
 * A labelled picture of a matrix {@code values[row][column]}: columns along x, rows up the y axis, colour on the
 * viridis map with a colorbar. Rows and columns are cells centred on evenly spaced axis values
 * ({@code x = xFirst + j·xStep}, {@code y = yFirst + i·yStep}), so every axis is in the caller's units — seconds,
 * hertz, mel bands, coefficient numbers.
 *
 * <p>When there are more cells than pixels, each pixel shows the largest value it covers, so thin lines and short
 * events stay visible. The colour range is {@code [colorMin, colorMax]}; values outside are clamped.
 *
 * <p>Immutable: {@code with…} methods return new plots.
 */
public final class Heatmap implements Displayable {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 320;
    private static final int RIGHT = 86;

    private final double[][] values;
    private final double xFirst;
    private final double xStep;
    private final double yFirst;
    private final double yStep;
    private final double yLowClip;
    private final double yHighClip;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final String colorLabel;
    private final double colorMin;
    private final double colorMax;
    private final double[] pathX;
    private final double[] pathY;
    private final java.util.List<Segment> segments;

    private Heatmap(double[][] values, double xFirst, double xStep, double yFirst, double yStep, double yLowClip,
                    double yHighClip, String title, String xLabel, String yLabel, String colorLabel, double colorMin,
                    double colorMax, double[] pathX, double[] pathY, java.util.List<Segment> segments) {
        this.values = values;
        this.xFirst = xFirst;
        this.xStep = xStep;
        this.yFirst = yFirst;
        this.yStep = yStep;
        this.yLowClip = yLowClip;
        this.yHighClip = yHighClip;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.colorLabel = colorLabel;
        this.colorMin = colorMin;
        this.colorMax = colorMax;
        this.pathX = pathX;
        this.pathY = pathY;
        this.segments = segments;
    }

    /**
     * A heat map of {@code values[row][column]} with its colour range from the data's minimum to its maximum.
     *
     * @param values {@code [rows][columns]}, at least 1 × 1, rectangular (copied)
     * @param xFirst axis value of column 0's centre
     * @param xStep  axis distance between columns (> 0)
     * @param yFirst axis value of row 0's centre (row 0 is drawn at the bottom)
     * @param yStep  axis distance between rows (> 0)
     * @return the plot, titled "Heat map", axes labelled "x" and "y" until set
     */
    public static Heatmap of(double[][] values, double xFirst, double xStep, double yFirst, double yStep) {
        Matrices.requireRectangular(values, "row");
        if (!(xStep > 0) || !(yStep > 0)) {
            throw new IllegalArgumentException("axis steps must be > 0, got x " + xStep + ", y " + yStep);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double[][] copy = Matrices.copy(values);
        for (int i = 0; i < values.length; i++) {
            for (double v : values[i]) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        return new Heatmap(copy, xFirst, xStep, yFirst, yStep, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                "Heat map", "x", "y", "value", lo, hi, null, null, java.util.List.of());
    }

    public Heatmap withTitle(String newTitle) {
        return new Heatmap(values, xFirst, xStep, yFirst, yStep, yLowClip, yHighClip, newTitle, xLabel, yLabel,
                colorLabel, colorMin, colorMax, pathX, pathY, segments);
    }

    /** @return the plot with these axis and colorbar labels (give units, e.g. "Time (s)") */
    public Heatmap withLabels(String x, String y, String color) {
        return new Heatmap(values, xFirst, xStep, yFirst, yStep, yLowClip, yHighClip, title, x, y, color, colorMin,
                colorMax, pathX, pathY, segments);
    }

    /** @return the plot with colours spanning {@code [min, max]} (min < max) */
    public Heatmap withColorRange(double min, double max) {
        if (!(min < max)) {
            throw new IllegalArgumentException("colour range needs min < max, got " + min + ", " + max);
        }
        return new Heatmap(values, xFirst, xStep, yFirst, yStep, yLowClip, yHighClip, title, xLabel, yLabel,
                colorLabel, min, max, pathX, pathY, segments);
    }

    /** @return the plot with its y axis cut to {@code [low, high]} where the cells reach beyond (e.g. 0 … sr/2) */
    public Heatmap withYLimits(double low, double high) {
        return new Heatmap(values, xFirst, xStep, yFirst, yStep, low, high, title, xLabel, yLabel, colorLabel,
                colorMin, colorMax, pathX, pathY, segments);
    }

    /**
     * @param x axis values of the path's points
     * @param y axis values of the path's points (same length)
     * @return the plot with a path drawn over the cells (e.g. the best alignment through a trellis)
     */
    public Heatmap withPath(double[] x, double[] y) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("a path needs as many x as y values, at least one: got " + x.length
                    + " and " + y.length);
        }
        return new Heatmap(values, xFirst, xStep, yFirst, yStep, yLowClip, yHighClip, title, xLabel, yLabel,
                colorLabel, colorMin, colorMax, x.clone(), y.clone(), segments);
    }

    /**
     * @param spans labelled spans of the x axis (e.g. the phones of a forced alignment)
     * @return the plot with each span's boundaries drawn as white lines and its label at the top, between them
     */
    public Heatmap withSegments(java.util.List<Segment> spans) {
        return new Heatmap(values, xFirst, xStep, yFirst, yStep, yLowClip, yHighClip, title, xLabel, yLabel,
                colorLabel, colorMin, colorMax, pathX, pathY, java.util.List.copyOf(spans));
    }

    /** @return {@code {xStart, xEnd, yLow, yHigh}}: the outer edges of the cells, y cut to its limits */
    public double[] axisRange() {
        int rows = values.length;
        int cols = values[0].length;
        return new double[] {xFirst - xStep / 2, xFirst + (cols - 0.5) * xStep,
                Math.max(yLowClip, yFirst - yStep / 2), Math.min(yHighClip, yFirst + (rows - 0.5) * yStep)};
    }

    /** @return the values labelled on the x axis */
    public double[] xTicks() {
        double[] r = axisRange();
        return Ticks.nice(r[0], r[1], PlotFrame.xTickTarget(WIDTH, RIGHT));
    }

    /** @return the values labelled on the y axis */
    public double[] yTicks() {
        double[] r = axisRange();
        return Ticks.nice(r[2], r[3], PlotFrame.yTickTarget(HEIGHT));
    }

    /** @return the picture as PNG bytes */
    public byte[] toPng() {
        return render().png();
    }

    /** Draws the picture; the frame exposes its pixel geometry to tests in this package. */
    PlotFrame render() {
        double[] r = axisRange();
        PlotFrame frame = new PlotFrame(WIDTH, HEIGHT, RIGHT, r[0], r[1], r[2], r[3]);
        int rows = values.length;
        int cols = values[0].length;
        int w = frame.plotWidth();
        int h = frame.plotHeight();
        int[][] rowSpan = new int[h][];
        for (int row = 0; row < h; row++) { // pixel row 0 is the top; it covers [yBottom, yTop) in axis units
            double yTop = r[3] - row * (r[3] - r[2]) / h;
            double yBottom = r[3] - (row + 1) * (r[3] - r[2]) / h;
            rowSpan[row] = coveredIndices(yBottom, yTop, yFirst, yStep, rows);
        }
        double span = colorMax - colorMin;
        int[] pixels = new int[w * h];
        for (int col = 0; col < w; col++) {
            double xLeft = r[0] + col * (r[1] - r[0]) / w;
            double xRight = r[0] + (col + 1) * (r[1] - r[0]) / w;
            int[] colSpan = coveredIndices(xLeft, xRight, xFirst, xStep, cols);
            for (int row = 0; row < h; row++) {
                double v = Double.NEGATIVE_INFINITY;
                for (int i = rowSpan[row][0]; i <= rowSpan[row][1]; i++) {
                    for (int j = colSpan[0]; j <= colSpan[1]; j++) {
                        if (!Double.isNaN(values[i][j])) {
                            v = Math.max(v, values[i][j]);
                        }
                    }
                }
                // NaN cells (not computed yet, as in an animation that fills the picture in) stay white
                pixels[row * w + col] = v == Double.NEGATIVE_INFINITY && allNaN(rowSpan[row], colSpan) ? 0xFFFFFF
                        : Colormap.VIRIDIS.rgb((v - colorMin) / span);
            }
        }
        frame.image().setRGB(frame.plotX(), frame.plotY(), w, h, pixels, 0, w);
        if (pathX != null) {
            java.awt.Graphics2D g = frame.graphics();
            g.setColor(new java.awt.Color(0xE4, 0x1A, 0x1C));
            g.setStroke(new java.awt.BasicStroke(2.5f));
            for (int i = 1; i < pathX.length; i++) {
                g.drawLine((int) Math.round(frame.px(pathX[i - 1])), (int) Math.round(frame.py(pathY[i - 1])),
                        (int) Math.round(frame.px(pathX[i])), (int) Math.round(frame.py(pathY[i])));
            }
            for (int i = 0; i < pathX.length; i++) {
                g.fillOval((int) Math.round(frame.px(pathX[i])) - 3, (int) Math.round(frame.py(pathY[i])) - 3, 6, 6);
            }
        }
        drawSegments(frame);
        drawColorbar(frame);
        frame.decorate(title, xLabel, yLabel);
        return frame;
    }

    private void drawSegments(PlotFrame frame) {
        if (segments.isEmpty()) {
            return;
        }
        Graphics2D g = frame.graphics();
        g.setFont(g.getFont().deriveFont(java.awt.Font.BOLD, 11f));
        java.awt.FontMetrics metrics = g.getFontMetrics();
        int top = frame.plotY();
        int bottom = frame.plotY() + frame.plotHeight();
        int row = 0;
        for (Segment s : segments) {
            int x0 = (int) Math.round(frame.px(s.start()));
            int x1 = (int) Math.round(frame.px(s.end()));
            g.setColor(new java.awt.Color(255, 255, 255, 170));
            g.setStroke(new java.awt.BasicStroke(1f));
            g.drawLine(x0, top, x0, bottom);
            g.drawLine(x1, top, x1, bottom);
            int w = metrics.stringWidth(s.label());
            // labels alternate between two rows so that neighbours in short segments do not overwrite each other
            int y = top + 13 + (row++ % 2) * 13;
            int x = (x0 + x1 - w) / 2;
            g.setColor(new java.awt.Color(0, 0, 0, 150));
            g.fillRect(x - 2, y - 11, w + 4, 13);
            g.setColor(java.awt.Color.WHITE);
            g.drawString(s.label(), x, y);
        }
    }

    private boolean allNaN(int[] rowSpan, int[] colSpan) {
        for (int i = rowSpan[0]; i <= rowSpan[1]; i++) {
            for (int j = colSpan[0]; j <= colSpan[1]; j++) {
                if (!Double.isNaN(values[i][j])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @return the picture as an image (e.g. a frame of an {@link Animation}) */
    public BufferedImage toImage() {
        PlotFrame frame = render();
        frame.graphics().dispose();
        return frame.image();
    }

    /**
     * The cells (centred at {@code first + i·step}, each {@code step} wide) that overlap the span {@code [lo, hi)};
     * at least the nearest one.
     *
     * @return {@code {firstIndex, lastIndex}}, inclusive, within {@code 0 … count−1}
     */
    static int[] coveredIndices(double lo, double hi, double first, double step, int count) {
        int a = (int) Math.floor((lo - first) / step + 0.5);
        int b = (int) Math.ceil((hi - first) / step + 0.5) - 1;
        a = Math.max(0, Math.min(count - 1, a));
        b = Math.max(a, Math.min(count - 1, b));
        return new int[] {a, b};
    }

    private void drawColorbar(PlotFrame frame) {
        Graphics2D g = frame.graphics();
        int x = frame.plotX() + frame.plotWidth() + 14;
        int y = frame.plotY();
        int barWidth = 14;
        int h = frame.plotHeight();
        BufferedImage bar = new BufferedImage(barWidth, h, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < h; row++) {
            int rgb = Colormap.VIRIDIS.rgb(1.0 - (double) row / Math.max(1, h - 1));
            for (int c = 0; c < barWidth; c++) {
                bar.setRGB(c, row, rgb);
            }
        }
        g.drawImage(bar, x, y, null);
        g.setColor(Color.DARK_GRAY);
        g.drawRect(x, y, barWidth, h);
        FontMetrics fm = g.getFontMetrics();
        for (double tick : Ticks.nice(colorMin, colorMax, 5)) {
            int ty = (int) Math.round(y + h - (tick - colorMin) / (colorMax - colorMin) * h);
            g.drawLine(x + barWidth, ty, x + barWidth + 3, ty);
            g.drawString(Ticks.label(tick), x + barWidth + 5, ty + fm.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        frame.drawVertical(colorLabel, WIDTH - 8, y + h / 2);
    }

    @Override
    public MimeBundle toMimeBundle() {
        String text = String.format(Locale.ROOT, "%s: %d × %d heat map (%s vs %s, colour %s)", title, values.length,
                values[0].length, yLabel, xLabel, colorLabel);
        return MimeBundle.text(text).png(toPng()).build();
    }
}
