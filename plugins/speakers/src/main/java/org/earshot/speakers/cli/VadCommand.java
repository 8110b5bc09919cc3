package org.earshot.speakers.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import org.earshot.metrics.SpeakerSegment;
import org.earshot.models.SileroVad;
import org.earshot.speakers.diarization.Rttm;
import org.earshot.speakers.vad.EnergyVad;
import org.earshot.speakers.vad.VadScore;
import org.earshot.speakers.vad.VoiceActivity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot vad IN.wav… [--detector energy|silero|silero-frames] [--threshold-db -40] [--hangover-ms 200]
 * [--probability 0.5] [--hypothesis HYP.rttm] [--out OUT.rttm] [--reference REF.rttm]}: voice activity detection, energy with a hangover
 * ({@link EnergyVad}) or Silero ({@link SileroVad}: its package's start/stop rule, or each frame with
 * {@code p ≥ --probability}), or another detector's regions read from {@code --hypothesis}. The speech regions are written as RTTM {@code SPEAKER} lines labelled {@code speech},
 * the recording id being the file's name without {@code .wav}. Each file has a line
 * {@code <file> segments=<n> speech=<seconds>s of <seconds>s}; with a reference (its recording of that id, or its
 * only recording when one file is given), each file's regions are scored against the union of its speakers' turns
 * ({@link VadScore}) and the last line is the score of all files pooled,
 * {@code precision=… recall=… f1=… missed=…s (…%) false_alarm=…s (…%) speech=…s}.
 */
@Command(name = "vad", mixinStandardHelpOptions = true,
        description = "Voice activity detection (energy with a hangover, or Silero): speech regions of IN.wav as RTTM,"
                + " scored against a reference RTTM with --reference.")
public final class VadCommand implements CliCommand {

    @Parameters(arity = "1..*", paramLabel = "IN.wav", description = "The recordings (each mixed down to mono).")
    List<Path> inputs;

    @Option(names = "--detector", defaultValue = "energy", paramLabel = "NAME",
            description = "energy, silero (its package's start/stop rule) or silero-frames (each 96 ms frame with"
                    + " p >= --probability); default ${DEFAULT-VALUE}.")
    String detector;

    @Option(names = "--probability", defaultValue = "0.5", paramLabel = "P",
            description = "silero-frames: the speech probability a frame needs (default ${DEFAULT-VALUE}).")
    double probability;

    @Option(names = "--threshold-db", defaultValue = "-40", paramLabel = "DB",
            description = "Energy: frames at or above this level (dBFS, 25 ms every 10 ms) are speech (default ${DEFAULT-VALUE}).")
    double thresholdDb;

    @Option(names = "--hangover-ms", defaultValue = "200", paramLabel = "MS",
            description = "Energy: speech continues this long after the last loud frame (default ${DEFAULT-VALUE}).")
    double hangoverMs;

    @Option(names = "--out", paramLabel = "OUT.rttm", description = "Where to write the speech regions.")
    Path output;

    @Option(names = "--hypothesis", paramLabel = "HYP.rttm",
            description = "Score these speech regions (another detector's, e.g. scripts/webrtc_vad.mjs) instead of"
                    + " running one; needs --reference.")
    Path hypothesis;

    @Option(names = "--reference", paramLabel = "REF.rttm",
            description = "Score the regions against this reference (speech = every speaker's turns).")
    Path reference;

    @Override
    public Integer call() {
        if (output == null && reference == null) {
            System.err.println("earshot vad: give --out OUT.rttm, --reference REF.rttm, or both");
            return 2;
        }
        if (hypothesis != null && reference == null) {
            System.err.println("earshot vad: --hypothesis needs --reference REF.rttm");
            return 2;
        }
        if (!List.of("energy", "silero", "silero-frames").contains(detector)) {
            System.err.println("earshot vad: --detector " + detector + ": energy, silero or silero-frames");
            return 2;
        }
        EnergyVad vad;
        try {
            vad = EnergyVad.builder().thresholdDb(thresholdDb).hangoverMs(hangoverMs).build();
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("--probability " + probability + ": must lie in [0, 1]");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("earshot vad: " + e.getMessage());
            return 1;
        }
        Map<String, List<SpeakerSegment>> found = new LinkedHashMap<>();
        VadScore pooled = null;
        try (SileroVad silero = detector.startsWith("silero") && hypothesis == null ? SileroVad.load() : null) {
            Map<String, List<SpeakerSegment>> truth = reference == null ? null : Rttm.read(reference);
            Map<String, List<SpeakerSegment>> given = hypothesis == null ? null : Rttm.read(hypothesis);
            for (Path input : inputs) {
                String name = input.getFileName().toString().replaceFirst("(?i)\\.wav$", "").replaceAll("\\s", "_");
                name = name.isEmpty() ? "recording" : name;
                List<SpeakerSegment> turns = truth == null ? null : referenceOf(truth, name, inputs.size() == 1);
                Audio audio = Wav.read(input);
                List<SpeakerSegment> speech = given != null ? clip(given.getOrDefault(name, List.of()), audio)
                        : silero == null ? vad.apply(audio).segments()
                        : (detector.equals("silero") ? silero.speech(audio) : silero.speechFrames(audio, probability))
                        .stream().map(s -> new SpeakerSegment(s.start(), Math.min(s.end(), audio.durationSeconds()),
                                VoiceActivity.SPEECH)).filter(s -> s.endSeconds() > s.startSeconds()).toList();
                found.put(name, speech);
                double seconds = speech.stream().mapToDouble(SpeakerSegment::durationSeconds).sum();
                String line = String.format(Locale.ROOT, "segments=%d speech=%.3fs of %.3fs", speech.size(), seconds,
                        audio.durationSeconds());
                if (turns != null) {
                    VadScore score = VadScore.of(turns, speech, audio.durationSeconds());
                    pooled = pooled == null ? score : pooled.plus(score);
                    line += " " + score.summary();
                }
                System.out.println(inputs.size() == 1 ? line : input + " " + line);
            }
            if (output != null) {
                Rttm.write(output, found);
            }
        } catch (IOException | IllegalStateException e) {
            System.err.println("earshot vad: " + e.getMessage());
            return 1;
        }
        if (pooled != null) {
            System.out.println(pooled.summary());
        }
        return 0;
    }

    /** @return the segments, cut at the sound's end (another tool's last frame may pass it) */
    private static List<SpeakerSegment> clip(List<SpeakerSegment> segments, Audio audio) {
        return segments.stream().filter(s -> s.startSeconds() < audio.durationSeconds())
                .map(s -> new SpeakerSegment(s.startSeconds(), Math.min(s.endSeconds(), audio.durationSeconds()),
                        VoiceActivity.SPEECH)).toList();
    }

    /** @return the reference's turns of the recording {@code id}, or of its only recording when {@code alone} */
    private List<SpeakerSegment> referenceOf(Map<String, List<SpeakerSegment>> all, String id, boolean alone)
            throws IOException {
        if (all.containsKey(id)) {
            return all.get(id);
        }
        if (alone && all.size() == 1) {
            return all.values().iterator().next();
        }
        throw new IOException(reference + ": no recording '" + id + "' among its " + all.size() + " recordings");
    }
}
