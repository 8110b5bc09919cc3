package org.earshot.asr.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.earshot.metrics.CorpusScore;
import org.earshot.metrics.Wer;
import org.earshot.asr.lm.BackoffModel;
import org.earshot.asr.ctc.ClosedVocabulary;
import org.earshot.asr.lm.KneserNey;
import org.earshot.asr.lm.WordLoop;
import org.earshot.asr.neural.Asr;
import org.earshot.asr.neural.AsrPipeline;
import org.earshot.asr.neural.Evaluation;
import org.earshot.asr.neural.TrainingExport;
import org.earshot.audio.Audio;
import org.earshot.cli.CliCommand;
import org.earshot.corpus.Corpus;
import org.earshot.corpus.CorpusSpec;
import org.earshot.corpus.Split;
import org.earshot.corpus.TextSource;
import org.earshot.corpus.Variety;
import org.earshot.kit.Kit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot train ctc-small}: makes the training corpora (digits and commands, voice-disjoint splits, the
 * {@link Variety#WIDE wide} variety of training voices), writes
 * their features with the kit's own front end, and runs the model's training script
 * ({@code data/models/ctc-small/train.py}, Debian's python3-torch), which exports {@code model.onnx},
 * {@code vocab.json}, {@code card.md}, {@code metrics.json} and the training log next to itself. {@code s2s-small}
 * needs ctc-small trained first in the same checkout: its encoder starts from ctc-small's weights.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a kit model (ctc-small, s2s-small) on the kit's TTS corpora with PyTorch; exports ONNX + card.")
public final class TrainCommand implements CliCommand {

    /** The PyTorch weights ctc-small's training leaves in its data folder; s2s-small's encoder starts from them. */
    static final String CTC_WEIGHTS = "build/train/ctc-small/ctc-small.pt";
    /** Sentences corpus size: only its test split (about a tenth) is used, to report WER beyond the training texts. */
    static final int SENTENCES = 1000;
    /** Word-LM weights tried on dev; the best is reported on test. */
    static final List<Double> LM_WEIGHTS = List.of(0.3, 0.5, 1.0);
    /** The beam widths of the cards' Java decoding tables. */
    static final int BEAM = 8;
    static final int S2S_BEAM = 4;
    private static final String JAVA_SECTION = "## Decoding in Java (ONNX Runtime, `./earshot evaluate`)";

    @Parameters(paramLabel = "MODEL", description = "ctc-small or s2s-small")
    String model;

    @Option(names = "--count", defaultValue = "2500", description = "Utterances per corpus (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--epochs", description = "Training epochs (default: 24 for ctc-small, 10 for s2s-small; each "
            + "model about 35 minutes on 2 cores; --with-real --channel: use 18, about 50 minutes).")
    Integer epochs;

    @Option(names = "--seed", defaultValue = "2112", description = "Corpus and training seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rescore", description = "Do not train; score the model in Java again and rewrite its card's "
            + "Java decoding table (after a change to the decoders).")
    boolean rescore;

    @Option(names = "--real-voices", defaultValue = "build/corpus/real-english",
            description = "A real-speech corpus (./earshot corpus real --english-eval) scored on the card's real-voice "
                    + "table when its manifest exists (default ${DEFAULT-VALUE}, under the kit's home).")
    Path realVoices;

    @Option(names = "--real-only", description = "Do not train or score the synthetic splits: score the model on the "
            + "real-voice corpus (greedy, beam; ctc-small's LM decoder needs the synthetic training transcripts) and "
            + "rewrite only its card's real-voice table.")
    boolean realOnly;

    @Option(names = "--with-real", description = "ctc-small: the English training speakers of the real-speech corpus "
            + "(--real-train) join the training split, repeated --real-repeat times an epoch, and its English dev "
            + "speakers are scored after every epoch (an experiment: the shipped model is synthetic-only).")
    boolean withReal;

    @Option(names = "--real-train", defaultValue = "build/corpus/real",
            description = "The real-speech corpus for --with-real (./earshot corpus real; default ${DEFAULT-VALUE}).")
    Path realTrain;

    @Option(names = "--channel", description = "ctc-small: also augment with a speed change and a recording channel "
            + "(noise, reverberation, telephone band) in the mel power domain.")
    boolean channel;

    @Option(names = "--real-repeat", defaultValue = "3",
            description = "How many times an epoch each recording of a person is seen (default ${DEFAULT-VALUE}).")
    int realRepeat;

    @Option(names = "--out", description = "Where the model goes (default: data/models/MODEL).")
    Path out;

    @Override
    public Integer call() throws InterruptedException {
        if (!model.equals("ctc-small") && !model.equals("s2s-small")) {
            System.err.println("earshot train: unknown model '" + model + "' (ctc-small or s2s-small)");
            return 2;
        }
        Path home = Kit.home();
        if (model.equals("s2s-small") && !rescore && !realOnly && !Files.isRegularFile(home.resolve(CTC_WEIGHTS))) {
            System.err.println("earshot train: s2s-small's encoder starts from ctc-small's weights (" + CTC_WEIGHTS
                    + "): run ./earshot train ctc-small first");
            return 1;
        }
        Path script = home.resolve("data/models").resolve(model).resolve("train.py");
        Path modelDir = out != null ? out : script.getParent();
        if (realOnly) {
            try {
                rescoreRealVoices(model, modelDir, home.resolve(realVoices));
                return 0;
            } catch (IOException | UncheckedIOException e) {
                System.err.println("earshot train: " + e.getMessage());
                return 1;
            }
        }
        try {
            if (!rescore && new ProcessBuilder("/usr/bin/python3", "-c", "import torch, numpy").start().waitFor() != 0) {
                throw new IOException("PyTorch is missing: apt-get install python3-torch python3-numpy");
            }
            List<Corpus.Entry> entries = new ArrayList<>();
            Map<String, Path> dirs = new LinkedHashMap<>();
            int jobs = Runtime.getRuntime().availableProcessors();
            for (TextSource source : List.of(TextSource.DIGITS, TextSource.COMMANDS)) {
                Path dir = corpusDir(home, source);
                for (Corpus.Entry e : wide(source, count, jobs).make(dir)) {
                    entries.add(e);
                    dirs.put(e.id(), dir);
                }
            }
            if (rescore) {
                appendJavaDecoding(model, modelDir, entries, dirs, home.resolve(realVoices));
                return 0;
            }
            Path data = home.resolve("build/train").resolve(model);
            List<Corpus.Entry> realDev = List.of();
            if (model.equals("ctc-small") && withReal) {
                Path realDir = home.resolve(realTrain);
                if (!Files.isRegularFile(realDir.resolve(Corpus.MANIFEST))) {
                    throw new IOException(realDir + ": no real-speech corpus for --with-real; make it with "
                            + "./earshot corpus real");
                }
                List<Corpus.Entry> real = Corpus.read(realDir.resolve(Corpus.MANIFEST)).stream()
                        .filter(e -> e.provenance().map(p -> p.language().equals("en")).orElse(false)).toList();
                real.forEach(e -> dirs.put(e.id(), realDir));
                List<Corpus.Entry> realTraining = real.stream().filter(e -> e.split() == Split.TRAIN).toList();
                entries.addAll(realTraining);
                realDev = real.stream().filter(e -> e.split() == Split.DEV).toList();
                System.out.println("recordings of people (English, " + realDir.getFileName() + "): "
                        + realTraining.size() + " join training, " + realDev.size() + " real-voice dev");
            }
            System.out.println("features (kit log-mel): " + TrainingExport.write(entries, dirs, data) + " → " + data);
            if (!realDev.isEmpty()) {
                TrainingExport.write(realDev, dirs, data, "real-dev");
            }
            if (model.equals("ctc-small")) {
                Path sentencesDir = corpusDir(home, TextSource.SENTENCES);
                List<Corpus.Entry> sentences = wide(TextSource.SENTENCES, SENTENCES, jobs).make(sentencesDir).stream()
                        .filter(e -> e.split() == Split.TEST).toList();
                Map<String, Path> sentenceDirs = new LinkedHashMap<>();
                sentences.forEach(e -> sentenceDirs.put(e.id(), sentencesDir));
                TrainingExport.write(sentences, sentenceDirs, data, "sentences");
                System.out.println("sentences (held-out voices, words beyond the training texts): " + sentences.size());
            }
            Files.createDirectories(modelDir);
            List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), "--data",
                    data.toString(), "--out", modelDir.toString(), "--epochs",
                    Integer.toString(epochs != null ? epochs : model.equals("ctc-small") ? 24 : 10), "--seed",
                    Long.toString(seed), "--count", Integer.toString(count)));
            if (model.equals("ctc-small")) {
                command.addAll(List.of("--real-repeat", Integer.toString(realRepeat)));
                if (channel) {
                    command.add("--channel");
                }
            }
            if (model.equals("s2s-small")) {
                command.addAll(List.of("--init", home.resolve(CTC_WEIGHTS).toString()));
            }
            Process p = new ProcessBuilder(command).inheritIO().start();
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IOException(script + " failed (exit " + rc + ")");
            }
            appendJavaDecoding(model, modelDir, entries, dirs, home.resolve(realVoices));
            return 0;
        } catch (IOException | UncheckedIOException e) {
            System.err.println("earshot train: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Scores the exported model as the kit runs it (Java, ONNX Runtime) with every decoder on dev and test, and writes
     * the table at the end of its card and under {@code "java"} in its metrics.json. ctc-small: greedy, prefix beam,
     * and beam + a bigram LM whose weight is chosen on dev. s2s-small: greedy, beam, and joint CTC/attention beam.
     */
    private static void appendJavaDecoding(String model, Path modelDir, List<Corpus.Entry> entries,
                                           Map<String, Path> dirs, Path realCorpus) throws IOException {
        Evaluation.Utterances devSet = Evaluation.Utterances.of(entries, dirs, Split.DEV);
        Evaluation.Utterances testSet = Evaluation.Utterances.of(entries, dirs, Split.TEST);
        Map<String, Function<Audio, String>> decoders;
        Map<String, CorpusScore> devKnown = new LinkedHashMap<>(); // dev scores the LM-weight sweep already has
        String how;
        if (model.equals("ctc-small")) {
            BackoffModel bigram = KneserNey.train(devSet.trainingTranscripts(), 2);
            AsrPipeline ctc = Asr.pipeline(modelDir.toString());
            Evaluation.Tuned best = Evaluation.tuneLmWeight(ctc, BEAM, bigram, LM_WEIGHTS, 1.0, devSet, (w, score) ->
                    System.out.printf(java.util.Locale.ROOT, "dev, beam %d + bigram, α %.1f: %.2f%%%n", BEAM, w,
                            score.total().errorRatePercent()));
            devKnown.put(Evaluation.lmDecoderName(BEAM), best.score());
            ClosedVocabulary task = VocabularySpec.parse("digits,commands", null);
            decoders = Evaluation.ctcDecoders(ctc, BEAM, Optional.of(best.fusion()), Optional.of(task));
            how = String.format(java.util.Locale.ROOT, "The word LM is a bigram (Kneser–Ney) of the training\n"
                    + "transcripts; its weight α = %.1f (β = 1 per word) was chosen on dev among %s. The closed\n"
                    + "vocabulary is every word of the digits and commands grammars (%d words; `--vocabulary "
                    + "digits,commands`):\nthe beam may spell only those words.",
                    best.fusion().weight(), LM_WEIGHTS, task.size());
        } else {
            decoders = Evaluation.decoders(modelDir.toString(), S2S_BEAM, Optional.empty());
            how = "Greedy and beam search on the attention decoder alone, and joint\nCTC/attention beam search "
                    + "with the encoder's CTC output (weight λ = " + Evaluation.JOINT_CTC_WEIGHT
                    + ", ESPnet's usual; not tuned here).";
        }
        StringBuilder card = new StringBuilder(String.format(java.util.Locale.ROOT, """

                %s

                The exported model as the kit runs it. %s

                | decoder | dev WER (%%) | test WER (%%, held-out voices) |
                | --- | --- | --- |
                """, JAVA_SECTION, how));
        Map<String, Function<Audio, String>> devToScore = new LinkedHashMap<>(decoders);
        devToScore.keySet().removeAll(devKnown.keySet());
        Map<String, CorpusScore> dev = new LinkedHashMap<>(
                Evaluation.score(devSet, devToScore, true).requireAllRead());
        dev.putAll(devKnown);
        Map<String, CorpusScore> test = Evaluation.score(testSet, decoders, true).requireAllRead();
        Path metricsFile = modelDir.resolve("metrics.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode metrics = (ObjectNode) json.readTree(metricsFile.toFile());
        ObjectNode javaScores = metrics.putObject("java");
        for (String name : decoders.keySet()) {
            double devWer = dev.get(name).total().errorRatePercent();
            double testWer = test.get(name).total().errorRatePercent();
            card.append(String.format(java.util.Locale.ROOT, "| %s | %.2f | %.2f |%n", name, devWer, testWer));
            javaScores.putObject(name).put("dev", Math.round(devWer * 100) / 100.0).put("test", Math.round(testWer * 100) / 100.0);
            System.out.println(name + ", test: " + test.get(name).total().summaryLine());
        }
        if (Files.isRegularFile(realCorpus.resolve(Corpus.MANIFEST))) {
            card.append(realVoices(withTaskVocabulary(model, modelDir, decoders, realCorpus), realCorpus, metrics));
        } else {
            System.out.println("no real-voice corpus at " + realCorpus + " (./earshot corpus real --english-eval): "
                    + "the card gets no real-voice table");
        }
        json.writerWithDefaultPrettyPrinter().writeValue(metricsFile.toFile(), metrics);
        replaceCardTail(modelDir.resolve("card.md"), JAVA_SECTION, card.toString());
    }

    /** Replaces the card from the section headed {@code heading} to its end with {@code section} (or appends it). */
    private static void replaceCardTail(Path cardFile, String heading, String section) throws IOException {
        String before = Files.readString(cardFile);
        int old = before.indexOf(heading);
        Files.writeString(cardFile, (old < 0 ? before : before.substring(0, old)).stripTrailing() + "\n" + section);
    }

    private static final String REAL_SECTION = "## Real voices (recordings of people)";

    /** {@code --real-only}: the card's real-voice table and metrics.json's {@code "real"}, nothing else. */
    private static void rescoreRealVoices(String model, Path modelDir, Path realCorpus) throws IOException {
        if (!Files.isRegularFile(realCorpus.resolve(Corpus.MANIFEST))) {
            throw new IOException(realCorpus + ": no real-voice corpus (make it: ./earshot corpus real --english-eval)");
        }
        Map<String, Function<Audio, String>> decoders = withTaskVocabulary(model, modelDir,
                Evaluation.decoders(modelDir.toString(), model.equals("ctc-small") ? BEAM : S2S_BEAM, Optional.empty()),
                realCorpus);
        Path metricsFile = modelDir.resolve("metrics.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode metrics = (ObjectNode) json.readTree(metricsFile.toFile());
        String section = realVoices(decoders, realCorpus, metrics);
        json.writerWithDefaultPrettyPrinter().writeValue(metricsFile.toFile(), metrics);
        replaceCardTail(modelDir.resolve("card.md"), REAL_SECTION, section);
    }

    /** The real-voice table's closed-vocabulary row's word-loop weight: a word costs ln(|V| + 1) (chosen on dev). */
    static final double WORD_LOOP_WEIGHT = 1.0;

    /**
     * @return for ctc-small, {@code decoders} and the real-voice task's grammar: a prefix beam under the closed
     *         vocabulary of the real corpus' own words (dev and test), with their word loop as LM ({@link WordLoop},
     *         α {@value #WORD_LOOP_WEIGHT}, β 0); for another model, {@code decoders}
     */
    private static Map<String, Function<Audio, String>> withTaskVocabulary(
            String model, Path modelDir, Map<String, Function<Audio, String>> decoders, Path realCorpus)
            throws IOException {
        if (!model.equals("ctc-small")) {
            return decoders;
        }
        java.util.Set<String> words = new java.util.TreeSet<>();
        for (Corpus.Entry e : Corpus.read(realCorpus.resolve(Corpus.MANIFEST))) {
            words.addAll(Wer.words(e.normalized()));
        }
        ClosedVocabulary task = ClosedVocabulary.of(words);
        AsrPipeline ctc = Asr.pipeline(modelDir.toString());
        AsrPipeline grammar = ctc.withDecoder(org.earshot.asr.ctc.CtcDecoder.builder(ctc.model().alphabet())
                .beamWidth(BEAM).vocabulary(task).languageModel(new WordLoop(task), WORD_LOOP_WEIGHT, 0).build());
        Map<String, Function<Audio, String>> out = new LinkedHashMap<>(decoders);
        out.put("prefix beam " + BEAM + " + the task's words (" + task + ", word loop)", a -> grammar.transcribe(a).text());
        return out;
    }

    /**
     * Scores the model on recordings of people ({@code ./earshot corpus real}): every decoder on the dev and test
     * speakers, and per speaker with greedy decoding; the figures go under {@code "real"} in metrics.json.
     *
     * @return the card's real-voice section
     */
    private static String realVoices(Map<String, Function<Audio, String>> decoders, Path corpus, ObjectNode metrics)
            throws IOException {
        Map<Split, Map<String, CorpusScore>> scores = new java.util.EnumMap<>(Split.class);
        Map<Split, Evaluation.Utterances> sets = new java.util.EnumMap<>(Split.class);
        for (Split split : List.of(Split.DEV, Split.TEST)) {
            Evaluation.Utterances set = Evaluation.Utterances.read(List.of(corpus), split);
            sets.put(split, set);
            scores.put(split, set.entries().isEmpty() ? Map.of() : Evaluation.score(set, decoders, true).requireAllRead());
        }
        StringBuilder out = new StringBuilder(String.format(java.util.Locale.ROOT, """

                %s

                The same decoders on `./earshot corpus real --english-eval` (%s): recordings of people from Debian
                packages whose dev and test speakers are never heard in training (other speakers of the same
                packages may be: see Data); %d dev and %d test utterances. Their
                texts are not the training texts (tile names, game phrases, channel names beside digits), so this
                measures both a new kind of voice and words the model may never have spelled.

                | decoder | dev WER (%%) | test WER (%%, real voices) |
                | --- | --- | --- |
                """, REAL_SECTION, corpus.getFileName(), sets.get(Split.DEV).entries().size(), sets.get(Split.TEST).entries().size()));
        ObjectNode real = metrics.putObject("real");
        for (String name : decoders.keySet()) {
            ObjectNode row = real.putObject(name);
            StringBuilder line = new StringBuilder("| " + name);
            for (Split split : List.of(Split.DEV, Split.TEST)) {
                CorpusScore s = scores.get(split).get(name);
                double wer = s == null ? Double.NaN : s.total().errorRatePercent();
                line.append(String.format(java.util.Locale.ROOT, " | %.2f", wer));
                row.put(split.label(), Math.round(wer * 100) / 100.0);
            }
            out.append(line).append(" |\n");
        }
        String greedy = decoders.keySet().iterator().next();
        String last = new ArrayList<>(decoders.keySet()).get(decoders.size() - 1);
        boolean two = !last.equals(greedy);
        out.append("\n| speaker | split | words | WER (%, ").append(greedy).append(") |")
                .append(two ? " WER (%, " + last + ") |" : "").append("\n| --- | --- | --- | --- |")
                .append(two ? " --- |" : "").append('\n');
        ObjectNode bySpeaker = real.putObject("by_speaker_" + greedy.replace(' ', '_'));
        ObjectNode bySpeakerLast = two ? real.putObject("by_speaker_last_decoder") : null;
        for (Split split : List.of(Split.DEV, Split.TEST)) {
            CorpusScore s = scores.get(split).get(greedy);
            if (s == null) {
                continue;
            }
            Map<String, org.earshot.metrics.ErrorCounts> lastByVoice = scores.get(split).get(last).byVoice();
            new java.util.TreeMap<>(s.byVoice()).forEach((voice, c) -> {
                out.append(String.format(java.util.Locale.ROOT, "| %s | %s | %d | %.2f |", voice, split.label(), c.n(),
                        c.errorRatePercent()));
                if (two) {
                    double w = lastByVoice.get(voice).errorRatePercent();
                    out.append(String.format(java.util.Locale.ROOT, " %.2f |", w));
                    bySpeakerLast.put(voice, Math.round(w * 100) / 100.0);
                }
                out.append('\n');
                bySpeaker.put(voice, Math.round(c.errorRatePercent() * 100) / 100.0);
            });
        }
        return out.toString();
    }

    /** @return the spec of a training corpus: the wide variety, this command's seed, a progress bar */
    private CorpusSpec wide(TextSource source, int utterances, int jobs) {
        return Corpus.spec(source).variety(Variety.WIDE).count(utterances).seed(seed).jobs(jobs).progressBar(true)
                .build();
    }

    private static Path corpusDir(Path home, TextSource source) {
        return home.resolve("build/corpus/train-" + source.name().toLowerCase(java.util.Locale.ROOT) + "-wide");
    }
}
