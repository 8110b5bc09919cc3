package org.earshot.speakers.vad;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.earshot.display.Displayable;
import org.earshot.display.Html;
import org.earshot.display.MimeBundle;
import org.earshot.metrics.SpeakerSegment;

/**
 * How well a voice activity detector found the speech of a recording (§21.4, lesson {@code 21.4-speakers}), against a
 * reference "who spoke when": speech is the union of every reference speaker's turns, so overlapped speech counts
 * once.
 *
 * <p><b>Frame level.</b> The recording is cut into frames of {@code Δ} seconds (10 ms unless asked); frame i covers
 * {@code [i·Δ, (i+1)·Δ)} and is speech, in the reference or in the hypothesis, when its centre {@code (i + ½)·Δ}
 * lies inside a segment. With speech as the positive class,
 * <pre>precision = TP / (TP + FP)      recall = TP / (TP + FN)      F1 = 2·P·R / (P + R)</pre>
 * and 0 where a denominator is 0, as {@code sklearn.metrics.precision_recall_fscore_support(y_true, y_pred,
 * average='binary', zero_division=0)} gives them (a detector that says nothing has precision 0, not NaN).
 *
 * <p><b>Time.</b> The missed speech is the reference speech the hypothesis does not cover, and the false alarm the
 * hypothesis speech outside the reference; both are measured on the segments themselves (no frames), in seconds
 * and as a fraction of the reference speech, as md-eval reports them for speech activity:
 * <pre>missed = |R \ H|      false alarm = |H \ R|      (R, H: unions of the reference and hypothesis segments)</pre>
 * Recall is about {@code 1 − missed/|R|}; the two differ only by the frames' rounding at the segment edges.
 *
 * <p>Worked example: reference speech [1, 3) s, hypothesis [2, 4) s in 5 s: missed 1 s (50 %), false alarm 1 s
 * (50 %), precision = recall = 0.5.
 *
 * <pre>{@code
 * VadScore s = VadScore.of(reference, vad.apply(audio).segments(), audio.durationSeconds());
 * }</pre>
 *
 * @param truePositives          frames that are speech in both
 * @param falsePositives         frames that are speech only in the hypothesis
 * @param falseNegatives         frames that are speech only in the reference
 * @param trueNegatives          frames that are speech in neither
 * @param frameSeconds           Δ, the frame length, seconds
 * @param referenceSpeechSeconds |R|, seconds
 * @param missedSeconds          |R \ H|, seconds
 * @param falseAlarmSeconds      |H \ R|, seconds
 * @see <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.precision_recall_fscore_support.html">
 *      sklearn.metrics.precision_recall_fscore_support</a>
 */
