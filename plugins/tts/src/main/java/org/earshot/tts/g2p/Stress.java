package org.earshot.tts.g2p;

import java.util.List;

/**
 * Lexical stress in ARPAbet: every vowel carries a digit, 1 primary stress, 2 secondary, 0 none ("doctor" is
 * {@code D AA1 K T ER0}: stress on the first syllable). A word has one syllable per vowel, so the digits in order are
 * its stress pattern — what a TTS back end needs to place pitch accents and lengthen the stressed syllable, and why
 * "REcord" (noun, {@code R EH1 K ER0 D}) and "reCORD" (verb, {@code R IH0 K AO1 R D}) sound different.
 */
public final class Stress {

    private Stress() {
    }

    /**
     * @param phones ARPAbet phones with stress digits
     * @return the digits of the vowels in order, e.g. {@code D AA1 K T ER0} → {@code "10"}; empty when no phone
     *         carries a digit (a dictionary without stress)
     */
    public static String pattern(List<String> phones) {
        StringBuilder out = new StringBuilder();
        for (String p : phones) {
            char last = p.isEmpty() ? ' ' : p.charAt(p.length() - 1);
            if (last >= '0' && last <= '2') {
                out.append(last);
            }
        }
        return out.toString();
    }

    /**
     * @param phones ARPAbet phones with stress digits
     * @return the syllable (0 = first) carrying primary stress, or −1 when none does
     */
    public static int primarySyllable(List<String> phones) {
        return pattern(phones).indexOf('1');
    }
}
