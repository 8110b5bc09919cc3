package org.earshot.tts.normalize;

import java.util.Objects;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * One normalisation rule, as data a student can read: its name, when it applies (in words and as a regular
 * expression, whose look-behinds and look-aheads are its context), a worked example and what the rule says for it.
 *
 * @param name      short id, e.g. {@code money}
 * @param when      when it applies, in words
 * @param pattern   the written form; matched at the cursor ({@code lookingAt}) with transparent bounds, so look-behinds
 *                  see the text before the cursor
 * @param example   an input the rule handles
 * @param expected  what {@link TextNormalizer} says for {@code example} (a unit test checks it)
 * @param verbalize the match → its spoken words (lower case, space separated; may be empty to drop it)
 */
public record Rule(String name, String when, Pattern pattern, String example, String expected,
                   Function<MatchResult, String> verbalize) {

    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(verbalize, "verbalize");
    }

    /** @return a rule whose pattern is compiled from {@code regex} */
    public static Rule of(String name, String when, String regex, String example, String expected,
                          Function<MatchResult, String> verbalize) {
        return new Rule(name, when, Pattern.compile(regex), example, expected, verbalize);
    }
}
