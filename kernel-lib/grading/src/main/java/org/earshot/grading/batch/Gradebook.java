package org.earshot.grading.batch;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import org.earshot.exercises.Exercise;

/**
 * The class's gradebook as CSV (RFC 4180), the shape an LMS imports: header
 * {@code student,<exercise ids…>,total,max,status}, then one row per student.
 *
 * <p>Text cells are neutralised against formula injection (OWASP "CSV Injection"): a spreadsheet that imports a cell
 * starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return runs it as a formula, and a
 * student names their own folder and writes what ends up in the status, so such a cell gets a leading {@code '}
 * ({@code =HYPERLINK(…)} becomes {@code '=HYPERLINK(…)}, shown as text). Numbers are written as numbers.
 */
public final class Gradebook {

    /** What a cell may not start with unescaped: the characters that make a spreadsheet read it as a formula. */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private Gradebook() {
    }

    /** @return the CSV text */
    public static String csv(List<StudentResult> results, List<Exercise<?, ?>> exercises) {
        return csvOf(results, exercises.stream().map(Exercise::id).toList());
    }

    /**
     * @param results  one per student, in the order of the rows
     * @param exercises the lesson's exercise ids, in the order of the columns
     * @return the CSV text
     */
    public static String csvOf(List<StudentResult> results, List<String> exercises) {
        StringBuilder sb = new StringBuilder("student");
        exercises.forEach(e -> sb.append(',').append(field(e)));
        sb.append(",total,max,status\r\n");
        for (StudentResult r : results) {
            sb.append(field(r.student()));
            for (String e : exercises) {
                double score = r.exercises().stream().filter(x -> x.id().equals(e))
                        .mapToDouble(StudentResult.ExerciseResult::score).findFirst().orElse(0);
                sb.append(',').append(number(score));
            }
            sb.append(',').append(number(r.total())).append(',').append(number(r.max())).append(',')
                    .append(field(r.status())).append("\r\n");
        }
        return sb.toString();
    }

    /** @return a number with at most two decimals and no trailing zeros */
    public static String number(double v) {
        return new BigDecimal(String.format(Locale.ROOT, "%.2f", v)).stripTrailingZeros().toPlainString();
    }

    /**
     * @return the value as a CSV cell: after a {@code '} when it starts with a character a spreadsheet reads as a
     *         formula ({@code = + - @}, tab, carriage return), then quoted when it holds a comma, quote or line break
     */
    public static String field(String v) {
        String text = !v.isEmpty() && FORMULA_STARTS.indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

}
