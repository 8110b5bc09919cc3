package org.earshot.speakers.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import org.earshot.corpus.Corpus;
import org.earshot.corpus.real.RealSource;
import org.earshot.metrics.DetectionCost;
import org.earshot.metrics.Verification;
import org.earshot.speakers.embedding.Embedding;
import org.earshot.speakers.verification.CosineScoring;
import org.earshot.speakers.verification.Trial;

/**
 * The trials and identification runs every speaker model's card reports, the same for each model (seed 21): each
 * speaker enrols with 3 clips (the mean of their embeddings) and is tested with up to 20 others of its own (target)
 * and up to 20 of every other speaker (non-target), pairs that may be one person ({@link RealSource#mayBeOnePerson})
 * left out; identification enrols N ≤ 10 surely different speakers (50 random sets of each N) with 1, 3 or 5 clips and
 * gives each of up to 20 other clips to the nearest voice (top-1), or counts it right when its voice is among the 5
 * nearest (top-5).
 */
final class SpeakerTrials {

    private static final int SEED = 21;
    /** The most speakers identification enrols at once (the card's table stays readable). */
    private static final int MAX_ENROLLED = 10;

    /** A clip's embedding with who spoke it ({@code provenance} empty for a synthetic voice). */
    record Clip(String speaker, Optional<Corpus.Provenance> provenance, Embedding embedding) {
    }

    private SpeakerTrials() {
    }

    private static boolean maybeOnePerson(Clip a, Clip b) {
        return a.provenance().isPresent() && b.provenance().isPresent()
                && RealSource.mayBeOnePerson(a.provenance().get(), b.provenance().get());
    }

    private static Map<String, List<Clip>> bySpeaker(List<Clip> clips, Random random) {
        Map<String, List<Clip>> out = new TreeMap<>();
        clips.forEach(c -> out.computeIfAbsent(c.speaker(), s -> new ArrayList<>()).add(c));
        out.values().forEach(l -> Collections.shuffle(l, random));
        return out;
    }

    /** @return the target and non-target trials of these clips' speakers (those with at least 4 clips enrol) */
    static List<Trial> trials(List<Clip> clips) {
        Map<String, List<Clip>> speakers = bySpeaker(clips, new Random(SEED));
        List<Trial> trials = new ArrayList<>();
        for (var s : speakers.entrySet()) {
            List<Clip> mine = s.getValue();
            if (mine.size() < 4) {
                continue;
            }
            Embedding enrolled = Embedding.mean(mine.subList(0, 3).stream().map(Clip::embedding).toList());
            for (Clip c : mine.subList(3, Math.min(mine.size(), 23))) {
                trials.add(new Trial(enrolled, c.embedding(), true, s.getKey()));
            }
            for (var o : speakers.entrySet()) {
                if (o.getKey().equals(s.getKey()) || maybeOnePerson(mine.get(0), o.getValue().get(0))) {
                    continue;
                }
                List<Clip> theirs = o.getValue();
                for (Clip c : theirs.subList(Math.min(3, theirs.size()), Math.min(theirs.size(), 23))) {
                    trials.add(new Trial(enrolled, c.embedding(), false, s.getKey() + "/" + o.getKey()));
                }
            }
        }
        return trials;
    }

    /** @return the figures of a split's trials: speakers, trial counts, EER, its threshold, minDCF at p = 0.01 */
    static Map<String, Object> figures(List<Clip> clips) {
        return figures(clips, CosineScoring.evaluate(trials(clips)));
    }

    /** @return as {@link #figures(List)}, from the curve of their trials already scored */
    static Map<String, Object> figures(List<Clip> clips, Verification v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("speakers", clips.stream().map(Clip::speaker).distinct().sorted().toList());
        m.put("targetTrials", v.targetCount());
        m.put("nonTargetTrials", v.nonTargetCount());
        m.put("eerPercent", v.eerPercent());
        m.put("eerThreshold", v.eerThreshold());
        m.put("minDcf001", v.minDcf(DetectionCost.KALDI_DEFAULT));
        return m;
    }

