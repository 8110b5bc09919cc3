package org.earshot.speakers.cli;

import java.io.IOException;
import java.nio.file.Path;
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
 * {@code earshot vad IN.wav [--detector energy|silero] [--threshold-db -40] [--hangover-ms 200] [--out OUT.rttm]
 * [--reference REF.rttm]}: voice activity detection, energy with a hangover ({@link EnergyVad}) or Silero
 * ({@link SileroVad}). The speech regions are written as RTTM {@code SPEAKER} lines labelled {@code speech}, the
 * recording id being the file's name without {@code .wav}. Without a reference the last line is
 * {@code segments=<n> speech=<seconds>s of <seconds>s}; with one (its recording of that id, or its only recording),
 * the regions are scored against the union of its speakers' turns ({@link VadScore}) and the last line is
 * {@code precision=… recall=… f1=… missed=…s (…%) false_alarm=…s (…%) speech=…s}.
 */
@Command(name = "vad", mixinStandardHelpOptions = true,
        description = "Voice activity detection (energy with a hangover, or Silero): speech regions of IN.wav as RTTM,"
                + " scored against a reference RTTM with --reference.")
public final class VadCommand implements CliCommand {

    @Parameters(index = "0", paramLabel = "IN.wav", description = "The recording (mixed down to mono).")
    Path input;

    @Option(names = "--detector", defaultValue = "energy", paramLabel = "NAME",
            description = "energy or silero (default ${DEFAULT-VALUE}).")
    String detector;

    @Option(names = "--threshold-db", defaultValue = "-40", paramLabel = "DB",
            description = "Energy: frames at or above this level (dBFS, 25 ms every 10 ms) are speech (default ${DEFAULT-VALUE}).")
    double thresholdDb;

    @Option(names = "--hangover-ms", defaultValue = "200", paramLabel = "MS",
            description = "Energy: speech continues this long after the last loud frame (default ${DEFAULT-VALUE}).")
    double hangoverMs;

    @Option(names = "--out", paramLabel = "OUT.rttm", description = "Where to write the speech regions.")
    Path output;

    @Option(names = "--reference", paramLabel = "REF.rttm",
            description = "Score the regions against this reference (speech = every speaker's turns).")
    Path reference;

    @Override
    public Integer call() {
        if (output == null && reference == null) {
            System.err.println("earshot vad: give --out OUT.rttm, --reference REF.rttm, or both");
            return 2;
        }
        if (!detector.equals("energy") && !detector.equals("silero")) {
            System.err.println("earshot vad: --detector " + detector + ": energy or silero");
            return 2;
        }
        EnergyVad vad;
        try {
            vad = EnergyVad.builder().thresholdDb(thresholdDb).hangoverMs(hangoverMs).build();
        } catch (IllegalArgumentException e) {
            System.err.println("earshot vad: " + e.getMessage());
            return 1;
        }
        String name = input.getFileName().toString().replaceFirst("(?i)\\.wav$", "").replaceAll("\\s", "_");
        name = name.isEmpty() ? "recording" : name;
        try {
            Audio audio = Wav.read(input);
            List<SpeakerSegment> truth = reference == null ? null : referenceOf(reference, name);
            List<SpeakerSegment> speech;
            if (detector.equals("silero")) {
                try (SileroVad silero = SileroVad.load()) {
                    speech = silero.speech(audio).stream().map(s -> new SpeakerSegment(s.start(),
                            Math.min(s.end(), audio.durationSeconds()), VoiceActivity.SPEECH))
                            .filter(s -> s.endSeconds() > s.startSeconds()).toList();
                }
            } else {
                speech = vad.apply(audio).segments();
            }
            if (output != null) {
                Rttm.write(output, Map.of(name, speech));
            }
            double seconds = speech.stream().mapToDouble(SpeakerSegment::durationSeconds).sum();
            System.out.println(String.format(Locale.ROOT, "segments=%d speech=%.3fs of %.3fs", speech.size(), seconds,
                    audio.durationSeconds()));
            if (truth != null) {
                System.out.println(VadScore.of(truth, speech, audio.durationSeconds()).summary());
            }
        } catch (IOException | IllegalStateException e) {
            System.err.println("earshot vad: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    /** @return the reference's turns of the recording {@code id}, or of its only recording */
    private static List<SpeakerSegment> referenceOf(Path rttm, String id) throws IOException {
        Map<String, List<SpeakerSegment>> all = Rttm.read(rttm);
        if (all.containsKey(id)) {
            return all.get(id);
        }
        if (all.size() == 1) {
            return all.values().iterator().next();
        }
        throw new IOException(rttm + ": no recording '" + id + "' among its " + all.size() + " recordings");
    }
}
