package org.earshot.tts.normalize;

import java.math.BigDecimal;
import java.util.Locale;

import com.ibm.icu.text.RuleBasedNumberFormat;

/**
 * English number names (§21.3, the text front end): cardinals, ordinals, years and digit strings, as lower-case
 * words separated by single spaces.
 *
 * <p>The spellout is ICU's {@code RuleBasedNumberFormat} for {@code en} (short scale, American style: 123 is
 * "one hundred twenty three", without "and"); its hyphens ("twenty-one") become spaces. ICU's
 * {@code %spellout-numbering-year} gives the year reading: 1999 → "nineteen ninety nine", 2026 → "twenty twenty
 * six", 2000 → "two thousand", 2005 → "two thousand five", 1900 → "nineteen hundred".
 *
 * @see <a href="https://unicode-org.github.io/icu/userguide/format_parse/numbers/rbnf.html">ICU rule-based number format</a>
 */
public final class NumberWords {

    private static final String[] DIGITS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine"};

    private NumberWords() {
    }

    private static RuleBasedNumberFormat format() {
        // a fresh formatter per call: ICU formatters are not thread-safe, and we keep no mutable static state
        return new RuleBasedNumberFormat(Locale.ENGLISH, RuleBasedNumberFormat.SPELLOUT);
    }

    private static String clean(String icu) {
        return icu.replace('-', ' ').replace(",", "").trim();
    }

    /** @return the cardinal name of {@code n}: 1250000 → "one million two hundred fifty thousand"; -5 → "minus five" */
    public static String cardinal(long n) {
        return clean(format().format(n, "%spellout-cardinal"));
    }

    /** @return the ordinal name of {@code n} (≥ 0): 21 → "twenty first", 100 → "one hundredth" */
    public static String ordinal(long n) {
        return clean(format().format(n, "%spellout-ordinal"));
    }

    /**
     * The year reading: the two halves as two-digit numbers ("nineteen ninety nine"), "hundred" when the second half
     * is 00 ("nineteen hundred"), except the 2000s up to 2009 read as cardinals ("two thousand five").
     *
     * @return the year name of {@code year}: 1999 → "nineteen ninety nine", 2026 → "twenty twenty six"
     */
    public static String year(long year) {
        return clean(format().format(year, "%spellout-numbering-year"));
    }

    /** @return each digit of {@code digits} as its name: "0123" → "zero one two three"; non-digits are skipped */
    public static String digitByDigit(String digits) {
        StringBuilder out = new StringBuilder();
        for (char c : digits.toCharArray()) {
            if (c >= '0' && c <= '9') {
                out.append(out.isEmpty() ? "" : " ").append(DIGITS[c - '0']);
            }
        }
        return out.toString();
    }

    /**
     * A written number: an optional minus, an integer part with or without thousands commas, an optional fraction
     * read digit by digit after "point". Integers beyond {@code long}, or with a leading zero ("007"), are read digit
     * by digit.
     *
     * @param written e.g. "-1,250,000", "3.14", ".5"
     * @return "minus one million two hundred fifty thousand", "three point one four", "point five"
     */
    public static String number(String written) {
        String s = written.replace(",", "");
        StringBuilder out = new StringBuilder();
        if (s.startsWith("-") || s.startsWith("\u2212")) {
            out.append("minus ");
            s = s.substring(1);
        }
        int dot = s.indexOf('.');
        String whole = dot < 0 ? s : s.substring(0, dot);
        String fraction = dot < 0 ? "" : s.substring(dot + 1);
        if (!whole.isEmpty()) {
            out.append(integer(whole));
        }
        if (!fraction.isEmpty()) {
            out.append(whole.isEmpty() ? "" : " ").append("point ").append(digitByDigit(fraction));
        }
        return out.toString().trim();
    }

    /** @return an unsigned digit string as a cardinal, or digit by digit when it has a leading zero or is too long */
    public static String integer(String digits) {
        if ((digits.length() > 1 && digits.startsWith("0")) || digits.length() > 18) {
            return digitByDigit(digits);
        }
        return cardinal(Long.parseLong(digits));
    }

    /** @return whether a written number is exactly one ("1", "1.00" is not: it is read "one point zero zero") */
    public static boolean isOne(String written) {
        return written.replace(",", "").equals("1");
    }

    /** @return the value of a written number such as "1,250.5" */
    static BigDecimal value(String written) {
        return new BigDecimal(written.replace(",", ""));
    }

    /** @return the plural of a number word, as in decades: "ninety" → "nineties", "hundred" → "hundreds" */
    static String plural(String word) {
        return word.endsWith("y") ? word.substring(0, word.length() - 1) + "ies" : word + "s";
    }
}
