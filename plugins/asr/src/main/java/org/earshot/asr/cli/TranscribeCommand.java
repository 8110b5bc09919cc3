package org.earshot.asr.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.earshot.asr.neural.Asr;
import org.earshot.asr.neural.AsrPipeline;
import org.earshot.asr.neural.Evaluation;
import org.earshot.asr.neural.S2sModel;
import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot transcribe IN.wav…}: one line per file, {@code <file>\t<transcript>} (lower-case words, digits
 * spelled out), any sample rate or channel count. A file that cannot be read gets a one-line error on stderr naming
 * it; the others are still transcribed; the exit status is 1 if any failed.
 */
@Command(name = "transcribe", mixinStandardHelpOptions = true,
        description = "Transcribe WAV files with a CTC model or an encoder-decoder (ONNX): '<file>\\t<transcript>' per line.")
public final class TranscribeCommand implements CliCommand {

    @Parameters(paramLabel = "IN.wav", arity = "1..*", description = "WAV files (any rate; resampled to 16 kHz).")
    List<Path> inputs;

    @Option(names = "--model", defaultValue = "ctc-small",
            description = "ctc-small, s2s-small, or a folder (model.onnx + vocab.json, or encoder.onnx + decoder.onnx + "
                    + "vocab.json) (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--beam", defaultValue = "0", description = "Beam width (default: greedy). An encoder-decoder whose encoder has a CTC output is "
            + "decoded jointly with it (CTC weight 0.3).")
    int beam;

    @Override
    public Integer call() {
        Function<Audio, String> recogniser;
        try {
            if (Asr.isEncoderDecoder(model)) {
                S2sModel s2s = Asr.encoderDecoder(model);
                double ctcWeight = s2s.hasCtc() ? Evaluation.JOINT_CTC_WEIGHT : 0;
                recogniser = a -> s2s.beam(a, Math.max(1, beam), Evaluation.MAX_CHARACTERS, ctcWeight).text();
            } else {
                AsrPipeline ctc = beam > 0 ? Asr.pipeline(model).withBeam(beam) : Asr.pipeline(model);
                recogniser = a -> ctc.transcribe(a).text();
            }
        } catch (UncheckedIOException e) {
            System.err.println("earshot transcribe: " + e.getMessage());
            return 1;
        }
        int failed = 0;
        for (Path in : inputs) {
            try {
                System.out.println(in + "\t" + recogniser.apply(Wav.read(in)));
            } catch (IOException | RuntimeException e) {
                System.err.println("earshot transcribe: " + e.getMessage());
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
