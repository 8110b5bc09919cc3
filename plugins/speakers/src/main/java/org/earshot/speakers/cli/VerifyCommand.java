package org.earshot.speakers.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import org.earshot.kit.Kit;
import org.earshot.speakers.embedding.Embedding;
import org.earshot.speakers.verification.VerificationModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot verify ENROLL.wav… TEST.wav [--model FILE] [--threshold θ]}: is the last clip the voice of the others?
 * Enrols the voice from every clip but the last ({@link VerificationModel#enroll}), scores the last by cosine and
 * prints {@code score=<cos> threshold=<θ> accept|reject}; exit 0 either way (1 for a file that cannot be read).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Speaker verification: enrol a voice from ENROLL.wav…, then accept or reject TEST.wav.")
public final class VerifyCommand implements CliCommand {

    @Parameters(arity = "2..*", paramLabel = "WAV", description = "Enrolment clips, then the test clip (16 kHz).")
    List<Path> clips;

    @Option(names = "--model", paramLabel = "FILE",
            description = "A speaker model (default data/models/speakers-mfcc/model.json).")
    Path model;

    @Option(names = "--threshold", paramLabel = "θ", description = "Accept at or above this cosine (default: the"
            + " model's, at its dev EER).")
    Double threshold;

    @Override
    public Integer call() {
        VerificationModel m;
        List<Audio> audio = new ArrayList<>();
        try {
            m = VerificationModel.read(model != null ? model
                    : Kit.home().resolve("data/models/speakers-mfcc/model.json"));
            for (Path p : clips) {
                Audio a = Wav.read(p);
                if (a.sampleRate() != m.background().sampleRate()) {
                    throw new IOException(p + ": " + a.sampleRate() + " Hz; the model takes "
                            + m.background().sampleRate() + " Hz (resample it, e.g. sox IN -r 16000 OUT)");
                }
                audio.add(a);
            }
        } catch (IOException e) {
            System.err.println("earshot verify: " + e.getMessage());
            return 1;
        }
        double theta = threshold != null ? threshold : m.threshold();
        Embedding voice;
        double score;
        try {
            voice = m.enroll(audio.subList(0, audio.size() - 1));
            score = m.score(voice, audio.get(audio.size() - 1));
        } catch (IllegalArgumentException e) {
            System.err.println("earshot verify: " + e.getMessage());
            return 1;
        }
        System.out.println(String.format(Locale.ROOT, "score=%.4f threshold=%.4f %s", score, theta,
                score >= theta ? "accept" : "reject"));
        return 0;
    }
}
