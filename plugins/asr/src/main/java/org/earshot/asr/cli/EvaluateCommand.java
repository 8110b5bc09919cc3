package org.earshot.asr.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.metrics.CorpusScore;
import org.earshot.metrics.Wer;
import org.earshot.asr.lm.KneserNey;
import org.earshot.asr.WordLanguageModel;
import org.earshot.asr.neural.Asr;
import org.earshot.asr.neural.AsrPipeline;
import org.earshot.asr.neural.S2sModel;
import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import org.earshot.corpus.Corpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot evaluate CORPUS_DIR…}: word error rate of a neural model, run in Java exactly as a notebook runs it,
 * on one split of one or more kit corpora, per decoder — for a CTC model greedy, prefix beam, and prefix beam with a
 * Kneser–Ney word n-gram trained on the corpora's training transcripts; for an encoder-decoder greedy, beam, and
 * (when its encoder has a CTC output) joint CTC/attention beam. The
 * last line is the total of the last decoder.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "WER of a neural model (in Java, ONNX) on corpus splits, per decoder (greedy, beam, beam + LM; "
                + "joint CTC/attention for an encoder-decoder).")
public final class EvaluateCommand implements CliCommand {

    /** The CTC weight λ of joint CTC/attention decoding (ESPnet's usual 0.3). */
    static final double JOINT_CTC_WEIGHT = 0.3;
    /** Characters an encoder-decoder may write for one utterance (as the training script's greedy decoding). */
    static final int MAX_CHARACTERS = 200;

    @Parameters(paramLabel = "CORPUS_DIR", arity = "1..*", description = "Folders made by './earshot corpus'.")
    List<Path> corpora;

    @Option(names = "--split", defaultValue = "test", description = "train, dev or test (default ${DEFAULT-VALUE}).")
    String split;

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

