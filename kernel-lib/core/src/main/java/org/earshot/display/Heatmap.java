package org.earshot.display;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

import org.earshot.audio.Matrices;

/**
 * A labelled picture of a matrix {@code values[row][column]}: columns along x, rows up the y axis (row 0 at the
 * bottom), colour on the viridis map with a labelled colorbar. Each axis is an {@link Axis}: either numeric —
 * cells centred on evenly spaced values in the caller's unit ({@code x = first + j·step}: seconds, hertz, mel
 * bands) — or categorical, one named cell per row or column (CTC symbols, characters, speakers).
 *
 * <pre>{@code
 * Heatmap.builder().values(prob)                      // [symbols][frames]
 *         .title("ctc-small output")
 *         .xAxis(Heatmap.Axis.seconds(0.03))          // a frame every 30 ms, "Time (s)"
 *         .yAxis(Heatmap.Axis.categories("Symbol", alphabet.labels()))
 *         .colorbar("Probability").colorRange(0, 1)
 *         .build()
 * }</pre>
 *
 * <p>When there are more cells than pixels, each pixel shows the largest value it covers, so thin lines and short
 * events stay visible. The colour range is {@code [colorMin, colorMax]} (by default the data's); values outside are
 * clamped; NaN cells are white. With categories up the y axis the picture grows taller, so that every label fits
 * (up to {@value #MAX_CATEGORY_ROWS_LABELLED} rows; beyond, every k-th is labelled); categories along x are
 * labelled as often as their widths allow.
 *
 * <p>Immutable: {@code with…} methods and {@link #toBuilder()} return new plots. Used by {@link SpectrogramPlot},
 * {@code FeatureFrames}, the CTC trellis and the attention map (§21.2, notebooks/21.2-asr.ipynb and
 * 21.2b-neural-asr.ipynb).
 */
public final class Heatmap implements Displayable {

    private static final int WIDTH = KitStyle.WIDTH_PX;
    private static final int HEIGHT = KitStyle.HEIGHT_PX;
    private static final int RIGHT = 86;
    /** Height of one labelled category row, in pixels. */
    private static final int CATEGORY_ROW_PX = 14;
    /** Most category rows given their own row height (and label); more are squeezed and thinned. */
    static final int MAX_CATEGORY_ROWS_LABELLED = 56;

    /**
     * One axis of a heat map: its title and what each row or column stands for. Immutable.
     *
     * <ul>
     *   <li>{@link #seconds(double)}: time, a frame every {@code stepSeconds}, the first centred at 0 s;</li>
     *   <li>{@link #numeric(String, double)}: any unit (Hz, mel), the first cell centred at 0 until
     *       {@link #startingAt(double)};</li>
     *   <li>{@link #index(String)}: cells numbered 0, 1, 2, … (frames, states, coefficients);</li>
     *   <li>{@link #categories(String, List)}: one named cell each, centred at 0, 1, 2, …, ticks labelled with the
     *       names; a label that is blank (the space symbol) is shown as "␣".</li>
     * </ul>
     * Paths and segments drawn over a heat map are in its axes' units: category indices on a categorical axis.
     */
    public static final class Axis {

        private final String title;
        private final double first;
        private final double step;
        private final List<String> categories;

        private Axis(String title, double first, double step, List<String> categories) {
            this.title = XyPlot.requireText(title, "an axis title");
            if (!Double.isFinite(first)) {
                throw new IllegalArgumentException("axis \"" + title + "\": the first cell's centre must be finite, got "
                        + first);
            }
            if (!(step > 0) || !Double.isFinite(step)) {
                throw new IllegalArgumentException("axis \"" + title + "\": the step between cells must be > 0, got "
                        + step);
            }
            this.first = first;
            this.step = step;
            this.categories = categories;
        }

        /**
         * @param stepSeconds time between frames, in seconds (> 0), e.g. a hop of 160 samples at 16 kHz: 0.01
         * @return a time axis titled "Time (s)", frame {@code j} centred at {@code j·stepSeconds}
         */
        public static Axis seconds(double stepSeconds) {
            return new Axis("Time (s)", 0, stepSeconds, null);
        }

