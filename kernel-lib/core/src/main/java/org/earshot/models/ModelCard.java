package org.earshot.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.earshot.display.Displayable;
import org.earshot.display.Html;
import org.earshot.display.Markdown;
import org.earshot.display.MimeBundle;

/**
 * A model's card ({@code card.md}, after Mitchell et al. 2019, "Model Cards for Model Reporting"): what the model
 * is, its files, architecture, data, recipe, figures and limits, in Markdown. In a notebook it shows whole, as HTML
 * — tables and all; nothing is cut.
 *
 * <p>The kit's training scripts write each card's facts as a bulleted list of {@code - **Name**: text} items;
 * {@link #facts()} reads them back, so code can quote a card (its {@code Limits}, say) without parsing it.
 *
 * @param model    the model's name
 * @param file     the card's file
 * @param markdown its text, whole
 */
public record ModelCard(String model, Path file, String markdown) implements Displayable {

    private static final Pattern FACT = Pattern.compile("^- \\*\\*([^*]+)\\*\\*\\s*(.*)$");

    /**
     * @return the card at this file
     * @throws IOException {@code <file>: no such file (a model folder has a card.md)}
     */
    public static ModelCard read(String model, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file (a model folder has a card.md)");
        }
        return new ModelCard(model, file, Files.readString(file));
    }

    /** @return the first heading, without its {@code #}s (the model's name when there is none) */
    public String title() {
        return markdown.lines().filter(l -> l.startsWith("#")).findFirst().map(l -> l.replaceFirst("^#+\\s*", ""))
                .orElse(model);
    }

    /**
     * @return each {@code - **Name**: text} item of the card, name → text (continuation lines joined by a space, the
     *         colon after the name dropped), in the card's order
     */
    public Map<String, String> facts() {
        Map<String, String> out = new LinkedHashMap<>();
        String key = null;
        StringBuilder text = new StringBuilder();
        for (String line : markdown.lines().toList()) {
            Matcher m = FACT.matcher(line);
            boolean continuation = key != null && !line.isBlank() && Character.isWhitespace(line.charAt(0));
            if (continuation) {
                text.append(' ').append(line.strip());
                continue;
            }
            if (key != null) {
                out.put(key, text.toString());
                key = null;
            }
            if (m.matches()) {
                key = m.group(1).strip();
                text.setLength(0);
                text.append(m.group(2).replaceFirst("^:\\s*", ""));
            }
        }
        if (key != null) {
            out.put(key, text.toString());
        }
        return Collections.unmodifiableMap(out);
    }

    /** @return the card as HTML, whole */
    public String html() {
        return "<div class=\"earshot-model-card\" title=\"" + Html.escape(file.toString()) + "\">"
                + Markdown.toHtml(markdown) + "</div>";
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(markdown).html(html()).build();
    }
}
