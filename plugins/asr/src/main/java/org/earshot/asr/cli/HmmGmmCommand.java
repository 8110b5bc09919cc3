package org.earshot.asr.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.TreeSet;

import org.earshot.metrics.CorpusScore;
import org.earshot.metrics.Wer;
import org.earshot.asr.hmm.AcousticFeatures;
import org.earshot.asr.hmm.AcousticModel;
import org.earshot.asr.hmm.Lexicon;
import org.earshot.asr.hmm.ViterbiTrainer;
import org.earshot.asr.hmm.Vtln;
import org.earshot.asr.hmm.WordLoopDecoder;
import org.earshot.asr.lm.BackoffModel;
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
 * {@code earshot hmmgmm CORPUS_DIR}: trains the kit's own HMM-GMM recogniser on a corpus' train split (Viterbi
 * training, CMU-dictionary phones, diagonal GMMs) with a bigram Kneser–Ney LM of its transcripts, decodes a
 * held-out split with the word-loop decoder, and prints the WER per voice and in total (last line).
 */
@Command(name = "hmmgmm", mixinStandardHelpOptions = true,
        description = "Train the kit's HMM-GMM recogniser on a corpus' train split; WER on a held-out split.")
public final class HmmGmmCommand implements CliCommand {

    @Parameters(paramLabel = "CORPUS_DIR", description = "A folder made by './earshot corpus'.")
    Path corpus;

    @Option(names = "--split", defaultValue = "test", converter = SplitConverter.class,
            description = "Split to decode (default ${DEFAULT-VALUE}).")
    Split split;

    @Option(names = "--mixtures", split = ",", defaultValue = "1,2,4",
            description = "Gaussians per state in successive rounds (default ${DEFAULT-VALUE}).")
    int[] mixtures;

    @Option(names = "--passes", defaultValue = "3", description = "Alignment passes per round (default ${DEFAULT-VALUE}).")
    int passes;

    @Option(names = "--lw", defaultValue = "10", description = "Language-model weight (default ${DEFAULT-VALUE}).")
    double lmWeight;

    @Option(names = "--penalty", defaultValue = "0", description = "Word insertion penalty (default ${DEFAULT-VALUE}).")
    double penalty;

    @Option(names = "--units", defaultValue = "phones",
            description = "Model units: phones (shared by all words) or word-phones (each word's own; default ${DEFAULT-VALUE}).")
    String units;

    @Option(names = "--vtln", description = "Vocal tract length normalisation at test time: decode, pick the warp "
            + "that fits the first pass best, decode the warped features.")
    boolean vtln;

    @Option(names = "--per-voice", description = "Print the WER of every voice too.")
    boolean perVoice;

    @Override
    public Integer call() {
        try {
            List<Corpus.Entry> entries = Corpus.read(corpus.resolve(Corpus.MANIFEST));
            Set<String> vocabulary = new TreeSet<>();
            entries.forEach(e -> vocabulary.addAll(Wer.words(e.normalized())));
            Lexicon lexicon = Lexicon.load(Lexicon.CMU_DICTIONARY, vocabulary);
            if (units.equals("word-phones")) {
                lexicon = lexicon.wordDependent();
            } else if (!units.equals("phones")) {
                throw new IllegalArgumentException("--units must be phones or word-phones, got '" + units + "'");
            }
            long start = System.nanoTime();
            List<ViterbiTrainer.Example> train = new ArrayList<>();
            List<List<String>> text = new ArrayList<>();
            for (Corpus.Entry e : entries) {
                if (e.split() == Split.TRAIN) {
                    train.add(new ViterbiTrainer.Example(AcousticFeatures.of(Wav.read(corpus.resolve(e.path()))),
                            Wer.words(e.normalized())));
                    text.add(Wer.words(e.normalized()));
                }
            }
            AcousticModel model = ViterbiTrainer.train(train, lexicon, mixtures, passes);
            BackoffModel lm = KneserNey.train(text, 2);
            System.out.printf(Locale.ROOT, "trained on %d utterances (%d phones) in %.1f s%n", train.size(),
                    model.phones().size(), (System.nanoTime() - start) / 1e9);
            WordLoopDecoder decoder = new WordLoopDecoder(model, lexicon, new ArrayList<>(vocabulary), lm, lmWeight,
                    penalty, 400);
            Lexicon lex = lexicon;
            // both passes of every utterance, decoded in parallel; then scored
            Map<String, List<String>> firstPass = new ConcurrentHashMap<>();
            Map<String, List<String>> warped = new ConcurrentHashMap<>();
            entries.parallelStream().filter(e -> e.split() == split).forEach(e -> {
                try {
                    Audio audio = Wav.read(corpus.resolve(e.path()));
                    List<String> first = decoder.decode(AcousticFeatures.of(audio));
                    firstPass.put(e.id(), first);
                    if (vtln) {
                        double warp = Vtln.bestWarp(model, lex, first, a -> AcousticFeatures.of(audio, a));
                        warped.put(e.id(), warp == 1.0 ? first : decoder.decode(AcousticFeatures.of(audio, warp)));
                    }
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
            });
            if (vtln) {
                System.out.println("without VTLN: " + CorpusScore.of(entries, split, e -> firstPass.get(e.id())).total()
                        .summaryLine());
            }
            CorpusScore score = CorpusScore.of(entries, split, e -> (vtln ? warped : firstPass).get(e.id()));
            if (perVoice) {
                score.printByVoice(System.out);
            }
            System.out.printf(Locale.ROOT, "'%s' split: %d voices%n", split.label(), score.byVoice().size());
            System.out.println(score.total().summaryLine());
            return 0;
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            System.err.println("earshot hmmgmm: " + e.getMessage());
            return 1;
        }
    }
}
