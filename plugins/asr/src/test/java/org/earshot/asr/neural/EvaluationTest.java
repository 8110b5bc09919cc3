package org.earshot.asr.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.earshot.metrics.CorpusScore;
import org.earshot.metrics.Wer;
import org.earshot.audio.Audio;
import org.earshot.corpus.Corpus;
import org.earshot.corpus.Split;
import org.earshot.corpus.TextSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Evaluation} without a model: decoders that hear nothing or one word, a broken file heard empty. */
class EvaluationTest {

    @Test
    void everyDecoderIsScoredOnTheSplitAndABrokenFileIsHeardEmpty(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("c");
        List<Corpus.Entry> entries = Corpus.spec(TextSource.DIGITS).count(30).seed(6).jobs(2).build().make(dir);
        Evaluation.Utterances test = Evaluation.Utterances.read(List.of(dir), Split.TEST);
        List<Corpus.Entry> expected = entries.stream().filter(e -> e.split() == Split.TEST).toList();
        assertEquals(expected, test.entries());
        assertEquals(entries.stream().filter(e -> e.split() == Split.TRAIN).count(), test.trainingTranscripts().size());
        Map<String, Path> dirs = new LinkedHashMap<>();
        entries.forEach(e -> dirs.put(e.id(), dir));
        assertTrue(Evaluation.Utterances.of(entries, dirs, Split.TRAIN).trainingTranscripts().isEmpty(),
                "no LM trained on what is scored");
        assertThrows(IllegalArgumentException.class, () -> Evaluation.Utterances.of(entries, Map.of(), Split.TEST));
        int words = expected.stream().mapToInt(e -> Wer.words(e.normalized()).size()).sum();

        Map<String, Function<Audio, String>> decoders = new LinkedHashMap<>();
        decoders.put("silent", a -> "");
        decoders.put("zero", a -> "zero");
        Evaluation.Result r = Evaluation.score(test, decoders, false);
        assertEquals(List.of("silent", "zero"), List.copyOf(r.scores().keySet()), "in the decoders' order");
        CorpusScore silent = r.requireAllRead().get("silent");
        assertEquals(words, silent.total().n());
        assertEquals(words, silent.total().deleted());
        assertEquals(test.voiceCount(), silent.byVoice().size());

        Corpus.Entry victim = expected.get(0);
        Files.writeString(test.wav(victim), "RIFF but not really");
        Evaluation.Result broken = Evaluation.score(test, decoders, false);
        assertEquals(1, broken.unreadable().size());
        assertEquals(test.wav(victim), broken.unreadable().get(0).wav());
        assertEquals(words, broken.scores().get("zero").total().n(), "the broken file's words still count");
        IOException e = assertThrows(IOException.class, broken::requireAllRead);
        assertTrue(e.getMessage().startsWith(test.wav(victim).toString()), e.getMessage());
    }

    @Test
    void utterancesOfAnotherSplitAreRefused(@TempDir Path tmp) throws Exception {
        List<Corpus.Entry> entries = Corpus.spec(TextSource.DIGITS).count(10).seed(1).build().make(tmp);
        Corpus.Entry train = entries.stream().filter(e -> e.split() == Split.TRAIN).findFirst().orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Evaluation.Utterances(Split.TEST, List.of(train), Map.of(train.id(), tmp), List.of()));
        assertTrue(e.getMessage().contains("train utterance, not test"), e.getMessage());
    }
}
