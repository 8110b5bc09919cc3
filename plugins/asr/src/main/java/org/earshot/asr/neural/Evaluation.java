package org.earshot.asr.neural;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.metrics.CorpusScore;
import org.earshot.metrics.Wer;
import org.earshot.asr.WordLanguageModel;
import org.earshot.asr.ctc.ClosedVocabulary;
import org.earshot.asr.ctc.CtcAlphabet;
import org.earshot.asr.ctc.CtcDecoder;
import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.corpus.Corpus;
import org.earshot.corpus.Split;

/**
 * Word error rate of a neural model, run in Java exactly as a notebook runs it, on one split of one or more kit
 * corpora, per decoder: for a CTC model greedy, prefix beam, and prefix beam with a word LM; for an encoder-decoder
 * greedy, beam, and (when its encoder has a CTC output) joint CTC/attention beam. {@code ./earshot evaluate} prints
 * it; {@code ./earshot train} writes it into a model's card.
 *
 * <pre>{@code
 * Evaluation.Utterances test = Evaluation.Utterances.read(List.of(dir), Split.TEST);
 * var lm = new Evaluation.LmFusion(KneserNey.train(test.trainingTranscripts(), 2), 0.5, 1.0);
 * Evaluation.Result r = Evaluation.score(test, Evaluation.decoders("ctc-small", 8, Optional.of(lm)), false);
 * r.scores().forEach((decoder, score) -> System.out.println(decoder + ": " + score.total().summaryLine()));
 * }</pre>
 *
 * <p>An utterance whose WAV cannot be read or decoded counts as heard empty (its words deleted) and is listed in
 * {@link Result#unreadable()}, so one broken file neither stops a run nor flatters the score.
 */
public final class Evaluation {

    /** The CTC weight λ of joint CTC/attention decoding (ESPnet's usual 0.3). */
    public static final double JOINT_CTC_WEIGHT = 0.3;
    /** Characters an encoder-decoder may write for one utterance (as the training script's greedy decoding). */
    public static final int MAX_CHARACTERS = 200;

    private Evaluation() {
    }

    /**
     * The utterances of one split of one or more corpora, each with its corpus folder, and the training transcripts
     * of the same corpora (what a word LM may be trained on without seeing the split).
     *
     * @param split               the split scored
     * @param entries             its utterances, in corpus order
     * @param corpusDirs          each entry's corpus folder, by entry id
     * @param trainingTranscripts the words of every training utterance of the corpora (empty when scoring
     *                            {@code train} itself, or when the corpora have none)
     */
    public record Utterances(Split split, List<Corpus.Entry> entries, Map<String, Path> corpusDirs,
                             List<List<String>> trainingTranscripts) {

        public Utterances {
            Objects.requireNonNull(split, "split");
            entries = List.copyOf(entries);
            corpusDirs = Map.copyOf(corpusDirs);
            trainingTranscripts = List.copyOf(trainingTranscripts);
            for (Corpus.Entry e : entries) {
                if (e.split() != split) {
                    throw new IllegalArgumentException(e.id() + " is a " + e.split().label() + " utterance, not "
                            + split.label());
                }
                if (!corpusDirs.containsKey(e.id())) {
                    throw new IllegalArgumentException(e.id() + " has no corpus folder");
                }
            }
        }

        /**
         * @param corpora folders made by {@code ./earshot corpus} (each with {@code manifest.jsonl})
         * @param split   the split to score
         * @return its utterances, and the corpora's training transcripts
         * @throws IOException when a manifest cannot be read (the message names it)
         */
        public static Utterances read(List<Path> corpora, Split split) throws IOException {
            List<Corpus.Entry> entries = new ArrayList<>();
            Map<String, Path> dirs = new LinkedHashMap<>();
            for (Path dir : corpora) {
                for (Corpus.Entry e : Corpus.read(dir.resolve(Corpus.MANIFEST))) {
                    entries.add(e);
                    dirs.put(e.id(), dir);
                }
            }
            return of(entries, dirs, split);
        }

        /**
         * @param entries    the corpora's utterances, of every split
         * @param corpusDirs each entry's corpus folder, by entry id
         * @param split      the split to score
         * @return the split's utterances, and the training transcripts of {@code entries}
         * @throws IllegalArgumentException when an utterance of the split has no corpus folder
         */
        public static Utterances of(List<Corpus.Entry> entries, Map<String, Path> corpusDirs, Split split) {
            List<Corpus.Entry> scored = entries.stream().filter(e -> e.split() == split).toList();
            List<List<String>> lmText = split == Split.TRAIN ? List.of() : entries.stream()
                    .filter(e -> e.split() == Split.TRAIN).map(e -> Wer.words(e.normalized())).toList();
            Map<String, Path> dirs = new LinkedHashMap<>();
            for (Corpus.Entry e : scored) {
                if (corpusDirs.containsKey(e.id())) {
                    dirs.put(e.id(), corpusDirs.get(e.id()));
                }
            }
            return new Utterances(split, scored, dirs, lmText);
        }

        /** @return an utterance's WAV file */
        public Path wav(Corpus.Entry e) {
            return corpusDirs.get(e.id()).resolve(e.path());
        }

        /** @return how many voices speak them */
        public long voiceCount() {
            return entries.stream().map(Corpus.Entry::voiceId).distinct().count();
        }
    }