public record VadScore(long truePositives, long falsePositives, long falseNegatives, long trueNegatives,
                       double frameSeconds, double referenceSpeechSeconds, double missedSeconds,
                       double falseAlarmSeconds) implements Displayable {

    /** Δ = 10 ms: the hop of the kit's VAD and of most speech front ends. */
    public static final double DEFAULT_FRAME_SECONDS = 0.01;

    public VadScore {
        if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0 || trueNegatives < 0) {
            throw new IllegalArgumentException("frame counts must be ≥ 0");
        }
        if (!(referenceSpeechSeconds >= 0) || !(missedSeconds >= 0) || !(falseAlarmSeconds >= 0)) {
            throw new IllegalArgumentException("speech, missed and false-alarm seconds must be ≥ 0");
        }
    }

    /**
     * Scores frame labels, e.g. those of two detectors run on one frame grid. Times are frame counts × Δ.
     *
     * @param reference    {@code [frames]}: speech in the reference
     * @param hypothesis   {@code [frames]}: speech in the hypothesis (the same length)
     * @param frameSeconds Δ, seconds (&gt; 0)
     * @return the score
     * @throws IllegalArgumentException when the lengths differ
     */
    public static VadScore ofFrames(boolean[] reference, boolean[] hypothesis, double frameSeconds) {
        if (!(frameSeconds > 0) || Double.isInfinite(frameSeconds)) {
            throw new IllegalArgumentException("frame (" + frameSeconds + " s) must be > 0");
        }
        if (reference.length != hypothesis.length) {
            throw new IllegalArgumentException("reference (" + reference.length + " frames) and hypothesis ("
                    + hypothesis.length + " frames) must have one label per frame each");
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (int i = 0; i < reference.length; i++) {
            if (reference[i] && hypothesis[i]) {
                tp++;
            } else if (hypothesis[i]) {
                fp++;
            } else if (reference[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new VadScore(tp, fp, fn, tn, frameSeconds, (tp + fn) * frameSeconds, fn * frameSeconds,
                fp * frameSeconds);
    }

    /**
     * @param reference       the reference turns, any speakers (their union is the speech)
     * @param hypothesis      what the detector found (any labels; their union is its speech)
     * @param durationSeconds the recording's length, seconds (frames cover {@code [0, duration)})
     * @return the score on 10 ms frames, with exact missed and false-alarm times
     */
    public static VadScore of(List<SpeakerSegment> reference, List<SpeakerSegment> hypothesis,
                              double durationSeconds) {
        return of(reference, hypothesis, durationSeconds, DEFAULT_FRAME_SECONDS);
    }

    /**
     * @param reference       the reference turns, any speakers (their union is the speech)
     * @param hypothesis      what the detector found (any labels; their union is its speech)
     * @param durationSeconds the recording's length, seconds (&gt; 0)
     * @param frameSeconds    Δ, seconds (&gt; 0)
     * @return the score on frames of Δ, with exact missed and false-alarm times
     */
    public static VadScore of(List<SpeakerSegment> reference, List<SpeakerSegment> hypothesis,
                              double durationSeconds, double frameSeconds) {
        if (!(durationSeconds > 0) || Double.isInfinite(durationSeconds)) {
            throw new IllegalArgumentException("duration (" + durationSeconds + " s) must be > 0");
        }
        List<SpeakerSegment> r = union(reference);
        List<SpeakerSegment> h = union(hypothesis);
        VadScore f = ofFrames(frames(r, durationSeconds, frameSeconds), frames(h, durationSeconds, frameSeconds),
                frameSeconds);
        double rs = seconds(r);
        double both = intersection(r, h);
        // |R \ H| = |R| − |R ∩ H|, clamped: the sums round, and a perfect detector must not miss −1e-15 s
        return new VadScore(f.truePositives, f.falsePositives, f.falseNegatives, f.trueNegatives, frameSeconds, rs,
                Math.max(0, rs - both), Math.max(0, seconds(h) - both));
    }

    /**
     * @param segments        speech segments, seconds
     * @param durationSeconds the recording's length, seconds
     * @param frameSeconds    Δ, seconds (&gt; 0)
     * @return {@code [⌈duration/Δ⌉]}: frame i is speech when {@code (i + ½)·Δ} lies in a segment {@code [start, end)}
     */
    public static boolean[] frames(List<SpeakerSegment> segments, double durationSeconds, double frameSeconds) {
        if (!(frameSeconds > 0) || Double.isInfinite(frameSeconds)) {
            throw new IllegalArgumentException("frame (" + frameSeconds + " s) must be > 0");
        }
        boolean[] out = new boolean[(int) Math.ceil(durationSeconds / frameSeconds - 1e-9)];
        for (SpeakerSegment s : segments) {
            int from = Math.max(0, (int) Math.ceil(s.startSeconds() / frameSeconds - 0.5));
            for (int i = from; i < out.length && (i + 0.5) * frameSeconds < s.endSeconds(); i++) {
                out[i] = true;
            }
        }
        return out;
    }

    /**
     * @param segments any segments, any speakers, in any order
     * @return their union: disjoint segments labelled {@value VoiceActivity#SPEECH}, by start time (touching ones
     *         merged)
     */
    public static List<SpeakerSegment> union(List<SpeakerSegment> segments) {
        List<SpeakerSegment> sorted = new ArrayList<>(segments);
        sorted.sort(Comparator.comparingDouble(SpeakerSegment::startSeconds));
        List<SpeakerSegment> out = new ArrayList<>();
        double from = Double.NaN;
        double to = Double.NaN;
        for (SpeakerSegment s : sorted) {
            if (!Double.isNaN(to) && s.startSeconds() <= to) {
                to = Math.max(to, s.endSeconds());
                continue;
            }
            if (!Double.isNaN(to)) {
                out.add(new SpeakerSegment(from, to, VoiceActivity.SPEECH));
            }
            from = s.startSeconds();
            to = s.endSeconds();
        }
        if (!Double.isNaN(to)) {
            out.add(new SpeakerSegment(from, to, VoiceActivity.SPEECH));
        }
        return out;
    }

    private static double seconds(List<SpeakerSegment> disjoint) {
        return disjoint.stream().mapToDouble(SpeakerSegment::durationSeconds).sum();
    }

    /** @return |a ∩ b| of two sorted, disjoint lists, seconds */
    private static double intersection(List<SpeakerSegment> a, List<SpeakerSegment> b) {
        double both = 0;
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            SpeakerSegment x = a.get(i);
            SpeakerSegment y = b.get(j);
            both += Math.max(0, Math.min(x.endSeconds(), y.endSeconds()) - Math.max(x.startSeconds(), y.startSeconds()));
            if (x.endSeconds() < y.endSeconds()) {
                i++;
            } else {
                j++;
            }
        }
        return both;
    }

    /**
     * @param other the score of another recording (frames of the same Δ)
     * @return both pooled: counts and seconds added (a corpus score, every frame weighing the same)
     */
    public VadScore plus(VadScore other) {
        if (Double.compare(frameSeconds, other.frameSeconds) != 0) {
            throw new IllegalArgumentException("pooling scores of " + frameSeconds + " s and " + other.frameSeconds
                    + " s frames");
        }
        return new VadScore(truePositives + other.truePositives, falsePositives + other.falsePositives,
                falseNegatives + other.falseNegatives, trueNegatives + other.trueNegatives, frameSeconds,
                referenceSpeechSeconds + other.referenceSpeechSeconds, missedSeconds + other.missedSeconds,
                falseAlarmSeconds + other.falseAlarmSeconds);
    }

    /** @return TP / (TP + FP), 0 when the hypothesis has no speech frame */
    public double precision() {
        return truePositives + falsePositives == 0 ? 0 : truePositives / (double) (truePositives + falsePositives);
    }

    /** @return TP / (TP + FN), 0 when the reference has no speech frame */
    public double recall() {
        return truePositives + falseNegatives == 0 ? 0 : truePositives / (double) (truePositives + falseNegatives);
    }

    /** @return 2·P·R / (P + R), 0 when both are 0 */
    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** @return missed / reference speech (0 when there is no reference speech) */
    public double missedFraction() {
        return referenceSpeechSeconds == 0 ? 0 : missedSeconds / referenceSpeechSeconds;
    }

    /** @return false alarm / reference speech (0 when there is no reference speech) */
    public double falseAlarmFraction() {
        return referenceSpeechSeconds == 0 ? 0 : falseAlarmSeconds / referenceSpeechSeconds;
    }

    /** @return the one-line summary the {@code vad --reference} command ends with */
    public String summary() {
        return String.format(Locale.ROOT, "precision=%.4f recall=%.4f f1=%.4f missed=%.3fs (%.2f%%)"
                        + " false_alarm=%.3fs (%.2f%%) speech=%.3fs", precision(), recall(), f1(), missedSeconds,
                100 * missedFraction(), falseAlarmSeconds, 100 * falseAlarmFraction(), referenceSpeechSeconds);
    }

    @Override
    public String toString() {
        return "VadScore[" + summary() + "]";
    }

    @Override
    public MimeBundle toMimeBundle() {
        String[][] rows = {
            {"precision", String.format(Locale.ROOT, "%.4f", precision()), "TP / (TP + FP), frames"},
            {"recall", String.format(Locale.ROOT, "%.4f", recall()), "TP / (TP + FN), frames"},
            {"F1", String.format(Locale.ROOT, "%.4f", f1()), "2·P·R / (P + R)"},
            {"missed speech", String.format(Locale.ROOT, "%.3f s (%.2f %%)", missedSeconds, 100 * missedFraction()),
                "reference speech not detected"},
            {"false alarm", String.format(Locale.ROOT, "%.3f s (%.2f %%)", falseAlarmSeconds,
                    100 * falseAlarmFraction()), "detected outside the reference speech"},
            {"reference speech", String.format(Locale.ROOT, "%.3f s", referenceSpeechSeconds),
                "union of all speakers' turns"},
            {"frames", String.format(Locale.ROOT, "TP %d, FP %d, FN %d, TN %d", truePositives, falsePositives,
                    falseNegatives, trueNegatives), String.format(Locale.ROOT, "%.0f ms each", 1000 * frameSeconds)}};
        StringBuilder text = new StringBuilder("VadScore");
        StringBuilder html = new StringBuilder("<table class=\"earshot-vad-score\"><caption>Voice activity against the"
                + " reference (speech = every speaker's turns)</caption><thead><tr><th>measure</th><th>value</th>"
                + "<th>what</th></tr></thead><tbody>");
        for (String[] row : rows) {
            text.append(String.format(Locale.ROOT, "%n  %-17s %s", row[0], row[1]));
            html.append("<tr><td>").append(Html.escape(row[0])).append("</td><td>").append(Html.escape(row[1]))
                    .append("</td><td>").append(Html.escape(row[2])).append("</td></tr>");
        }
        html.append("</tbody></table>");
        return MimeBundle.text(text.toString()).html(html.toString()).build();
    }
}
