package org.earshot.tts.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.audio.Audio;
import org.earshot.cli.CliCommand;
import org.earshot.corpus.TextSource;
import org.earshot.corpus.Utterance;
import org.earshot.kit.Kit;
import org.earshot.speech.RecognizerProvider;
import org.earshot.speech.SpeechRecognizer;
import org.earshot.tts.Tts;
import org.earshot.tts.measure.MelCepstralDistortion;
import org.earshot.tts.speak.ProductionTts;
import org.earshot.tts.speak.RoundTrip;
import org.earshot.tts.speak.TtsEngine;
import org.earshot.tts.vocoder.MelVocoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot tts-compare [--digits N] [--sentences N] [--seed S] [--engine NAME]…}: the chapter's era table
 * (§21.3) filled in with this machine's numbers. Every engine speaks the same digit strings (their spoken words,
 * {@link TextSource#DIGITS}) and the same read sentences (as written, so each engine's own front end reads "Dr.",
 * "$1.50" and "1:50"; {@link TextSource#SENTENCES}), seed {@code S} (2131 by default: texts of no corpus the kit
 * trains on); a recogniser hears each ({@link RoundTrip}): the kit's ctc-small under the digit words for the digits,
 * PocketSphinx with its generic US-English language model for the sentences (open vocabulary: the kit's CTC models
 * cannot spell words they never heard). One markdown row per engine: era, the two round-trip WERs, the real-time
 * factor over both sets (wall clock, the engine's process start included), the voice's data on disk, and whether
 * speed and pitch can be set; then each engine's worst-heard texts. kit-neural has a row per vocoder step
 * ({@code --vocoder}). The mel-cepstral distortion ({@link MelCepstralDistortion}) is to festival's kal saying the
 * same text: the recordings every kit voice learnt from, so it says how near each comes to its teacher (festival's
 * own row is 0 by construction; the other production voices are other speakers). An engine that fails is named on one line and
 * the others still run (exit 1).
 *
 * <p>The recognisers have heard some of these voices in training (ctc-small's corpora include flite's and
 * festival's), so a low digit WER there is partly familiarity; the sentence recogniser has heard none of them.
 */
@Command(name = "tts-compare", mixinStandardHelpOptions = true,
        description = "The era table: every TTS engine's ASR round-trip WER (digits, sentences), real-time factor,"
                + " footprint and controls, measured here.")
public final class TtsCompareCommand implements CliCommand {

    /** The era table's texts: this many digit strings and sentences, drawn with this seed (the test set). */
    static final int DIGIT_STRINGS = 100;
    static final int SENTENCES = 50;
    static final long SEED = 2131;
    /** What hears each set by default. */
    static final String DIGIT_RECOGNIZER = "ctc-small/digits";
    static final String SENTENCE_RECOGNIZER = "pocketsphinx/en-us";

    @Option(names = "--digits", defaultValue = "" + DIGIT_STRINGS, paramLabel = "N",
            description = "Digit strings each engine speaks (default ${DEFAULT-VALUE}; 0: none).")
    int digits;

    @Option(names = "--sentences", defaultValue = "" + SENTENCES, paramLabel = "N",
            description = "Read sentences each engine speaks (default ${DEFAULT-VALUE}; 0: none).")
    int sentences;

    @Option(names = "--seed", defaultValue = "" + SEED, paramLabel = "S",
            description = "Seed of the texts (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--engine", paramLabel = "NAME", converter = TtsSpeakCommand.EngineName.class,
            description = "Only this engine (repeatable; default: every engine, festival, festival-hts, flite,"
                    + " espeak, kit-concat, kit-parametric, kit-neural).")
    List<String> engines;

    @Option(names = "--vocoder", paramLabel = "KIND", converter = TtsSpeakCommand.VocoderName.class,
            description = "kit-neural's vocoder step, one row each (repeatable: griffin-lim, neural; default both).")
    List<MelVocoder.Kind> vocoders;

    @Option(names = "--no-mcd", description = "Skip the mel-cepstral distortion to festival kal (its recordings are"
            + " made first).")
    boolean noMcd;

    @Option(names = "--digit-recognizer", defaultValue = DIGIT_RECOGNIZER, paramLabel = "NAME",
            description = "What hears the digits (default ${DEFAULT-VALUE}).")
    String digitRecognizer;

    @Option(names = "--sentence-recognizer", defaultValue = SENTENCE_RECOGNIZER, paramLabel = "NAME",
            description = "What hears the sentences (default ${DEFAULT-VALUE}).")
    String sentenceRecognizer;

    @Override
    public Integer call() throws InterruptedException {
        if (digits < 0 || sentences < 0 || digits + sentences == 0) {
            System.err.println("earshot tts-compare: --digits and --sentences must be ≥ 0, and not both 0");
            return 2;
        }
        List<String> chosen = engines == null || engines.isEmpty() ? Tts.names() : engines;
        List<Utterance> digitTexts = TextSource.DIGITS.generate(digits, seed);
        List<Utterance> sentenceTexts = TextSource.SENTENCES.generate(sentences, seed);
        SpeechRecognizer forDigits = null;
        SpeechRecognizer forSentences = null;
        try {
            if (digits > 0) {
                forDigits = RecognizerProvider.named(digitRecognizer).open(Kit.home());
            }
            if (sentences > 0) {
                forSentences = RecognizerProvider.named(sentenceRecognizer).open(Kit.home());
            }
            List<Audio> kal = noMcd ? List.of() : kalSays(digitTexts, sentenceTexts);
            return compare(chosen, digitTexts, sentenceTexts, forDigits, forSentences, kal);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("earshot tts-compare: " + e.getMessage());
            return 1;
        } finally {
            if (forDigits != null) {
                forDigits.close();
            }
            if (forSentences != null) {
                forSentences.close();
            }
        }
    }

    /**
     * @return festival's kal saying the digit strings and then the sentences: the recordings the kit's voices
     *     learnt to imitate, the references of the mel-cepstral distortion
     * @throws IOException when festival cannot speak (the message says so)
     */
    private static List<Audio> kalSays(List<Utterance> digitTexts, List<Utterance> sentenceTexts)
            throws IOException, InterruptedException {
        List<Audio> out = new ArrayList<>();
        try (TtsEngine kal = Tts.engine(ProductionTts.FESTIVAL.label(), Kit.home());
             ProgressBar bar = new ProgressBarBuilder().setTaskName("kal, the reference").setStyle(ProgressBarStyle.ASCII)
                     .setInitialMax(digitTexts.size() + sentenceTexts.size()).build()) {
            for (Utterance u : digitTexts) {
                out.add(kal.speak(u.normalized()));
                bar.step();
            }
            for (Utterance u : sentenceTexts) {
                out.add(kal.speak(u.text()));
                bar.step();
            }
        }
        return out;
    }

    private int compare(List<String> chosen, List<Utterance> digitTexts, List<Utterance> sentenceTexts,
                        SpeechRecognizer forDigits, SpeechRecognizer forSentences, List<Audio> kal)
            throws InterruptedException {
        List<String> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean failed = false;
        List<MelVocoder.Kind> kinds = vocoders == null || vocoders.isEmpty()
                ? List.of(MelVocoder.Kind.values()) : vocoders;
        List<Map.Entry<String, MelVocoder.Kind>> runs = new ArrayList<>();
        for (String name : chosen) {
            for (MelVocoder.Kind k : Tts.speaksThroughMels(name) ? kinds : List.of(MelVocoder.Kind.GRIFFIN_LIM)) {
                runs.add(Map.entry(name, k));
            }
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("tts-compare").setStyle(ProgressBarStyle.ASCII)
                .setInitialMax((long) runs.size() * (digitTexts.size() + sentenceTexts.size())).build()) {
            for (Map.Entry<String, MelVocoder.Kind> run : runs) {
                String name = run.getKey();
                try (TtsEngine engine = Tts.engine(name, Kit.home(), run.getValue())) {
                    double[] mcd = new double[digitTexts.size() + sentenceTexts.size()];
                    String footprint;
                    try {
                        footprint = String.format(Locale.ROOT, "%.1f", engine.footprintBytes() / 1e6);
                    } catch (IOException e) {
                        System.err.println("earshot tts-compare: " + name + ": " + e.getMessage());
                        footprint = "?";
                    }
                    int digitCount = digitTexts.size();
                    RoundTrip d = digitTexts.isEmpty() ? null
                            : RoundTrip.measureKeeping(engine, digitTexts, false, forDigits, digitRecognizer, (i, a) -> {
                                mcd[i] = kal.isEmpty() ? Double.NaN : MelCepstralDistortion.between(a, kal.get(i))
                                        .decibels();
                                bar.step();
                            });
                    RoundTrip s = sentenceTexts.isEmpty() ? null
                            : RoundTrip.measureKeeping(engine, sentenceTexts, true, forSentences, sentenceRecognizer,
                                    (i, a) -> {
                                        mcd[digitCount + i] = kal.isEmpty() ? Double.NaN
                                                : MelCepstralDistortion.between(a, kal.get(digitCount + i)).decibels();
                                        bar.step();
                                    });
                    double synthesis = (d == null ? 0 : d.synthesisSeconds()) + (s == null ? 0 : s.synthesisSeconds());
                    double audio = (d == null ? 0 : d.audioSeconds()) + (s == null ? 0 : s.audioSeconds());
                    String vocoder = Tts.speaksThroughMels(name) ? run.getValue().cliName() : "its own";
                    String distortion = kal.isEmpty() ? "not measured"
                            : String.format(Locale.ROOT, "%.2f", Arrays.stream(mcd).average().orElse(Double.NaN));
                    rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %.3f | %s | yes | %s |",
                            engine.label(), vocoder, engine.era().label(), wer(d), wer(s), distortion,
                            synthesis / audio, footprint, engine.controlsPitch() ? "yes" : "no"));
                    for (RoundTrip r : new RoundTrip[] {d, s}) {
                        if (r != null) {
                            r.worst().forEach(w -> notes.add(engine.label() + " (" + r.recognizer() + "): " + w));
                        }
                    }
                } catch (IOException | IllegalArgumentException e) {
                    System.err.println("earshot tts-compare: " + name + ": " + e.getMessage());
                    failed = true;
                }
            }
        }
        System.out.println(String.format(Locale.ROOT, "| engine | vocoder | era | digits WER (%d strings, %s) |"
                        + " sentences WER (%d, %s) | MCD to kal (dB) | real-time factor | voice data (MB) | speed |"
                        + " pitch |", digitTexts.size(), digitRecognizer, sentenceTexts.size(), sentenceRecognizer));
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        if (!notes.isEmpty()) {
            System.out.println();
            System.out.println("Heard worst:");
            notes.forEach(n -> System.out.println("- " + n));
        }
        return failed ? 1 : 0;
    }

    private static String wer(RoundTrip r) {
        return r == null ? "not measured" : String.format(Locale.ROOT, "%.2f %%", r.werPercent());
    }
}
