package org.earshot.display;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Tablesaw tables as HTML: the column names as a header, the first rows, and a note of how many rows were left
 * out when the table is long.
 */
public final class TableView {

    /** Rows shown before a table is truncated. */
    public static final int DEFAULT_MAX_ROWS = 20;

    private TableView() {
    }

    /**
     * @param table   the table
     * @param maxRows rows to show at most (≥ 1)
     * @return its bundle: HTML and a plain-text fallback
     */
    public static MimeBundle bundle(Table table, int maxRows) {
        int rows = table.rowCount();
        int shown = Math.min(rows, Math.max(1, maxRows));
        StringBuilder html = new StringBuilder("<table class=\"earshot-table\">");
        if (table.name() != null && !table.name().isBlank()) {
            html.append("<caption>").append(Html.escape(table.name())).append("</caption>");
        }
        html.append("<thead><tr>");
        for (Column<?> c : table.columns()) {
            html.append("<th>").append(Html.escape(c.name())).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (int r = 0; r < shown; r++) {
            html.append("<tr>");
            for (Column<?> c : table.columns()) {
                html.append("<td>").append(Html.escape(c.getString(r))).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");
        if (shown < rows) {
            html.append("<p style=\"font:12px sans-serif;color:#444\">… ").append(rows - shown)
                    .append(" more rows (").append(rows).append(" rows × ").append(table.columnCount())
                    .append(" columns)</p>");
        }
        String text = shown < rows ? table.first(shown).print() + "\n… " + (rows - shown) + " more rows" : table.print();
        return MimeBundle.text(text).html(html.toString()).build();
    }
}
