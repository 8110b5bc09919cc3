package org.earshot.tts.normalize;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * All-capital words: read as a word ("NASA" → nasa) or letter by letter ("BBC" → b b c).
 *
 * <p>The rule, in order:
 * <ol>
 *   <li>a short list of acronyms known to be said as words ({@link #KNOWN_WORDS}) → a word;</li>
 *   <li>a short list of acronyms known to be spelled although they look pronounceable ({@link #KNOWN_SPELLED}) →
 *       letters;</li>
 *   <li>otherwise the vowel/consonant heuristic: a word when it has at least 4 letters, a vowel (A E I O U; Y is
 *       a consonant here), no run of 3 or more consonants, no run of 3 or more vowels, and, when it starts with two
 *       consonants, they form an English onset (BL, BR, CH, CL, CR, DR, FL, FR, GL, GR, PH, PL, PR, SC, SH, SK,
 *       SL, SM, SN, SP, ST, SW, TH, TR, TW, WH); else letter by letter. So 2- and 3-letter acronyms (BBC, USA, FBI)
 *       are spelled, UNESCO and NASDAQ are words, HTML (4 consonants) is spelled.</li>
 * </ol>
 */
public final class Acronyms {

    /** Said as words although the heuristic might not say so, or to make sure. */
    public static final Set<String> KNOWN_WORDS = Set.of("NASA", "NATO", "UNESCO", "UNICEF", "NASDAQ", "OPEC",
            "FIFA", "RADAR", "LASER", "SCUBA", "AIDS", "COVID", "NAFTA", "IKEA", "DARPA", "CERN", "NIST", "FEMA");

    /** Spelled although they pass the heuristic. */
    public static final Set<String> KNOWN_SPELLED = Set.of("UCLA", "USAF", "OECD", "ASAP");

    private static final Set<String> ONSETS = Set.of("BL", "BR", "CH", "CL", "CR", "DR", "FL", "FR", "GL", "GR",
            "PH", "PL", "PR", "SC", "SH", "SK", "SL", "SM", "SN", "SP", "ST", "SW", "TH", "TR", "TW", "WH");

    private Acronyms() {
    }

    /** @return whether the all-capital {@code letters} are said as a word (the rule above) */
    public static boolean isPronounceable(String letters) {
        String w = letters.toUpperCase(Locale.ROOT);
        if (KNOWN_WORDS.contains(w)) {
            return true;
        }
        if (KNOWN_SPELLED.contains(w) || w.length() < 4) {
            return false;
        }
        int consonants = 0;
        int vowels = 0;
        boolean anyVowel = false;
        for (char c : w.toCharArray()) {
            if ("AEIOU".indexOf(c) >= 0) {
                anyVowel = true;
                consonants = 0;
                if (++vowels >= 3) {
                    return false;
                }
            } else {
                vowels = 0;
                if (++consonants >= 3) {
                    return false;
                }
            }
        }
        boolean twoConsonantStart = "AEIOU".indexOf(w.charAt(0)) < 0 && "AEIOU".indexOf(w.charAt(1)) < 0;
        return anyVowel && (!twoConsonantStart || ONSETS.contains(w.substring(0, 2)));
    }

    /** @return the acronym as a lower-case word, or its letters separated by spaces: "BBC" → "b b c" */
    public static String verbalize(String letters) {
        String lower = letters.toLowerCase(Locale.ROOT);
        if (isPronounceable(letters)) {
            return lower;
        }
        return lower.chars().mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining(" "));
    }
}
