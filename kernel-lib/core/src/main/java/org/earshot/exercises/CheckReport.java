package org.earshot.exercises;

import java.util.List;
import java.util.Locale;

import org.earshot.display.Displayable;
import org.earshot.display.Html;
import org.earshot.display.MimeBundle;

/**
 * The outcome of checking one exercise: each test case's result and the score. In a notebook it shows as a table
 * with each failed case's expected value, the student's value and a hint.
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
        PASSED, FAILED, ERROR, TIMEOUT
    }

    public CheckReport {
        results = List.copyOf(results);
    }

    /** @return whether every case passed */
    public boolean passed() {
        return results.stream().allMatch(r -> r.status() == Status.PASSED);
    }

    /** @return points earned: {@code points × (weight passed / weight run)} */
    public double score() {
        double total = results.stream().mapToDouble(CaseResult::weight).sum();
        double ok = results.stream().filter(r -> r.status() == Status.PASSED).mapToDouble(CaseResult::weight).sum();
        return total == 0 ? 0 : points * ok / total;
    }

    @Override
    public MimeBundle toMimeBundle() {
        long ok = results.stream().filter(r -> r.status() == Status.PASSED).count();
        String summary = String.format(Locale.ROOT, "%s: %d of %d tests passed, %s of %s points", exerciseId, ok,
                results.size(), Expect.format(score()), Expect.format(points));
        StringBuilder text = new StringBuilder(summary);
        StringBuilder html = new StringBuilder("<div class=\"earshot-check\"><p style=\"font-weight:bold;color:")
                .append(passed() ? "#1a7f37" : "#cf222e").append("\">").append(passed() ? "✔ " : "✘ ")
                .append(Html.escape(summary)).append("</p><table><thead><tr><th>test</th><th>result</th>"
                        + "<th>expected</th><th>got</th><th>hint</th></tr></thead><tbody>");
        for (CaseResult r : results) {
            boolean good = r.status() == Status.PASSED;
            text.append(String.format("%n  %-7s %s", r.status(), r.name()));
            if (!good) {
                text.append(": expected ").append(r.expected()).append(", got ").append(r.got());
                if (!r.hint().isEmpty()) {
                    text.append(" — ").append(r.hint());
                }
            }
            html.append("<tr><td>").append(Html.escape(r.name())).append(r.hidden() ? " (hidden)" : "")
                    .append("</td><td style=\"color:").append(good ? "#1a7f37" : "#cf222e").append("\">")
                    .append(r.status().name().toLowerCase(Locale.ROOT)).append("</td><td>")
                    .append(good ? "" : Html.escape(r.expected())).append("</td><td>")
                    .append(good ? "" : Html.escape(r.got())).append("</td><td>")
                    .append(good ? "" : Html.escape(r.hint())).append("</td></tr>");
        }
        html.append("</tbody></table></div>");
        return MimeBundle.text(text.toString()).html(html.toString()).build();
    }
}
