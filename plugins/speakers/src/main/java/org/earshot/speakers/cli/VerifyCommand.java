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
 * {@code earshot verify ENROLL.wav… TEST.wav [--embedding mfcc|ubm|xvector] [--model FILE] [--threshold θ]}: is the
 * last clip the voice of the others? Enrols the voice from every clip but the last (the mean of their embeddings, as
 * {@link VerificationModel#enroll}), scores the last by cosine and
 * prints {@code score=<cos> threshold=<θ> accept|reject}; exit 0 either way (1 for a file that cannot be read).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Speaker verification: enrol a voice from ENROLL.wav…, then accept or reject TEST.wav.")
public final class VerifyCommand implements CliCommand {

    @Parameters(arity = "2..*", paramLabel = "WAV", description = "Enrolment clips, then the test clip (16 kHz).")
    List<Path> clips;

    @Option(names = "--model", paramLabel = "FILE",
            description = "An MFCC-statistics speaker model of ./earshot train-speakers (default"
                    + " data/models/speakers-mfcc/model.json).")
    Path model;

    @Option(names = "--embedding", defaultValue = "mfcc", paramLabel = "KIND",
            description = "mfcc (speakers-mfcc, or --model), ubm (speakers-gmm-ubm) or xvector (xvector-small); each"
                    + " accepts at its dev EER threshold on real voices. Default ${DEFAULT-VALUE}.")
    SpeakerModel embedding;

    @Option(names = "--threshold", paramLabel = "θ", description = "Accept at or above this cosine (default: the"
            + " model's, at its dev EER).")
    Double threshold;

    @Override
    public Integer call() throws Exception {
        SpeakerModel.Opened m;
        try {
            if (model != null && embedding != SpeakerModel.mfcc) {
                throw new IOException("--model names an MFCC-statistics model; leave it out with --embedding "
                        + embedding);
            }
            m = model != null ? SpeakerModel.mfccModel(model) : embedding.open(Kit.home());
        } catch (IOException e) {
            System.err.println("earshot verify: " + e.getMessage());
            return 1;
        }
        try (m) {
            List<Audio> audio = new ArrayList<>();
            try {
                for (Path p : clips) {
                    Audio a = Wav.read(p);
                    if (a.sampleRate() != m.sampleRate()) {
                        throw new IOException(p + ": " + a.sampleRate() + " Hz; the model takes " + m.sampleRate()
                                + " Hz (resample it, e.g. sox IN -r 16000 OUT)");
                    }
                    audio.add(a.mixdown());
                }
            } catch (IOException e) {
                System.err.println("earshot verify: " + e.getMessage());
                return 1;
            }
            double theta = threshold != null ? threshold : m.threshold();
            double score;
            try {
                List<Embedding> enrolled = new ArrayList<>();
                audio.subList(0, audio.size() - 1).forEach(a -> enrolled.add(m.embed().apply(a)));
                score = Embedding.mean(enrolled).cosine(m.embed().apply(audio.get(audio.size() - 1)));
            } catch (IllegalArgumentException e) {
                System.err.println("earshot verify: " + e.getMessage());
                return 1;
            }
            System.out.println(String.format(Locale.ROOT, "score=%.4f threshold=%.4f %s", score, theta,
                    score >= theta ? "accept" : "reject"));
            return 0;
        }
    }
}
