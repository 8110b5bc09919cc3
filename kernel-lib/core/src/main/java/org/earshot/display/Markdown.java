package org.earshot.display;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown to an HTML fragment, for the kit's own documents (model cards): the subset they are written in, whole —
 * nothing is cut or summarised. Blocks: {@code #}–{@code ######} headings, paragraphs, {@code - } / {@code * } lists
 * (an item continues on indented lines), GitHub tables ({@code | a | b |} over {@code | --- | --- |}) and fenced
 * code ({@code ```}). Inline: {@code `code`}, {@code **bold**}, {@code *emphasis*} and {@code [text](url)}.
 *
 * <p>All text is HTML-escaped first, so {@code <pad>} or {@code <s>} in a card shows as written rather than as a
 * tag; raw HTML is not passed through. Underscores are literal ({@code espeak_ng/en-gb}), not emphasis.
 */
public final class Markdown {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*)$");
    private static final Pattern ITEM = Pattern.compile("^[-*]\\s+(.*)$");
    private static final Pattern RULE = Pattern.compile("^\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?$");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern EMPHASIS = Pattern.compile("(?<![*\\w])\\*(?![\\s*])(.+?)(?<![\\s*])\\*(?![*\\w])");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)\\s]+)\\)");

    private Markdown() {
    }

    /**
     * @param markdown a document in the subset above
     * @return its HTML fragment (no {@code <html>} or {@code <body>})
     */
    public static String toHtml(String markdown) {
        List<String> lines = markdown.lines().toList();
        StringBuilder html = new StringBuilder();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            String trimmed = line.strip();
            Matcher heading = HEADING.matcher(trimmed);
            if (trimmed.isEmpty()) {
                i++;
            } else if (trimmed.startsWith("```")) {
                StringBuilder code = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
                    code.append(Html.escape(lines.get(i))).append('\n');
                }
                i++;
                html.append("<pre><code>").append(code).append("</code></pre>\n");
            } else if (heading.matches()) {
                int level = heading.group(1).length();
                html.append("<h").append(level).append('>').append(inline(heading.group(2))).append("</h")
                        .append(level).append(">\n");
                i++;
            } else if (ITEM.matcher(trimmed).matches()) {
                html.append("<ul>\n");
                while (i < lines.size() && ITEM.matcher(lines.get(i).strip()).matches()) {
                    Matcher item = ITEM.matcher(lines.get(i).strip());
                    item.matches();
                    StringBuilder text = new StringBuilder(item.group(1));
                    for (i++; i < lines.size() && continues(lines.get(i)); i++) {
                        text.append(' ').append(lines.get(i).strip());
                    }
                    html.append("<li>").append(inline(text.toString())).append("</li>\n");
                }
                html.append("</ul>\n");
            } else if (trimmed.startsWith("|") && i + 1 < lines.size() && RULE.matcher(lines.get(i + 1).strip()).matches()) {
                html.append("<table>\n<thead><tr>");
                for (String cell : cells(trimmed)) {
                    html.append("<th>").append(inline(cell)).append("</th>");
                }
                html.append("</tr></thead>\n<tbody>\n");
                for (i += 2; i < lines.size() && lines.get(i).strip().startsWith("|"); i++) {
                    html.append("<tr>");
                    for (String cell : cells(lines.get(i).strip())) {
                        html.append("<td>").append(inline(cell)).append("</td>");
                    }
                    html.append("</tr>\n");
                }
                html.append("</tbody>\n</table>\n");
            } else {
                StringBuilder text = new StringBuilder(trimmed);
                for (i++; i < lines.size() && !startsBlock(lines, i); i++) {
                    text.append(' ').append(lines.get(i).strip());
                }
                html.append("<p>").append(inline(text.toString())).append("</p>\n");
            }
        }
        return html.toString();
    }

    /** A list item goes on over indented lines that do not start another item. */
    private static boolean continues(String line) {
        return !line.isBlank() && Character.isWhitespace(line.charAt(0)) && !ITEM.matcher(line.strip()).matches();
    }

    private static boolean startsBlock(List<String> lines, int i) {
        String t = lines.get(i).strip();
        return t.isEmpty() || t.startsWith("```") || HEADING.matcher(t).matches() || ITEM.matcher(t).matches()
                || t.startsWith("|");
    }

    private static List<String> cells(String row) {
        String inner = row.substring(1, row.endsWith("|") && row.length() > 1 ? row.length() - 1 : row.length());
        List<String> out = new ArrayList<>();
        for (String c : inner.split("\\|", -1)) {
            out.add(c.strip());
        }
        return out;
    }

    /** Escapes the text, then marks up code spans (left as they are inside) and bold, emphasis and links outside. */
    static String inline(String text) {
        StringBuilder out = new StringBuilder();
        String[] parts = text.split("`", -1);
        for (int k = 0; k < parts.length; k++) {
            boolean code = k % 2 == 1 && k < parts.length - 1; // an unmatched last backtick stays literal
            if (code) {
                out.append("<code>").append(Html.escape(parts[k])).append("</code>");
            } else {
                String s = Html.escape(parts[k]);
                s = BOLD.matcher(s).replaceAll("<b>$1</b>");
                s = EMPHASIS.matcher(s).replaceAll("<i>$1</i>");
                s = LINK.matcher(s).replaceAll("<a href=\"$2\">$1</a>");
                out.append(k % 2 == 1 ? "`" : "").append(s);
            }
        }
        return out.toString();
    }
}