    /**
     * A word language model fused into CTC prefix beam search: a prefix's score gains
     * {@code weight · ln P(word | history) + wordBonus} per completed word (shallow fusion).
     *
     * @param model     the word LM
     * @param weight    α, the LM's weight
     * @param wordBonus β, added per word (it offsets the LM's preference for fewer words)
     */
    public record LmFusion(WordLanguageModel model, double weight, double wordBonus) {
        public LmFusion {
            Objects.requireNonNull(model, "model");
        }
    }

    /**
     * An utterance that could not be read or decoded; it counts as heard empty.
     *
     * @param wav     its WAV file
     * @param problem what went wrong
     */
    public record Unreadable(Path wav, String problem) {
    }

    /**
     * @param scores     each decoder's score, in the decoders' order
     * @param unreadable the utterances that could not be read or decoded, in corpus order
     */
    public record Result(Map<String, CorpusScore> scores, List<Unreadable> unreadable) {
        public Result {
            scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
            unreadable = List.copyOf(unreadable);
        }

        /**
         * @return the scores, when every utterance was read and decoded
         * @throws IOException naming the first utterance that was not
         */
        public Map<String, CorpusScore> requireAllRead() throws IOException {
            if (!unreadable.isEmpty()) {
                throw new IOException(unreadable.get(0).wav() + ": " + unreadable.get(0).problem()
                        + (unreadable.size() > 1 ? " (and " + (unreadable.size() - 1) + " more)" : ""));
            }
            return scores;
        }
    }

    /**
     * @param model ctc-small, s2s-small or a model folder
     * @param beam  beam width
     * @param lm    a word LM to fuse with a CTC model's prefix beam (ignored for an encoder-decoder)
     * @return the model's decoders by name: for CTC greedy, prefix beam (and beam + LM, see {@link #ctcDecoders});
     *         for an encoder-decoder greedy, beam (and joint CTC/attention beam, when its encoder has a CTC output)
     * @throws UncheckedIOException when the model cannot be loaded
     */
    public static Map<String, Function<Audio, String>> decoders(String model, int beam, Optional<LmFusion> lm) {
        return decoders(model, beam, lm, Optional.empty());
    }

