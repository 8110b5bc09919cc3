package org.earshot.grading.batch;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import org.earshot.exercises.Exercise;

/**
 * The class's gradebook as CSV (RFC 4180), the shape an LMS imports: header
 * {@code student,<exercise ids…>,total,max,status}, then one row per student.
 */
public final class Gradebook {

    private Gradebook() {
    }

    /** @return the CSV text */
    public static String csv(List<StudentResult> results, List<Exercise<?, ?>> exercises) {
        StringBuilder sb = new StringBuilder("student");
        exercises.forEach(e -> sb.append(',').append(field(e.id())));
        sb.append(",total,max,status\r\n");
        for (StudentResult r : results) {
            sb.append(field(r.student()));
            for (Exercise<?, ?> e : exercises) {
                double score = r.exercises().stream().filter(x -> x.id().equals(e.id()))
                        .mapToDouble(StudentResult.ExerciseResult::score).findFirst().orElse(0);
                sb.append(',').append(number(score));
            }
            sb.append(',').append(number(r.total())).append(',').append(number(r.max())).append(',')
                    .append(field(r.status())).append("\r\n");
        }
        return sb.toString();
    }

    /** @return a number with at most two decimals and no trailing zeros */
    static String number(double v) {
        return new BigDecimal(String.format(Locale.ROOT, "%.2f", v)).stripTrailingZeros().toPlainString();
    }

    /** @return the value, quoted when it holds a comma, quote or line break */
    static String field(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
