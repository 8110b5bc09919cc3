package org.earshot.tts.g2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class StressTest {

    private static List<String> phones(String spaced) {
        return List.of(spaced.split(" "));
    }

    @Test
    void theStressPatternIsTheVowelsDigitsInOrder() {
        assertEquals("10", Stress.pattern(phones("D AA1 K T ER0")));
        assertEquals(0, Stress.primarySyllable(phones("D AA1 K T ER0")));
        assertEquals("01", Stress.pattern(phones("R IH0 K AO1 R D")));
        assertEquals(1, Stress.primarySyllable(phones("R IH0 K AO1 R D")));
        assertEquals("2010", Stress.pattern(phones("K AA2 M P R IY0 HH EH1 N SH AH0 N")));
        assertEquals("", Stress.pattern(phones("D AA K T ER")));
        assertEquals(-1, Stress.primarySyllable(phones("D AA K T ER")));
    }

    @Test
    void cmudictWithStressIsFetchedBySetup() throws IOException {
        CmuDictionary d = CmuDictionary.withStress();
        assertTrue(d.size() > 120_000, d.toString());
        assertEquals(List.of(phones("R AH0 K AO1 R D"), phones("R EH1 K ER0 D"), phones("R IH0 K AO1 R D")),
                d.lookup("record"));
        assertEquals(List.of(phones("D AA1 K T ER0"), phones("D AO1 K T ER0")), d.lookup("Doctor"));
        // the same words as the stressless pocketsphinx copy, with digits
        CmuDictionary plain = CmuDictionary.read(CmuDictionary.POCKETSPHINX);
        assertEquals(plain.first("nation").orElseThrow(), PhoneErrorRate.stressless(d.first("nation").orElseThrow()));
    }
}
