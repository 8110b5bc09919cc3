package org.earshot.speakers.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Collections;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.corpus.Corpus;
import org.earshot.corpus.Split;
import org.earshot.speakers.embedding.Embedding;
import org.earshot.speakers.embedding.SpeakerLda;
import org.earshot.speakers.verification.CosineScoring;
import org.earshot.speakers.verification.ScoreNormalization;
import org.earshot.speakers.verification.Trial;

/**
 * The clips every trained speaker model reads: every voice of the synthetic corpora ({@code build/corpus/train-*-wide}:
 * each espeak-ng accent × variant, flite's and festival's voices, one speaker each) and every person of the real
 * corpus ({@code build/corpus/real}), in their corpora's voice- and speaker-disjoint splits; clips of ≥ 0.5 s.
 */
final class SpeakerCorpora {

    static final double MIN_SECONDS = 0.5;
    /** AS-norm: clips per cohort speaker, the closest cohort members per side, the seed of the clips' choice. */
    static final int COHORT_CLIPS = 3;
    static final int COHORT_TOP = 100;
    static final long COHORT_SEED = 21;
    /** The LDA dimensions tried on the synthetic dev speakers. */
    static final int[] LDA_DIMENSIONS = {32, 64, 96, 128, 160, 191};
    static final int LDA_MAX_INPUT = 512;
    static final List<String> SYNTHETIC = List.of("train-digits-wide", "train-commands-wide", "train-sentences-wide");

    /** A clip: who, from where (empty for a synthetic voice), its split, its file. */
    record Source(String speaker, Optional<Corpus.Provenance> provenance, Split split, Path wav) {
        boolean real() {
            return provenance.isPresent();
        }
    }

    private SpeakerCorpora() {
    }

    /**
     * @param home    the kit's folder
     * @param command the command that reads them, for its error line
     * @return every clip of the synthetic and real corpora; empty, after one line on standard error naming each
     *         missing corpus and the command that makes it, when any is missing
     */
    static Optional<List<Source>> readOrSay(Path home, String command) throws IOException {
        List<String> missing = new ArrayList<>();
        List<Source> sources = read(home, missing);
        if (!missing.isEmpty()) {
            System.err.println("earshot " + command + ": " + String.join("; ", missing));
            return Optional.empty();
        }
        return Optional.of(sources);
    }

    private static List<Source> read(Path home, List<String> missing) throws IOException {
        List<Source> sources = new ArrayList<>();
        for (String name : SYNTHETIC) {
            read(home.resolve("build/corpus").resolve(name), sources, missing, false);
        }
        read(home.resolve("build/corpus/real"), sources, missing, true);
        return sources;
    }

    private static void read(Path corpus, List<Source> into, List<String> missing, boolean real) throws IOException {
        Path manifest = corpus.resolve(Corpus.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            missing.add(manifest + ": missing (make it with ./earshot corpus " + (real ? "real" : corpus.getFileName()
                    .toString().replace("train-", "").replace("-wide", "") + " --variety wide") + ")");
            return;
        }
        for (Corpus.Entry e : Corpus.read(manifest)) {
            if (e.durationSeconds() < MIN_SECONDS || e.provenance().isPresent() != real) {
                continue;
            }
            String speaker = real ? e.provenance().get().speaker() : e.voiceId();
            into.add(new Source(speaker, e.provenance(), e.split(), corpus.resolve(e.path())));
        }
    }

