package org.earshot.corpus.real;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.earshot.corpus.SpokenNumbers;

/**
 * A transcript's spoken form, the string a recogniser must output: lower-case words of letters (any script) and
 * apostrophes, one space apart; numbers written as words in the transcript's language; everything else (punctuation,
 * quotes, festvox's stress marks {@code +}) dropped, hyphens and slashes read as spaces.
 *
 * <pre>{@code
 * Transcripts.normalize("bamboo 1", "en")              // "bamboo one"
 * Transcripts.normalize("Verletzt „Ruf zu Beginn“", "de") // "verletzt ruf zu beginn"
 * Transcripts.normalize("вол+ос за ухо,", "ru")         // "волос за ухо"
 * }</pre>
 *
 * Numbers are spelled for English (0–9999, {@link SpokenNumbers#words}) and for German and Russian up to twenty (the
 * kajongg tiles' 1–9); a number in any other language, or beyond those, has no spoken form here, and the recording is
 * left out rather than given a guessed one.
 */
public final class Transcripts {

    private static final Map<String, List<String>> SMALL_NUMBERS = Map.of(
            "de", List.of("null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
                    "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn",
                    "zwanzig"),
            "ru", List.of("ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять",
                    "десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать",
                    "семнадцать", "восемнадцать", "девятнадцать", "двадцать"));

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private Transcripts() {
    }

    /**
     * @param text     a transcript as its source gives it
     * @param language its ISO 639-1 code
     * @return its spoken form; empty when it holds a number this class cannot spell in that language, or no word
     */
    public static Optional<String> normalize(String text, String language) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.forLanguageTag(language));
        s = s.replace('’', '\'').replace("+", "");
        Matcher m = NUMBER.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Optional<String> words = numberWords(m.group(), language);
            if (words.isEmpty()) {
                return Optional.empty();
            }
            m.appendReplacement(sb, " " + words.get() + " ");
        }
        m.appendTail(sb);
        String spoken = sb.toString().replaceAll("[-‐–—/_]", " ")
                .replaceAll("[^\\p{L}\\p{M}' ]", " ")
                .replaceAll("(^|\\s)'+|'+(\\s|$)", " ")
                .strip().replaceAll("\\s+", " ");
        return spoken.isEmpty() ? Optional.empty() : Optional.of(spoken);
    }

    private static Optional<String> numberWords(String digits, String language) {
        if (digits.length() > 4) {
            return Optional.empty();
        }
        int n = Integer.parseInt(digits);
        if (language.equals("en")) {
            return Optional.of(SpokenNumbers.words(n));
        }
        List<String> small = SMALL_NUMBERS.get(language);
        return small != null && n < small.size() ? Optional.of(small.get(n)) : Optional.empty();
    }
}
