package org.earshot.tts.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import org.earshot.kit.Kit;
import org.earshot.tts.g2p.CmuDictionary;
import org.earshot.tts.parametric.KitParametricTts;
import org.earshot.tts.parametric.ParametricTraining;
import org.earshot.tts.parametric.ParametricVoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot train-kit-parametric [--out DIR] [--min-context N]}: trains the kit's statistical parametric voice
 * ({@link ParametricVoice}, {@link ParametricTraining}) on festival's kal diphone voice, then measures it by the ASR
 * round trip on texts it never heard: dev (seed 2132, where the defaults were chosen) and test ({@code tts-compare}'s,
 * seed 2131). Why kal: its diphones were cut from
 * recordings of one man, so the statistics are of a human voice (resynthesised by residual-excited LPC), and festival
 * reports where each phone starts and ends ({@code utt.save.segs}), the alignment the 21.2 aligner would otherwise
 * have to find. Training texts: the kit's sentence, command and digit grammars and lines of CMUdict training words
 * (CRC32 mod 10 ≠ 0) for phone coverage, seeds 21300–21303, leaving out every text of the dev and test sets. The
 * contexts' minimum count is chosen on the dev texts (the fewest word errors over digits and sentences together,
 * the smaller voice on a tie) among {@link #SWEEP}, unless {@code --min-context} fixes it; the test texts are heard
 * once, by the chosen voice. Seconds on one core, in Java; writes {@code voice.json},
 * {@code metrics.json} and {@code card.md}. Never run in CI.
 */
@Command(name = "train-kit-parametric", mixinStandardHelpOptions = true,
        description = "Train the kit's statistical parametric voice on festival's kal diphones; measure its round trip.")
public final class TrainKitParametricCommand implements CliCommand {

    /** The context minimums tried on the dev texts (0: no contexts). */
    static final List<Integer> SWEEP = List.of(0, 20, 5, 2);
    /** The seeds of the texts the voice is measured on: dev (for choices) and test ({@code tts-compare}'s). */
    static final long DEV_SEED = KalCorpus.DEV_SEED;
    static final long TEST_SEED = KalCorpus.TEST_SEED;
    /** Digit strings and sentences in each of the dev and test sets, as many as {@code tts-compare}'s. */
    static final int DIGIT_STRINGS = TtsCompareCommand.DIGIT_STRINGS;
    static final int SENTENCES = TtsCompareCommand.SENTENCES;

    @Option(names = "--out", defaultValue = "data/models/kit-parametric", paramLabel = "DIR",
            description = "The model folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--sentences", defaultValue = "400", paramLabel = "N",
            description = "Sentences of the grammar (default ${DEFAULT-VALUE}); commands and digit strings half as many.")
    int sentences;

    @Option(names = "--word-lines", defaultValue = "400", paramLabel = "N",
            description = "Lines of 6 dictionary words for phone coverage (default ${DEFAULT-VALUE}).")
    int wordLines;

    @Option(names = "--min-context", paramLabel = "N",
            description = "Keep an onset (offset) state after (before) a given phone when seen at least N times; 0:"
                    + " no contexts (default: chosen on the dev texts among 0, 20, 5, 2).")
    Integer minContext;

    @Option(names = "--order", defaultValue = "18", paramLabel = "P",
            description = "Filter order, 4–40 (default ${DEFAULT-VALUE}).")
    int order;

    @Override
    public Integer call() throws Exception {
        if (sentences < 0 || wordLines < 0 || sentences + wordLines == 0 || order < 4 || order > 40
                || minContext != null && minContext < 0) {
            System.err.println("earshot train-kit-parametric: want --sentences and --word-lines ≥ 0 (not both 0),"
                    + " --order 4–40 and --min-context ≥ 0");
            return 2;
        }
        long start = System.nanoTime();
        Path home = Kit.home();
        Path dir = out.isAbsolute() ? out : home.resolve(out);
        KalCorpus.Recordings kal = KalCorpus.makeOrSay(home, sentences, wordLines, "train-kit-parametric")
                .orElse(null);
        if (kal == null) {
            return 1;
        }
        List<String> texts = kal.texts();
        int leftOut = kal.leftOut();
        ParametricTraining training = new ParametricTraining(order, 0.025, 0.010);
        double seconds = 0;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("kal frames").setInitialMax(texts.size())
                .setStyle(ProgressBarStyle.ASCII).build()) {
            for (int i = 0; i < texts.size(); i++) {
                var audio = Wav.read(kal.wav(i));
                training.add(audio, kal.phones(i));
                seconds += audio.durationSeconds();
                bar.step();
            }
        }
        String trainedOn = String.format(Locale.ROOT, "festival kal_diphone, %d utterances, %.1f min",
                training.utterances(), seconds / 60);
        Map<String, Object> metrics = new LinkedHashMap<>();
        Files.createDirectories(dir);
        Path voiceFile = dir.resolve("voice.json");
        CmuDictionary dictionary = CmuDictionary.preferred();
        try (VoiceRoundTrips ears = VoiceRoundTrips.open(home)) {
            return sweepAndScore(training, trainedOn, dictionary, ears, dir, metrics, start, seconds, leftOut);
        }
    }

    private int sweepAndScore(ParametricTraining training, String trainedOn, CmuDictionary dictionary,
                              VoiceRoundTrips ears, Path dir, Map<String, Object> metrics, long start, double seconds, int leftOut)
            throws IOException, InterruptedException {
        Path home = Kit.home();
        Path voiceFile = dir.resolve("voice.json");
        Map<String, Object> chosenDev = null; // the chosen voice's dev figures, measured in the sweep
        int chosen;
        if (minContext != null) {
            chosen = minContext;
        } else { // each minimum on the dev texts; the fewest word errors, the smaller voice on a tie
            Map<Integer, Map<String, Object>> sweep = new TreeMap<>();
            chosen = -1;
            long fewest = Long.MAX_VALUE;
            int smallest = Integer.MAX_VALUE;
            for (int k : SWEEP) {
                ParametricVoice v = training.build(trainedOn, k == 0 ? Integer.MAX_VALUE : k);
                v.write(voiceFile);
                Map<String, Object> dev = new LinkedHashMap<>();
                try (KitParametricTts engine = KitParametricTts.open(home, voiceFile, dictionary)) {
                    ears.measure(engine, "dev", DEV_SEED, dev);
                }
                long errors = ((Number) dev.get("devDigitsErrors")).longValue()
                        + ((Number) dev.get("devSentencesErrors")).longValue();
                int size = contextStates(v);
                dev.put("contextStates", size);
                dev.put("errors", errors);
                sweep.put(k, dev);
                if (errors < fewest || errors == fewest && size < smallest) {
                    fewest = errors;
                    smallest = size;
                    chosen = k;
                }
            }
            metrics.put("sweep", sweep);
            chosenDev = sweep.get(chosen);
        }
        ParametricVoice voice = training.build(trainedOn, chosen == 0 ? Integer.MAX_VALUE : chosen);
        voice.write(voiceFile);
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        metrics.put("trainUtterances", training.utterances());
        metrics.put("heldOutTextsLeftOut", leftOut);
        metrics.put("trainMinutes", seconds / 60);
        metrics.put("phones", voice.phones().size());
        metrics.put("minContext", chosen);
        metrics.put("contextStates", contextStates(voice));
        metrics.put("trainSeconds", trainSeconds);
        metrics.put("bytes", Files.size(voiceFile));
        try (KitParametricTts engine = KitParametricTts.open(home, voiceFile, dictionary)) {
            if (chosenDev != null) { // the same voice on the same texts: its sweep figures
                chosenDev.forEach((key, value) -> {
                    if (key.startsWith("dev")) {
                        metrics.put(key, value);
                    }
                });
            } else {
                ears.measure(engine, "dev", DEV_SEED, metrics);
            }
            ears.measure(engine, "test", TEST_SEED, metrics);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("metrics.json").toFile(),
                metrics);
        Files.writeString(dir.resolve("card.md"), card(voice, metrics));
        System.out.println(String.format(Locale.ROOT, "kit-parametric: %d phones, contexts ≥ %d, from %d utterances"
                        + " (%.1f min of kal) in %.0f s; round trip (test) digits %s, sentences %s; dev %s, %s -> %s",
                voice.phones().size(), chosen, training.utterances(), seconds / 60, trainSeconds,
                VoiceRoundTrips.wer(metrics, "testDigits"), VoiceRoundTrips.wer(metrics, "testSentences"), VoiceRoundTrips.wer(metrics, "devDigits"),
                VoiceRoundTrips.wer(metrics, "devSentences"), voiceFile));
        return 0;
    }

    private static int contextStates(ParametricVoice v) {
        return v.phones().values().stream().mapToInt(p -> p.onsets().size() + p.offsets().size()).sum();
    }

    @SuppressWarnings("unchecked")
    private String card(ParametricVoice voice, Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("# kit-parametric — model card\n\n");
        sb.append("The kit's own statistical parametric TTS voice (§21.3, `--engine kit-parametric`): the parametric era"
                + " built from means, trained here in Java in about a minute, spoken through the kit's front end and"
                + " source-filter vocoder.\n\n");
        int contextStates = ((Number) m.get("contextStates")).intValue();
        int chosen = ((Number) m.get("minContext")).intValue();
        sb.append(String.format(Locale.ROOT, "- **Files**: `voice.json` (%.3f MB: %d phones × 3 states and %d states"
                + " in context), `metrics.json`, this card.%n", ((Number) m.get("bytes")).doubleValue() / 1e6,
                voice.phones().size(), contextStates));
        sb.append(String.format(Locale.ROOT, "- **Model**: per phone, the mean duration away from a pause and three"
                + " states (onset, middle, offset thirds of each segment), each the mean normalised autocorrelation"
                + " of its frames (order %d: an all-pole envelope by Levinson-Durbin, stable by construction), the mean"
                + " ln energy, the share voiced and the mean ln F0 about the voice's F0 line; the F0 line ln F0 = %.3f"
                + " %+.3f·t/T (%.0f Hz falling to %.0f Hz over an utterance), a phone before a pause %.2f× as long."
                + " Onset and offset states also in context (coarticulation): the onset after each phone and the"
                + " offset before each phone seen at least %d times%s. Frames every %.0f ms, envelopes blended linearly"
                + " between state centres, pulses (voiced) or noise through them (`SourceFilterVocoder`).%n",
                voice.order(), voice.logF0Intercept(), voice.logF0Slope(), Math.exp(voice.logF0Intercept()),
                Math.exp(voice.logF0Intercept() + voice.logF0Slope()), voice.prepausalFactor(), chosen,
                m.containsKey("sweep") ? " (chosen on the dev texts, below)" : " (set by --min-context)",
                1000 * voice.hopSeconds()));
        sb.append(String.format(Locale.ROOT, "- **Data**: festival's kal_diphone voice (festvox-kallpc16k: diphones of"
                + " one man's recordings, residual-excited LPC) saying %d texts, %.1f min at %d Hz: the kit's"
                + " sentence, command and digit grammars (%d, %d and %d drawn, seeds 21300–21302; %d of them left out"
                + " because a dev or test text is the same) and %d lines of 6 CMUdict training words (CRC32 mod 10 ≠ 0,"
                + " seed 21303) so every phone is heard. The phone times are festival's own (`utt.save.segs`), so no"
                + " aligner is needed.%n", m.get("trainUtterances"), ((Number) m.get("trainMinutes")).doubleValue(),
                voice.sampleRate(), sentences, sentences / 2, sentences / 2, m.get("heldOutTextsLeftOut"), wordLines));
        sb.append(String.format(Locale.ROOT, "- **Recipe**: counting, not EM (the alignment is given); `./earshot"
                + " train-kit-parametric` (%.0f s on this machine's CPU, festival's synthesis and the dev sweep"
                + " included; no GPU).%n", ((Number) m.get("trainSeconds")).doubleValue()));
        sb.append("- **Metrics**: the ASR round trip on texts left out of training: dev (seed " + DEV_SEED + ") and test"
                + " (`./earshot tts-compare`'s, seed " + TEST_SEED + "): it speaks, a recogniser transcribes, WER against"
                + " the spoken form. ctc-small was trained on kal's own voice among others, and this voice copies"
                + " kal's statistics: its digit figure is partly familiarity. Real voices: not applicable to a voice"
                + " that speaks (it is kal's statistics); no recording of these texts exists, so no mel-cepstral"
                + " distortion either.\n");
        sb.append("- **Limits**: means only, so flat and buzzy (contexts one phone to each side, no stress, no phrase"
                + " breaks inside a sentence, one F0 line); the kit's front end's words, CMUdict's first"
                + " pronunciation.\n\n");
        sb.append(VoiceRoundTrips.table(m));
        if (m.get("sweep") instanceof Map<?, ?> sweep) {
            sb.append("\nThe context minimum on the dev texts (word errors of digits and sentences together; the fewest"
                    + " wins, the smaller voice on a tie):\n\n| minimum | states in context | dev digits WER |"
                    + " dev sentences WER | word errors |\n|---|---|---|---|---|\n");
            sweep.forEach((k, v) -> {
                Map<String, Object> d = (Map<String, Object>) v;
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n",
                        k.equals(0) ? "no contexts" : "≥ " + k, d.get("contextStates"), VoiceRoundTrips.wer(d, "devDigits"),
                        VoiceRoundTrips.wer(d, "devSentences"), d.get("errors")));
            });
        }
        sb.append(VoiceRoundTrips.worst(m));
        return sb.toString();
    }
}