    /**
     * @param model      ctc-small, s2s-small or a model folder
     * @param beam       beam width
     * @param lm         a word LM to fuse with a CTC model's prefix beam (ignored for an encoder-decoder)
     * @param vocabulary the task's words, for a CTC model's closed-vocabulary rows (ignored for an encoder-decoder)
     * @return as {@link #decoders(String, int, Optional)}, and the closed-vocabulary rows of {@link #ctcDecoders}
     * @throws UncheckedIOException when the model cannot be loaded
     */
    public static Map<String, Function<Audio, String>> decoders(String model, int beam, Optional<LmFusion> lm,
                                                                Optional<ClosedVocabulary> vocabulary) {
        if (!Asr.isEncoderDecoder(model)) {
            return ctcDecoders(Asr.pipeline(model), beam, lm, vocabulary);
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

    /**
     * @param ctc  a CTC pipeline
     * @param beam beam width
     * @param lm   a word LM to fuse with the prefix beam
     * @return its decoders by name: {@code greedy}, {@code prefix beam B} and, with {@code lm},
     *         {@link #lmDecoderName(int) prefix beam B + word LM}
     */
    public static Map<String, Function<Audio, String>> ctcDecoders(AsrPipeline ctc, int beam, Optional<LmFusion> lm) {
        return ctcDecoders(ctc, beam, lm, Optional.empty());
    }

    /**
     * @param ctc        a CTC pipeline
     * @param beam       beam width
     * @param lm         a word LM to fuse with the prefix beam
     * @param vocabulary the task's words
     * @return the decoders of {@link #ctcDecoders(AsrPipeline, int, Optional)}, and with {@code vocabulary}
     *         {@code prefix beam B + closed vocabulary} (and {@code … + word LM + closed vocabulary} with {@code lm})
     */
    public static Map<String, Function<Audio, String>> ctcDecoders(AsrPipeline ctc, int beam, Optional<LmFusion> lm,
                                                                   Optional<ClosedVocabulary> vocabulary) {
        Map<String, Function<Audio, String>> decoders = new LinkedHashMap<>();
        AsrPipeline wide = ctc.withBeam(beam);
        decoders.put("greedy", a -> ctc.transcribe(a).text());
        decoders.put("prefix beam " + beam, a -> wide.transcribe(a).text());
        lm.ifPresent(fusion -> {
            AsrPipeline fused = ctc.withLanguageModel(fusion.model(), fusion.weight(), fusion.wordBonus(), beam);
            decoders.put(lmDecoderName(beam), a -> fused.transcribe(a).text());
        });
        vocabulary.ifPresent(words -> {
            CtcAlphabet alphabet = ctc.model().alphabet();
            AsrPipeline closed = ctc.withDecoder(CtcDecoder.builder(alphabet).beamWidth(beam).vocabulary(words).build());
            decoders.put("prefix beam " + beam + " + closed vocabulary (" + words + ")", a -> closed.transcribe(a).text());
            lm.ifPresent(fusion -> {
                AsrPipeline both = ctc.withDecoder(CtcDecoder.builder(alphabet).beamWidth(beam).vocabulary(words)
                        .languageModel(fusion.model(), fusion.weight(), fusion.wordBonus()).build());
                decoders.put(lmDecoderName(beam) + " + closed vocabulary (" + words + ")",
                        a -> both.transcribe(a).text());
            });
        });
        return decoders;
    }

    /** @return the name of the prefix beam + word LM decoder of {@link #ctcDecoders} */
    public static String lmDecoderName(int beam) {
        return "prefix beam " + beam + " + word LM";
    }

    /**
     * Runs every decoder on every utterance (the audio read once) and scores the words heard.
     *
     * @param utterances  what to score
     * @param decoders    by name, in the order of the result
     * @param progressBar whether to draw a progress bar on standard error
     * @return each decoder's score, and the utterances that could not be read or decoded (heard empty)
     */
    public static Result score(Utterances utterances, Map<String, Function<Audio, String>> decoders,
                               boolean progressBar) {
        Map<String, Map<String, List<String>>> heard = new LinkedHashMap<>();
        decoders.keySet().forEach(d -> heard.put(d, new LinkedHashMap<>()));
        List<Unreadable> unreadable = new ArrayList<>();
        try (ProgressBar bar = progressBar ? new ProgressBarBuilder().setTaskName("evaluate")
                .setInitialMax(utterances.entries().size()).setStyle(ProgressBarStyle.ASCII).build() : null) {
            for (Corpus.Entry e : utterances.entries()) {
                Path wav = utterances.wav(e);
                try {
                    Audio audio = Wav.read(wav);
                    decoders.forEach((name, d) -> heard.get(name).put(e.id(), Wer.words(d.apply(audio))));
                } catch (IOException | RuntimeException ex) {
                    unreadable.add(new Unreadable(wav, ex.getMessage()));
                    decoders.keySet().forEach(name -> heard.get(name).put(e.id(), List.of()));
                }
                if (bar != null) {
                    bar.step();
                }
            }
        }
        Map<String, CorpusScore> scores = new LinkedHashMap<>();
        decoders.keySet().forEach(name -> scores.put(name,
                CorpusScore.of(utterances.entries(), utterances.split(), e -> heard.get(name).get(e.id()))));
        return new Result(scores, unreadable);
    }

    /**
     * The LM weight α with the lowest WER on a set (the first of equals), for CTC prefix beam + word LM.
     *
     * @param ctc       a CTC pipeline
     * @param beam      beam width
     * @param lm        the word LM
     * @param weights   the weights α to try, in order
     * @param wordBonus β per word
     * @param on        the set to choose on (dev; never test)
     * @param report    told of each weight's score as it is known
     * @return the best fusion, and its score on {@code on}
     * @throws IOException when an utterance cannot be read or decoded (naming it)
     */
    public static Tuned tuneLmWeight(AsrPipeline ctc, int beam, WordLanguageModel lm, List<Double> weights,
                                     double wordBonus, Utterances on,
                                     java.util.function.BiConsumer<Double, CorpusScore> report) throws IOException {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("no LM weights to try");
        }
        String name = lmDecoderName(beam);
        Tuned best = null;
        for (double w : weights) {
            LmFusion fusion = new LmFusion(lm, w, wordBonus);
            CorpusScore score = score(on, Map.of(name, ctcDecoders(ctc, beam, Optional.of(fusion)).get(name)), false)
                    .requireAllRead().get(name);
            report.accept(w, score);
            if (best == null || score.total().errorRatePercent() < best.score().total().errorRatePercent()) {
                best = new Tuned(fusion, score);
            }
        }
        return best;
    }

    /**
     * @param fusion the LM and the weight chosen
     * @param score  its score on the set it was chosen on
     */
    public record Tuned(LmFusion fusion, CorpusScore score) {
    }
}