    /**
     * Scores a speaker model on the dev and test speakers, synthetic and real apart, with the trials and identification
     * every speaker card has ({@link SpeakerTrials}).
     *
     * @param sources the clips ({@link #read})
     * @param embed   the model: a clip's embedding
     * @return {@code devSynthetic, devReal, testSynthetic, testReal} (the figures of {@link SpeakerTrials#figures}),
     *         {@code identificationSynthetic, identificationReal} (of the test speakers)
     */
    static Map<String, Object> evaluate(List<Source> sources, Function<Audio, Embedding> embed) throws IOException {
        Map<String, Object> metrics = new LinkedHashMap<>();
        List<SpeakerTrials.Clip> training = embedAll(sources.stream().filter(s -> s.split() == Split.TRAIN).toList(),
                embed, "embed training");
        ScoreNormalization asNorm = ScoreNormalization.adaptiveSymmetric(cohort(training), COHORT_TOP);
        Map<Split, Map<Boolean, List<SpeakerTrials.Clip>>> held = new LinkedHashMap<>();
        for (Split split : List.of(Split.DEV, Split.TEST)) {
            for (boolean real : new boolean[] {false, true}) {
                held.computeIfAbsent(split, k -> new LinkedHashMap<>()).put(real, embedAll(sources.stream()
                        .filter(s -> s.split() == split && s.real() == real).toList(), embed, "embed "
                        + split.label() + (real ? " real" : " synthetic")));
            }
        }
        Map<String, Double> sweep = new LinkedHashMap<>();
        SpeakerLda best = null;
        SpeakerLda widest = lda(training); // fitted once: each k of the sweep keeps its leading k axes
        for (int k : LDA_DIMENSIONS) {
            if (widest == null || k > widest.dimensions()) {
                continue;
            }
            SpeakerLda lda = widest.leading(k);
            double eer = CosineScoring.evaluate(SpeakerTrials.trials(project(held.get(Split.DEV).get(false), lda)))
                    .eerPercent();
            sweep.put(String.valueOf(k), eer);
            System.err.printf(java.util.Locale.ROOT, "LDA %d: dev synthetic EER %.2f %%%n", k, eer);
            if (best == null || eer < sweep.get(String.valueOf(best.dimensions()))) {
                best = lda;
            }
        }
        if (best != null) {
            metrics.put("ldaDevSyntheticEerByDimensions", sweep);
            metrics.put("ldaDimensions", best.dimensions());
        }
        for (Split split : List.of(Split.DEV, Split.TEST)) {
            for (boolean real : new boolean[] {false, true}) {
                List<SpeakerTrials.Clip> clips = held.get(split).get(real);
                String key = split.label() + (real ? "Real" : "Synthetic");
                List<Trial> trials = SpeakerTrials.trials(clips);
                metrics.put(key, SpeakerTrials.figures(clips, CosineScoring.evaluate(trials)));
                metrics.put(key + "AsNorm", SpeakerTrials.figures(clips, asNorm.evaluate(trials)));
                if (best != null) {
                    List<SpeakerTrials.Clip> projected = project(clips, best);
                    metrics.put(key + "Lda", SpeakerTrials.figures(projected, CosineScoring.evaluate(
                            SpeakerTrials.trials(projected))));
                }
                if (split == Split.TEST) {
                    metrics.put("identification" + (real ? "Real" : "Synthetic"), SpeakerTrials.identification(clips));
                }
            }
        }
        return metrics;
    }

