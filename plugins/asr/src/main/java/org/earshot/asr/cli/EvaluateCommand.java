package org.earshot.asr.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.earshot.asr.ctc.ClosedVocabulary;
import org.earshot.metrics.Wer;
import org.earshot.asr.lm.KneserNey;
import org.earshot.asr.lm.WordLoop;
import org.earshot.asr.neural.Evaluation;
import org.earshot.audio.Audio;
import org.earshot.cli.CliCommand;
import org.earshot.cli.SplitConverter;
import org.earshot.corpus.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot evaluate CORPUS_DIR…}: word error rate of a neural model on one split of one or more kit corpora, per
 * decoder ({@link Evaluation}); the CTC model's word LM is a Kneser–Ney n-gram of the corpora's training transcripts.
 * The last line is the total of the last decoder; a file that cannot be read is named on standard error, counted as
 * heard empty, and makes the exit status 1.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "WER of a neural model (in Java, ONNX) on corpus splits, per decoder (greedy, beam, beam + LM; "
                + "joint CTC/attention for an encoder-decoder).")
public final class EvaluateCommand implements CliCommand {

    @Parameters(paramLabel = "CORPUS_DIR", arity = "1..*", description = "Folders made by './earshot corpus'.")
    List<Path> corpora;

    @Option(names = "--split", defaultValue = "test", converter = SplitConverter.class,
            description = "train, dev or test (default ${DEFAULT-VALUE}).")
    Split split;

    @Option(names = "--model", defaultValue = "ctc-small",
            description = "ctc-small, s2s-small or a model folder (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--beam", defaultValue = "8", description = "Beam width (default ${DEFAULT-VALUE}).")
    int beam;

    @Option(names = "--lm-order", defaultValue = "2", description = "Word n-gram order (default ${DEFAULT-VALUE}).")
    int lmOrder;

    @Option(names = "--lm-weight", defaultValue = "0.5", description = "α of α·ln P(word) (default ${DEFAULT-VALUE}).")
    double lmWeight;

    @Option(names = "--word-bonus", defaultValue = "1.0", description = "β added per word (default ${DEFAULT-VALUE}).")
    double wordBonus;

    @Option(names = "--per-voice", description = "Print the WER of every voice (for recordings of people: every "
            + "speaker) too.")
    boolean perVoice;

    @Option(names = "--per-language", description = "Print the WER per language (recordings of people) or accent "
            + "(synthetic voices) too.")
    boolean perLanguage;

    @Option(names = "--vocabulary", paramLabel = "V", description = "CTC: decode under a closed vocabulary too "
            + "(lexicon-constrained beam, with and without the LM): digits, commands, task (every word of the scored "
            + "utterances and the training transcripts: the task's grammar), a file of words, or comma-separated "
            + "parts.")
    String vocabulary;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() {
        Evaluation.Utterances eval;
        try {
            eval = Evaluation.Utterances.read(corpora, split);
        } catch (IOException e) {
            System.err.println("earshot evaluate: " + e.getMessage());
            return 1;
        }
        if (eval.entries().isEmpty()) {
            System.err.println("earshot evaluate: no '" + split.label() + "' utterances in " + corpora);
            return 1;
        }
        List<List<String>> lmText = eval.trainingTranscripts();
        Map<String, Function<Audio, String>> decoders;
        try {
            Optional<Evaluation.LmFusion> lm = lmText.isEmpty() ? Optional.empty()
                    : Optional.of(new Evaluation.LmFusion(KneserNey.train(lmText, lmOrder), lmWeight, wordBonus));
            Optional<ClosedVocabulary> words = Optional.empty();
            if (vocabulary != null) {
                VocabularySpec.requireCtc(model);
                java.util.Set<String> task = new java.util.TreeSet<>();
                eval.entries().forEach(e -> task.addAll(Wer.words(e.normalized())));
                lmText.forEach(task::addAll);
                words = Optional.of(VocabularySpec.parse(vocabulary, task));
                if (lm.isEmpty()) { // no training transcripts: the vocabulary's word loop is the grammar
                    lm = Optional.of(new Evaluation.LmFusion(new WordLoop(words.get()), lmWeight, wordBonus));
                }
            }
            decoders = Evaluation.decoders(model, beam, lm, words);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            System.err.println("earshot evaluate: " + e.getMessage());
            return 1;
        }
        System.out.printf("%s on %d '%s' utterances, %d voices%s%n", model, eval.entries().size(), split.label(),
                eval.voiceCount(),
                lmText.isEmpty() ? (vocabulary == null ? "" : "; LM: the vocabulary's word loop")
                        : "; LM: " + lmOrder + "-gram Kneser-Ney on " + lmText.size() + " training transcripts");
        Evaluation.Result result = Evaluation.score(eval, decoders, !noProgress);
        result.unreadable().forEach(u -> System.err.println("earshot evaluate: " + u.wav() + ": " + u.problem()));
        result.scores().forEach((name, score) -> {
            if (perVoice) {
                System.out.println(name + ", per voice:");
                score.printByVoice(System.out);
            }
            if (perLanguage) {
                System.out.println(name + ", per language:");
                score.printByLanguage(System.out);
            }
            System.out.println(name + ": " + score.total().summaryLine());
        });
        return result.unreadable().isEmpty() ? 0 : 1;
    }
}