    @Option(names = "--per-voice", description = "Print the WER of every voice too.")
    boolean perVoice;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() {
        List<Corpus.Entry> eval = new ArrayList<>();
        Map<String, Path> where = new LinkedHashMap<>();
        List<List<String>> lmText = new ArrayList<>();
        try {
            for (Path dir : corpora) {
                for (Corpus.Entry e : Corpus.read(dir.resolve("manifest.jsonl"))) {
                    if (e.split().equals(split)) {
                        eval.add(e);
                        where.put(e.id(), dir);
                    } else if (e.split().equals("train")) {
                        lmText.add(Wer.words(e.normalized()));
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("earshot evaluate: " + e.getMessage());
            return 1;
        }
        if (eval.isEmpty()) {
            System.err.println("earshot evaluate: no '" + split + "' utterances in " + corpora);
            return 1;
        }
        Map<String, Function<Audio, String>> decoders;
        try {
            decoders = decoders(model, beam, lmText.isEmpty() ? null : KneserNey.train(lmText, lmOrder), lmWeight,
                    wordBonus);
        } catch (UncheckedIOException e) {
            System.err.println("earshot evaluate: " + e.getMessage());
            return 1;
        }
        System.out.printf("%s on %d '%s' utterances, %d voices%s%n", model, eval.size(), split,
                eval.stream().map(Corpus.Entry::voice).distinct().count(),
                lmText.isEmpty() ? "" : "; LM: " + lmOrder + "-gram Kneser-Ney on " + lmText.size() + " training transcripts");
        int[] failed = {0};
        Map<String, CorpusScore> scores = score(eval, where, split, decoders, !noProgress, (wav, problem) -> {
            System.err.println("earshot evaluate: " + wav + ": " + problem);
            failed[0]++;
        });
        scores.forEach((name, score) -> {
            if (perVoice) {
                System.out.println(name + ", per voice:");
                score.printByVoice(System.out);
            }
            System.out.println(name + ": " + score.total().summaryLine());
        });
        return failed[0] == 0 ? 0 : 1;
    }

    /**
     * @param model     ctc-small, s2s-small or a model folder
     * @param beam      beam width
     * @param lm        a word LM to fuse with the CTC prefix beam, or null
     * @param lmWeight  its α
     * @param wordBonus its β
     * @return the model's decoders by name: for CTC greedy, prefix beam (and beam + LM); for an encoder-decoder
     *         greedy, beam (and joint CTC/attention beam)
     * @throws UncheckedIOException when the model cannot be loaded
     */
    static Map<String, Function<Audio, String>> decoders(String model, int beam, WordLanguageModel lm, double lmWeight,
                                                        double wordBonus) {
        if (!Asr.isEncoderDecoder(model)) {
            return ctcDecoders(Asr.pipeline(model), beam, lm, lmWeight, wordBonus);
        }
        Map<String, Function<Audio, String>> decoders = new LinkedHashMap<>();
        S2sModel s2s = Asr.encoderDecoder(model);
        decoders.put("greedy", a -> s2s.greedy(a, MAX_CHARACTERS).text());
        decoders.put("beam " + beam, a -> s2s.beam(a, beam, MAX_CHARACTERS).text());
        if (s2s.hasCtc()) {
            decoders.put("joint CTC/attention beam " + beam + " (λ " + JOINT_CTC_WEIGHT + ")",
                    a -> s2s.beam(a, beam, MAX_CHARACTERS, JOINT_CTC_WEIGHT).text());
        }
        return decoders;
    }

    /** @return the name of the prefix beam + word LM decoder of {@link #ctcDecoders} */
    static String lmDecoderName(int beam) {
        return "prefix beam " + beam + " + word LM";
    }

    /** @return a CTC model's decoders by name: greedy, prefix beam, and (with {@code lm}) prefix beam + LM */
    static Map<String, Function<Audio, String>> ctcDecoders(AsrPipeline ctc, int beam, WordLanguageModel lm,
                                                           double lmWeight, double wordBonus) {
        Map<String, Function<Audio, String>> decoders = new LinkedHashMap<>();
        AsrPipeline wide = ctc.withBeam(beam);
        decoders.put("greedy", a -> ctc.transcribe(a).text());
        decoders.put("prefix beam " + beam, a -> wide.transcribe(a).text());
        if (lm != null) {
            AsrPipeline fused = ctc.withLanguageModel(lm, lmWeight, wordBonus, beam);
            decoders.put(lmDecoderName(beam), a -> fused.transcribe(a).text());
        }
        return decoders;
    }

    /**
     * Runs every decoder on every utterance (the audio read once).
     *
     * @param problems told of an utterance that cannot be read or decoded (it then counts as heard empty)
     * @return each decoder's score, in the decoders' order
     */
    static Map<String, CorpusScore> score(List<Corpus.Entry> eval, Map<String, Path> where, String split,
                                          Map<String, Function<Audio, String>> decoders, boolean progress,
                                          java.util.function.BiConsumer<Path, String> problems) {
        Map<String, Map<String, List<String>>> heard = new LinkedHashMap<>();
        decoders.keySet().forEach(d -> heard.put(d, new LinkedHashMap<>()));
        try (ProgressBar bar = progress ? new ProgressBarBuilder().setTaskName("evaluate")
                .setInitialMax(eval.size()).setStyle(ProgressBarStyle.ASCII).build() : null) {
            for (Corpus.Entry e : eval) {
                Path wav = where.get(e.id()).resolve(e.path());
                try {
                    Audio audio = Wav.read(wav);
                    decoders.forEach((name, d) -> heard.get(name).put(e.id(), Wer.words(d.apply(audio))));
                } catch (IOException | RuntimeException ex) {
                    problems.accept(wav, ex.getMessage());
                    decoders.keySet().forEach(name -> heard.get(name).put(e.id(), List.of()));
                }
                if (bar != null) {
                    bar.step();
                }
            }
        }
        Map<String, CorpusScore> scores = new LinkedHashMap<>();
        decoders.keySet().forEach(name -> scores.put(name, CorpusScore.of(eval, split, e -> heard.get(name).get(e.id()))));
        return scores;
    }
}
