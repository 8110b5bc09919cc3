package org.earshot.speakers.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import org.earshot.corpus.Corpus;
import org.earshot.corpus.Split;
import org.earshot.kit.Kit;
import org.earshot.metrics.DetectionCost;
import org.earshot.metrics.Verification;
import org.earshot.speakers.embedding.BackgroundStatistics;
import org.earshot.speakers.embedding.MfccStatistics;
import org.earshot.speakers.verification.CosineScoring;
import org.earshot.speakers.verification.OperatingPoint;
import org.earshot.speakers.verification.Trial;
import org.earshot.speakers.verification.VerificationModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot train-speakers [--corpus DIR] --out DIR}: the classical speaker verifier ({@link VerificationModel})
 * from the real-speech corpus, and its card. The background is every training-split clip of ≥ 0.5 s; θ is the EER
 * threshold of the dev speakers' trials; the test speakers' trials and identification are measured once, at the end.
 * Trials and identification as every speaker card has them ({@link SpeakerTrials}). Writes {@code model.json},
 * {@code metrics.json} and {@code card.md}.
 */
@Command(name = "train-speakers", mixinStandardHelpOptions = true,
        description = "Train the classical speaker verifier (MFCC statistics, background, θ at dev EER) and its card.")
public final class TrainSpeakersCommand implements CliCommand {

