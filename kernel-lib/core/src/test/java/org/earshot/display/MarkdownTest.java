package org.earshot.display;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Markdown subset of the kit's model cards. */
class MarkdownTest {

    @Test
    void headingsListsAndParagraphs() {
        String md = "# Title\n\nA *small* model,\nin two lines.\n\n- **Files**: `model.onnx` (<pad> = 0)\n"
                + "  and more\n- **Data**: espeak_ng/en-gb\n";
        assertEquals("<h1>Title</h1>\n<p>A <i>small</i> model, in two lines.</p>\n<ul>\n"
                + "<li><b>Files</b>: <code>model.onnx</code> (&lt;pad&gt; = 0) and more</li>\n"
                + "<li><b>Data</b>: espeak_ng/en-gb</li>\n</ul>\n", Markdown.toHtml(md));
    }

    @Test
    void tablesAndCode() {
        String md = "| voice | WER (%) |\n| --- | --- |\n| flite/rms | 35.80 |\n\n```\na < b\n```\n";
        assertEquals("<table>\n<thead><tr><th>voice</th><th>WER (%)</th></tr></thead>\n<tbody>\n"
                + "<tr><td>flite/rms</td><td>35.80</td></tr>\n</tbody>\n</table>\n<pre><code>a &lt; b\n</code></pre>\n",
                Markdown.toHtml(md));
    }

    @Test
    void inlineMarkupLeavesCodeAlone() {
        assertEquals("<code>**x**</code> <b>y</b> 3 * 4 * 5 <a href=\"https://x.org\">link</a>",
                Markdown.inline("`**x**` **y** 3 * 4 * 5 [link](https://x.org)"));
    }
}
