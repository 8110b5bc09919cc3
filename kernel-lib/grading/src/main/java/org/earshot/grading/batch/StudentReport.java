package org.earshot.grading.batch;

import java.util.Locale;

import org.earshot.display.Html;
import org.earshot.exercises.CheckReport;

/**
 * A student's report ({@code OUT/<student>/report.html}): score, status, and per exercise each test case's result;
 * for hidden cases only the name and the result (their expected values stay with the grader); the start of what
 * the submission printed.
 */
public final class StudentReport {

    private StudentReport() {
    }

    /** @return a standalone HTML page */
    public static String html(StudentResult r) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(Html.escape(r.student() + " — " + r.lesson())).append("</title><style>body{font-family:sans-serif;"
                        + "max-width:60em;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                        + "padding:2px 6px;text-align:left}.passed{color:#1a7f37}.bad{color:#cf222e}</style></head><body>")
                .append("<h1>").append(Html.escape(r.lesson())).append(": ").append(Html.escape(r.student())).append("</h1>")
                .append(String.format(Locale.ROOT, "<p><b>%s of %s points</b>. Status: %s</p>", Gradebook.number(r.total()),
                        Gradebook.number(r.max()), Html.escape(r.status())));
        for (StudentResult.ExerciseResult e : r.exercises()) {
            sb.append("<h2>").append(Html.escape(e.id())).append(String.format(Locale.ROOT, " — %s of %s points</h2>",
                    Gradebook.number(e.score()), Gradebook.number(e.points())));
            if (!e.cell().equals("ok")) {
                sb.append("<p class=\"bad\">Your cell: ").append(Html.escape(e.cell())).append("</p>");
            }
            sb.append("<table><tr><th>test</th><th>result</th><th>expected</th><th>got</th><th>hint</th></tr>");
            for (CheckReport.CaseResult c : e.cases()) {
                boolean ok = c.status() == CheckReport.Status.PASSED;
                sb.append("<tr><td>").append(Html.escape(c.hidden() ? "hidden test " + c.name() : c.name()))
                        .append("</td><td class=\"").append(ok ? "passed" : "bad").append("\">")
                        .append(c.status().name().toLowerCase(Locale.ROOT)).append("</td><td>")
                        .append(ok || c.hidden() ? "" : Html.escape(c.expected())).append("</td><td>")
                        .append(ok ? "" : Html.escape(c.got())).append("</td><td>")
                        .append(ok || c.hidden() ? "" : Html.escape(c.hint())).append("</td></tr>");
            }
            sb.append("</table>");
        }
        if (!r.output().isEmpty()) {
            sb.append("<h2>What your code printed</h2><pre>").append(Html.escape(r.output())).append("</pre>");
        }
        return sb.append("</body></html>\n").toString();
    }
}
