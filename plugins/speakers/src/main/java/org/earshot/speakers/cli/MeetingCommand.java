package org.earshot.speakers.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import org.earshot.corpus.Split;
import org.earshot.kit.Kit;
import org.earshot.metrics.SpeakerSegment;
import org.earshot.speakers.diarization.Rttm;
import org.earshot.speakers.meeting.Meeting;
import org.earshot.speakers.meeting.MeetingGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot meeting --speakers 2..4 --overlap 0.1 [--noise-snr 15] --seed N [--count M] --out DIR}: test
 * meetings of real voices ({@link MeetingGenerator}) for diarization, each {@code DIR/<id>.wav} with its reference
 * {@code DIR/<id>.rttm}, and all references in {@code DIR/reference.rttm}. The last line is
 * {@code meetings=<M> seconds=<total> overlap=<percent of speech>%}.
 */
@Command(name = "meeting", mixinStandardHelpOptions = true,
        description = "Make test meetings for diarization from real voices: WAV + reference RTTM per meeting.")
public final class MeetingCommand implements CliCommand {

    @Option(names = "--corpus", paramLabel = "DIR", description = "A real-speech corpus (default: build/corpus/real,"
            + " made by ./earshot corpus real).")
    Path corpus;

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT",
            description = "Whose voices: train, dev or test speakers (default ${DEFAULT-VALUE}: held out of tuning).")
    String split;

    @Option(names = "--language", paramLabel = "LANG", description = "Only speakers of this language (e.g. en).")
    String language;

    @Option(names = "--speakers", defaultValue = "2..4", paramLabel = "MIN..MAX",
            description = "Speakers per meeting, drawn uniformly (default ${DEFAULT-VALUE}); N alone for exactly N.")
    String speakers;

    @Option(names = "--overlap", defaultValue = "0.1", paramLabel = "P",
            description = "Probability that a turn starts before the last one ends (default ${DEFAULT-VALUE}).")
    double overlap;

    @Option(names = "--noise-snr", paramLabel = "DB", description = "Add white noise this many dB below the speech.")
    Double noiseSnrDb;

    @Option(names = "--seconds", defaultValue = "60", paramLabel = "S",
            description = "About how long each meeting is (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of the first meeting; meeting i uses seed N + i (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--count", defaultValue = "1", paramLabel = "M", description = "How many meetings (default 1).")
    int count;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Override
    public Integer call() {
        int[] range;
        try {
            range = range(speakers);
        } catch (IllegalArgumentException e) {
            System.err.println("earshot meeting: --speakers " + speakers + ": " + e.getMessage());
            return 2;
        }
        if (count < 1) {
            System.err.println("earshot meeting: --count " + count + ": at least 1");
            return 2;
        }
        MeetingGenerator generator;
        try {
            MeetingGenerator.Builder b = MeetingGenerator.builder()
                    .corpus(corpus != null ? corpus : Kit.home().resolve("build/corpus/real"))
                    .split(Split.ofLabel(split)).language(language).speakers(range[0], range[1]).overlap(overlap)
                    .seconds(seconds);
            if (noiseSnrDb != null) {
                b.noiseSnrDb(noiseSnrDb);
            }
            generator = b.build();
            Files.createDirectories(out);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("earshot meeting: " + e.getMessage());
            return 1;
        }
        Map<String, java.util.List<SpeakerSegment>> all = new LinkedHashMap<>();
        double total = 0;
        double overlapped = 0;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("meetings").setInitialMax(count)
                .setStyle(ProgressBarStyle.ASCII).build()) {
            for (int i = 0; i < count; i++) {
                Meeting m = generator.meeting(seed + i);
                Wav.write(m.audio(), out.resolve(m.id() + ".wav"), Wav.Encoding.PCM_16);
                Rttm.write(out.resolve(m.id() + ".rttm"), Map.of(m.id(), m.reference()));
                all.put(m.id(), m.reference());
                total += m.audio().durationSeconds();
                overlapped += m.overlapFraction() * m.audio().durationSeconds();
                bar.step();
            }
            Rttm.write(out.resolve("reference.rttm"), all);
        } catch (IOException e) {
            System.err.println("earshot meeting: " + e.getMessage());
            return 1;
        }
        System.out.println(String.format(Locale.ROOT, "meetings=%d seconds=%.1f overlap=%.1f%% (%s) in %s", count,
                total, 100 * overlapped / total, generator, out));
        return 0;
    }

    /** @return {min, max} of {@code "2..4"} or {@code "3"} */
    static int[] range(String text) {
        String[] parts = text.trim().split("\\.\\.", -1);
        try {
            int min = Integer.parseInt(parts[0].trim());
            int max = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : min;
            if (parts.length > 2 || min < 2 || max < min) {
                throw new IllegalArgumentException("want MIN..MAX with 2 ≤ MIN ≤ MAX, or one number ≥ 2");
            }
            return new int[] {min, max};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("want MIN..MAX with 2 ≤ MIN ≤ MAX, or one number ≥ 2");
        }
    }
}
