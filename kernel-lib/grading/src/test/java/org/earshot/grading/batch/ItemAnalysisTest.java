package org.earshot.grading.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.earshot.exercises.CheckReport.CaseResult;
import org.earshot.exercises.CheckReport.Status;
import org.knowm.xchart.XYChart;
import org.junit.jupiter.api.Test;

class ItemAnalysisTest {

    private static CaseResult c(String name, boolean hidden, boolean passed) {
        return new CaseResult(name, hidden, 1, passed ? Status.PASSED : Status.FAILED, "", "", "");
    }

    /**
     * Student s passes "a" and the hidden "deep" in the top half of the class (they discriminate), "b" always (no
     * spread), the hidden "secret" only when s == 0, the weakest student (negative discrimination).
     */
    private static List<StudentResult> klass(int n) {
        List<StudentResult> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            List<CaseResult> cases = List.of(c("a", false, s >= n / 2), c("b", false, true), c("deep", true, s >= n / 2),
                    c("secret", true, s == 0));
            double score = cases.stream().filter(x -> x.status() == Status.PASSED).count();
            out.add(new StudentResult("s" + s, "21.1-signal", "ok",
                    List.of(new StudentResult.ExerciseResult("21.1-x", 4, score, null, "ok", cases)), "", 1, 1));
        }
        return out;
    }

    @Test
    void theCsvNotesLowAndNegativeDiscriminationAndTheSmallClass() {
        List<String> lines = ItemAnalysis.of(klass(3)).csv().lines().toList();
        assertEquals("exercise,case,name,hidden,students,pass_rate,discrimination,upper_lower,note", lines.get(0));
        assertEquals(5, lines.size());
        assertTrue(lines.get(2).endsWith("," + ItemAnalysis.SMALL_CLASS), lines.get(2)); // everyone passed: no spread
        assertTrue(lines.get(4).endsWith(",negative discrimination; n < 20: the indices are not meaningful"), lines.get(4));
        List<String> big = ItemAnalysis.of(klass(25)).csv().lines().toList();
        assertTrue(big.get(4).endsWith(",negative discrimination"), big.get(4));
        assertTrue(big.get(1).endsWith(","), "a discriminating case in a big class has no note: " + big.get(1));
    }

    @Test
    void theChartShowsEveryCaseTheClassSizeTheCaveatAndTheWarningZone() throws Exception {
        ItemAnalysis items = ItemAnalysis.of(klass(6));
        XYChart chart = items.chart();
        assertTrue(chart.getTitle().contains("6 students"), chart.getTitle());
        assertTrue(chart.getTitle().contains("the indices are not meaningful"), chart.getTitle());
        assertTrue(chart.getSeriesMap().containsKey("visible case"));
        assertTrue(chart.getSeriesMap().containsKey("hidden case"));
        assertTrue(chart.getSeriesMap().containsKey("no spread (all or none passed)"));
        assertTrue(chart.getSeriesMap().keySet().stream().anyMatch(k -> k.startsWith("warning: discrimination < 0.2")));
        int points = chart.getSeriesMap().values().stream().filter(s -> !s.getName().startsWith("warning"))
                .mapToInt(s -> s.getXData().length).sum();
        assertEquals(4, points, "one point per test case");
        assertTrue(!ItemAnalysis.of(klass(25)).chart().getTitle().contains("not meaningful"));
        byte[] png = items.chartPng();
        assertTrue(png.length > 1000);
        String keep = System.getenv("EARSHOT_ITEM_ANALYSIS_PNG"); // to look at it
        if (keep != null) {
            Files.write(Path.of(keep), ItemAnalysis.of(klass(6)).chartPng());
        }
    }
}
