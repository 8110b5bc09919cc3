package org.earshot.asr.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.earshot.asr.ctc.CtcDecoder;
import org.earshot.asr.neural.Asr;
import org.earshot.asr.neural.AsrPipeline;
import org.earshot.asr.neural.Evaluation;
import org.earshot.asr.neural.S2sModel;
import org.earshot.audio.Audio;
import org.earshot.audio.PauseChunks;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot transcribe IN.wav…}: one line per file, {@code <file>\t<transcript>} (lower-case words, digits
 * spelled out), any sample rate or channel count. A file that cannot be read (missing, a folder, a FIFO, a device,
 * not a WAV file) gets a one-line error on stderr naming it; the others are still transcribed; the exit status is 1
 * if any failed.
 *
 * <p>Any length: the file is read block by block and cut at its pauses into chunks of at most
 * {@value #CHUNK_SECONDS} s ({@link PauseChunks}: the quietest 10 ms of each chunk's last
 * {@value #PAUSE_SEARCH_SECONDS} s), each transcribed on its own, the transcripts joined; so memory stays that of
 * one chunk, and neither model meets more than its training utterances' few seconds at a time (the encoder-decoder
 * writes at most {@link Evaluation#MAX_CHARACTERS} characters per chunk). A file longer than one chunk gets a line on
 * stderr saying how long it was and in how many chunks it was heard. A file no longer than a chunk is transcribed
 * whole, as before.
 */
@Command(name = "transcribe", mixinStandardHelpOptions = true,
        description = "Transcribe WAV files with a CTC model or an encoder-decoder (ONNX): '<file>\\t<transcript>' per line.")
public final class TranscribeCommand implements CliCommand {

    /** The longest stretch of audio given to the model at once, in seconds. */
    public static final double CHUNK_SECONDS = 12;
    /** How far back from {@link #CHUNK_SECONDS} a chunk may end, at the quietest place, in seconds. */
    public static final double PAUSE_SEARCH_SECONDS = 4;

    @Parameters(paramLabel = "IN.wav", arity = "1..*", description = "WAV files (any rate, any length: resampled to 16 kHz; a long one is heard in chunks of at most 12 s cut at its pauses).")
    List<Path> inputs;

    @Option(names = "--model", defaultValue = "ctc-small",
            description = "ctc-small, s2s-small, or a folder (model.onnx + vocab.json, or encoder.onnx + decoder.onnx + "
                    + "vocab.json) (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--beam", defaultValue = "0", description = "Beam width (default: greedy). An encoder-decoder whose encoder has a CTC output is "
            + "decoded jointly with it (CTC weight 0.3).")
    int beam;

    @Option(names = "--vocabulary", paramLabel = "V", description = "CTC: only these words (lexicon-constrained "
            + "prefix beam, width --beam or 8): digits, commands, a file of words, or comma-separated parts "
            + "(e.g. digits,commands).")
    String vocabulary;

    @Override
    public Integer call() {
        Function<Audio, String> recogniser;
        try {
            if (vocabulary != null) {
                VocabularySpec.requireCtc(model);
            }
            if (Asr.isEncoderDecoder(model)) {
                S2sModel s2s = Asr.encoderDecoder(model);
                double ctcWeight = s2s.hasCtc() ? Evaluation.JOINT_CTC_WEIGHT : 0;
                recogniser = a -> s2s.beam(a, Math.max(1, beam), Evaluation.MAX_CHARACTERS, ctcWeight).text();
            } else {
                AsrPipeline base = Asr.pipeline(model);
                AsrPipeline ctc = vocabulary != null
                        ? base.withDecoder(CtcDecoder.builder(base.model().alphabet()).beamWidth(beam > 0 ? beam : 8)
                                .vocabulary(VocabularySpec.parse(vocabulary, null)).build())
                        : beam > 0 ? base.withBeam(beam) : base;
                recogniser = a -> ctc.transcribe(a).text();
            }
        } catch (UncheckedIOException | IllegalArgumentException e) {
            System.err.println("earshot transcribe: " + e.getMessage());
            return 1;
        }
        int failed = 0;
        for (Path in : inputs) {
            try (Wav.Reader wav = Wav.open(in)) {
                PauseChunks chunks = PauseChunks.of(wav, CHUNK_SECONDS, PAUSE_SEARCH_SECONDS);
                List<String> parts = new ArrayList<>();
                int heard = 0;
                for (Optional<Audio> chunk; (chunk = chunks.next()).isPresent(); heard++) {
                    String text = recogniser.apply(chunk.get());
                    if (!text.isBlank()) {
                        parts.add(text.strip());
                    }
                }
                System.out.println(in + "\t" + String.join(" ", parts));
                if (heard > 1) {
                    System.err.printf(Locale.ROOT, "earshot transcribe: %s: %s, heard in %d chunks of at most %.0f s"
                            + " cut at pauses%n", in, wav, heard, CHUNK_SECONDS);
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("earshot transcribe: " + e.getMessage());
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
