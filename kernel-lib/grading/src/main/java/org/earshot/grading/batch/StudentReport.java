package org.earshot.grading.batch;

import java.util.List;
import java.util.Locale;

import org.earshot.display.Html;
import org.earshot.exercises.CheckReport;

/**
 * A student's report ({@code OUT/<student>/report.html}): score, status, and per exercise each test case's result.
 * An exercise not answered yet (the released stub still in place) is one line, not a row per case. A hidden case
 * shows as "hidden test k" with pass or fail only: its name (which holds its inputs), the expected value, the
 * student's value and the hint stay with the grader. A failed visible case's detail (two spectra and two players
 * for a sound) is shown under its row; an exercise that calls the student's answer to an earlier one that lost
 * points says so. What the submission printed comes last, when it printed anything visible, without leading or
 * trailing blank lines ({@link #printed}).
 */
public final class StudentReport {

    private StudentReport() {
    }

    /** @return a standalone HTML page */
    public static String html(StudentResult r) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(Html.escape(r.student() + " — " + r.lesson())).append("</title><style>body{font-family:sans-serif;"
                        + "max-width:60em;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                        + "padding:2px 6px;text-align:left}.passed{color:#1a7f37}.bad{color:#cf222e}"
                        + ".unanswered{color:#9a6700}</style></head><body>")
                .append("<h1>").append(Html.escape(r.lesson())).append(": ").append(Html.escape(r.student())).append("</h1>")
                .append(String.format(Locale.ROOT, "<p><b>%s of %s points</b>. Status: %s</p>", Gradebook.number(r.total()),
                        Gradebook.number(r.max()), Html.escape(r.status())));
        for (StudentResult.ExerciseResult e : r.exercises()) {
            sb.append("<h2>").append(Html.escape(e.id())).append(String.format(Locale.ROOT, " — %s of %s</h2>",
                    Gradebook.number(e.score()), CheckReport.pointsOf(e.points())));
            if (e.status() == StudentResult.Status.NOT_ANSWERED) {
                sb.append("<p class=\"unanswered\">not answered yet</p>");
                continue;
            }
            if (!e.cell().equals("ok")) {
                sb.append("<p class=\"bad\">Your cell: ").append(Html.escape(e.cell())).append("</p>");
            }
            sb.append("<table><tr><th>test</th><th>result</th><th>expected</th><th>got</th><th>hint</th></tr>");
            List<String> labels = CheckReport.labels(e.cases());
            for (int i = 0; i < e.cases().size(); i++) {
                CheckReport.CaseResult c = e.cases().get(i);
                boolean ok = c.status() == CheckReport.Status.PASSED;
                boolean shown = c.showsWhy();
                sb.append("<tr><td>").append(Html.escape(labels.get(i)))
                        .append("</td><td class=\"").append(ok ? "passed" : "bad").append("\">")
                        .append(c.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append("</td><td>")
                        .append(shown ? Html.escape(c.expected()) : "").append("</td><td>")
                        .append(shown ? Html.escape(c.got()) : "").append("</td><td>")
                        .append(shown ? Html.escape(c.hint()) : "").append("</td></tr>");
                if (shown && !c.detailHtml().isEmpty()) {
                    sb.append("<tr><td colspan=\"5\">").append(c.detailHtml()).append("</td></tr>");
                }
            }
            sb.append("</table>");
            List<String> failedBase = e.buildsOn().stream().filter(id -> r.exercises().stream()
                    .anyMatch(x -> x.id().equals(id) && x.score() < x.points())).toList();
            if (e.score() < e.points() && !failedBase.isEmpty()) {
                sb.append("<p class=\"unanswered\">").append(Html.escape("This exercise calls your answer to "
                        + String.join(", ", failedBase) + ", which lost points: fix that one first; its mistake may be"
                        + " what fails here.")).append("</p>");
            }
        }
        String printed = printed(r.output());
        if (!printed.isEmpty()) {
            sb.append("<h2>What your code printed</h2><pre>").append(Html.escape(printed)).append("</pre>");
        }
        return sb.append("</body></html>\n").toString();
    }

    /** A line that shows as nothing: white space, also Unicode's (no-break and em spaces), controls, zero-width. */
    private static final java.util.regex.Pattern BLANK = java.util.regex.Pattern.compile("[\\s\\p{Z}\\p{Cc}\\p{Cf}]*");
    /** Blank lines in a row kept between printed lines; more become one line that counts them. */
    private static final int BLANK_RUN = 2;

    /**
     * What the submission printed, as the report shows it: without the blank lines it starts or ends with (a page of
     * empty lines first would hide the rest), and with each run of more than {@value #BLANK_RUN} blank lines inside
     * replaced by {@code … (n blank lines)}. "Blank" is in Unicode's sense, so no-break spaces or zero-width
     * characters do not make a line count as text.
     *
     * @param output the kept output
     * @return it for the report; empty when nothing visible was printed
     */
    static String printed(String output) {
        List<String> lines = output.lines().toList();
        int from = 0;
        int to = lines.size();
        while (from < to && BLANK.matcher(lines.get(from)).matches()) {
            from++;
        }
        while (to > from && BLANK.matcher(lines.get(to - 1)).matches()) {
            to--;
        }
        StringBuilder sb = new StringBuilder();
        int blank = 0;
        for (int i = from; i < to; i++) {
            String line = lines.get(i);
            if (BLANK.matcher(line).matches()) {
                blank++;
                continue;
            }
            if (blank > BLANK_RUN) {
                sb.append("… (").append(blank).append(" blank lines)\n");
            } else {
                sb.append("\n".repeat(blank));
            }
            blank = 0;
            sb.append(line.stripTrailing()).append('\n');
        }
        return sb.isEmpty() ? "" : sb.substring(0, sb.length() - 1);
    }
}
