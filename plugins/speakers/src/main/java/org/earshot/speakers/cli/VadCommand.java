package org.earshot.speakers.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import org.earshot.speakers.diarization.Rttm;
import org.earshot.speakers.vad.EnergyVad;
import org.earshot.speakers.vad.VoiceActivity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot vad IN.wav [--threshold-db -40] [--hangover-ms 200] --out OUT.rttm}: energy voice activity detection
 * ({@link EnergyVad}); the speech regions are written as RTTM {@code SPEAKER} lines labelled {@code speech}, the
 * recording id being the file's name without {@code .wav}. The last line is
 * {@code segments=<n> speech=<seconds>s of <seconds>s}.
 */
@Command(name = "vad", mixinStandardHelpOptions = true,
        description = "Energy voice activity detection with a hangover: speech regions of IN.wav as RTTM.")
public final class VadCommand implements CliCommand {

    @Parameters(index = "0", paramLabel = "IN.wav", description = "The recording (mixed down to mono).")
    Path input;

    @Option(names = "--threshold-db", defaultValue = "-40", paramLabel = "DB",
            description = "Frames at or above this level (dBFS, 25 ms every 10 ms) are speech (default ${DEFAULT-VALUE}).")
    double thresholdDb;

    @Option(names = "--hangover-ms", defaultValue = "200", paramLabel = "MS",
            description = "Speech continues this long after the last loud frame (default ${DEFAULT-VALUE}).")
    double hangoverMs;

    @Option(names = "--out", required = true, paramLabel = "OUT.rttm", description = "Where to write the speech regions.")
    Path output;

    @Override
    public Integer call() {
        EnergyVad vad;
        try {
            vad = EnergyVad.builder().thresholdDb(thresholdDb).hangoverMs(hangoverMs).build();
        } catch (IllegalArgumentException e) {
            System.err.println("earshot vad: " + e.getMessage());
            return 1;
        }
        Audio audio;
        try {
            audio = Wav.read(input);
        } catch (IOException e) {
            System.err.println("earshot vad: " + e.getMessage());
            return 1;
        }
        VoiceActivity activity = vad.apply(audio);
        String name = input.getFileName().toString().replaceFirst("(?i)\\.wav$", "").replaceAll("\\s", "_");
        try {
            Rttm.write(output, Map.of(name.isEmpty() ? "recording" : name, activity.segments()));
        } catch (IOException e) {
            System.err.println("earshot vad: " + e.getMessage());
            return 1;
        }
        System.out.println(String.format(Locale.ROOT, "segments=%d speech=%.3fs of %.3fs", activity.segments().size(),
                activity.speechSeconds(), audio.durationSeconds()));
        return 0;
    }
}
