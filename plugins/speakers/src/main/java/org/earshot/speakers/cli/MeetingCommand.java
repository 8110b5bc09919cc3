package org.earshot.speakers.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import org.earshot.corpus.Split;
import org.earshot.kit.Kit;
import org.earshot.metrics.SpeakerSegment;
import org.earshot.speakers.diarization.Rttm;
import org.earshot.speakers.meeting.Ambience;
import org.earshot.speakers.meeting.Meeting;
import org.earshot.speakers.meeting.MeetingGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot meeting --speakers 2..4 --overlap 0.1 [--noise-snr 15 [--noise white|ambience] [--ambience DIR]]
 * --seed N [--count M] --out DIR}: test meetings of real voices ({@link MeetingGenerator}) for diarization, each
 * {@code DIR/<id>.wav} with its reference {@code DIR/<id>.rttm}, all references in {@code DIR/reference.rttm}, and
 * one JSON line per meeting in {@code DIR/meetings.jsonl} (id, seconds, speakers, overlap, the noise: its kind,
 * source, the recordings used and the SNR). The last line is
 * {@code meetings=<M> seconds=<total> overlap=<percent of speech>%}.
 */
@Command(name = "meeting", mixinStandardHelpOptions = true,
        description = "Make test meetings for diarization from real voices: WAV + reference RTTM per meeting.")
public final class MeetingCommand implements CliCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Option(names = "--noise-snr", paramLabel = "DB", description = "Add noise this many dB below the speech.")
    Double noiseSnrDb;

    @Option(names = "--noise", defaultValue = "white", paramLabel = "KIND",
            description = "white (Gaussian) or ambience (a real stadium crowd, Debian etw-data, or --ambience DIR);"
                    + " default ${DEFAULT-VALUE}.")
    String noise;

    @Option(names = "--ambience", paramLabel = "DIR",
            description = "A folder of WAV recordings to use as ambience instead of etw-data's crowd (implies --noise"
                    + " ambience).")
    Path ambienceDir;

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
        if (!noise.equals("white") && !noise.equals("ambience")) {
            System.err.println("earshot meeting: --noise " + noise + ": white or ambience");
            return 2;
        }
        if ((noise.equals("ambience") || ambienceDir != null) && noiseSnrDb == null) {
            System.err.println("earshot meeting: --noise ambience needs --noise-snr DB");
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
            if (ambienceDir != null) {
                b.ambience(Ambience.of(ambienceDir, ambienceDir.getFileName() + " (" + ambienceDir + ")"));
            } else if (noise.equals("ambience")) {
                b.ambience(Ambience.crowd(Kit.home().resolve("build/corpus-cache")));
            }
            generator = b.build();
            Files.createDirectories(out);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("earshot meeting: " + e.getMessage());
            return 1;
        }
        Map<String, java.util.List<SpeakerSegment>> all = new LinkedHashMap<>();
        StringBuilder metadata = new StringBuilder();
        double total = 0;
        double overlapped = 0;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("meetings").setInitialMax(count)
                .setStyle(ProgressBarStyle.ASCII).build()) {
            for (int i = 0; i < count; i++) {
                Meeting m = generator.meeting(seed + i);
                Wav.write(m.audio(), out.resolve(m.id() + ".wav"), Wav.Encoding.PCM_16);
                Rttm.write(out.resolve(m.id() + ".rttm"), Map.of(m.id(), m.reference()));
                all.put(m.id(), m.reference());
                metadata.append(metadataLine(m)).append('\n');
                total += m.audio().durationSeconds();
                overlapped += m.overlapFraction() * m.audio().durationSeconds();
                bar.step();
            }
            Rttm.write(out.resolve("reference.rttm"), all);
            Files.writeString(out.resolve("meetings.jsonl"), metadata);
        } catch (IOException e) {
            System.err.println("earshot meeting: " + e.getMessage());
            return 1;
        }
        System.out.println(String.format(Locale.ROOT, "meetings=%d seconds=%.1f overlap=%.1f%% (%s) in %s", count,
                total, 100 * overlapped / total, generator, out));
        return 0;
    }

    /** @return the meeting's metadata as one JSON object, keys in a fixed order */
    static String metadataLine(Meeting m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", m.id());
        o.put("seconds", Math.round(m.audio().durationSeconds() * 1000) / 1000.0);
        ArrayNode who = o.putArray("speakers");
        m.speakers().forEach(who::add);
        o.put("overlap", Math.round(m.overlapFraction() * 10000) / 10000.0);
        ObjectNode n = o.putObject("noise");
        n.put("kind", m.noise().kind().label());
        n.put("source", m.noise().source());
        ArrayNode parts = n.putArray("recordings");
        m.noise().parts().forEach(parts::add);
        if (!Double.isNaN(m.noise().snrDb())) {
            n.put("snr_db", m.noise().snrDb());
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
