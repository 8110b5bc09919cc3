package org.earshot.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.earshot.display.Displayable;
import org.earshot.display.Html;
import org.earshot.display.MimeBundle;

/**
 * Diarization error rate (DER) of a hypothesis "who spoke when" against the reference, as NIST md-eval scores it.
 *
 * <pre>DER = (missed + false alarm + speaker confusion) / scored reference speaker time</pre>
 * Time is cut into pieces where the sets of active reference and hypothesis speakers are constant; in a scored piece
 * of duration d with N_ref reference speakers, N_hyp hypothesis speakers and N_correct reference speakers whose
 * mapped hypothesis speaker is also active:
 * <pre>
 * scored speaker time += d · N_ref
 * missed              += d · max(0, N_ref − N_hyp)
 * false alarm         += d · max(0, N_hyp − N_ref)
 * confusion           += d · (min(N_ref, N_hyp) − N_correct)
 * </pre>
 * so overlapped speech counts once per speaker.
 *
 * <p><b>Mapping.</b> Hypothesis labels are arbitrary; each is mapped to at most one reference speaker, one-to-one,
 * so as to maximise the total time they speak together (the Hungarian algorithm, {@link Assignment}, as md-eval's
 * {@code weighted_bipartite_graph_match}). As md-eval, the mapping is computed on the whole scoring region, before
 * collars and overlap are taken out, and speakers that never speak together are never mapped.
 *
 * <p><b>Scoring region.</b> By default from the first reference start to the last reference end (md-eval without
 * a UEM file): hypothesis speech outside it is not a false alarm. {@link Scoring.Builder#region} sets it.
 *
 * <p><b>Collar.</b> No-score zones of ±collar seconds around every reference segment's start and end (md-eval
 * {@code -c}) forgive boundaries that annotators cannot place exactly. md-eval's own default is 0 s; 0.25 s is the
 * NIST Rich Transcription evaluations' choice (passed as {@code -c 0.25}), and ours: {@link Scoring#DEFAULT}.
 * DIHARD and pyannote use 0 s, so state the collar when you quote a DER.
 *
 * <p><b>Overlap.</b> {@link Overlap#SCORED} scores everything; {@link Overlap#EXCLUDED} (md-eval {@code -1})
 * scores only where at most one reference speaker speaks.
 *
 * <p>Worked example: reference A 0–10 s, B 10–20 s; hypothesis X 0–12 s, Y 12–20 s. X↔A, Y↔B; 10–12 s is B's
 * speech credited to X: confusion 2 s of 20, DER 10% without a collar. With a 0.25 s collar, 0–0.25, 9.75–10.25 and
 * 19.75–20 s are not scored: confusion 1.75 s (10.25–12 s) of 19 s, DER 9.21%.
 *
 * <p>Segments of one speaker must not overlap (md-eval stops on them too). Checked against md-eval 22 of SCTK
 * (Debian {@code sctk}) on {@code data/fixtures/metrics/md-eval-fixtures.json} ({@code make_md_eval_fixtures.py}).
 *
 * @param scoredSpeakerSeconds Σ d·N_ref over scored pieces, seconds
 * @param missedSeconds        missed speaker time, seconds
 * @param falseAlarmSeconds    false-alarm speaker time, seconds
 * @param confusionSeconds     speaker-confusion time, seconds
 * @param speakerMap           hypothesis speaker → reference speaker
 * @param collarSeconds        the collar it was scored with
 * @param overlap              whether overlapped speech was scored
 * @see <a href="https://github.com/usnistgov/SCTK">NIST SCTK (md-eval.pl)</a>
 */
