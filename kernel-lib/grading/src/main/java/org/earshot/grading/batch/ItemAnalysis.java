package org.earshot.grading.batch;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.earshot.display.KitStyle;
import org.earshot.exercises.CheckReport;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Item analysis across the class, per test case: its <em>pass rate</em> (difficulty) and its
 * <em>discrimination</em>, how well passing it separates strong students from weak ones. Two measures:
 * <ul>
 *   <li>the corrected point-biserial correlation between passing the case (0/1) and the student's total score
 *       without that case's own points, {@code r = cov(x, y) / (σx σy)} — near 0 or negative flags a test that
 *       strong students fail as often as weak ones (a wrong expectation, or one that tests luck);</li>
 *   <li>the upper–lower index: pass rate in the top 27% of totals minus pass rate in the bottom 27%.</li>
 * </ul>
 * A case everybody passes (or nobody) has no discrimination (empty in the CSV). Below {@value #LOW_DISCRIMINATION}
 * a case is flagged (the CSV's {@code note}, the chart's shaded zone). With fewer than {@value #MEANINGFUL_CLASS}
 * students the indices are not meaningful (one student moves them by a lot): the CSV's {@code note} and the chart's
 * title say so.
 *
 * @param items one per test case, in lesson order
 */
public record ItemAnalysis(List<Item> items) {

    /** Discrimination below this is flagged: the case hardly separates strong students from weak ones. */
    public static final double LOW_DISCRIMINATION = 0.2;
    /** Fewer students than this and the indices are not meaningful. */
    public static final int MEANINGFUL_CLASS = 20;
    /** What the CSV and the chart say about a class smaller than {@link #MEANINGFUL_CLASS}. */
    public static final String SMALL_CLASS = "n < " + MEANINGFUL_CLASS + ": the indices are not meaningful";

    private static final double GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
    private static final Color WARNING = new Color(214, 39, 40, 38);

    /** One test case's figures. */
    public record Item(String exercise, int index, String name, boolean hidden, int students, double passRate,
                       double discrimination, double upperLower) {
    }

    /** @return the analysis of these results (students with no gradable submission count as failing) */
    public static ItemAnalysis of(List<StudentResult> results) {
        List<Item> items = new ArrayList<>();
        if (results.isEmpty()) {
            return new ItemAnalysis(items);
        }
        int n = results.size();
        double[] totals = results.stream().mapToDouble(StudentResult::total).toArray();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> totals[i]));
        int group = Math.max(1, (int) Math.round(0.27 * n));
        StudentResult first = results.get(0);
        for (StudentResult.ExerciseResult ex : first.exercises()) {
            List<CheckReport.CaseResult> cases = ex.cases();
            double weightSum = cases.stream().mapToDouble(CheckReport.CaseResult::weight).sum();
            for (int c = 0; c < cases.size(); c++) {
                double[] pass = new double[n];
                double[] rest = new double[n];
                for (int s = 0; s < n; s++) {
                    CheckReport.CaseResult r = caseOf(results.get(s), ex.id(), c);
                    pass[s] = r != null && r.status() == CheckReport.Status.PASSED ? 1 : 0;
                    double own = r == null ? 0 : pass[s] * ex.points() * r.weight() / weightSum;
                    rest[s] = totals[s] - own;
                }
                double upper = 0;
                double lower = 0;
                for (int k = 0; k < group; k++) {
                    lower += pass[order[k]];
                    upper += pass[order[n - 1 - k]];
                }
                items.add(new Item(ex.id(), c, cases.get(c).name(), cases.get(c).hidden(), n, mean(pass),
                        correlation(pass, rest), n >= 2 ? (upper - lower) / group : Double.NaN));
            }
        }
        return new ItemAnalysis(items);
    }

    private static CheckReport.CaseResult caseOf(StudentResult r, String exercise, int index) {
        return r.exercises().stream().filter(e -> e.id().equals(exercise)).findFirst()
                .filter(e -> index < e.cases().size()).map(e -> e.cases().get(index)).orElse(null);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** @return Pearson's r, NaN when either variable is constant */
    static double correlation(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /**
     * @return {@code exercise,case,name,hidden,students,pass_rate,discrimination,upper_lower,note}; the note flags
     *         low ({@code < 0.2}) or negative discrimination, and a class too small for the indices to mean anything
     */
    public String csv() {
        StringBuilder sb = new StringBuilder(
                "exercise,case,name,hidden,students,pass_rate,discrimination,upper_lower,note\r\n");
        for (Item i : items) {
            sb.append(Gradebook.field(i.exercise())).append(',').append(i.index()).append(',')
                    .append(Gradebook.field(i.name())).append(',').append(i.hidden()).append(',').append(i.students())
                    .append(',').append(format(i.passRate())).append(',').append(format(i.discrimination()))
                    .append(',').append(format(i.upperLower())).append(',').append(Gradebook.field(note(i)))
                    .append("\r\n");
        }
        return sb.toString();
    }

    /** @return the CSV's note for a case: what is wrong with its discrimination, and the small-class caveat */
    static String note(Item i) {
        List<String> notes = new ArrayList<>();
        if (i.discrimination() < 0) {
            notes.add("negative discrimination");
        } else if (i.discrimination() < LOW_DISCRIMINATION) {
            notes.add("low discrimination (< " + LOW_DISCRIMINATION + ")");
        }
        if (i.students() < MEANINGFUL_CLASS) {
            notes.add(SMALL_CLASS);
        }
        return String.join("; ", notes);
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * A scatter of every test case: pass rate across, discrimination up; visible and hidden cases with their own
     * marker and colour, cases with no spread (everyone passed, or nobody) at 0 with a grey cross; cases that fall on
     * the same spot are spread a little around it (a deterministic sunflower jitter of at most a few hundredths), so
     * each is seen. The zone below {@value #LOW_DISCRIMINATION} is shaded. The title gives the class size, and for a
     * small class the caveat.
     *
     * @return the chart, a PNG {@link org.earshot.display.KitStyle#WIDTH_PX} wide
     */
    public byte[] chartPng() {
        return png(chart());
    }

    XYChart chart() {
        int students = items.isEmpty() ? 0 : items.get(0).students();
        String title = "Item analysis: " + students + " student" + (students == 1 ? "" : "s") + ", " + items.size()
                + " test cases" + (students < MEANINGFUL_CLASS ? " (" + SMALL_CLASS + ")" : "");
        XYChart chart = KitStyle.apply(new XYChartBuilder().width(KitStyle.WIDTH_PX).height(480).title(title)
                .xAxisTitle("Pass rate (share of students)").yAxisTitle("Discrimination (corrected point-biserial r)")
                .build());
        XYStyler st = chart.getStyler();
        st.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        st.setXAxisMin(-0.05).setXAxisMax(1.05).setYAxisMin(-1.05).setYAxisMax(1.05);
        st.setMarkerSize(9).setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal);
        // XChart fills an area down (or up) to 0: two bands make the zone from the bottom to 0.2
        double[] across = {-0.05, 1.05};
        String zoneName = "warning: discrimination < " + LOW_DISCRIMINATION;
        for (double edge : new double[] {LOW_DISCRIMINATION, -1.05}) {
            XYSeries zone = chart.addSeries(edge > 0 ? zoneName : zoneName + " ", across, new double[] {edge, edge});
            zone.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            zone.setMarker(SeriesMarkers.NONE);
            zone.setFillColor(WARNING);
            zone.setLineColor(WARNING);
            zone.setShowInLegend(edge > 0);
        }
        Color[] colours = KitStyle.seriesColors();
        String[] names = {"visible case", "hidden case", "no spread (all or none passed)"};
        Marker[] markers = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.CROSS};
        Color[] fill = {colours[0], colours[1], Color.GRAY};
        List<List<double[]>> points = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Map<String, Integer> onSpot = new HashMap<>();
        for (Item i : items) {
            boolean spread = !Double.isNaN(i.discrimination());
            double x = i.passRate();
            double y = spread ? i.discrimination() : 0;
            int k = onSpot.merge(String.format(Locale.ROOT, "%.2f %.2f", x, y), 1, Integer::sum) - 1;
            double radius = 0.015 * Math.sqrt(k);
            double angle = k * GOLDEN_ANGLE;
            points.get(!spread ? 2 : i.hidden() ? 1 : 0).add(new double[] {x + radius * Math.cos(angle),
                y + 2 * radius * Math.sin(angle)}); // y spans twice the range of x
        }
        for (int k = 0; k < names.length; k++) {
            List<double[]> p = points.get(k);
            if (!p.isEmpty()) {
                XYSeries series = chart.addSeries(names[k], p.stream().mapToDouble(v -> v[0]).toArray(),
                        p.stream().mapToDouble(v -> v[1]).toArray());
                series.setMarker(markers[k]);
                series.setMarkerColor(fill[k]);
            }
        }
        return chart;
    }

    private static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
