package org.earshot.tts.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.cli.CliCommand;
import org.earshot.corpus.TextSource;
import org.earshot.corpus.Utterance;
import org.earshot.kit.Kit;
import org.earshot.speech.RecognizerProvider;
import org.earshot.speech.SpeechRecognizer;
import org.earshot.tts.Tts;
import org.earshot.tts.speak.TtsEngine;
import org.earshot.tts.speak.RoundTrip;
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
 * speed and pitch can be set; then each engine's worst-heard texts. An engine that fails is named on one line and
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
            return compare(chosen, digitTexts, sentenceTexts, forDigits, forSentences);
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

    private int compare(List<String> chosen, List<Utterance> digitTexts, List<Utterance> sentenceTexts,
                        SpeechRecognizer forDigits, SpeechRecognizer forSentences) throws InterruptedException {
        List<String> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean failed = false;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("tts-compare").setStyle(ProgressBarStyle.ASCII)
                .setInitialMax((long) chosen.size() * (digitTexts.size() + sentenceTexts.size())).build()) {
            for (String name : chosen) {
                try (TtsEngine engine = Tts.engine(name, Kit.home())) {
                    String footprint;
                    try {
                        footprint = String.format(Locale.ROOT, "%.1f", engine.footprintBytes() / 1e6);
                    } catch (IOException e) {
                        System.err.println("earshot tts-compare: " + name + ": " + e.getMessage());
                        footprint = "?";
                    }
                    RoundTrip d = digitTexts.isEmpty() ? null
                            : RoundTrip.measure(engine, digitTexts, false, forDigits, digitRecognizer, bar::step);
                    RoundTrip s = sentenceTexts.isEmpty() ? null
                            : RoundTrip.measure(engine, sentenceTexts, true, forSentences, sentenceRecognizer, bar::step);
                    double synthesis = (d == null ? 0 : d.synthesisSeconds()) + (s == null ? 0 : s.synthesisSeconds());
                    double audio = (d == null ? 0 : d.audioSeconds()) + (s == null ? 0 : s.audioSeconds());
                    rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.3f | %s | yes | %s |",
                            engine.label(), engine.era().label(), wer(d), wer(s), synthesis / audio, footprint,
                            engine.controlsPitch() ? "yes" : "no"));
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
        System.out.println(String.format(Locale.ROOT, "| engine | era | digits WER (%d strings, %s) | sentences WER"
                        + " (%d, %s) | real-time factor | voice data (MB) | speed | pitch |", digitTexts.size(),
                digitRecognizer, sentenceTexts.size(), sentenceRecognizer));
        System.out.println("|---|---|---|---|---|---|---|---|");
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