        /**
         * @param titleWithUnit the axis title, with its unit: "Frequency (Hz)"
         * @param step          distance between cell centres, in that unit (> 0)
         * @return a numeric axis, cell {@code j} centred at {@code j·step} (shift it with {@link #startingAt})
         */
        public static Axis numeric(String titleWithUnit, double step) {
            return new Axis(titleWithUnit, 0, step, null);
        }

        /** @return an axis numbering its cells 0, 1, 2, … */
        public static Axis index(String title) {
            return new Axis(title, 0, 1, null);
        }

        /**
         * @param title  what the categories are: "Symbol", "Speaker", "Output character"
         * @param labels one per row (y) or column (x), bottom to top or left to right
         * @return a categorical axis
         */
        public static Axis categories(String title, List<String> labels) {
            if (labels.isEmpty()) {
                throw new IllegalArgumentException("axis \"" + title + "\" needs at least one category");
            }
            List<String> shown = labels.stream().map(l -> {
                if (l == null) {
                    throw new IllegalArgumentException("axis \"" + title + "\": a category label is null");
                }
                return l.isBlank() ? "␣" : l;
            }).toList();
            return new Axis(title, 0, 1, shown);
        }

        /** As {@link #categories(String, List)} */
        public static Axis categories(String title, String... labels) {
            return categories(title, List.of(labels));
        }

        /**
         * @param firstCentre the axis value at the centre of cell 0 (e.g. the first frame's time)
         * @return this numeric axis shifted to start there
         */
        public Axis startingAt(double firstCentre) {
            if (isCategorical()) {
                throw new IllegalArgumentException("axis \"" + title + "\" is categorical: its cells are at 0, 1, 2, …");
            }
            return new Axis(title, firstCentre, step, null);
        }

        /** @return this axis with another title */
        public Axis titled(String newTitle) {
            return new Axis(newTitle, first, step, categories);
        }

        public String title() {
            return title;
        }

        /** @return the axis value at the centre of cell 0 */
        public double firstCentre() {
            return first;
        }

        /** @return the distance between cell centres, in the axis's unit (1 for categories) */
        public double step() {
            return step;
        }

        /** @return the category labels (as drawn), empty for a numeric axis */
        public List<String> categories() {
            return categories == null ? List.of() : categories;
        }

        public boolean isCategorical() {
            return categories != null;
        }

        @Override
        public String toString() {
            return isCategorical() ? "Axis[" + title + ", " + categories.size() + " categories]"
                    : String.format(Locale.ROOT, "Axis[%s, from %s every %s]", title, first, step);
        }
    }

    private final double[][] values;
    private final Axis x;
    private final Axis y;
    private final double yLowClip;
    private final double yHighClip;
    private final String title;
    private final String colorLabel;
    private final double colorMin;
    private final double colorMax;
    private final double[] pathX;
    private final double[] pathY;
    private final List<Segment> segments;
    private final int height;

    private Heatmap(Builder b) {
        this.values = b.values;
        this.x = b.x;
        this.y = b.y;
        this.yLowClip = b.yLow;
        this.yHighClip = b.yHigh;
        this.title = b.title;
        this.colorLabel = b.colorLabel;
        double[] range = b.colorMin != null ? new double[] {b.colorMin, b.colorMax} : dataRange(b.values);
        this.colorMin = range[0];
        this.colorMax = range[1];
        this.pathX = b.pathX;
        this.pathY = b.pathY;
        this.segments = b.segments;
        int rows = values.length;
        int categoryHeight = Math.min(rows, MAX_CATEGORY_ROWS_LABELLED) * CATEGORY_ROW_PX + PlotFrame.TOP
                + PlotFrame.BOTTOM;
        this.height = y.isCategorical() ? Math.max(HEIGHT, categoryHeight) : HEIGHT;
    }