    /** @return top-1 and top-5 identification accuracy (%) by enrolment clips and N, and the speakers used */
    static Map<String, Object> identification(List<Clip> clips) {
        Random random = new Random(SEED);
        Map<String, List<Clip>> all = bySpeaker(clips, random);
        List<String> distinct = new ArrayList<>();
        for (String s : all.keySet()) { // greedily, speakers surely not one person with one already taken
            if (all.get(s).size() >= 10 && distinct.stream().noneMatch(d -> maybeOnePerson(all.get(d).get(0),
                    all.get(s).get(0)))) {
                distinct.add(s);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("speakers", distinct);
        for (int enrol : new int[] {1, 3, 5}) {
            Map<String, Double> top1ByN = new LinkedHashMap<>();
            Map<String, Double> top5ByN = new LinkedHashMap<>();
            for (int n = 2; n <= Math.min(MAX_ENROLLED, distinct.size()); n++) {
                int top1 = 0;
                int top5 = 0;
                int tried = 0;
                for (int draw = 0; draw < 50; draw++) {
                    List<String> pool = new ArrayList<>(distinct);
                    Collections.shuffle(pool, random);
                    List<String> who = pool.subList(0, n);
                    Map<String, Embedding> enrolled = new LinkedHashMap<>();
                    for (String s : who) {
                        enrolled.put(s, Embedding.mean(all.get(s).subList(0, enrol).stream().map(Clip::embedding)
                                .toList()));
                    }
                    for (String s : who) {
                        for (Clip c : all.get(s).subList(5, Math.min(all.get(s).size(), 25))) {
                            double own = enrolled.get(s).cosine(c.embedding());
                            int above = 0; // enrolled voices scoring higher than the right one: its rank − 1
                            for (var v : enrolled.entrySet()) {
                                if (!v.getKey().equals(s) && v.getValue().cosine(c.embedding()) > own) {
                                    above++;
                                }
                            }
                            top1 += above == 0 ? 1 : 0;
                            top5 += above < 5 ? 1 : 0;
                            tried++;
                        }
                    }
                }
                top1ByN.put(String.valueOf(n), 100.0 * top1 / tried);
                top5ByN.put(String.valueOf(n), 100.0 * top5 / tried);
            }
            out.put("top1PercentByN_enrol" + enrol, top1ByN);
            out.put("top5PercentByN_enrol" + enrol, top5ByN);
        }
        return out;
    }

    /** @return the identification table of a card, in Markdown */
    @SuppressWarnings("unchecked")
    static String identificationTable(Map<String, Object> id) {
        StringBuilder sb = new StringBuilder("| N |");
        Map<String, Double> one = (Map<String, Double>) id.get("top1PercentByN_enrol1");
        one.keySet().forEach(n -> sb.append(' ').append(n).append(" |"));
        sb.append("\n|---|").append("---|".repeat(one.size())).append('\n');
        for (String top : new String[] {"top1", "top5"}) {
            for (int enrol : new int[] {1, 3, 5}) {
                Map<String, Double> row = (Map<String, Double>) id.get(top + "PercentByN_enrol" + enrol);
                if (row == null) {
                    continue;
                }
                sb.append("| ").append(top.replace("top", "top-")).append(", enrol ").append(enrol)
                        .append(enrol == 1 ? " clip |" : " clips |");
                row.values().forEach(v -> sb.append(String.format(java.util.Locale.ROOT, " %.1f %% |", v)));
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** @return a card's row of one split's figures */
    static String row(String name, Map<String, Object> f) {
        return String.format(java.util.Locale.ROOT, "| %s | %s | %s | %s | %.2f %% | %.3f |%n", name,
                ((List<?>) f.get("speakers")).size(), f.get("targetTrials"), f.get("nonTargetTrials"),
                (Double) f.get("eerPercent"), (Double) f.get("minDcf001"));
    }
}
