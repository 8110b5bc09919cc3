package org.earshot.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.earshot.display.Displayable;
import org.earshot.display.Html;
import org.earshot.display.MimeBundle;

/**
 * The outcome of checking one exercise: each test case's result and the score. In a notebook it shows as a table
 * with each failed case's expected value, the student's value and a hint; an exercise whose every case met the
 * released stub ({@link #notAnswered()}) shows one line, "not answered yet", instead of a row per case. A hidden
 * case shows as "hidden test k" with its result only: its name holds its inputs, which stay with the grader.
 *
 * @param exerciseId the exercise
 * @param points     what the exercise is worth
 * @param results    one per case run, in order
 */
public record CheckReport(String exerciseId, double points, List<CaseResult> results) implements Displayable {

    /** The outcome of one case. */
    public record CaseResult(String name, boolean hidden, double weight, Status status, String expected, String got,
                             String hint) {
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

    @Override
    public MimeBundle toMimeBundle() {
        if (notAnswered()) {
            String line = String.format(Locale.ROOT, "%s: not answered yet (0 of %s points): replace the throw in its"
                    + " cell with your code, run that cell, then this one", exerciseId, Expect.format(points));
            return MimeBundle.text(line).html("<div class=\"earshot-check\"><p style=\"font-weight:bold;color:#9a6700\">"
                    + "… " + Html.escape(line) + "</p></div>").build();
        }
        long ok = results.stream().filter(r -> r.status() == Status.PASSED).count();
        String summary = String.format(Locale.ROOT, "%s: %d of %d tests passed, %s of %s points", exerciseId, ok,
                results.size(), Expect.format(score()), Expect.format(points));
        StringBuilder text = new StringBuilder(summary);
        StringBuilder html = new StringBuilder("<div class=\"earshot-check\"><p style=\"font-weight:bold;color:")
                .append(passed() ? "#1a7f37" : "#cf222e").append("\">").append(passed() ? "✔ " : "✘ ")
                .append(Html.escape(summary)).append("</p><table><thead><tr><th>test</th><th>result</th>"
                        + "<th>expected</th><th>got</th><th>hint</th></tr></thead><tbody>");
        List<String> labels = labels(results);
        for (int i = 0; i < results.size(); i++) {
            CaseResult r = results.get(i);
            boolean shown = r.status() != Status.PASSED && !r.hidden();
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
        }
        html.append("</tbody></table></div>");
        return MimeBundle.text(text.toString()).html(html.toString()).build();
    }
}