    /** @return a builder: give it values, a title, both axes and the colorbar's label */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding everything this plot has, to change a part of it */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.values = values;
        b.x = x;
        b.y = y;
        b.yLow = yLowClip;
        b.yHigh = yHighClip;
        b.title = title;
        b.colorLabel = colorLabel;
        b.colorMin = colorMin;
        b.colorMax = colorMax;
        b.pathX = pathX;
        b.pathY = pathY;
        b.segments = segments;
        return b;
    }

    /** @return {@code {min, max}} of the finite values, {@code {0, 1}} when there are none */
    private static double[] dataRange(double[][] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        return lo == hi ? new double[] {lo - 0.5, hi + 0.5} : new double[] {lo, hi};
    }

    public Heatmap withTitle(String newTitle) {
        return toBuilder().title(newTitle).build();
    }

    /** @return the plot with these axis and colorbar titles (give units, e.g. "Time (s)") */
    public Heatmap withLabels(String xTitle, String yTitle, String color) {
        return toBuilder().xAxis(x.titled(xTitle)).yAxis(y.titled(yTitle)).colorbar(color).build();
    }

    /** @return the plot with colours spanning {@code [min, max]} (min < max) */
    public Heatmap withColorRange(double min, double max) {
        return toBuilder().colorRange(min, max).build();
    }

    /** @return the plot with its y axis cut to {@code [low, high]} where the cells reach beyond (e.g. 0 … sr/2) */
    public Heatmap withYLimits(double low, double high) {
        return toBuilder().yLimits(low, high).build();
    }

    /**
     * @param xs axis values of the path's points
     * @param ys axis values of the path's points (same length)
     * @return the plot with a path drawn over the cells (e.g. the best alignment through a trellis): the cells it
     *         holds outlined, their colour left readable
     */
    public Heatmap withPath(double[] xs, double[] ys) {
        return toBuilder().path(xs, ys).build();
    }

    /**
     * @param spans labelled spans of the x axis (e.g. the phones of a forced alignment)
     * @return the plot with each span's boundaries drawn as white lines and its label at the top, between them (on a
     *         second row where the first has no room, left out where neither has: see {@link #layoutLabels})
     */
    public Heatmap withSegments(List<Segment> spans) {
        return toBuilder().segments(spans).build();
    }

    /** @return the x axis (columns) */
    public Axis xAxis() {
        return x;
    }

    /** @return the y axis (rows) */
    public Axis yAxis() {
        return y;
    }

    /** @return {@code {width, height}} of the picture, in pixels */
    public int[] sizePx() {
        return new int[] {WIDTH, height};
    }

    /** @return {@code {xStart, xEnd, yLow, yHigh}}: the outer edges of the cells, y cut to its limits */
    public double[] axisRange() {
        int rows = values.length;
        int cols = values[0].length;
        return new double[] {x.first - x.step / 2, x.first + (cols - 0.5) * x.step,
                Math.max(yLowClip, y.first - y.step / 2), Math.min(yHighClip, y.first + (rows - 0.5) * y.step)};
    }

    /** @return the values labelled on the x axis (category indices on a categorical axis) */
    public double[] xTicks() {
        return xAxisTicks().values();
    }

    /** @return the values labelled on the y axis (category indices on a categorical axis) */
    public double[] yTicks() {
        return yAxisTicks().values();
    }

    /** @return the labels of the x ticks, as drawn */
    public List<String> xTickLabels() {
        return List.of(xAxisTicks().labels());
    }

    /** @return the labels of the y ticks, as drawn */
    public List<String> yTickLabels() {
        return List.of(yAxisTicks().labels());
    }

    private AxisTicks xAxisTicks() {
        double[] r = axisRange();
        if (!x.isCategorical()) {
            return AxisTicks.nice(r[0], r[1], PlotFrame.xTickTarget(WIDTH, RIGHT));
        }
        FontMetrics fm = tickMetrics();
        int widest = x.categories.stream().mapToInt(fm::stringWidth).max().orElse(0);
        double cellPx = (double) (WIDTH - PlotFrame.LEFT - RIGHT) / x.categories.size();
        return categoryTicks(x, (int) Math.ceil((widest + 6) / cellPx));
    }

    private AxisTicks yAxisTicks() {
        double[] r = axisRange();
        if (!y.isCategorical()) {
            return AxisTicks.nice(r[2], r[3], PlotFrame.yTickTarget(height));
        }
        double cellPx = (double) (height - PlotFrame.TOP - PlotFrame.BOTTOM) / y.categories.size();
        return categoryTicks(y, (int) Math.ceil((tickMetrics().getHeight() - 1) / cellPx));
    }

    /** @return every {@code stride}-th category as a tick, labelled with its name */
    private static AxisTicks categoryTicks(Axis axis, int stride) {
        int k = Math.max(1, stride);
        int n = (axis.categories.size() + k - 1) / k;
        double[] at = new double[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            at[i] = i * k;
            labels[i] = axis.categories.get(i * k);
        }
        return new AxisTicks(at, labels);
    }

    private static FontMetrics tickMetrics() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(KitStyle.font(java.awt.Font.PLAIN, KitStyle.TICK_PT));
        } finally {
            g.dispose();
        }
    }

    /** @return the picture as PNG bytes */
    public byte[] toPng() {
        return render().png();
    }

    /** Draws the picture; the frame exposes its pixel geometry to tests in this package. */
    PlotFrame render() {
        double[] r = axisRange();
        PlotFrame frame = new PlotFrame(WIDTH, height, RIGHT, r[0], r[1], r[2], r[3]);
        int rows = values.length;
        int cols = values[0].length;
        int w = frame.plotWidth();
        int h = frame.plotHeight();
        int[][] rowSpan = new int[h][];
        for (int row = 0; row < h; row++) { // pixel row 0 is the top; it covers [yBottom, yTop) in axis units
            double yTop = r[3] - row * (r[3] - r[2]) / h;
            double yBottom = r[3] - (row + 1) * (r[3] - r[2]) / h;
            rowSpan[row] = coveredIndices(yBottom, yTop, y.first, y.step, rows);
        }
        double span = colorMax - colorMin;
        int[] pixels = new int[w * h];
        for (int col = 0; col < w; col++) {
            double xLeft = r[0] + col * (r[1] - r[0]) / w;
            double xRight = r[0] + (col + 1) * (r[1] - r[0]) / w;
            int[] colSpan = coveredIndices(xLeft, xRight, x.first, x.step, cols);
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
            drawPath(frame);
        }
        drawSegments(frame);
        drawColorbar(frame);
        frame.decorate(title, x.title, y.title, xAxisTicks(), yAxisTicks());
        return frame;
    }

    /** The path's colour: red, which stands out on every viridis colour from dark purple to yellow. */
    static final java.awt.Color PATH_COLOR = new java.awt.Color(0xE4, 0x1A, 0x1C);

    /**
     * Draws the path so that the cells it crosses stay readable: each run of cells it holds on one row is outlined
     * (a 1.5 px red frame, the cells' own colour inside), and consecutive runs are joined by a thin translucent line
     * from the right edge of one to the left edge of the next (in a path that steps one column at a time, a line
     * along the border between two columns, over no cell's inside). A point marks the cell it falls in.
     */
    private void drawPath(PlotFrame frame) {
        Graphics2D g = frame.graphics();
        double cellW = Math.abs(frame.px(x.first + x.step) - frame.px(x.first));
        double cellH = Math.abs(frame.py(y.first + y.step) - frame.py(y.first));
        List<int[]> runs = new java.util.ArrayList<>(); // {firstColumn, lastColumn, row}
        for (int i = 0; i < pathX.length; i++) {
            int col = (int) Math.round((pathX[i] - x.first) / x.step);
            int row = (int) Math.round((pathY[i] - y.first) / y.step);
            int[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last[2] == row && (col == last[1] || col == last[1] + 1)) {
                last[1] = col;
            } else {
                runs.add(new int[] {col, col, row});
            }
        }
        java.awt.Shape clip = g.getClip();
        g.clipRect(frame.plotX(), frame.plotY(), frame.plotWidth(), frame.plotHeight());
        g.setColor(new java.awt.Color(PATH_COLOR.getRed(), PATH_COLOR.getGreen(), PATH_COLOR.getBlue(), 150));
        g.setStroke(new java.awt.BasicStroke(1.2f));
        for (int r = 1; r < runs.size(); r++) {
            int[] a = runs.get(r - 1);
            int[] b = runs.get(r);
            g.draw(new java.awt.geom.Line2D.Double(frame.px(x.first + a[1] * x.step) + cellW / 2,
                    frame.py(y.first + a[2] * y.step), frame.px(x.first + b[0] * x.step) - cellW / 2,
                    frame.py(y.first + b[2] * y.step)));
        }
        g.setColor(new java.awt.Color(PATH_COLOR.getRed(), PATH_COLOR.getGreen(), PATH_COLOR.getBlue(), 230));
        g.setStroke(new java.awt.BasicStroke(1.5f));
        for (int[] run : runs) {
            double left = frame.px(x.first + run[0] * x.step) - cellW / 2;
            double topY = frame.py(y.first + run[2] * y.step) - cellH / 2;
            g.draw(new java.awt.geom.Rectangle2D.Double(left, topY, cellW * (run[1] - run[0] + 1), cellH));
        }
        g.setClip(clip);
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
        double[] centres = new double[segments.size()];
        int[] widths = new int[segments.size()];
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            int x0 = (int) Math.round(frame.px(s.start()));
            int x1 = (int) Math.round(frame.px(s.end()));
            g.setColor(new java.awt.Color(255, 255, 255, 170));
            g.setStroke(new java.awt.BasicStroke(1f));
            g.drawLine(x0, top, x0, bottom);
            g.drawLine(x1, top, x1, bottom);
            centres[i] = (x0 + x1) / 2.0;
            widths[i] = metrics.stringWidth(s.label());
        }
        int[][] placed = layoutLabels(centres, widths, frame.plotX(), frame.plotX() + frame.plotWidth());
        for (int i = 0; i < segments.size(); i++) {
            if (placed[i][1] < 0) {
                continue; // no room on either row: left out rather than printed over a neighbour
            }
            int x = placed[i][0];
            int y = top + LABEL_ROW_PX + placed[i][1] * LABEL_ROW_PX;
            g.setColor(new java.awt.Color(0, 0, 0, 150));
            g.fillRect(x - LABEL_PAD_PX, y - 11, widths[i] + 2 * LABEL_PAD_PX, LABEL_ROW_PX);
            g.setColor(java.awt.Color.WHITE);
            g.drawString(segments.get(i).label(), x, y);
        }
    }

    /** Height of a row of segment labels, in pixels. */
    static final int LABEL_ROW_PX = 13;
    /** Dark padding either side of a segment label, in pixels. */
    static final int LABEL_PAD_PX = 2;
    /** Least space between two labels' boxes on one row, in pixels. */
    static final int LABEL_GAP_PX = 2;

    /**
     * Where the segments' labels go, so that no two overlap: from left to right, each label is centred over its
     * segment (kept inside {@code [minX, maxX]}) on the first of two rows where its box clears the last one placed
     * on that row by {@link #LABEL_GAP_PX}; a label that clears neither row is left out. Deterministic: the same
     * segments always give the same picture.
     *
     * @param centres each segment's centre, in pixels (any order)
     * @param widths  each label's text width, in pixels
     * @param minX    the plot area's left edge, in pixels
     * @param maxX    its right edge, in pixels
     * @return {@code {x, row}} per label: the text's left edge, and row 0 (top), 1 (below it) or −1 (left out, or
     *         an empty label)
     */
    static int[][] layoutLabels(double[] centres, int[] widths, int minX, int maxX) {
        Integer[] order = new Integer[centres.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble((Integer i) -> centres[i]).thenComparing(i -> i));
        int[][] placed = new int[centres.length][];
        int[] rowEnd = {Integer.MIN_VALUE / 2, Integer.MIN_VALUE / 2}; // right edge of the last box on each row
        for (int i : order) {
            int w = widths[i];
            int x = (int) Math.round(centres[i] - w / 2.0);
            x = Math.max(minX + LABEL_PAD_PX, Math.min(maxX - LABEL_PAD_PX - w, x));
            int row = -1;
            for (int r = 0; r < rowEnd.length && row < 0 && w > 0; r++) {
                if (x - LABEL_PAD_PX >= rowEnd[r] + LABEL_GAP_PX) {
                    row = r;
                }
            }
            if (row >= 0) {
                rowEnd[row] = x + w + LABEL_PAD_PX;
            }
            placed[i] = new int[] {x, row};
        }
        return placed;
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
        java.awt.Font plain = g.getFont();
        g.setFont(KitStyle.font(java.awt.Font.PLAIN, KitStyle.AXIS_TITLE_PT));
        frame.drawVertical(colorLabel, WIDTH - 8, y + h / 2);
        g.setFont(plain);
    }

    @Override
    public MimeBundle toMimeBundle() {
        String text = String.format(Locale.ROOT, "%s: %d × %d heat map (%s vs %s, colour %s)", title, values.length,
                values[0].length, y.title, x.title, colorLabel);
        return MimeBundle.text(text).png(toPng()).build();
    }

    /** Builds a {@link Heatmap}; values, title, both axes and the colorbar label are required. */
    public static final class Builder {

        private double[][] values;
        private Axis x;
        private Axis y;
        private double yLow = Double.NEGATIVE_INFINITY;
        private double yHigh = Double.POSITIVE_INFINITY;
        private String title;
        private String colorLabel;
        private Double colorMin;
        private Double colorMax;
        private double[] pathX;
        private double[] pathY;
        private List<Segment> segments = List.of();

        private Builder() {
        }

        /** @param matrix {@code [rows][columns]}, at least 1 × 1, rectangular (copied); NaN cells are white */
        public Builder values(double[][] matrix) {
            Matrices.requireRectangular(matrix, "row");
            this.values = Matrices.copy(matrix);
            return this;
        }

        /** @param text the figure's title: what it shows */
        public Builder title(String text) {
            this.title = XyPlot.requireText(text, "the title");
            return this;
        }

        /** @param columns what the columns are, along x (e.g. {@link Axis#seconds(double)}) */
        public Builder xAxis(Axis columns) {
            this.x = java.util.Objects.requireNonNull(columns, "xAxis");
            return this;
        }

        /** @param rows what the rows are, up y, row 0 at the bottom (e.g. {@link Axis#categories(String, List)}) */
        public Builder yAxis(Axis rows) {
            this.y = java.util.Objects.requireNonNull(rows, "yAxis");
            return this;
        }

        /** @param labelWithUnit what the colour means, with its unit: "Level (dB)", "Probability" */
        public Builder colorbar(String labelWithUnit) {
            this.colorLabel = XyPlot.requireText(labelWithUnit, "the colorbar label");
            return this;
        }

        /** @param min value at the colorbar's bottom; @param max value at its top (> min); default: the data's */
        public Builder colorRange(double min, double max) {
            if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("colour range needs finite min < max, got " + min + ", " + max);
            }
            this.colorMin = min;
            this.colorMax = max;
            return this;
        }

        /** @param low the y axis's bottom; @param high its top, where the cells reach beyond (e.g. 0 … sr/2) */
        public Builder yLimits(double low, double high) {
            if (!(low < high)) {
                throw new IllegalArgumentException("y limits need low < high, got " + low + ", " + high);
            }
            this.yLow = low;
            this.yHigh = high;
            return this;
        }

        /**
         * @param xs the path's points along x, in the x axis's unit (copied)
         * @param ys the path's points up y, in the y axis's unit (a category's index on a categorical axis)
         * @return this builder, with a path drawn over the cells (e.g. the best alignment through a trellis)
         */
        public Builder path(double[] xs, double[] ys) {
            if (xs.length != ys.length || xs.length == 0) {
                throw new IllegalArgumentException("a path needs as many x as y values, at least one: got "
                        + xs.length + " and " + ys.length);
            }
            this.pathX = xs.clone();
            this.pathY = ys.clone();
            return this;
        }

        /** @param spans labelled spans of the x axis, drawn as white boundaries with the label at the top (two rows) */
        public Builder segments(List<Segment> spans) {
            this.segments = List.copyOf(spans);
            return this;
        }

        /** @return the heat map */
        public Heatmap build() {
            if (values == null) {
                throw new IllegalArgumentException("a heat map needs its values: .values(matrix)");
            }
            if (title == null) {
                throw new IllegalArgumentException("a heat map needs a title: .title(\"what it shows\")");
            }
            if (x == null || y == null) {
                throw new IllegalArgumentException("heat map \"" + title + "\" needs both axes: "
                        + ".xAxis(Heatmap.Axis.seconds(0.01)).yAxis(Heatmap.Axis.index(\"Row\"))");
            }
            if (colorLabel == null) {
                throw new IllegalArgumentException("heat map \"" + title + "\" needs a colorbar label, with its unit: "
                        + ".colorbar(\"Level (dB)\")");
            }
            requireCategoryCount(x, values[0].length, "columns");
            requireCategoryCount(y, values.length, "rows");
            return new Heatmap(this);
        }

        private void requireCategoryCount(Axis axis, int cells, String what) {
            if (axis.isCategorical() && axis.categories.size() != cells) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "axis \"%s\" has %d category labels but the values have %d %s; give one label per %s",
                        axis.title, axis.categories.size(), cells, what, what.substring(0, what.length() - 1)));
            }
        }
    }
}
