package org.earshot.tts.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.earshot.speech.RecognizerProvider;
import org.earshot.speech.SpeechRecognizer;
import org.earshot.tts.speak.RoundTrip;
import org.earshot.tts.speak.TtsEngine;

/**
 * The ASR round trip a kit voice's training measures it by, on the dev and test texts of {@link KalCorpus}: the digit
 * strings heard by {@code tts-compare}'s digit recogniser, the sentences by its open-vocabulary one, each opened once.
 */
final class VoiceRoundTrips implements AutoCloseable {

    /** A recogniser the round trip hears with, opened once; or why it could not be. */
    private record Ear(String name, SpeechRecognizer recognizer, String failure) {
        static Ear open(String name, Path home) {
            try {
                return new Ear(name, RecognizerProvider.named(name).open(home), null);
            } catch (IOException | IllegalArgumentException e) {
                return new Ear(name, null, e.getMessage());
            }
        }
    }

    private final Ear digits;
    private final Ear sentences;

    private VoiceRoundTrips(Ear digits, Ear sentences) {
        this.digits = digits;
        this.sentences = sentences;
    }

    /** @return the two recognisers of {@code tts-compare}, opened (a missing one is reported per set, not thrown) */
    static VoiceRoundTrips open(Path home) {
        return new VoiceRoundTrips(Ear.open(TtsCompareCommand.DIGIT_RECOGNIZER, home),
                Ear.open(TtsCompareCommand.SENTENCE_RECOGNIZER, home));
    }

    /**
     * The round trip of one split into {@code metrics}: {@code <split>DigitsWer}, …Errors, …Words, …RealTimeFactor,
     * …Worst (or …NotMeasured, with errors counted as very many).
     */
    void measure(TtsEngine engine, String split, long seed, Map<String, Object> metrics) throws InterruptedException {
        for (String set : List.of("Digits", "Sentences")) {
            String key = split + set;
            boolean isDigits = set.equals("Digits");
            Ear ear = isDigits ? digits : sentences;
            try {
                if (ear.recognizer() == null) {
                    throw new IOException(ear.failure());
                }
                RoundTrip t = RoundTrip.measure(engine, isDigits ? KalCorpus.digits(seed) : KalCorpus.sentences(seed),
                        !isDigits, ear.recognizer(), ear.name());
                metrics.put(key + "Wer", t.werPercent());
                metrics.put(key + "Errors", t.counts().substituted() + t.counts().deleted() + t.counts().inserted());
                metrics.put(key + "Words", t.counts().n());
                metrics.put(key + "RealTimeFactor", t.realTimeFactor());
                metrics.put(key + "Worst", t.worst());
            } catch (IOException | IllegalArgumentException e) {
                metrics.put(key + "NotMeasured", "not measured: " + e.getMessage());
                metrics.put(key + "Errors", Long.MAX_VALUE / 4);
            }
        }
    }

    /** {@link #measure} on the dev texts ({@link KalCorpus#DEV_SEED}) and then the test texts. */
    void measureDevAndTest(TtsEngine engine, Map<String, Object> metrics) throws InterruptedException {
        measure(engine, "dev", KalCorpus.DEV_SEED, metrics);
        measure(engine, "test", KalCorpus.TEST_SEED, metrics);
    }

    /**
     * Writes a kit voice's {@code metrics.json} and {@code card.md}, and says so on one line.
     *
     * @param label   the voice's name, to start the line
     * @param about   what the line says of it before the round trip ("" for nothing)
     */
    static void write(Path dir, Map<String, Object> metrics, String card, String label, String about)
            throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("metrics.json").toFile(),
                metrics);
        Files.writeString(dir.resolve("card.md"), card);
        System.out.println(String.format(Locale.ROOT, "%s: %sround trip (test) digits %s, sentences %s; dev %s, %s"
                        + " -> %s", label, about.isEmpty() ? "" : about + "; ", wer(metrics, "testDigits"),
                wer(metrics, "testSentences"), wer(metrics, "devDigits"), wer(metrics, "devSentences"),
                dir.resolve("card.md")));
    }

    /** @return {@code <key>Wer} of {@link #measure}'s figures as "4.56 %", or why it was not measured */
    static String wer(Map<String, Object> m, String key) {
        Object w = m.get(key + "Wer");
        return w instanceof Number n ? String.format(Locale.ROOT, "%.2f %%", n.doubleValue())
                : String.valueOf(m.getOrDefault(key + "NotMeasured", "not measured"));
    }

    /** @return the card's table of the dev and test round trips: texts, split, recogniser, WER, real-time factor */
    static String table(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("| texts | split (seed) | recogniser | WER | real-time factor |\n"
                + "|---|---|---|---|---|\n");
        for (String split : List.of("dev", "test")) {
            String seed = split + " (" + (split.equals("dev") ? KalCorpus.DEV_SEED : KalCorpus.TEST_SEED) + ")";
            sb.append(String.format(Locale.ROOT, "| %d digit strings | %s | %s | %s | %.4f |%n",
                    TtsCompareCommand.DIGIT_STRINGS, seed, TtsCompareCommand.DIGIT_RECOGNIZER, wer(m, split + "Digits"),
                    ((Number) m.getOrDefault(split + "DigitsRealTimeFactor", Double.NaN)).doubleValue()));
            sb.append(String.format(Locale.ROOT, "| %d sentences, as written | %s | %s | %s | %.4f |%n",
                    TtsCompareCommand.SENTENCES, seed, TtsCompareCommand.SENTENCE_RECOGNIZER,
                    wer(m, split + "Sentences"),
                    ((Number) m.getOrDefault(split + "SentencesRealTimeFactor", Double.NaN)).doubleValue()));
        }
        return sb.toString();
    }

    /** @return the worst-heard lines of the test sets, one paragraph each */
    @SuppressWarnings("unchecked")
    static String worst(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder();
        for (String set : List.of("testDigits", "testSentences")) {
            Object worst = m.get(set + "Worst");
            if (worst instanceof List<?> l && !l.isEmpty()) {
                sb.append("\nHeard worst (").append(set).append("): ");
                sb.append(String.join("; ", (List<String>) l)).append(".\n");
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        for (Ear ear : List.of(digits, sentences)) {
            if (ear.recognizer() != null) {
                ear.recognizer().close();
            }
        }
    }
}
