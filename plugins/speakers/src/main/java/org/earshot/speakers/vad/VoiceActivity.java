package org.earshot.speakers.vad;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.earshot.display.Displayable;
import org.earshot.display.Html;
import org.earshot.display.LinePlot;
import org.earshot.display.MimeBundle;
import org.earshot.display.Segment;
import org.earshot.metrics.SpeakerSegment;

/**
 * What {@link EnergyVad} found in a sound: each frame's level, its speech decision, and the speech segments, with
 * their time axis (frame centres {@code startSeconds + (t·hop + L/2)/sampleRate}). Immutable.
 */
public final class VoiceActivity implements Displayable {

    /** The label of speech segments written as RTTM {@code SPEAKER} lines (as pyannote writes VAD output). */
    public static final String SPEECH = "speech";

    private final double[] energiesDb;
    private final boolean[] speech;
    private final double thresholdDb;
    private final int hangoverFrames;
    private final int frameLength;
    private final int hopLength;
    private final int sampleRate;
    private final double startSeconds;
    private final double durationSeconds;

    VoiceActivity(double[] energiesDb, boolean[] speech, double thresholdDb, int hangoverFrames, int frameLength,
                  int hopLength, int sampleRate, double startSeconds, double durationSeconds) {
        this.energiesDb = energiesDb;
        this.speech = speech;
        this.thresholdDb = thresholdDb;
        this.hangoverFrames = hangoverFrames;
        this.frameLength = frameLength;
        this.hopLength = hopLength;
        this.sampleRate = sampleRate;
        this.startSeconds = startSeconds;
        this.durationSeconds = durationSeconds;
    }

    /** @return {@code [frames]} frame levels, dBFS (a copy) */
    public double[] energiesDb() {
        return energiesDb.clone();
    }

    /** @return {@code [frames]} decisions after the hangover (a copy) */
    public boolean[] speechFrames() {
        return speech.clone();
    }

    /** @return {@code [frames]} frame centres, seconds */
    public double[] times() {
        double[] t = new double[energiesDb.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = startSeconds + (i * (double) hopLength + frameLength / 2.0) / sampleRate;
        }
        return t;
    }

    /** @return θ, dBFS */
    public double thresholdDb() {
        return thresholdDb;
    }

    /** @return H, frames */
    public int hangoverFrames() {
        return hangoverFrames;
    }

    /** @return the hop between frames, seconds */
    public double hopSeconds() {
        return (double) hopLength / sampleRate;
    }

    /**
     * @return the speech regions, in order, labelled {@value #SPEECH}: a run of speech frames {@code t₀ … t₁} is
     *         {@code [t₀·hop + (L − hop)/2, (t₁ + 1)·hop + (L − hop)/2)} seconds from the sound's start, the first
     *         frame's stretch reaching back to the start and the last frame's on to the end
     */
    public List<SpeakerSegment> segments() {
        List<SpeakerSegment> out = new ArrayList<>();
        double offset = (frameLength - hopLength) / 2.0;
        for (int t = 0; t < speech.length; t++) {
            if (speech[t] && (t == 0 || !speech[t - 1])) {
                int last = t;
                while (last + 1 < speech.length && speech[last + 1]) {
                    last++;
                }
                double from = t == 0 ? 0 : (t * (double) hopLength + offset) / sampleRate;
                double to = last == speech.length - 1 ? durationSeconds
                        : Math.min(durationSeconds, ((last + 1) * (double) hopLength + offset) / sampleRate);
                if (to > from) {
                    out.add(new SpeakerSegment(startSeconds + from, startSeconds + to, SPEECH));
                }
                t = last;
            }
        }
        return out;
    }

    /** @return {@link #segments()} as labelled spans to draw over a spectrogram or heat map */
    public List<Segment> spans() {
        return segments().stream().map(s -> new Segment(s.startSeconds(), s.endSeconds(), SPEECH)).toList();
    }

    /** @return the total length of the speech segments, seconds */
    public double speechSeconds() {
        return segments().stream().mapToDouble(SpeakerSegment::durationSeconds).sum();
    }

    /**
     * @param title the plot's title
     * @return frame level against time with the threshold, and the decision drawn as a step at the top
     */
    public LinePlot plot(String title) {
        double[] t = times();
        if (t.length == 0) {
            throw new IllegalStateException("the sound is shorter than one frame: no levels to draw");
        }
        double top = 0;
        for (double e : energiesDb) {
            top = Math.max(top, e);
        }
        double[] decision = new double[t.length];
        double[] threshold = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            decision[i] = speech[i] ? top + 5 : Double.NaN;
            threshold[i] = thresholdDb;
        }
        return LinePlot.builder().title(title).xAxis("Time (s)").yAxis("Frame level (dBFS)")
                .series("frame level", t, energiesDb)
                .series(String.format(Locale.ROOT, "threshold %.0f dBFS", thresholdDb), t, threshold)
                .series(String.format(Locale.ROOT, "speech (hangover %d frames)", hangoverFrames), t, decision)
                .build();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "VoiceActivity[%d frames, %d segments, %.2f s of speech in %.2f s]",
                energiesDb.length, segments().size(), speechSeconds(), durationSeconds);
    }

    @Override
    public MimeBundle toMimeBundle() {
        List<SpeakerSegment> segs = segments();
        StringBuilder text = new StringBuilder(toString());
        StringBuilder html = new StringBuilder("<table class=\"earshot-vad\"><caption>")
                .append(Html.escape(String.format(Locale.ROOT, "Energy VAD: θ = %.1f dBFS, hangover %d frames of %.0f ms",
                        thresholdDb, hangoverFrames, 1000 * hopSeconds())))
                .append("</caption><thead><tr><th>segment</th><th>start (s)</th><th>end (s)</th><th>length (s)</th>"
                        + "</tr></thead><tbody>");
        for (int i = 0; i < segs.size(); i++) {
            SpeakerSegment s = segs.get(i);
            String row = String.format(Locale.ROOT, "%d %.3f %.3f %.3f", i + 1, s.startSeconds(), s.endSeconds(),
                    s.durationSeconds());
            text.append("\n  ").append(row);
            html.append("<tr><td>").append(String.join("</td><td>", row.split(" "))).append("</td></tr>");
        }
        html.append("</tbody></table>");
        return MimeBundle.text(text.toString()).html(html.toString()).build();
    }
}
