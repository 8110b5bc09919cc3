package org.earshot.asr.neural;

import java.util.List;
import java.util.Locale;

import org.earshot.display.Displayable;
import org.earshot.display.Html;
import org.earshot.display.MimeBundle;

/**
 * What a recogniser heard: the text and, for each word, when it was said (from the CTC alignment).
 *
 * @param text  lower-case words separated by single spaces
 * @param words each word with its start and end in seconds
 */
public record Transcript(String text, List<Word> words) implements Displayable {

    /** A word and its time span. */
    public record Word(String word, double startSeconds, double endSeconds) {
    }

    public Transcript {
        words = List.copyOf(words);
    }

    @Override
    public MimeBundle toMimeBundle() {
        StringBuilder html = new StringBuilder("<div><b>").append(Html.escape(text)).append("</b><table><tr>");
        for (Word w : words) {
            html.append("<td style=\"padding:0 6px\">").append(Html.escape(w.word())).append("<br><small>")
                    .append(String.format(Locale.ROOT, "%.2f–%.2f s", w.startSeconds(), w.endSeconds()))
                    .append("</small></td>");
        }
        html.append("</tr></table></div>");
        return MimeBundle.text(text).html(html.toString()).build();
    }
}
