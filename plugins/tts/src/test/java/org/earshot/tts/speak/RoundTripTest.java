package org.earshot.tts.speak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.earshot.audio.Audio;
import org.earshot.corpus.Utterance;
import org.earshot.speech.SpeechRecognizer;
import org.junit.jupiter.api.Test;

/** The ASR round trip's bookkeeping, with an engine and a recogniser of the test's own. */
class RoundTripTest {

    /** Says each text as one second of silence per word, remembering what it was asked to say. */
    private static final class Recorder implements TtsEngine {
        final List<String> asked = new ArrayList<>();

        @Override
        public String label() {
            return "recorder";
        }

        @Override
        public String voiceId() {
            return "recorder/silence";
        }

        @Override
        public Era era() {
            return Era.CONCATENATIVE;
        }

        @Override
        public boolean controlsPitch() {
            return false;
        }

        @Override
        public long footprintBytes() {
            return 0;
        }

        @Override
        public Audio speak(String text, Prosody prosody) {
            asked.add(text);
            return Audio.mono(new float[text.isBlank() ? 0 : 16000 * text.split(" ").length], 16000);
        }
    }

    @Test
    void countsTheErrorsOfWhatWasHeardAgainstTheSpokenForms() throws Exception {
        Recorder engine = new Recorder();
        List<Utterance> texts = List.of(new Utterance("Dr. Smith", "doctor smith"), new Utterance("42", "forty two"));
        // hears the first right (as "dr smith": the dictionary's spelling), drops a word of the second
        List<String> replies = new ArrayList<>(List.of("dr smith", "forty"));
        SpeechRecognizer hears = audio -> replies.remove(0);
        int[] steps = {0};
        RoundTrip r = RoundTrip.measure(engine, texts, true, hears, "test", () -> steps[0]++);
        assertEquals(List.of("Dr. Smith", "42"), engine.asked);
        assertEquals(2, steps[0]);
        assertEquals(4, r.counts().n());
        assertEquals(1, r.counts().deleted());
        assertEquals(25.0, r.werPercent(), 1e-12);
        assertEquals(3.0, r.audioSeconds(), 1e-12); // a second a word: 2 + 1
        assertEquals(List.of("\"forty two\" heard \"forty\""), r.worst());
        assertTrue(r.realTimeFactor() >= 0);
    }

    @Test
    void speaksTheSpokenFormWhenNotAskedToReadTheText() throws Exception {
        Recorder engine = new Recorder();
        RoundTrip r = RoundTrip.measure(engine, List.of(new Utterance("4 2", "four two")), false,
                audio -> "four too", "test");
        assertEquals(List.of("four two"), engine.asked);
        assertEquals(50.0, r.werPercent(), 1e-12);
    }

    @Test
    void respellsTheDictionarysSpellings() {
        assertEquals("doctor smith at twelve oh five", RoundTrip.respell("dr smith at twelve o five"));
        assertThrows(IllegalArgumentException.class,
                () -> RoundTrip.measure(new Recorder(), List.of(), true, audio -> "", "test"));
        var silent = assertThrows(IllegalArgumentException.class,
                () -> RoundTrip.measure(new Recorder(), List.of(new Utterance("", "")), true, audio -> "", "test"));
        assertEquals("recorder made no sound for 1 texts", silent.getMessage());
    }
}
