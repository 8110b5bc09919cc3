package org.earshot.asr.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.earshot.metrics.ErrorCounts;
import org.earshot.models.Gmm;
import org.earshot.metrics.Wer;
import org.earshot.asr.lm.KneserNey;
import org.earshot.audio.Wav;
import org.earshot.corpus.Corpus;
import org.earshot.corpus.Split;
import org.earshot.corpus.TextSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HmmGmmRecognizerTest {

    @Test
    void forcedAlignmentFindsTheBoundary() {
        // two "phones" with one state each would be too simple: SIL and A, three states each, 1-D features
        List<Gmm> g = new ArrayList<>();
        for (double mean : new double[] {0, 0, 0, 5, 5, 5}) {
            g.add(new Gmm(new double[] {1}, new double[][] {{mean}}, new double[][] {{1}}));
        }
        double[] loops = new double[6];
        java.util.Arrays.fill(loops, Math.log(0.8));
        AcousticModel m = new AcousticModel(List.of(AcousticModel.SIL, "A"), g, loops);
        double[][] frames = new double[12][];
        for (int t = 0; t < 12; t++) {
            frames[t] = new double[] {t < 5 ? 0.1 : 4.9};
        }
        int[] path = ViterbiTrainer.align(m, frames, new int[] {0, 1, 2, 3, 4, 5});
        for (int t = 0; t < 12; t++) {
            assertEquals(t < 5, path[t] < 3, "frame " + t + " in state " + path[t]);
        }
        assertEquals(0, path[0]);
        assertEquals(5, path[11]);
        assertArrayEquals(new int[] {0, 0, 1}, ViterbiTrainer.uniform(3, new int[] {0, 1}));
        // read as phones: silence for frames 0-4, then A; times at 10 ms frames, cells centred on the frame times
        List<org.earshot.display.Segment> phones = PhoneSegments.of(m, new int[] {0, 1, 2, 3, 4, 5}, path, 0.01);
        assertEquals(List.of(new org.earshot.display.Segment(-0.005, 0.045, "SIL"),
                new org.earshot.display.Segment(0.045, 0.115, "A")), phones);
        // the model fits these frames best unwarped: the alignment score falls away from the truth
        double fit = ViterbiTrainer.alignmentScorePerFrame(m, frames, new int[] {0, 1, 2, 3, 4, 5});
        double[][] shifted = new double[12][];
        for (int t = 0; t < 12; t++) {
            shifted[t] = new double[] {frames[t][0] + 1};
        }
        assertTrue(ViterbiTrainer.alignmentScorePerFrame(m, shifted, new int[] {0, 1, 2, 3, 4, 5}) < fit);
    }

    /** The whole recipe on a small real corpus: it must recognise held-out voices far better than chance. */
    @Test
    void learnsDigitsFromTheTtsCorpus(@TempDir Path tmp) throws Exception {
        List<Corpus.Entry> entries = Corpus.spec(TextSource.DIGITS).count(160).seed(11).jobs(2).build().make(tmp);
        Set<String> vocabulary = new TreeSet<>();
        entries.forEach(e -> vocabulary.addAll(Wer.words(e.normalized())));
        Lexicon lexicon = Lexicon.load(Lexicon.CMU_DICTIONARY, vocabulary);
        List<ViterbiTrainer.Example> train = new ArrayList<>();
        List<List<String>> text = new ArrayList<>();
        for (Corpus.Entry e : entries) {
            if (e.split() != Split.TRAIN) {
                continue;
            }
            train.add(new ViterbiTrainer.Example(AcousticFeatures.of(Wav.read(tmp.resolve(e.path()))), Wer.words(e.normalized())));
            text.add(Wer.words(e.normalized()));
        }
        AcousticModel model = ViterbiTrainer.train(train, lexicon, new int[] {1, 2}, 2);
        WordLoopDecoder decoder = new WordLoopDecoder(model, lexicon, new ArrayList<>(vocabulary),
                KneserNey.train(text, 2), 10, 0, 400);
        ErrorCounts total = new ErrorCounts(0, 0, 0, 0, 0);
        for (Corpus.Entry e : entries) {
            if (e.split() == Split.TRAIN) {
                continue;
            }
            List<String> hyp = decoder.decode(AcousticFeatures.of(Wav.read(tmp.resolve(e.path()))));
            total = total.plus(Wer.align(Wer.words(e.normalized()), hyp).counts());
        }
        System.out.println("hmm-gmm, 160-utterance digits corpus, held-out voices: " + total.summaryLine());
        // ten digits: guessing would be ~90% wrong; a few minutes of speech already get most of them
        assertTrue(total.errorRatePercent() < 50, total.summaryLine());
    }
}
