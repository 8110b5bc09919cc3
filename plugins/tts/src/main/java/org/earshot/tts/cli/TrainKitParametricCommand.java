package org.earshot.tts.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import org.earshot.corpus.TextSource;
import org.earshot.corpus.Utterance;
import org.earshot.kit.Kit;
import org.earshot.speech.RecognizerProvider;
import org.earshot.speech.SpeechRecognizer;
import org.earshot.tts.g2p.CmuDictionary;
import org.earshot.tts.parametric.KitParametricTts;
import org.earshot.tts.parametric.ParametricTraining;
import org.earshot.tts.parametric.ParametricVoice;
import org.earshot.tts.parametric.TimedPhone;
import org.earshot.tts.speak.RoundTrip;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot train-kit-parametric [--out DIR]}: trains the kit's statistical parametric voice
 * ({@link ParametricVoice}, {@link ParametricTraining}) on festival's kal diphone voice, then measures it by the ASR
 * round trip on texts it never heard: dev (seed 2132, where the defaults were chosen) and test ({@code tts-compare}'s,
 * seed 2131). Why kal: its diphones were cut from
 * recordings of one man, so the statistics are of a human voice (resynthesised by residual-excited LPC), and festival
 * reports where each phone starts and ends ({@code utt.save.segs}), the alignment the 21.2 aligner would otherwise
 * have to find. Training texts: the kit's sentence, command and digit grammars and lines of CMUdict training words
 * (CRC32 mod 10 ≠ 0) for phone coverage, seeds 21300–21303. Seconds on one core, in Java; writes {@code voice.json},
 * {@code metrics.json} and {@code card.md}. Never run in CI.
 */
@Command(name = "train-kit-parametric", mixinStandardHelpOptions = true,
        description = "Train the kit's statistical parametric voice on festival's kal diphones; measure its round trip.")
public final class TrainKitParametricCommand implements CliCommand {

    @Option(names = "--out", defaultValue = "data/models/kit-parametric", paramLabel = "DIR",
            description = "The model folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--sentences", defaultValue = "400", paramLabel = "N",
            description = "Sentences of the grammar (default ${DEFAULT-VALUE}); commands and digit strings half as many.")
    int sentences;

    @Option(names = "--word-lines", defaultValue = "400", paramLabel = "N",
            description = "Lines of 6 dictionary words for phone coverage (default ${DEFAULT-VALUE}).")
    int wordLines;

    @Option(names = "--min-context", defaultValue = "" + MIN_CONTEXT, paramLabel = "N",
            description = "Keep an onset (offset) state after (before) a given phone when seen at least N times"
                    + " (default ${DEFAULT-VALUE}, chosen on the dev texts; 0: no contexts).")
    int minContext;

    /** The fewest segments in a context for its own state, chosen on the dev texts' round trip. */
    static final int MIN_CONTEXT = 5;

    /** The seeds of the texts the voice is measured on: dev (for choices) and test ({@code tts-compare}'s). */
    static final long DEV_SEED = 2132;
    static final long TEST_SEED = 2131;

