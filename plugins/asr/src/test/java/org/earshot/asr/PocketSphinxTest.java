package org.earshot.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.earshot.asr.lm.KneserNey;
import org.earshot.audio.Wav;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PocketSphinx (installed by ./earshot setup) with an ARPA model of ours, on the real alsa-utils recording. */
class PocketSphinxTest {

    @Test
    void recognisesTheAlsaRecordingWithOurLanguageModel(@TempDir Path tmp) throws Exception {
        List<List<String>> commands = List.of(List.of("front", "center"), List.of("front", "left"),
                List.of("front", "right"), List.of("rear", "center"), List.of("rear", "left"), List.of("rear", "right"),
                List.of("side", "left"), List.of("side", "right"));
        Path arpa = tmp.resolve("lm.arpa");
        KneserNey.train(commands, 2).writeArpa(arpa);
        Path dict = PocketSphinx.dictionaryFor(Set.of("front", "rear", "side", "center", "left", "right"), tmp.resolve("d.dict"));
        assertTrue(Files.readString(dict).contains("front F R AH N T"));
        var audio = Wav.read(Kit.home().resolve("data/fixtures/signal/alsa-front-center-16k.wav"));
        Map<String, String> out = new PocketSphinx(arpa, dict, 6.5).transcribe(Map.of("alsa", audio));
        assertEquals("front center", out.get("alsa"));
    }

    @Test
    void aWordOutsideTheDictionaryIsNamed(@TempDir Path tmp) {
        var e = assertThrows(java.io.IOException.class,
                () -> PocketSphinx.dictionaryFor(Set.of("front", "xyzzyq"), tmp.resolve("d.dict")));
        assertEquals("not in the CMU dictionary: xyzzyq", e.getMessage());
    }
}