    private static List<SpeakerTrials.Clip> embedAll(List<Source> chosen, Function<Audio, Embedding> embed,
            String task) throws IOException {
        List<SpeakerTrials.Clip> clips = new ArrayList<>();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(chosen.size())
                .setStyle(ProgressBarStyle.ASCII).build()) {
            for (Source s : chosen) {
                clips.add(new SpeakerTrials.Clip(s.speaker(), s.provenance(), embed.apply(Wav.read(s.wav()))));
                bar.step();
            }
        }
        return clips;
    }

    /**
     * @return an LDA of the training clips to the most of {@link #LDA_DIMENSIONS} the embedding has; null when it has
     *         fewer than the least, or is longer than {@value #LDA_MAX_INPUT} (a GMM supervector: its scatter matrices
     *         would not fit)
     */
    private static SpeakerLda lda(List<SpeakerTrials.Clip> training) {
        int d = training.isEmpty() ? 0 : training.get(0).embedding().dimension();
        int k = java.util.Arrays.stream(LDA_DIMENSIONS).filter(n -> n <= d).max().orElse(0);
        if (k == 0 || d > LDA_MAX_INPUT) {
            return null;
        }
        return SpeakerLda.fit(training.stream().map(SpeakerTrials.Clip::embedding).toList(),
                training.stream().map(SpeakerTrials.Clip::speaker).toList(), k);
    }

    private static List<SpeakerTrials.Clip> project(List<SpeakerTrials.Clip> clips, SpeakerLda lda) {
        return clips.stream().map(c -> new SpeakerTrials.Clip(c.speaker(), c.provenance(), lda.project(c.embedding())))
                .toList();
    }

    /**
     * @param training the training split's clips, embedded
     * @return the AS-norm cohort: per training speaker, the mean embedding of up to {@value #COHORT_CLIPS} of their
     *         clips (a seeded random choice)
     */
    static List<Embedding> cohort(List<SpeakerTrials.Clip> training) {
        Map<String, List<SpeakerTrials.Clip>> bySpeaker = new TreeMap<>();
        training.forEach(c -> bySpeaker.computeIfAbsent(c.speaker(), k -> new ArrayList<>()).add(c));
        Random random = new Random(COHORT_SEED);
        List<Embedding> cohort = new ArrayList<>();
        for (List<SpeakerTrials.Clip> clips : bySpeaker.values()) {
            Collections.shuffle(clips, random);
            cohort.add(Embedding.mean(clips.subList(0, Math.min(COHORT_CLIPS, clips.size())).stream()
                    .map(SpeakerTrials.Clip::embedding).toList()));
        }
        return cohort;
    }

    /** @return the EER (%) of one split's figures in {@link #evaluate}'s metrics */
    @SuppressWarnings("unchecked")
    static double eer(Map<String, Object> metrics, String key) {
        return (Double) ((Map<String, Object>) metrics.get(key)).get("eerPercent");
    }

    /** @return the card's tables of {@link #evaluate}'s figures: EER by split, identification real and synthetic */
    @SuppressWarnings("unchecked")
    static String tables(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder();
        sb.append("| speakers | split | speakers | target trials | non-target trials | EER | minDCF (p=0.01) |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (String norm : new String[] {"", "AsNorm", "Lda"}) {
            if (!m.containsKey("devSynthetic" + norm)) {
                continue;
            }
            for (String[] k : new String[][] {{"devSynthetic", "synthetic", "dev"}, {"testSynthetic", "synthetic", "test"},
                    {"devReal", "real voices", "dev"}, {"testReal", "real voices", "test"}}) {
                sb.append("| ").append(k[1]).append(norm.isEmpty() ? "" : norm.equals("AsNorm") ? ", AS-norm"
                        : ", LDA " + m.get("ldaDimensions")).append(' ')
                        .append(SpeakerTrials.row(k[2], (Map<String, Object>) m.get(k[0] + norm)));
            }
        }
        sb.append("\nAS-norm: each side of a trial standardised by its ").append(COHORT_TOP).append(" highest cosines")
                .append(" against a cohort of the training speakers (one mean embedding of ").append(COHORT_CLIPS)
                .append(" clips each); scores on cosine alone above it.\n");
        if (m.containsKey("ldaDimensions")) {
            StringBuilder sweep = new StringBuilder();
            ((Map<String, Double>) m.get("ldaDevSyntheticEerByDimensions")).forEach((k, v) -> sweep
                    .append(sweep.isEmpty() ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%s: %.2f %%", k, v)));
            double with = eer(m, "testSyntheticLda");
            double without = eer(m, "testSynthetic");
            sb.append("\nLDA: the embeddings projected onto the directions that best separate the training speakers"
                    + " (SpeakerLda, fitted on every training clip), unit-normed, then cosine; its dimension, ")
                    .append(m.get("ldaDimensions")).append(", chosen by the synthetic dev speakers' EER among ")
                    .append(sweep).append(String.format(java.util.Locale.ROOT, " (%.2f %% without LDA). On the synthetic"
                            + " test speakers it gives %.2f %% against %.2f %% without: %s.%n", eer(m, "devSynthetic"),
                            with, without, with < without ? "it pays" : "it does not pay"));
        }
        sb.append("\nIdentification of the real test speakers, top-1 and top-5 accuracy (top-5 is 100 % up to N = 5),"
                + " 50 random sets of N:\n\n")
                .append(SpeakerTrials.identificationTable((Map<String, Object>) m.get("identificationReal")));
        sb.append("\nIdentification of the synthetic test voices:\n\n")
                .append(SpeakerTrials.identificationTable((Map<String, Object>) m.get("identificationSynthetic")));
        return sb.toString();
    }
}
