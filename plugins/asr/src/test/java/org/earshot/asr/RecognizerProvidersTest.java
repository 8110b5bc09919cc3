package org.earshot.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.corpus.Engine;
import org.earshot.corpus.Voice;
import org.earshot.kit.Kit;
import org.earshot.speech.RecognizerProvider;
import org.earshot.speech.SpeechRecognizer;
import org.junit.jupiter.api.Test;

/** The recognisers the ASR section offers the others, found by name through the service loader. */
class RecognizerProvidersTest {

    @Test
    void bothRecognisersAreFoundByName() {
        assertEquals(List.of("ctc-small/digits", "pocketsphinx/en-us"),
                RecognizerProvider.installed().stream().map(RecognizerProvider::name).toList());
        var e = assertThrows(IllegalArgumentException.class, () -> RecognizerProvider.named("whisper"));
        assertEquals("no speech recogniser 'whisper' on the class path (installed: ctc-small/digits,"
                + " pocketsphinx/en-us)", e.getMessage());
    }

    @Test
    void theDigitRecogniserHearsDigitsEspeakSpeaks() throws Exception {
        Audio said = Engine.ESPEAK_NG.say(new Voice(Engine.ESPEAK_NG, "en-us", "en-us"), "four two seven nine");
        try (SpeechRecognizer r = RecognizerProvider.named("ctc-small/digits").open(Kit.home())) {
            assertEquals("four two seven nine", r.transcribe(said));
        }
    }

    @Test
    void pocketSphinxHearsTheAlsaRecordingWithItsGenericModelInOneBatch() throws Exception {
        Audio alsa = Wav.read(Kit.home().resolve("data/fixtures/signal/alsa-front-center-16k.wav"));
        Map<String, Audio> sounds = new LinkedHashMap<>();
        sounds.put("a", alsa);
        sounds.put("b", alsa);
        try (SpeechRecognizer r = RecognizerProvider.named("pocketsphinx/en-us").open(Kit.home())) {
            Map<String, String> heard = r.transcribeAll(sounds);
            assertEquals(List.of("a", "b"), List.copyOf(heard.keySet()));
            assertEquals(heard.get("a"), heard.get("b"));
            assertTrue(heard.get("a").contains("center"), heard.get("a"));
        }
    }
}
