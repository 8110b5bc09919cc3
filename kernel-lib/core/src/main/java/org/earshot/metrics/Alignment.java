package org.earshot.metrics;

import java.util.List;
import java.util.Locale;

import org.earshot.display.Displayable;
import org.earshot.display.Html;
import org.earshot.display.MimeBundle;

/**
 * A word-by-word alignment of a hypothesis to its reference (§21.2): which words were correct, substituted,
 * deleted or inserted, and the counts that give the word error rate
 *
 * <pre>WER = (S + D + I) / N,   N = C + S + D (words in the reference).</pre>
 *
 * Shown in a notebook like sclite's {@code pra} report, with the errors coloured.
 *
 * @param edits the aligned pairs, in order
 */
public record Alignment(List<Edit> edits) implements Displayable {

    /** What happened to one word. */
    public enum Op {
        CORRECT("", "#1a7f37"), SUBSTITUTION("S", "#bf8700"), DELETION("D", "#cf222e"), INSERTION("I", "#0969da");

        final String mark;
        final String color;

        Op(String mark, String color) {
            this.mark = mark;
            this.color = color;
        }
    }

    /**
     * One aligned pair.
     *
     * @param op  what happened
     * @param ref the reference word, or {@code null} for an insertion
     * @param hyp the hypothesis word, or {@code null} for a deletion
     */
    public record Edit(Op op, String ref, String hyp) {
    }

    public Alignment {
        edits = List.copyOf(edits);
    }

    public int correct() {
        return count(Op.CORRECT);
    }

    public int substitutions() {
        return count(Op.SUBSTITUTION);
    }

    public int deletions() {
        return count(Op.DELETION);
    }

    public int insertions() {
        return count(Op.INSERTION);
    }

    /** @return N, the number of reference words */
    public int referenceLength() {
        return correct() + substitutions() + deletions();
    }

    /** @return the counts of this alignment */
    public ErrorCounts counts() {
        return new ErrorCounts(referenceLength(), correct(), substitutions(), deletions(), insertions());
    }

    private int count(Op op) {
        return (int) edits.stream().filter(e -> e.op() == op).count();
    }

    /** @return sclite-style rows: REF (errors upper-cased, deletions' hyp as stars), HYP and Eval */
    public String[] rows() {
        StringBuilder ref = new StringBuilder("REF:  ");
        StringBuilder hyp = new StringBuilder("HYP:  ");
        StringBuilder eval = new StringBuilder("Eval: ");
        for (Edit e : edits) {
            String r = e.ref() == null ? "" : e.op() == Op.CORRECT ? e.ref() : e.ref().toUpperCase(Locale.ROOT);
            String h = e.hyp() == null ? "" : e.op() == Op.CORRECT ? e.hyp() : e.hyp().toUpperCase(Locale.ROOT);
            int width = Math.max(r.length(), h.length());
            ref.append(pad(e.ref() == null ? "*".repeat(width) : r, width)).append(' ');
            hyp.append(pad(e.hyp() == null ? "*".repeat(width) : h, width)).append(' ');
            eval.append(pad(e.op().mark, width)).append(' ');
        }
        return new String[] {ref.toString(), hyp.toString(), eval.toString()};
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    @Override
    public MimeBundle toMimeBundle() {
        ErrorCounts c = counts();
        StringBuilder html = new StringBuilder("<table class=\"earshot-alignment\" style=\"font-family:monospace\"><tr><th>REF</th>");
        for (Edit e : edits) {
            html.append(cell(e.ref(), e.op()));
        }
        html.append("</tr><tr><th>HYP</th>");
        for (Edit e : edits) {
            html.append(cell(e.hyp(), e.op()));
        }
        html.append("</tr><tr><th></th>");
        for (Edit e : edits) {
            html.append("<td style=\"text-align:center;color:").append(e.op().color).append(";font-weight:bold\">")
                    .append(e.op().mark).append("</td>");
        }
        html.append("</tr></table><p style=\"font:12px monospace\">").append(Html.escape(c.summaryLine())).append("</p>");
        String text = String.join("\n", rows()) + "\n" + c.summaryLine();
        return MimeBundle.text(text).html(html.toString()).build();
    }

    private static String cell(String word, Op op) {
        String shown = word == null ? "***" : Html.escape(word);
        String style = op == Op.CORRECT ? "" : "background:" + op.color + "22;color:" + op.color + ";";
        return "<td style=\"" + style + "padding:0 4px\">" + shown + "</td>";
    }
}