public record DiarizationError(double scoredSpeakerSeconds, double missedSeconds, double falseAlarmSeconds,
                               double confusionSeconds, Map<String, String> speakerMap, double collarSeconds,
                               Overlap overlap) implements Displayable {

    /** Whether reference regions with two or more speakers are scored. */
    public enum Overlap {
        /** Score overlapped speech too (md-eval's default). */
        SCORED,
        /** Score only where at most one reference speaker speaks (md-eval {@code -1}). */
        EXCLUDED
    }

    public DiarizationError {
        speakerMap = Collections.unmodifiableMap(new LinkedHashMap<>(speakerMap));
    }

    /**
     * The scoring region, an md-eval UEM line.
     *
     * @param startSeconds where scoring begins
     * @param endSeconds   where it ends (&gt; start)
     */
    public record Region(double startSeconds, double endSeconds) {
        public Region {
            if (!Double.isFinite(startSeconds) || !Double.isFinite(endSeconds) || !(endSeconds > startSeconds)) {
                throw new IllegalArgumentException("scoring region " + startSeconds + " s to " + endSeconds
                        + " s: both finite and end > start");
            }
        }
    }

    /**
     * How to score: collar, overlap, region. Immutable; {@link #apply} scores a hypothesis.
     *
     * @param collarSeconds ±seconds not scored around each reference boundary (≥ 0)
     * @param overlap       whether overlapped reference speech is scored
     * @param region        the region scored, or {@code null} for the reference's extent
     */
    public record Scoring(double collarSeconds, Overlap overlap, Region region) {

        /** Collar 0.25 s, overlap scored, the reference's extent. */
        public static final Scoring DEFAULT = new Scoring(0.25, Overlap.SCORED, null);

        public Scoring {
            if (!(collarSeconds >= 0) || Double.isInfinite(collarSeconds)) {
                throw new IllegalArgumentException("collar (" + collarSeconds + " s) must be finite and ≥ 0");
            }
            if (overlap == null) {
                throw new IllegalArgumentException("overlap must be SCORED or EXCLUDED, not null");
            }
        }

        /**
         * @param reference  the reference turns (at least one)
         * @param hypothesis the system's turns (may be empty)
         * @return the DER and its parts
         */
        public DiarizationError apply(List<SpeakerSegment> reference, List<SpeakerSegment> hypothesis) {
            return DiarizationError.compute(reference, hypothesis, this);
        }

        /** Builds a {@link Scoring}, starting from {@link #DEFAULT}. */
        public static final class Builder {
            private double collarSeconds = DEFAULT.collarSeconds;
            private Overlap overlap = DEFAULT.overlap;
            private Region region;

            private Builder() {
            }

            /** @param seconds ±seconds around each reference boundary left unscored (md-eval {@code -c}) */
            public Builder collarSeconds(double seconds) {
                this.collarSeconds = seconds;
                return this;
            }

            /** @param overlap {@link Overlap#EXCLUDED} for md-eval's {@code -1} */
            public Builder overlap(Overlap overlap) {
                this.overlap = overlap;
                return this;
            }

            /** Scores only from {@code startSeconds} to {@code endSeconds} (a one-line UEM). */
            public Builder region(double startSeconds, double endSeconds) {
                this.region = new Region(startSeconds, endSeconds);
                return this;
            }

            public Scoring build() {
                return new Scoring(collarSeconds, overlap, region);
            }
        }
    }

    /** @return a builder of scoring options, from collar 0.25 s, overlap scored, the reference's extent */
    public static Scoring.Builder scoring() {
        return new Scoring.Builder();
    }

    /**
     * @param reference  the reference turns (at least one)
     * @param hypothesis the system's turns (may be empty)
     * @return the DER with {@link Scoring#DEFAULT}: collar 0.25 s, overlap scored
     */
    public static DiarizationError of(List<SpeakerSegment> reference, List<SpeakerSegment> hypothesis) {
        return Scoring.DEFAULT.apply(reference, hypothesis);
    }

    /** @return missed + false alarm + confusion, seconds */
    public double errorSeconds() {
        return missedSeconds + falseAlarmSeconds + confusionSeconds;
    }

    /** @return the DER in percent of scored speaker time */
    public double derPercent() {
        return percent(errorSeconds());
    }

    /** @return missed speaker time in percent of scored speaker time */
    public double missedPercent() {
        return percent(missedSeconds);
    }

    /** @return false-alarm time in percent of scored speaker time */
    public double falseAlarmPercent() {
        return percent(falseAlarmSeconds);
    }

    /** @return confusion time in percent of scored speaker time */
    public double confusionPercent() {
        return percent(confusionSeconds);
    }

    private double percent(double seconds) {
        return scoredSpeakerSeconds == 0 ? (seconds == 0 ? 0 : Double.POSITIVE_INFINITY) : 100 * seconds / scoredSpeakerSeconds;
    }

    // ---- the computation ----

    private static DiarizationError compute(List<SpeakerSegment> reference, List<SpeakerSegment> hypothesis, Scoring s) {
        if (reference.isEmpty()) {
            throw new IllegalArgumentException("the reference has no segments: there is no speech to score against");
        }
        List<String> refNames = names(reference, "reference");
        List<String> hypNames = names(hypothesis, "hypothesis");
        Region region = s.region() != null ? s.region()
                : new Region(reference.stream().mapToDouble(SpeakerSegment::startSeconds).min().orElseThrow(),
                        reference.stream().mapToDouble(SpeakerSegment::endSeconds).max().orElseThrow());

        List<double[]> excluded = new ArrayList<>();
        if (s.collarSeconds() > 0) {
            for (SpeakerSegment g : reference) {
                excluded.add(new double[] {g.startSeconds() - s.collarSeconds(), g.startSeconds() + s.collarSeconds()});
                excluded.add(new double[] {g.endSeconds() - s.collarSeconds(), g.endSeconds() + s.collarSeconds()});
            }
        }
        if (s.overlap() == Overlap.EXCLUDED) {
            excluded.addAll(overlapZones(reference));
        }
        List<double[]> scored = subtract(region, union(excluded));

        TreeSet<Double> cuts = new TreeSet<>();
        cuts.add(region.startSeconds());
        cuts.add(region.endSeconds());
        for (SpeakerSegment g : reference) {
            cuts.add(g.startSeconds());
            cuts.add(g.endSeconds());
        }
        for (SpeakerSegment g : hypothesis) {
            cuts.add(g.startSeconds());
            cuts.add(g.endSeconds());
        }
        for (double[] iv : scored) {
            cuts.add(iv[0]);
            cuts.add(iv[1]);
        }
        Double[] t = cuts.subSet(region.startSeconds(), true, region.endSeconds(), true).toArray(new Double[0]);

        // the pieces: duration, active reference and hypothesis speakers, scored or not
        int pieces = t.length - 1;
        double[] duration = new double[pieces];
        boolean[][] refActive = new boolean[pieces][];
        boolean[][] hypActive = new boolean[pieces][];
        boolean[] inScore = new boolean[pieces];
        for (int p = 0; p < pieces; p++) {
            double mid = (t[p] + t[p + 1]) / 2;
            duration[p] = t[p + 1] - t[p];
            refActive[p] = active(reference, refNames, mid);
            hypActive[p] = active(hypothesis, hypNames, mid);
            for (double[] iv : scored) {
                inScore[p] |= iv[0] < mid && mid < iv[1];
            }
        }

        double[][] together = new double[refNames.size()][hypNames.size()];
        for (int p = 0; p < pieces; p++) {
            for (int r = 0; r < refNames.size(); r++) {
                for (int h = 0; h < hypNames.size(); h++) {
                    if (refActive[p][r] && hypActive[p][h]) {
                        together[r][h] += duration[p];
                    }
                }
            }
        }
        int[] hypOfRef = Assignment.maximumWeight(together);
        for (int r = 0; r < hypOfRef.length; r++) {
            if (hypOfRef[r] >= 0 && together[r][hypOfRef[r]] == 0) {
                hypOfRef[r] = -1;
            }
        }

        double scoredSpeaker = 0;
        double missed = 0;
        double falseAlarm = 0;
        double confusion = 0;
        for (int p = 0; p < pieces; p++) {
            if (!inScore[p]) {
                continue;
            }
            int nRef = 0;
            int nHyp = 0;
            int nCorrect = 0;
            for (int r = 0; r < refNames.size(); r++) {
                if (refActive[p][r]) {
                    nRef++;
                    nCorrect += hypOfRef[r] >= 0 && hypActive[p][hypOfRef[r]] ? 1 : 0;
                }
            }
            for (boolean a : hypActive[p]) {
                nHyp += a ? 1 : 0;
            }
            double d = duration[p];
            scoredSpeaker += d * nRef;
            missed += d * Math.max(0, nRef - nHyp);
            falseAlarm += d * Math.max(0, nHyp - nRef);
            confusion += d * (Math.min(nRef, nHyp) - nCorrect);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int r = 0; r < hypOfRef.length; r++) {
            if (hypOfRef[r] >= 0) {
                map.put(hypNames.get(hypOfRef[r]), refNames.get(r));
            }
        }
        return new DiarizationError(scoredSpeaker, missed, falseAlarm, confusion, map, s.collarSeconds(), s.overlap());
    }

    /** Speaker labels in order of first appearance; checks that no speaker overlaps itself. */
    private static List<String> names(List<SpeakerSegment> segments, String side) {
        Map<String, List<SpeakerSegment>> bySpeaker = new LinkedHashMap<>();
        for (SpeakerSegment g : segments) {
            bySpeaker.computeIfAbsent(g.speaker(), k -> new ArrayList<>()).add(g);
        }
        for (Map.Entry<String, List<SpeakerSegment>> e : bySpeaker.entrySet()) {
            List<SpeakerSegment> list = new ArrayList<>(e.getValue());
            list.sort(Comparator.comparingDouble(SpeakerSegment::startSeconds));
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i).startSeconds() < list.get(i - 1).endSeconds()) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "%s speaker '%s' has overlapping segments (%.3f–%.3f s and %.3f–%.3f s): merge them first",
                            side, e.getKey(), list.get(i - 1).startSeconds(), list.get(i - 1).endSeconds(),
                            list.get(i).startSeconds(), list.get(i).endSeconds()));
                }
            }
        }
        return new ArrayList<>(bySpeaker.keySet());
    }

    private static boolean[] active(List<SpeakerSegment> segments, List<String> names, double time) {
        boolean[] out = new boolean[names.size()];
        for (SpeakerSegment g : segments) {
            if (g.startSeconds() < time && time < g.endSeconds()) {
                out[names.indexOf(g.speaker())] = true;
            }
        }
        return out;
    }

    /** Where two or more reference speakers speak at once. */
    private static List<double[]> overlapZones(List<SpeakerSegment> reference) {
        double[][] events = new double[2 * reference.size()][];
        int k = 0;
        for (SpeakerSegment g : reference) {
            events[k++] = new double[] {g.startSeconds(), +1};
            events[k++] = new double[] {g.endSeconds(), -1};
        }
        Arrays.sort(events, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        List<double[]> zones = new ArrayList<>();
        int count = 0;
        double start = 0;
        for (double[] e : events) {
            count += (int) e[1];
            if (e[1] > 0 && count == 2) {
                start = e[0];
            } else if (e[1] < 0 && count == 1 && e[0] > start) {
                zones.add(new double[] {start, e[0]});
            }
        }
        return zones;
    }

    private static List<double[]> union(List<double[]> intervals) {
        List<double[]> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingDouble(iv -> iv[0]));
        List<double[]> out = new ArrayList<>();
        for (double[] iv : sorted) {
            if (!out.isEmpty() && iv[0] <= out.get(out.size() - 1)[1]) {
                out.get(out.size() - 1)[1] = Math.max(out.get(out.size() - 1)[1], iv[1]);
            } else {
                out.add(iv.clone());
            }
        }
        return out;
    }

    private static List<double[]> subtract(Region region, List<double[]> holes) {
        List<double[]> out = new ArrayList<>();
        double from = region.startSeconds();
        for (double[] h : holes) {
            if (h[1] <= from) {
                continue;
            }
            if (h[0] >= region.endSeconds()) {
                break;
            }
            if (h[0] > from) {
                out.add(new double[] {from, h[0]});
            }
            from = Math.max(from, h[1]);
        }
        if (from < region.endSeconds()) {
            out.add(new double[] {from, region.endSeconds()});
        }
        return out;
    }

    // ---- display ----

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DER=%.2f%% (missed %.2f%%, false alarm %.2f%%, confusion %.2f%%; collar %.2f s, overlap %s)",
                derPercent(), missedPercent(), falseAlarmPercent(), confusionPercent(), collarSeconds,
                overlap.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public MimeBundle toMimeBundle() {
        String caption = String.format(Locale.ROOT, "Diarization error rate (collar ±%.2f s, overlap %s)", collarSeconds,
                overlap.name().toLowerCase(Locale.ROOT));
        Object[][] rows = {
                {"Scored speaker time", scoredSpeakerSeconds, 100.0},
                {"Missed speech", missedSeconds, missedPercent()},
                {"False alarm", falseAlarmSeconds, falseAlarmPercent()},
                {"Speaker confusion", confusionSeconds, confusionPercent()},
                {"DER", errorSeconds(), derPercent()},
        };
        StringBuilder text = new StringBuilder(caption).append('\n');
        StringBuilder html = new StringBuilder("<table class=\"earshot-der\"><caption>").append(Html.escape(caption))
                .append("</caption><thead><tr><th></th><th>seconds</th><th>%</th></tr></thead><tbody>");
        for (Object[] r : rows) {
            String name = (String) r[0];
            String sec = String.format(Locale.ROOT, "%.2f", (double) r[1]);
            String pct = String.format(Locale.ROOT, "%.2f", (double) r[2]);
            text.append(String.format(Locale.ROOT, "  %-20s %10s s %8s %%%n", name, sec, pct));
            boolean total = name.equals("DER");
            html.append(total ? "<tr style=\"font-weight:bold\">" : "<tr>").append("<th style=\"text-align:left\">")
                    .append(Html.escape(name)).append("</th><td style=\"text-align:right\">").append(sec)
                    .append("</td><td style=\"text-align:right\">").append(pct).append("</td></tr>");
        }
        html.append("</tbody></table>");
        StringBuilder mapping = new StringBuilder();
        speakerMap.forEach((h, r) -> mapping.append(mapping.length() == 0 ? "" : ", ").append(h).append(" → ").append(r));
        String mapLine = "Speaker map: " + (mapping.length() == 0 ? "(none)" : mapping);
        text.append("  ").append(mapLine);
        html.append("<p style=\"font:12px monospace\">").append(Html.escape(mapLine)).append("</p>");
        return MimeBundle.text(text.toString()).html(html.toString()).build();
    }
}
