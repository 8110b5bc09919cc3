package org.earshot.asr.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.earshot.metrics.Alignment;
import org.earshot.metrics.ErrorCounts;
import org.earshot.metrics.Trn;
import org.earshot.metrics.Wer;
import org.earshot.cli.CliCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot wer REF.trn HYP.trn [--cer] [--per-utterance]}: word (or character) error rate of a hypothesis
 * transcript against a reference, scored as NIST sclite does. Utterances are matched by id; an id present in one
 * file only is an error naming it. The last line is {@code N=… C=… S=… D=… I=… WER=…%}.
 */
@Command(name = "wer", mixinStandardHelpOptions = true,
        description = "Word error rate of HYP.trn against REF.trn (sclite trn files), scored as sclite does.")
public final class WerCommand implements CliCommand {

    @Parameters(index = "0", paramLabel = "REF.trn", description = "Reference transcripts: 'words (id)' a line.")
    Path reference;

    @Parameters(index = "1", paramLabel = "HYP.trn", description = "Hypothesis transcripts, same ids.")
    Path hypothesis;

    @Option(names = "--cer", description = "Character error rate (white space ignored, as sclite -c).")
    boolean characters;

    @Option(names = "--per-utterance", description = "First print one line per utterance, prefixed by its id.")
    boolean perUtterance;

    @Override
    public Integer call() {
        Map<String, List<String>> ref;
        Map<String, List<String>> hyp;
        try {
            ref = Trn.read(reference);
            hyp = Trn.read(hypothesis);
        } catch (IOException e) {
            System.err.println("earshot wer: " + e.getMessage());
            return 1;
        }
        for (String id : hyp.keySet()) {
            if (!ref.containsKey(id)) {
                System.err.println("earshot wer: " + hypothesis + ": utterance '" + id + "' is not in " + reference);
                return 1;
            }
        }
        ErrorCounts total = new ErrorCounts(0, 0, 0, 0, 0);
        for (Map.Entry<String, List<String>> e : ref.entrySet()) {
            List<String> h = hyp.get(e.getKey());
            if (h == null) {
                System.err.println("earshot wer: " + reference + ": utterance '" + e.getKey() + "' is not in " + hypothesis);
                return 1;
            }
            Alignment a = characters
                    ? Wer.alignCharacters(String.join(" ", e.getValue()), String.join(" ", h))
                    : Wer.align(e.getValue(), h);
            if (perUtterance) {
                System.out.println(e.getKey() + ": " + a.counts().summaryLine());
            }
            total = total.plus(a.counts());
        }
        System.out.println(total.summaryLine());
        return 0;
    }
}
