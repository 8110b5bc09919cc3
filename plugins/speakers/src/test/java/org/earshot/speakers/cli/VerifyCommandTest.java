package org.earshot.speakers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.cli.EarshotCli;
import org.earshot.kit.Kit;
import org.earshot.models.ModelCard;
import org.earshot.models.ModelFolder;
import org.earshot.speakers.verification.VerificationModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed classical verifier, its card, and {@code earshot verify} on clips whose voices are tones. */
class VerifyCommandTest {

    private static final Path MODEL = Kit.home().resolve("data/models/speakers-mfcc/model.json");

    /** A voiced "clip": harmonics 1, 0.6, 0.3 of f0 with vibrato, 0.8 s. */
    private static Path clip(Path dir, String name, double f0, long seed) throws IOException {
        return clip(dir, name, f0, seed, 1, 0.6, 0.3);
    }

    /** A voiced "clip": a tone at f0 with these harmonic amplitudes and vibrato, 0.8 s. */
    private static Path clip(Path dir, String name, double f0, long seed, double... harmonics) throws IOException {
        java.util.Random r = new java.util.Random(seed);
        int rate = 16000;
        double[] x = new double[(int) (0.8 * rate)];
        double phase = 0;
        for (int i = 0; i < x.length; i++) {
            double f = f0 * (1 + 0.02 * Math.sin(2 * Math.PI * 5 * i / (double) rate));
            phase += 2 * Math.PI * f / rate;
            double v = 0;
            for (int h = 0; h < harmonics.length; h++) {
                v += harmonics[h] * Math.sin((h + 1) * phase);
            }
            x[i] = 0.1 * v + 0.003 * r.nextGaussian();
        }
        Path p = dir.resolve(name);
        Wav.write(Audio.mono(x, rate), p, Wav.Encoding.PCM_16);
        return p;
    }

    @Test
    void theModelReadsBackAndItsCardHasEveryFact() throws IOException {
        VerificationModel m = VerificationModel.read(MODEL);
        assertEquals(16000, m.background().sampleRate());
        assertEquals(38, m.background().mean().length);
        assertTrue(m.threshold() > 0 && m.threshold() < 1, m.toString());
        ModelCard card = ModelFolder.named("speakers-mfcc").card();
        assertEquals("speakers-mfcc — model card", card.title());
        assertTrue(card.facts().keySet().containsAll(List.of("Files", "Architecture", "Data", "Recipe", "Metrics",
                "Limits")), card.facts().keySet().toString());
        assertTrue(card.markdown().contains("| test (real voices, held out) |"), card.markdown());
    }

    @Test
    void verifyAcceptsTheSameVoiceAndRejectsAnother(@TempDir Path dir) throws IOException {
        Path a = clip(dir, "a.wav", 120, 1);
        Path b = clip(dir, "b.wav", 121, 2);
        Path same = clip(dir, "same.wav", 119, 3);
        Path other = clip(dir, "other.wav", 600, 4, 0.2, 0.1, 1.0, 0.1, 0.8); // another pitch and timbre
        var accept = EarshotCli.capture(List.of("verify", a.toString(), b.toString(), same.toString()), false);
        assertEquals(0, accept.exitCode(), accept.output());
        assertTrue(accept.output().strip().matches("score=0\\.\\d{4} threshold=0\\.\\d{4} accept"), accept.output());
        var reject = EarshotCli.capture(List.of("verify", a.toString(), b.toString(), other.toString()), false);
        assertEquals(0, reject.exitCode(), reject.output());
        assertTrue(reject.output().strip().matches("score=-?\\d\\.\\d{4} threshold=0\\.\\d{4} reject"),
                reject.output());
        var strict = EarshotCli.capture(List.of("verify", a.toString(), same.toString(), "--threshold", "1"), false);
        assertTrue(strict.output().strip().endsWith("threshold=1.0000 reject"), strict.output());
    }

    @Test
    void aBadClipIsNamedInOneLine(@TempDir Path dir) throws IOException {
        Path a = clip(dir, "a.wav", 120, 1);
        Path junk = Files.writeString(dir.resolve("junk.wav"), "not a wav");
        var r = EarshotCli.capture(List.of("verify", a.toString(), junk.toString()), false);
        assertEquals(1, r.exitCode());
        assertEquals(1, r.output().strip().lines().count(), r.output());
        assertTrue(r.output().startsWith("earshot verify: " + junk), r.output());
        Path fast = dir.resolve("fast.wav");
        Wav.write(Audio.mono(new double[8000], 8000), fast, Wav.Encoding.PCM_16);
        var rate = EarshotCli.capture(List.of("verify", a.toString(), fast.toString()), false);
        assertTrue(rate.output().contains("8000 Hz; the model takes 16000 Hz"), rate.output());
    }

    @Test
    void theTrainedModelsVerifyAtTheirDevThresholdsAndRefuseAForeignModelFile(@TempDir Path dir) throws IOException {
        Path a = clip(dir, "a.wav", 120, 1);
        Path b = clip(dir, "b.wav", 121, 2);
        Path same = clip(dir, "same.wav", 119, 3);
        for (String kind : List.of("ubm", "xvector")) {
            var run = EarshotCli.capture(List.of("verify", a.toString(), b.toString(), same.toString(), "--embedding",
                    kind), false);
            assertEquals(0, run.exitCode(), kind + ": " + run.output());
            assertTrue(run.output().strip().matches("score=-?\\d\\.\\d{4} threshold=-?\\d\\.\\d{4} (accept|reject)"),
                    kind + ": " + run.output());
            double theta = Double.parseDouble(run.output().replaceAll("(?s).*threshold=(\\S+).*", "$1"));
            double card = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Kit.home().resolve(
                    "data/models/" + (kind.equals("ubm") ? "speakers-gmm-ubm" : "xvector-small") + "/metrics.json")
                    .toFile()).get("devReal").get("eerThreshold").asDouble();
            assertEquals(card, theta, 5e-5, kind);
        }
        var wrong = EarshotCli.capture(List.of("verify", a.toString(), same.toString(), "--embedding", "xvector",
                "--model", MODEL.toString()), false);
        assertEquals(1, wrong.exitCode());
        assertTrue(wrong.output().contains("--model names an MFCC-statistics model"), wrong.output());
    }
}
