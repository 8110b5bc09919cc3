package org.earshot.tts.normalize;

import java.util.List;

import org.earshot.display.Displayable;
import org.earshot.display.Html;
import org.earshot.display.MimeBundle;

/**
 * The rule table a student reads: one row per rule, in the order they are tried, with when it applies, its
 * pattern, and its example said. In a notebook it shows as an HTML table.
 *
 * @param rules the rules, in order
 */
public record RuleTable(List<Rule> rules) implements Displayable {

    public RuleTable {
        rules = List.copyOf(rules);
    }

    /** @return the kit's English rules */
    public static RuleTable english() {
        return new RuleTable(EnglishRules.ALL);
    }

    /** @return the table as text: per rule, "N name: example → said", then its condition and pattern indented */
    public String toText() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            out.append(String.format("%2d %-22s %s  ->  %s%n", i + 1, r.name(), r.example(), r.expected()));
            out.append("   when:    ").append(r.when()).append('\n');
            out.append("   pattern: ").append(r.pattern().pattern()).append('\n');
        }
        return out.toString();
    }

    @Override
    public MimeBundle toMimeBundle() {
        StringBuilder html = new StringBuilder("<table class=\"earshot-table\"><caption>Text normalisation rules, "
                + "tried in order; the first that matches wins</caption><thead><tr><th>#</th><th>rule</th>"
                + "<th>when</th><th>example</th><th>said</th><th>pattern</th></tr></thead><tbody>");
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            html.append("<tr><td>").append(i + 1).append("</td><td>").append(Html.escape(r.name()))
                    .append("</td><td>").append(Html.escape(r.when())).append("</td><td><code>")
                    .append(Html.escape(r.example())).append("</code></td><td>").append(Html.escape(r.expected()))
                    .append("</td><td><code style=\"font-size:10px\">").append(Html.escape(r.pattern().pattern()))
                    .append("</code></td></tr>");
        }
        html.append("</tbody></table>");
        return MimeBundle.text(toText()).html(html.toString()).build();
    }
}
