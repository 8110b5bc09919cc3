package org.earshot.asr.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.earshot.asr.ctc.Ctc;
import org.earshot.asr.ctc.CtcAlphabet;
import org.earshot.asr.ctc.CtcDecoder;
import org.earshot.cli.CliCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot ctc loss|decode LOGPROBS.csv …}: the CTC loss of a target, or the decoded text, from a CSV of
 * natural-log probabilities (T rows, one per frame; C columns, one per class).
 */
@Command(name = "ctc", mixinStandardHelpOptions = true,
        description = "CTC loss and decoding from a CSV of log-probabilities (T rows x C columns, natural log).",
        subcommands = {CtcCommand.Loss.class, CtcCommand.Decode.class})
public final class CtcCommand implements CliCommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: loss or decode");
    }

    /** {@code ctc loss}: the last line is the negative log-likelihood. */
    @Command(name = "loss", mixinStandardHelpOptions = true,
            description = "Negative log-likelihood of --target, as torch ctc_loss(reduction=\"sum\"); printed last.")
    static final class Loss implements Callable<Integer> {
        @Parameters(paramLabel = "LOGPROBS.csv", description = "T rows x C columns of natural-log probabilities.")
        Path file;

        @Option(names = "--target", required = true, split = ",", description = "Label indices, e.g. 1,2,2.")
        int[] target;

        @Option(names = "--blank", defaultValue = "0", description = "The blank's class (default ${DEFAULT-VALUE}).")
        int blank;

        @Override
        public Integer call() {
            try {
                double[][] lp = read(file);
                System.out.println(String.format(Locale.ROOT, "%.10f", Ctc.loss(lp, target, blank)));
                return 0;
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("earshot ctc loss: " + e.getMessage());
                return 1;
            }
        }
    }

    /** {@code ctc decode}: greedy and beam-search text; the beam's is printed last. */
    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Decode to text: prints the greedy result, then the prefix beam search result (last line).")
    static final class Decode implements Callable<Integer> {
        @Parameters(paramLabel = "LOGPROBS.csv", description = "T rows x C columns of natural-log probabilities.")
        Path file;

        @Option(names = "--alphabet", required = true, description = "One character per class, e.g. \"_ abc\".")
        String alphabet;

        @Option(names = "--blank", defaultValue = "0", description = "The blank's class (default ${DEFAULT-VALUE}).")
        int blank;

        @Option(names = "--beam", defaultValue = "8", description = "Beam width (default ${DEFAULT-VALUE}).")
        int beam;

        @Override
        public Integer call() {
            try {
                double[][] lp = read(file);
                CtcDecoder decoder = CtcDecoder.builder(new CtcAlphabet(alphabet, blank)).beamWidth(beam).build();
                System.out.println("greedy: " + decoder.greedy(lp).text());
                System.out.println(decoder.decode(lp).text());
                return 0;
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("earshot ctc decode: " + e.getMessage());
                return 1;
            }
        }
    }

    /** Reads T rows × C columns; a bad line is an error naming the file and the line. */
    static double[][] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        List<double[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",");
            double[] row = new double[cells.length];
            for (int k = 0; k < cells.length; k++) {
                try {
                    row[k] = Double.parseDouble(cells[k].strip());
                } catch (NumberFormatException e) {
                    throw new IOException(file + ":" + (i + 1) + ": column " + (k + 1) + " is not a number: '" + cells[k].strip() + "'");
                }
            }
            if (!rows.isEmpty() && row.length != rows.get(0).length) {
                throw new IOException(file + ":" + (i + 1) + ": " + row.length + " columns, the first row has " + rows.get(0).length);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IOException(file + ": no frames");
        }
        return rows.toArray(new double[0][]);
    }
}