    @Option(names = "--order", defaultValue = "18", paramLabel = "P", description = "Filter order (default ${DEFAULT-VALUE}).")
    int order;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Path home = Kit.home();
        Path dir = out.isAbsolute() ? out : home.resolve(out);
        List<String> texts = new ArrayList<>();
        TextSource.SENTENCES.generate(sentences, 21300).forEach(u -> texts.add(u.text()));
        TextSource.COMMANDS.generate(sentences / 2, 21301).forEach(u -> texts.add(u.text()));
        TextSource.DIGITS.generate(sentences / 2, 21302).forEach(u -> texts.add(u.normalized()));
        List<String> words = new ArrayList<>(CmuDictionary.read(CmuDictionary.POCKETSPHINX).split(false)
                .pronunciations().keySet());
        words.removeIf(w -> !w.matches("[a-z]+"));
        Random r = new Random(21303);
        for (int i = 0; i < wordLines; i++) {
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < 6; k++) {
                line.append(k == 0 ? "" : " ").append(words.get(r.nextInt(words.size())));
            }
            texts.add(line.append('.').toString());
        }
        Path work = home.resolve("build/train/kit-parametric");
        Files.createDirectories(work);
        StringBuilder scheme = new StringBuilder("(voice_kal_diphone)\n");
        for (int i = 0; i < texts.size(); i++) {
            String base = work.resolve(String.format(Locale.ROOT, "%05d", i)).toString();
            scheme.append("(set! u (utt.synth (Utterance Text \"").append(texts.get(i).replace("\\", "")
                    .replace("\"", "")).append("\")))\n(utt.save.wave u \"").append(base)
                    .append(".wav\" 'riff)\n(utt.save.segs u \"").append(base).append(".segs\")\n");
        }
        Path script = work.resolve("speak.scm");
        Files.writeString(script, scheme);
        Process festival = new ProcessBuilder("festival", "--batch", script.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("festival.log").toFile()).start();
        if (!festival.waitFor(30, TimeUnit.MINUTES) || festival.exitValue() != 0) {
            festival.destroyForcibly();
            System.err.println("earshot train-kit-parametric: festival failed (" + work.resolve("festival.log")
                    + "); apt-get install festival festvox-kallpc16k");
            return 1;
        }
        ParametricTraining training = new ParametricTraining(order, 0.025, 0.010);
        double seconds = 0;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("kal frames").setInitialMax(texts.size())
                .setStyle(ProgressBarStyle.ASCII).build()) {
            for (int i = 0; i < texts.size(); i++) {
                Path base = work.resolve(String.format(Locale.ROOT, "%05d", i));
                var audio = Wav.read(Path.of(base + ".wav"));
                training.add(audio, TimedPhone.parseFestival(Files.readString(Path.of(base + ".segs"),
                        StandardCharsets.UTF_8)));
                seconds += audio.durationSeconds();
                bar.step();
            }
        }
        ParametricVoice voice = training.build(String.format(Locale.ROOT, "festival kal_diphone, %d utterances, %.1f"
                + " min", training.utterances(), seconds / 60), minContext == 0 ? Integer.MAX_VALUE : minContext);
        Files.createDirectories(dir);
        voice.write(dir.resolve("voice.json"));
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("trainUtterances", training.utterances());
        metrics.put("trainMinutes", seconds / 60);
        metrics.put("phones", voice.phones().size());
        metrics.put("minContext", minContext);
        metrics.put("contextStates", voice.phones().values().stream()
                .mapToInt(p -> p.onsets().size() + p.offsets().size()).sum());
        metrics.put("trainSeconds", trainSeconds);
        metrics.put("bytes", Files.size(dir.resolve("voice.json")));
        KitParametricTts engine = KitParametricTts.open(home, dir.resolve("voice.json"));
        roundTrip(engine, metrics);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("metrics.json").toFile(),
                metrics);
        Files.writeString(dir.resolve("card.md"), card(voice, metrics));
        System.out.println(String.format(Locale.ROOT, "kit-parametric: %d phones from %d utterances (%.1f min of kal)"
                        + " in %.0f s; round trip (test) digits %s, sentences %s; dev %s, %s -> %s", voice.phones().size(),
                training.utterances(), seconds / 60, trainSeconds, metrics.get("testDigitsWer"), metrics.get("testSentencesWer"),
                metrics.get("devDigitsWer"), metrics.get("devSentencesWer"), dir.resolve("voice.json")));
        return 0;
    }

    @SuppressWarnings("unchecked")
    private String card(ParametricVoice voice, Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("# kit-parametric — model card\n\n");
        sb.append("The kit's own statistical parametric TTS voice (§21.3, `--engine kit-parametric`): the parametric era"
                + " built from means, trained here in Java in seconds, spoken through the kit's front end and"
                + " source-filter vocoder.\n\n");
        int contextStates = ((Number) m.get("contextStates")).intValue();
        sb.append(String.format(Locale.ROOT, "- **Files**: `voice.json` (%.3f MB: %d phones × 3 states), `metrics.json`,"
                + " this card.%n", ((Number) m.get("bytes")).doubleValue() / 1e6, voice.phones().size()));
        sb.append(String.format(Locale.ROOT, "- **Model**: per phone, the mean duration away from a pause and three"
                + " states (onset, middle, offset thirds of each segment), each the mean normalised autocorrelation"
                + " of its frames (order %d: an all-pole envelope by Levinson-Durbin, stable by construction), the mean"
                + " ln energy, the share voiced and the mean ln F0 about the voice's F0 line; the F0 line ln F0 = %.3f"
                + " %+.3f·t/T (%.0f Hz falling to %.0f Hz over an utterance), a phone before a pause %.2f× as long."
                + " Onset and offset states also in context, %d of them: the onset after each phone and the offset"
                + " before each phone seen at least %d times (coarticulation; the minimum chosen on the dev texts"
                + " below among no contexts, 20, 5 and 2: round trip 7.84 / 74.64 %%, 2.98 / 41.00 %%, 3.76 / 37.44 %%,"
                + " 3.76 / 37.44 %% WER on digits / sentences: 5 makes the fewest errors, and is half the size of 2; swept before the closed-vocabulary decoder kept an"
                + " unfinished prefix's finished words, which took 5's dev digits from 3.76 to the 3.45 %% below)."
                + " Frames every %.0f ms, envelopes blended linearly between state centres, pulses (voiced) or noise"
                + " through them (`SourceFilterVocoder`).%n", voice.order(), voice.logF0Intercept(),
                voice.logF0Slope(), Math.exp(voice.logF0Intercept()), Math.exp(voice.logF0Intercept()
                        + voice.logF0Slope()), voice.prepausalFactor(), contextStates, minContext, 1000 * voice.hopSeconds()));
        sb.append(String.format(Locale.ROOT, "- **Data**: festival's kal_diphone voice (festvox-kallpc16k: diphones of"
                + " one man's recordings, residual-excited LPC) saying %d texts, %.1f min at %d Hz: %d sentences,"
                + " %d commands and %d digit strings of the kit's grammars (seeds 21300–21302) and %d lines of 6 CMUdict"
                + " training words (CRC32 mod 10 ≠ 0, seed 21303) so every phone is heard. The phone times are"
                + " festival's own (`utt.save.segs`), so no aligner is needed.%n", m.get("trainUtterances"),
                ((Number) m.get("trainMinutes")).doubleValue(), voice.sampleRate(), sentences, sentences / 2,
                sentences / 2, wordLines));
        sb.append(String.format(Locale.ROOT, "- **Recipe**: counting, not EM (the alignment is given); `./earshot"
                + " train-kit-parametric` (%.0f s on this machine's CPU, festival's synthesis included; no GPU).%n",
                ((Number) m.get("trainSeconds")).doubleValue()));
        sb.append("- **Metrics**: the ASR round trip on texts it never heard (`./earshot tts-compare`'s, seed 2131): it"
                + " speaks, a recogniser transcribes, WER against the spoken form. Real voices: not applicable to a"
                + " voice that speaks (it is kal's statistics); no recording of these texts exists, so no"
                + " mel-cepstral distortion either.\n");
        sb.append("- **Limits**: means only, so flat and buzzy (contexts one phone to each side, no stress, no phrase"
                + " breaks inside a sentence, one F0 line); the kit's front end's words, CMUdict's first"
                + " pronunciation.\n\n");
        sb.append("| texts | split (seed) | recogniser | WER | real-time factor |\n|---|---|---|---|---|\n");
        for (String split : List.of("dev", "test")) {
            String seed = split + " (" + (split.equals("dev") ? DEV_SEED : TEST_SEED) + ")";
            sb.append(String.format(Locale.ROOT, "| 100 digit strings | %s | ctc-small/digits | %s | %.4f |%n", seed,
                    m.get(split + "DigitsWer"), ((Number) m.getOrDefault(split + "DigitsRealTimeFactor", Double.NaN))
                            .doubleValue()));
            sb.append(String.format(Locale.ROOT, "| 50 sentences, as written | %s | pocketsphinx/en-us | %s | %.4f |%n",
                    seed, m.get(split + "SentencesWer"), ((Number) m.getOrDefault(split + "SentencesRealTimeFactor",
                            Double.NaN)).doubleValue()));
        }
        for (String set : List.of("testDigits", "testSentences")) {
            Object worst = m.get(set + "Worst");
            if (worst instanceof List<?> l && !l.isEmpty()) {
                sb.append("\nHeard worst (").append(set).append("): ");
                sb.append(String.join("; ", (List<String>) l)).append(".\n");
            }
        }
        return sb.toString();
    }

    private static void roundTrip(KitParametricTts engine, Map<String, Object> metrics) throws Exception {
        for (String split : List.of("dev", "test")) {
            long seed = split.equals("dev") ? DEV_SEED : TEST_SEED;
            List<Utterance> digits = TextSource.DIGITS.generate(100, seed);
            List<Utterance> sentences = TextSource.SENTENCES.generate(50, seed);
            for (String[] set : new String[][] {{"digits", "ctc-small/digits"}, {"sentences", "pocketsphinx/en-us"}}) {
                String key = split + Character.toUpperCase(set[0].charAt(0)) + set[0].substring(1);
                try (SpeechRecognizer r = RecognizerProvider.named(set[1]).open(Kit.home())) {
                    boolean isDigits = set[0].equals("digits");
                    RoundTrip t = RoundTrip.measure(engine, isDigits ? digits : sentences, !isDigits, r, set[1]);
                    metrics.put(key + "Wer", String.format(Locale.ROOT, "%.2f %%", t.werPercent()));
                    metrics.put(key + "RealTimeFactor", t.realTimeFactor());
                    metrics.put(key + "Worst", t.worst());
                } catch (IllegalArgumentException e) {
                    metrics.put(key + "Wer", "not measured: " + e.getMessage());
                }
            }
        }
    }
}
