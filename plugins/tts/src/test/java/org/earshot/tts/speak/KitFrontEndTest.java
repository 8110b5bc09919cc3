package org.earshot.tts.speak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.earshot.kit.Kit;
import org.earshot.tts.g2p.CmuDictionary;
import org.junit.jupiter.api.Test;

/** The kit's own front end: written text to festival's radio phones, as every kit voice reads it. */
class KitFrontEndTest {

    private static final Set<String> ALL = Set.of("pau", "d", "aa", "k", "t", "er", "s", "m", "ih", "th", "ax", "ah",
            "zh", "sh", "iy", "ey", "n", "ao", "r", "ch", "uw", "l", "ow", "ay", "b", "hh", "w", "ae", "z", "eh", "p");

    @Test
    void wordsBecomeRadioPhonesBetweenPauses() throws Exception {
        try (KitFrontEnd kit = KitFrontEnd.open(Kit.home(), CmuDictionary.preferred())) {
            assertEquals(List.of("pau", "d", "aa", "k", "t", "er", "s", "m", "ih", "th", "pau"),
                    kit.phones("Dr. Smith", ALL));
            assertEquals("pau", kit.phones("torchaudio", ALL).get(0)); // not in CMUdict: the letter-to-sound model
        }
    }

    @Test
    void aPhoneTheVoiceLacksGetsItsStandIn() {
        assertEquals("ax", KitFrontEnd.radio("AH0", ALL));
        assertEquals("ah", KitFrontEnd.radio("AH1", ALL));
        assertEquals("zh", KitFrontEnd.radio("ZH", ALL));
        assertEquals("sh", KitFrontEnd.radio("ZH", Set.of("sh")));
        assertEquals("ah", KitFrontEnd.radio("AH0", Set.of("ah")), "no ax: the full vowel");
    }

    @Test
    void withoutTheLetterToSoundModelAnUnknownWordIsNamed() throws Exception {
        try (KitFrontEnd kit = KitFrontEnd.open(Path.of("build/no-such-kit"), CmuDictionary.preferred())) {
            var e = assertThrows(IllegalArgumentException.class, () -> kit.phones("torchaudio", ALL));
            assertEquals("'torchaudio' is not in the dictionary, and the letter-to-sound model (data/models/g2p-ctc)"
                    + " is not installed", e.getMessage());
        }
    }
}
