package org.earshot.tts.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * Text normalisation (§21.3, the first step of a TTS front end): written text → the words a reader says, lower
 * case, no punctuation. "Dr. Smith will see you at 1:50." → "doctor smith will see you at one fifty".
 *
 * <p>The algorithm is a left-to-right scan over an ordered rule table ({@link EnglishRules#ALL}, printed by
 * {@code ./earshot tts-normalize --rules}): at the cursor, the <em>first</em> rule in table order whose pattern
 * matches there ({@code lookingAt}, with transparent bounds so its look-behind sees the words before) says its
 * words, and the cursor moves past the match; where no rule matches (punctuation, spaces) one character is dropped.
 * This is the token-to-words design of Festival (Taylor, Black &amp; Caley 1998) and of the non-standard-word
 * classes of Sproat et al. (2001), written as regular expressions with context. Words keep internal apostrophes
 * ("don't", "o'clock").
 *
 * <p>Immutable: one normaliser may be shared.
 *
 * @see <a href="https://doi.org/10.1006/csla.2001.0169">Sproat et al. 2001, Normalization of non-standard words</a>
 */
public final class TextNormalizer {

    /**
     * What one rule did: the span {@code [start, end)} of the input, as written, and the words it said.
     *
     * @param rule    the rule's name
     * @param start   first character (inclusive)
     * @param end     last character (exclusive)
     * @param written the text of the span
     * @param spoken  its words (may be empty)
     */
    public record Step(String rule, int start, int end, String written, String spoken) {
    }

    private final List<Rule> rules;

    private TextNormalizer(List<Rule> rules) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a normaliser needs at least one rule");
        }
        this.rules = List.copyOf(rules);
    }

    /** @return the normaliser over the kit's English rule table */
    public static TextNormalizer english() {
        return new TextNormalizer(EnglishRules.ALL);
    }

    /** @return a normaliser over {@code rules}, tried in this order */
    public static TextNormalizer of(List<Rule> rules) {
        return new TextNormalizer(rules);
    }

    /** @return the rules, in the order they are tried */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * @param text written text (not blank)
     * @return what each rule said, left to right
     * @throws IllegalArgumentException when the text is blank
     */
    public List<Step> trace(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text is empty: give a sentence to normalise");
        }
        List<Matcher> matchers = new ArrayList<>();
        for (Rule r : rules) {
            matchers.add(r.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false));
        }
        List<Step> steps = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            boolean matched = false;
            for (int i = 0; i < rules.size(); i++) {
                Matcher m = matchers.get(i).region(at, text.length());
                if (m.lookingAt() && m.end() > at) {
                    String spoken = clean(rules.get(i).verbalize().apply(m.toMatchResult()));
                    steps.add(new Step(rules.get(i).name(), at, m.end(), text.substring(at, m.end()), spoken));
                    at = m.end();
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                at++;
            }
        }
        return List.copyOf(steps);
    }

    /**
     * @param text written text (not blank)
     * @return one line of lower-case words separated by single spaces
     * @throws IllegalArgumentException when the text is blank
     */
    public String normalize(String text) {
        StringBuilder out = new StringBuilder();
        for (Step s : trace(text)) {
            if (!s.spoken().isEmpty()) {
                out.append(out.isEmpty() ? "" : " ").append(s.spoken());
            }
        }
        return out.toString();
    }

    private static String clean(String words) {
        return words.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replaceAll("[^\\p{L}\\p{N}' ]", " ")
                .trim().replaceAll("\\s+", " ");
    }
}
