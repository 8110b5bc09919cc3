package org.earshot.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.earshot.display.Displayable;
import org.earshot.display.Html;
import org.earshot.display.MimeBundle;

/**
 * The outcome of checking one exercise: each test case's result and the score. In a notebook it shows as a table
 * with each failed case's expected value, the student's value and a hint; an exercise whose every case met the
 * released stub ({@link #notAnswered()}) shows one line, "not answered yet", instead of a row per case. A hidden
 * case shows as "hidden test k" with its result only: its name holds its inputs, which stay with the grader.
 * A failed visible case may carry an HTML detail (e.g. two spectra and two players for an answer that is a sound),
 * shown under its row. An exercise that calls the student's answers to earlier ones ({@link #buildsOn()}) says so
 * when it fails: one bug should not read as two.
 *
 * @param exerciseId the exercise
 * @param points     what the exercise is worth
 * @param results    one per case run, in order
 * @param buildsOn   the exercises whose answers this one's answer calls (their ids), e.g. a filterbank built on the
 *                   student's own {@code hzToMel}
 */
public record CheckReport(String exerciseId, double points, List<CaseResult> results, List<String> buildsOn)
        implements Displayable {

    /**
     * The outcome of one case.
     *
     * @param detailHtml what a line cannot show, as an HTML fragment (empty for none); never shown for a hidden case
     *                   and not kept in the grader's JSON (it is in the student's report.html)
     */
    public record CaseResult(String name, boolean hidden, double weight, Status status, String expected, String got,
                             String hint, @JsonIgnore String detailHtml) {
        public CaseResult {
            detailHtml = detailHtml == null ? "" : detailHtml;
        }

        /** A case result with no HTML detail. */
        public CaseResult(String name, boolean hidden, double weight, Status status, String expected, String got,
                          String hint) {
            this(name, hidden, weight, status, expected, got, hint, "");
        }

        /** @return whether a student may see this case's expected value, answer, hint and detail */
        public boolean showsWhy() {
            return status != Status.PASSED && !hidden;
        }
    }

    /** How a case ended. */
    public enum Status {
        /** the verdict accepted the answer */
        PASSED,
        /** the verdict rejected it */
        FAILED,
        /** the student's code threw */
        ERROR,
        /** the student's code ran past the case's time limit */
        TIMEOUT,
        /** the student's code threw the released stub's exception ({@link Check#isNotAnswered}) */
        NOT_ANSWERED
    }

    public CheckReport {
        results = List.copyOf(results);
        buildsOn = List.copyOf(buildsOn);
    }

    /** A report of an exercise that builds on no other. */
    public CheckReport(String exerciseId, double points, List<CaseResult> results) {
        this(exerciseId, points, results, List.of());
    }

    /**
     * @return for a failed exercise that builds on others, the sentence that says so ("it calls your answers to …:
     *         if one of those fails, fix it first"); empty otherwise
     */
    public String buildsOnNote() {
        if (passed() || buildsOn.isEmpty() || notAnswered()) {
            return "";
        }
        return "This exercise calls your answer" + (buildsOn.size() == 1 ? " to " : "s to ") + String.join(", ", buildsOn)
                + ": if " + (buildsOn.size() == 1 ? "that one fails" : "one of those fails") + " too, fix it first.";
    }

    /** @return whether every case passed */
    public boolean passed() {
        return results.stream().allMatch(r -> r.status() == Status.PASSED);
    }

    /** @return whether the exercise has not been answered: it has cases and every one met the released stub */
    public boolean notAnswered() {
        return notAnswered(results);
    }

    /** @return whether these cases are all {@link Status#NOT_ANSWERED} (and there is at least one) */
    public static boolean notAnswered(List<CaseResult> results) {
        return !results.isEmpty() && results.stream().allMatch(r -> r.status() == Status.NOT_ANSWERED);
    }

    /**
     * @return what to call each case in front of a student, in order: a visible case's name, and
     *         {@code "hidden test k"} (k counting the hidden cases from 1) for a hidden one, whose name holds its inputs
     */
    public static List<String> labels(List<CaseResult> results) {
        List<String> out = new ArrayList<>(results.size());
        int hidden = 0;
        for (CaseResult r : results) {
            out.add(r.hidden() ? "hidden test " + ++hidden : r.name());
        }
        return out;
    }

    /** @return points earned: {@code points × (weight passed / weight run)} */
    public double score() {
        double total = results.stream().mapToDouble(CaseResult::weight).sum();
        double ok = results.stream().filter(r -> r.status() == Status.PASSED).mapToDouble(CaseResult::weight).sum();
        return total == 0 ? 0 : points * ok / total;
    }

    /** @return {@code "1 point"}, {@code "2 points"}, {@code "1.5 points"} */
    public static String pointsOf(double points) {
        return Expect.format(points) + (points == 1 ? " point" : " points");
    }

    @Override
    public MimeBundle toMimeBundle() {
        if (notAnswered()) {
            String line = String.format(Locale.ROOT, "%s: not answered yet (0 of %s): replace the throw in its"
                    + " cell with your code, run that cell, then this one", exerciseId, pointsOf(points));
            return MimeBundle.text(line).html("<div class=\"earshot-check\"><p style=\"font-weight:bold;color:#9a6700\">"
                    + "… " + Html.escape(line) + "</p></div>").build();
        }
        long ok = results.stream().filter(r -> r.status() == Status.PASSED).count();
        String summary = String.format(Locale.ROOT, "%s: %d of %d tests passed, %s of %s", exerciseId, ok,
                results.size(), Expect.format(score()), pointsOf(points));
        StringBuilder text = new StringBuilder(summary);
        StringBuilder html = new StringBuilder("<div class=\"earshot-check\"><p style=\"font-weight:bold;color:")
                .append(passed() ? "#1a7f37" : "#cf222e").append("\">").append(passed() ? "✔ " : "✘ ")
                .append(Html.escape(summary)).append("</p><table><thead><tr><th>test</th><th>result</th>"
                        + "<th>expected</th><th>got</th><th>hint</th></tr></thead><tbody>");
        List<String> labels = labels(results);
        for (int i = 0; i < results.size(); i++) {
            CaseResult r = results.get(i);
            boolean shown = r.showsWhy();
            text.append(String.format("%n  %-12s %s", r.status().name().replace('_', ' '), labels.get(i)));
            if (shown) {
                text.append(": expected ").append(r.expected()).append(", got ").append(r.got());
                if (!r.hint().isEmpty()) {
                    text.append(" — ").append(r.hint());
                }
            }
            html.append("<tr><td>").append(Html.escape(labels.get(i))).append("</td><td style=\"color:")
                    .append(r.status() == Status.PASSED ? "#1a7f37" : "#cf222e").append("\">")
                    .append(r.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append("</td><td>")
                    .append(shown ? Html.escape(r.expected()) : "").append("</td><td>")
                    .append(shown ? Html.escape(r.got()) : "").append("</td><td>")
                    .append(shown ? Html.escape(r.hint()) : "").append("</td></tr>");
            if (shown && !r.detailHtml().isEmpty()) {
                html.append("<tr><td colspan=\"5\">").append(r.detailHtml()).append("</td></tr>");
            }
        }
        html.append("</tbody></table>");
        String note = buildsOnNote();
        if (!note.isEmpty()) {
            text.append(System.lineSeparator()).append(note);
            html.append("<p>").append(Html.escape(note)).append("</p>");
        }
        html.append("</div>");
        return MimeBundle.text(text.toString()).html(html.toString()).build();
    }
}
