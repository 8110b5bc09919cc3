package org.earshot.grading.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.earshot.exercises.CheckReport;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
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
 * A case everybody passes (or nobody) has no discrimination (empty in the CSV).
 *
 * @param items one per test case, in lesson order
 */
public record ItemAnalysis(List<Item> items) {

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

    /** @return {@code exercise,case,name,hidden,students,pass_rate,discrimination,upper_lower} */
    public String csv() {
        StringBuilder sb = new StringBuilder("exercise,case,name,hidden,students,pass_rate,discrimination,upper_lower\r\n");
        for (Item i : items) {
            sb.append(Gradebook.field(i.exercise())).append(',').append(i.index()).append(',')
                    .append(Gradebook.field(i.name())).append(',').append(i.hidden()).append(',').append(i.students())
                    .append(',').append(format(i.passRate())).append(',').append(format(i.discrimination()))
                    .append(',').append(format(i.upperLower())).append("\r\n");
        }
        return sb.toString();
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** @return a scatter chart (PNG): pass rate across, discrimination up, one point per test case */
    public byte[] chartPng() {
        XYChart chart = new XYChartBuilder().width(760).height(420).title("Item analysis: one point per test case")
                .xAxisTitle("Pass rate (share of students)").yAxisTitle("Discrimination (corrected point-biserial r)")
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(-1.0).setYAxisMax(1.0);
        chart.getStyler().setMarkerSize(8).setChartBackgroundColor(java.awt.Color.WHITE);
        for (boolean hidden : new boolean[] {false, true}) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (Item i : items) {
                if (i.hidden() == hidden) {
                    x.add(i.passRate());
                    y.add(Double.isNaN(i.discrimination()) ? 0 : i.discrimination());
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(hidden ? "hidden cases" : "visible cases", x, y)
                        .setMarker(hidden ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no cases", List.of(0.0), List.of(0.0));
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
