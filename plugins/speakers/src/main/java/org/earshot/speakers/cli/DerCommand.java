package org.earshot.speakers.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.earshot.cli.CliCommand;
import org.earshot.metrics.DiarizationError;
import org.earshot.metrics.SpeakerSegment;
import org.earshot.speakers.diarization.DerReport;
import org.earshot.speakers.diarization.Rttm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot der REF.rttm HYP.rttm [--collar 0.25] [--no-overlap]}: the diarization error rate of a hypothesis
 * against a reference, as NIST md-eval scores it ({@link DerReport}, {@link DiarizationError}). With several
 * recordings, one line per recording first. The last line is
 * {@code DER=<percent>% missed=<percent>% false_alarm=<percent>% confusion=<percent>% scored=<seconds>s}.
 */
@Command(name = "der", mixinStandardHelpOptions = true,
        description = "Diarization error rate of HYP.rttm against REF.rttm, scored as NIST md-eval does.")
public final class DerCommand implements CliCommand {

    @Parameters(index = "0", paramLabel = "REF.rttm", description = "Reference turns: RTTM SPEAKER lines.")
    Path reference;

    @Parameters(index = "1", paramLabel = "HYP.rttm", description = "Hypothesis turns, same recording ids.")
    Path hypothesis;

    @Option(names = "--collar", defaultValue = "0.25", paramLabel = "SECONDS",
            description = "No-score zone of ± this around each reference boundary (md-eval -c; default ${DEFAULT-VALUE}).")
    double collarSeconds;

    @Option(names = "--no-overlap", description = "Score only where at most one reference speaker speaks (md-eval -1).")
    boolean noOverlap;

    @Override
    public Integer call() {
        Map<String, List<SpeakerSegment>> ref;
        Map<String, List<SpeakerSegment>> hyp;
        try {
            ref = Rttm.read(reference);
            hyp = Rttm.read(hypothesis);
        } catch (IOException e) {
            System.err.println("earshot der: " + e.getMessage());
            return 1;
        }
        if (ref.isEmpty()) {
            System.err.println("earshot der: " + reference + ": no SPEAKER lines, nothing to score against");
            return 1;
        }
        DerReport report;
        try {
            DiarizationError.Scoring scoring = DiarizationError.scoring().collarSeconds(collarSeconds)
                    .overlap(noOverlap ? DiarizationError.Overlap.EXCLUDED : DiarizationError.Overlap.SCORED).build();
            report = DerReport.score(ref, hyp, scoring);
        } catch (IllegalArgumentException e) {
            // the message names the side at fault ("hypothesis speaker 'X' has overlapping segments…")
            Path file = e.getMessage().contains("hypothesis") ? hypothesis : reference;
            System.err.println("earshot der: " + file + ": " + e.getMessage());
            return 1;
        }
        if (report.perRecording().size() > 1) {
            report.perRecording().forEach((id, der) -> System.out.println(id + ": " + line(der)));
        }
        System.out.println(line(report.total()));
        return 0;
    }

    static String line(DiarizationError der) {
        return String.format(Locale.ROOT, "DER=%.2f%% missed=%.2f%% false_alarm=%.2f%% confusion=%.2f%% scored=%.3fs",
                der.derPercent(), der.missedPercent(), der.falseAlarmPercent(), der.confusionPercent(),
                der.scoredSpeakerSeconds());
    }
}
