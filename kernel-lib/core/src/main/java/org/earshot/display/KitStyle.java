package org.earshot.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;

import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The kit's look, in one place: the font, the sizes and the colours that every figure shares — the kit's own
 * pictures ({@link Heatmap}, {@link SpectrogramPlot}, {@link WaveformPlot}) and the XChart charts made by
 * {@link LinePlot}, {@link ScatterPlot} and {@link BarPlot}.
 *
 * <ul>
 *   <li>White background, a light grey grid, dark grey axes; title bold 13 pt, axis titles 12 pt, ticks 11 pt.</li>
 *   <li>The font is DejaVu Sans, which has the symbols lessons print (␣ for a space, λ, ², ≈); where it is not
 *       installed, Java's logical {@code SansSerif}.</li>
 *   <li>Figures are {@value #WIDTH_PX} pixels wide, as wide as a spectrogram, so figures stacked in a lesson line
 *       up; {@value #HEIGHT_PX} pixels high unless a plot asks for more.</li>
 *   <li>Series colours are matplotlib's "tab10" cycle, the waveform's blue first, so a curve looks as it does in
 *       the Python references the lessons compare against.</li>
 * </ul>
 *
 * <p>For a chart built directly with XChart, {@link #apply(Chart)} gives it the same look:
 * <pre>{@code
 * XYChart c = KitStyle.apply(new XYChartBuilder().title("…").xAxisTitle("Time (s)").build());
 * }</pre>
 */
public final class KitStyle {

    /** Width of every kit figure, in pixels. */
    public static final int WIDTH_PX = 760;
    /** Default height of a kit figure, in pixels. */
    public static final int HEIGHT_PX = 320;
    /** The font family every figure uses (falls back to {@code SansSerif} when DejaVu Sans is not installed). */
    public static final String FONT_FAMILY = resolveFamily("DejaVu Sans");

    /** Title size, in points. */
    static final float TITLE_PT = 13f;
    /** Axis-title size, in points. */
    static final float AXIS_TITLE_PT = 12f;
    /** Tick-label and legend size, in points. */
    static final float TICK_PT = 11f;
    /** About how many pixels apart axis ticks are, on every kit figure. */
    static final int TICK_SPACING_PX = 80;

    /** Tick labels: no digit grouping, no trailing zeros, up to six decimals. */
    private static final String DECIMALS = "#.######";
    private static final Color GRID = new Color(0xE5E5E5);
    private static final Color AXES = Color.DARK_GRAY;
    /** matplotlib's tab10 cycle. */
    private static final Color[] SERIES = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C),
        new Color(0xD62728), new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F),
        new Color(0xBCBD22), new Color(0x17BECF)};

    private KitStyle() {
    }

    /**
     * @param style {@link Font#PLAIN} or {@link Font#BOLD}
     * @param sizePt size, in points
     * @return the kit's font at that style and size
     */
    static Font font(int style, float sizePt) {
        return new Font(FONT_FAMILY, style, 1).deriveFont(style, sizePt);
    }

    /** @return the kit's series colours, in the order series are drawn (a copy) */
    public static Color[] seriesColors() {
        return SERIES.clone();
    }

    /**
     * Gives an XChart chart the kit's look: background, fonts, grid, series colours and tick labels (no digit
     * grouping, no trailing zeros, as on the kit's own figures). Size, titles and series are left alone.
     * Call it before making an axis logarithmic (XChart's decade labels replace the kit's there).
     *
     * @param chart any XChart chart (changed in place)
     * @param <C>   its type
     * @return the same chart, for chaining
     */
    public static <C extends Chart<?, ?>> C apply(C chart) {
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(AXES);
        s.setChartFontColor(Color.BLACK);
        s.setBaseFont(font(Font.PLAIN, TICK_PT));
        s.setChartTitleFont(font(Font.BOLD, TITLE_PT));
        s.setChartTitleBoxVisible(false);
        s.setLegendFont(font(Font.PLAIN, TICK_PT));
        s.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        s.setLegendBorderColor(GRID);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setSeriesColors(Arrays.copyOf(SERIES, SERIES.length));
        s.setAntiAlias(true);
        s.setChartPadding(8);
        if (s instanceof AxesChartStyler a) {
            a.setAxisTitleFont(font(Font.PLAIN, AXIS_TITLE_PT));
            a.setAxisTickLabelsFont(font(Font.PLAIN, TICK_PT));
            a.setAxisTickLabelsColor(Color.BLACK);
            a.setAxisTickMarksColor(AXES);
            a.setAxisTicksLineVisible(false); // the plot's border is the axis line
            a.setPlotGridLinesColor(GRID);
            a.setPlotGridLinesStroke(new BasicStroke(1f));
            a.setXAxisTickMarkSpacingHint(TICK_SPACING_PX);
            a.setYAxisTickMarkSpacingHint(TICK_SPACING_PX / 2);
            a.setLocale(java.util.Locale.ROOT);
            // a decimal pattern, not a formatting function: XChart spaces ticks by the hint only without one
            a.setXAxisDecimalPattern(DECIMALS);
            a.setYAxisDecimalPattern(DECIMALS);
        }
        return chart;
    }

    private static String resolveFamily(String wanted) {
        try {
            for (String f : GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()) {
                if (f.equalsIgnoreCase(wanted)) {
                    return f;
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // no font configuration at all (a bare container): the logical font still renders
        }
        return Font.SANS_SERIF;
    }
}
