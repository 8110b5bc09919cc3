package org.earshot.tts.speak;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.earshot.audio.Audio;
import org.earshot.corpus.Utterance;
import org.earshot.metrics.ErrorCounts;
import org.earshot.metrics.Wer;
import org.earshot.speech.SpeechRecognizer;

/**
 * The ASR round trip (§21.3, "TTS is ASR run backwards"): an engine speaks each text, a recogniser writes down
 * what it heard, and the word error rate against the text's spoken form says how intelligible the voice is, with no
 * listener in the loop ({@link #SPELLINGS} of the recogniser's dictionary scored as the words they spell). The same pass times the engine: its real-time factor is the wall-clock seconds it took to
 * speak (process start included, as a user waits for it) over the seconds of sound it made.
 *
 * @param engine           the engine's {@link TtsEngine#label()}
 * @param recognizer       what heard it
 * @param counts           word errors of all the texts together
 * @param synthesisSeconds wall-clock seconds spent speaking
 * @param audioSeconds     seconds of sound made
 * @param worst            up to three utterances heard worst: what was meant, then what was heard
 */
public record RoundTrip(String engine, String recognizer, ErrorCounts counts, double synthesisSeconds,
                        double audioSeconds, List<String> worst) {

    /**
     * Spellings a recogniser's dictionary writes for the words the spoken forms spell out, scored as those words (the
     * idea of sclite's GLM mapping file): PocketSphinx's CMU dictionary writes "dr" for "doctor", "o" for "oh".
     */
    public static final Map<String, String> SPELLINGS = Map.of("dr", "doctor", "mr", "mister", "mrs", "missus",
            "ms", "miss", "prof", "professor", "o", "oh");

    public RoundTrip {
        worst = List.copyOf(worst);
    }

    /** @return the transcript with {@link #SPELLINGS} mapped to the spoken forms' words */
    static String respell(String heard) {
        List<String> words = new ArrayList<>();
        for (String w : Wer.words(heard)) {
            words.add(SPELLINGS.getOrDefault(w, w));
        }
        return String.join(" ", words);
    }

    /** @return word error rate in percent */
    public double werPercent() {
        return counts.errorRatePercent();
    }

    /** @return synthesis seconds per second of sound (below 1: faster than real time) */
    public double realTimeFactor() {
        return synthesisSeconds / audioSeconds;
    }

    /**
     * @param engine     the voice
     * @param texts      what to say: {@link Utterance#text()} is spoken as written when {@code asWritten}, else
     *                   its spoken form {@link Utterance#normalized()}, which is also the reference
     * @param asWritten  whether the engine reads the written text through its own front end
     * @param recognizer what listens
     * @param name       the recogniser's name, for the record
     * @return the round trip's figures
     * @throws IOException when the engine or the recogniser fails (the message names which)
     */
    public static RoundTrip measure(TtsEngine engine, List<Utterance> texts, boolean asWritten,
                                    SpeechRecognizer recognizer, String name) throws IOException, InterruptedException {
        return measure(engine, texts, asWritten, recognizer, name, () -> { });
    }

    /**
     * As {@link #measure(TtsEngine, List, boolean, SpeechRecognizer, String)}, calling {@code spoken} after each
     * text is spoken (a progress bar's step).
     */
    public static RoundTrip measure(TtsEngine engine, List<Utterance> texts, boolean asWritten,
                                    SpeechRecognizer recognizer, String name, Runnable spoken)
            throws IOException, InterruptedException {
        return measureKeeping(engine, texts, asWritten, recognizer, name, (i, a) -> spoken.run());
    }

    /**
     * As {@link #measure(TtsEngine, List, boolean, SpeechRecognizer, String)}, giving each sound to {@code spoken}
     * with its text's index as soon as it is made (to measure it further, or to step a progress bar).
     */
    public static RoundTrip measureKeeping(TtsEngine engine, List<Utterance> texts, boolean asWritten,
                                           SpeechRecognizer recognizer, String name,
                                           java.util.function.BiConsumer<Integer, Audio> spoken)
            throws IOException, InterruptedException {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("a round trip needs at least one text");
        }
        Map<String, Audio> sounds = new LinkedHashMap<>();
        double synthesis = 0;
        double audio = 0;
        for (int i = 0; i < texts.size(); i++) {
            Utterance u = texts.get(i);
            long start = System.nanoTime();
            Audio a = engine.speak(asWritten ? u.text() : u.normalized());
            synthesis += (System.nanoTime() - start) / 1e9;
            audio += a.durationSeconds();
            sounds.put(String.valueOf(i), a);
            spoken.accept(i, a);
        }
        if (!(audio > 0)) {
            throw new IllegalArgumentException(engine.label() + " made no sound for " + texts.size() + " texts");
        }
        Map<String, String> heard = new LinkedHashMap<>();
        recognizer.transcribeAll(sounds).forEach((k, v) -> heard.put(k, respell(v)));
        ErrorCounts total = ErrorCounts.NONE;
        double[] rate = new double[texts.size()]; // each utterance's WER
        for (int i = 0; i < texts.size(); i++) {
            ErrorCounts c = Wer.align(texts.get(i).normalized(), heard.getOrDefault(String.valueOf(i), "")).counts();
            total = total.plus(c);
            rate[i] = c.errorRatePercent();
        }
        List<String> worst = new ArrayList<>();
        java.util.stream.IntStream.range(0, texts.size()).boxed()
                .sorted((x, y) -> Double.compare(rate[y], rate[x])).limit(3).filter(i -> rate[i] > 0)
                .forEach(i -> worst.add(String.format(Locale.ROOT, "\"%s\" heard \"%s\"", texts.get(i).normalized(),
                        heard.getOrDefault(String.valueOf(i), ""))));
        return new RoundTrip(engine.label(), name, total, synthesis, audio, worst);
    }
}
