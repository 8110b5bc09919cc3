package org.earshot.asr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.earshot.metrics.CorpusScore;
import org.earshot.asr.PocketSphinx;
import org.earshot.metrics.Wer;
import org.earshot.asr.lm.KneserNey;
import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import org.earshot.corpus.Corpus;
import org.earshot.cli.SplitConverter;
import org.earshot.corpus.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot pocketsphinx CORPUS_DIR}: word error rate of PocketSphinx (its US-English HMM-GMM) on a split of a
 * kit corpus, with a trigram Kneser–Ney language model trained on the corpus' training transcripts, per voice and
 * in total, for one or more language-model weights. The last line is the total for the last weight.
 */
@Command(name = "pocketsphinx", mixinStandardHelpOptions = true,
        description = "WER of PocketSphinx on a corpus split (LM: trigram Kneser-Ney on the train transcripts).")
public final class PocketSphinxCommand implements CliCommand {

    @Parameters(paramLabel = "CORPUS_DIR", description = "A folder made by './earshot corpus' (with manifest.jsonl).")
    Path corpus;

    @Option(names = "--split", defaultValue = "test", converter = SplitConverter.class,
            description = "train, dev or test (default ${DEFAULT-VALUE}).")
    Split split;

    @Option(names = "--lw", split = ",", defaultValue = "6.5",
            description = "Language-model weight(s), e.g. 2,6.5,15 for a sweep (default ${DEFAULT-VALUE}).")
    List<Double> weights;

    @Option(names = "--per-voice", description = "Print the WER of every voice too.")
    boolean perVoice;

    @Override
    public Integer call() throws InterruptedException {
        try {
            PocketSphinx.requireInstalled();
            List<Corpus.Entry> entries = Corpus.read(corpus.resolve(Corpus.MANIFEST));
            List<List<String>> train = new ArrayList<>();
            Set<String> vocabulary = new TreeSet<>();
            for (Corpus.Entry e : entries) {
                vocabulary.addAll(Wer.words(e.normalized()));
                if (e.split() == Split.TRAIN) {
                    train.add(Wer.words(e.normalized()));
                }
            }
            List<Corpus.Entry> eval = entries.stream().filter(e -> e.split() == split).toList();
            if (eval.isEmpty() || train.isEmpty()) {
                System.err.println("earshot pocketsphinx: " + corpus + " has no '" + split.label() + "' or no 'train' utterances");
                return 1;
            }
            Path work = Files.createTempDirectory("earshot-ps-");
            Path arpa = work.resolve("lm.arpa");
            KneserNey.train(train, 3).writeArpa(arpa);
            Path dict = PocketSphinx.dictionaryFor(vocabulary, work.resolve("words.dict"));
            Map<String, Audio> sounds = new LinkedHashMap<>();
            for (Corpus.Entry e : eval) {
                sounds.put(e.id(), Wav.read(corpus.resolve(e.path())));
            }
            System.out.printf("%d '%s' utterances, %d voices; LM: trigram Kneser-Ney on %d training transcripts%n",
                    eval.size(), split.label(), eval.stream().map(Corpus.Entry::voice).distinct().count(), train.size());
            for (double lw : weights) {
                Map<String, String> hyp = new PocketSphinx(arpa, dict, lw).transcribe(sounds);
                CorpusScore score = CorpusScore.of(eval, split, e -> Wer.words(hyp.get(e.id())));
                if (perVoice) {
                    score.printByVoice(System.out);
                }
                System.out.println("lw=" + lw + ": " + score.total().summaryLine());
            }
            Files.deleteIfExists(arpa);
            Files.deleteIfExists(dict);
            Files.deleteIfExists(work);
            return 0;
        } catch (IOException e) {
            System.err.println("earshot pocketsphinx: " + e.getMessage());
            return 1;
        }
    }
}