    private static final double MIN_SECONDS = 0.5;

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "The real-speech corpus (default build/corpus/real, made by ./earshot corpus real).")
    Path corpus;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where model.json and its card go.")
    Path out;

    @Option(names = "--n-mfcc", defaultValue = "20", paramLabel = "N", description = "MFCCs (default ${DEFAULT-VALUE}).")
    int nMfcc;

    /** A clip's statistics with who spoke it. */
    private record Clip(String speaker, Corpus.Provenance provenance, double[] stats) {
    }

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Path dir = corpus != null ? corpus : Kit.home().resolve("build/corpus/real");
        Path manifest = dir.resolve(Corpus.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            System.err.println("earshot train-speakers: " + manifest + ": no corpus; make it with ./earshot corpus real");
            return 1;
        }
        MfccStatistics features = MfccStatistics.of(16000, nMfcc);
        Map<Split, List<Clip>> bySplit = new TreeMap<>();
        List<Corpus.Entry> entries = Corpus.read(manifest).stream()
                .filter(e -> e.provenance().isPresent() && e.durationSeconds() >= MIN_SECONDS).toList();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("MFCC statistics").setInitialMax(entries.size())
                .setStyle(ProgressBarStyle.ASCII).build()) {
            for (Corpus.Entry e : entries) {
                var p = e.provenance().get();
                double[] stats = features.statistics(Wav.read(dir.resolve(e.path())).mixdown());
                bySplit.computeIfAbsent(e.split(), s -> new ArrayList<>())
                        .add(new Clip(p.speaker(), p, stats));
                bar.step();
            }
        }
        List<double[]> train = bySplit.getOrDefault(Split.TRAIN, List.of()).stream().map(Clip::stats).toList();
        BackgroundStatistics background = BackgroundStatistics.of(features, train);
        List<SpeakerTrials.Clip> devClips = embedded(bySplit.get(Split.DEV), background);
        List<SpeakerTrials.Clip> testClips = embedded(bySplit.get(Split.TEST), background);
        Verification dev = CosineScoring.evaluate(SpeakerTrials.trials(devClips));
        OperatingPoint theta = OperatingPoint.atEqualErrorRate(dev);
        VerificationModel model = new VerificationModel(background, theta.threshold(), dev.eerPercent());
        List<Trial> testTrials = SpeakerTrials.trials(testClips);
        Verification test = CosineScoring.evaluate(testTrials);
        double testFrrAtTheta = 0;
        double testFarAtTheta = 0;
        int targets = 0;
        int nonTargets = 0;
        for (Trial t : testTrials) {
            boolean accept = CosineScoring.accepts(t.score(), theta.threshold());
            if (t.target()) {
                targets++;
                testFrrAtTheta += accept ? 0 : 1;
            } else {
                nonTargets++;
                testFarAtTheta += accept ? 1 : 0;
            }
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        Map<String, Object> backgroundFigures = new LinkedHashMap<>(); // ordered: metrics.json is the same each run
        backgroundFigures.put("clips", train.size());
        backgroundFigures.put("speakers", bySplit.get(Split.TRAIN).stream().map(Clip::speaker).distinct().sorted()
                .toList());
        metrics.put("background", backgroundFigures);
        metrics.put("dev", SpeakerTrials.figures(devClips, dev));
        metrics.put("test", SpeakerTrials.figures(testClips, test));
        Map<String, Object> atTheta = new LinkedHashMap<>();
        atTheta.put("threshold", theta.threshold());
        atTheta.put("falseRejectPercent", 100 * testFrrAtTheta / targets);
        atTheta.put("falseAcceptPercent", 100 * testFarAtTheta / nonTargets);
        metrics.put("testAtTheta", atTheta);
        metrics.put("identification", SpeakerTrials.identification(testClips));
        double seconds = (System.nanoTime() - start) / 1e9;
        metrics.put("seconds", seconds);
        Files.createDirectories(out);
        model.write(out.resolve("model.json"));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("metrics.json").toFile(),
                metrics);
        Files.writeString(out.resolve("card.md"), card(model, metrics, dir, entries.size(), seconds));
        System.out.println(String.format(Locale.ROOT, "dev EER=%.2f%% θ=%.3f test EER=%.2f%% minDCF(0.01)=%.3f in %.1f s"
                        + " -> %s", dev.eerPercent(), theta.threshold(), test.eerPercent(),
                test.minDcf(DetectionCost.KALDI_DEFAULT), seconds, out.resolve("model.json")));
        return 0;
    }

    private static List<SpeakerTrials.Clip> embedded(List<Clip> clips, BackgroundStatistics background) {
        return clips.stream().map(c -> new SpeakerTrials.Clip(c.speaker(), java.util.Optional.of(c.provenance()),
                background.embed(c.stats()))).toList();
    }

    @SuppressWarnings("unchecked")
    private static String card(VerificationModel model, Map<String, Object> metrics, Path corpus, int clips,
                               double seconds) {
        Map<String, Object> dev = (Map<String, Object>) metrics.get("dev");
        Map<String, Object> test = (Map<String, Object>) metrics.get("test");
        Map<String, Object> at = (Map<String, Object>) metrics.get("testAtTheta");
        Map<String, Object> id = (Map<String, Object>) metrics.get("identification");
        StringBuilder sb = new StringBuilder();
        Map<String, Object> bg = (Map<String, Object>) metrics.get("background");
        sb.append("# speakers-mfcc — model card\n\n");
        sb.append("The classical speaker verifier of §21.4, trained by the kit on recordings of real people: the baseline a"
                + " trained x-vector must beat.\n\n");
        sb.append("- **Files**: `model.json` (").append(2 * model.background().mean().length)
                .append(" numbers: the background's mean and deviation per dimension, θ), `metrics.json`, this card.\n");
        sb.append("- **Architecture**: no network. MFCC statistics: means and deviations of c1…c")
                .append(model.background().nMfcc() - 1).append(" (25 ms windows every 10 ms, 40 mels, 16 kHz), z-scored ")
                .append("by the background, unit-normed; cosine scoring against the mean of the enrolment clips' ")
                .append("embeddings; accept at θ = ").append(String.format(Locale.ROOT, "%.3f", model.threshold()))
                .append(", the dev trials' equal-error threshold.\n");
        sb.append("- **Data**: the real-speech corpus (`./earshot corpus real`, ").append(clips)
                .append(" clips of ≥ 0.5 s), speaker-disjoint splits. Background: ").append(bg.get("clips"))
                .append(" training clips of ").append(((List<?>) bg.get("speakers")).size())
                .append(" speakers. Dev speakers: ").append(String.join(", ", (List<String>) dev.get("speakers")))
                .append(". Test speakers: ").append(String.join(", ", (List<String>) test.get("speakers")))
                .append(". Real voices only: no synthetic voice is in this model's data or trials.\n");
        sb.append("- **Recipe**: `./earshot train-speakers --out data/models/speakers-mfcc` (seed 21), ")
                .append(String.format(Locale.ROOT, "%.0f s on this machine's CPU (2 cores)", seconds))
                .append(". Trials: each speaker enrols with 3 clips; up to 20 target clips, and 20 of each other ")
                .append("speaker; pairs that may be one person (kajongg's voices in English and German) left out.\n");
        sb.append("- **Metrics**: below; the test speakers were scored once, after θ was fixed on dev.\n");
        sb.append("- **Limits**: real voices of few speakers (7 dev, 8 test), short clips (words and phrases), clean ")
                .append("recordings; dev is harder than test (two acted hedgewars packs, two kajongg voices), so θ may"
                        + " not suit other voices.\n\n");
        sb.append("| split | speakers | target trials | non-target trials | EER | minDCF (p=0.01) |\n");
        sb.append("|---|---|---|---|---|---|\n");
        sb.append(SpeakerTrials.row("dev (θ chosen here)", dev));
        sb.append(SpeakerTrials.row("test (real voices, held out)", test));
        sb.append(String.format(Locale.ROOT, "%nAt θ = %.3f on the test trials: false rejects %.2f %%, false accepts "
                + "%.2f %%.%n%n", model.threshold(), (Double) at.get("falseRejectPercent"),
                (Double) at.get("falseAcceptPercent")));
        sb.append("Identification (test speakers ").append(id.get("speakers"))
                .append("), top-1 and top-5 accuracy (top-5 is 100 % up to N = 5), 50 random sets of N:\n\n")
                .append(SpeakerTrials.identificationTable(id));
        return sb.toString();
    }
}
