package org.earshot.display.rapaio;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes sure a display bundle holds {@code text/plain}, as the Jupyter messaging protocol asks of every
 * {@code execute_result} and {@code display_data} ("a text/plain representation should always be included"):
 * console clients and {@code nbconvert --to markdown} show nothing else. rapaio-jupyter-kernel 3.0.1 sends values
 * it has no renderer for as {@code text/html} alone ({@code x + 1} comes back as {@code {"text/html": "42"}}), and
 * its collection and table renderers too; Earshot's copies of rapaio's three IOPub display messages call
 * {@link #ensure(Map)} on their way out.
 *
 * <p>Where the bundle has no plain text it is made from, in order: Markdown, LaTeX or JSON as they are; HTML with
 * its tags removed (line breaks at block ends, a tab between cells) and its entities decoded; otherwise the MIME
 * types it holds, e.g. {@code <image/png>}.
 */
public final class PlainText {

    /** The protocol's plain-text MIME type. */
    public static final String TEXT_PLAIN = "text/plain";

    private static final Pattern BLOCK_END = Pattern.compile("(?i)<br\\s*/?>|</(p|div|tr|li|h[1-6]|pre|table)>");
    private static final Pattern CELL_END = Pattern.compile("(?i)</t[dh]>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("(?is)<(script|style)[^>]*>.*?</\\1>");

    private PlainText() {
    }

    /**
     * @param data a bundle, MIME type → content (not changed)
     * @return the same entries, with {@code text/plain} first: the bundle's own when it has one, else derived
     */
    public static Map<String, Object> ensure(Map<String, Object> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        Object own = data.get(TEXT_PLAIN);
        out.put(TEXT_PLAIN, own != null ? own : derive(data));
        data.forEach(out::putIfAbsent);
        return out;
    }

    /** @return a plain-text form of a bundle that has none */
    static String derive(Map<String, Object> data) {
        for (String raw : new String[] {"text/markdown", "text/latex", "application/json"}) {
            if (data.get(raw) != null) {
                return String.valueOf(data.get(raw));
            }
        }
        Object html = data.get("text/html");
        if (html != null) {
            return fromHtml(String.valueOf(html));
        }
        return data.isEmpty() ? "" : "<" + String.join(", ", data.keySet()) + ">";
    }

    /**
     * @param html an HTML fragment
     * @return its text: tags, scripts and styles removed, block ends as line breaks, table cells tab-separated,
     *         the common entities decoded, surrounding blank space trimmed
     */
    public static String fromHtml(String html) {
        String s = SCRIPT_OR_STYLE.matcher(html).replaceAll("");
        s = BLOCK_END.matcher(s).replaceAll("\n");
        s = CELL_END.matcher(s).replaceAll("\t");
        s = TAG.matcher(s).replaceAll("");
        s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
        return s.replaceAll("[ \t]+\n", "\n").strip();
    }
}
