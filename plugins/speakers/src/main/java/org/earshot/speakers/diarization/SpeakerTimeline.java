package org.earshot.speakers.diarization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.earshot.display.Heatmap;
import org.earshot.metrics.DiarizationError;
import org.earshot.metrics.SpeakerSegment;

/**
 * "Who spoke when" drawn (§21.4): one row per speaker, time across in 10 ms cells, the reference's speakers above the
 * hypothesis's. A cell's colour is the reference speaker it stands for: a hypothesis speaker takes the colour of the
 * reference speaker DER mapped it to ({@link DiarizationError#speakerMap()}), so a confusion shows as the wrong colour
 * in the right place; an unmapped hypothesis speaker gets a colour of its own. Silence is white. Rows are labelled
 * with the speaker's label, a hypothesis row as {@code S1→A} (mapped to reference speaker A); labels longer than about
 * six characters are cut on the axis, so short speaker labels read best.
 */
public final class SpeakerTimeline {

    /** The width of one cell, seconds. */
    public static final double CELL_SECONDS = 0.01;

    private SpeakerTimeline() {
    }

    /**
     * @param title      the figure's title
     * @param reference  the reference turns (at least one)
     * @param hypothesis the system's turns
     * @param der        their DER (its speaker map colours the hypothesis)
     * @return the timeline, reference rows on top
     */
    public static Heatmap of(String title, List<SpeakerSegment> reference, List<SpeakerSegment> hypothesis,
                             DiarizationError der) {
        Map<String, Integer> colour = new LinkedHashMap<>();
        for (SpeakerSegment s : reference) {
            colour.putIfAbsent(s.speaker(), colour.size());
        }
        List<String> refNames = new ArrayList<>(colour.keySet());
        Map<String, Integer> hypColour = new LinkedHashMap<>();
        int next = colour.size();
        for (SpeakerSegment s : hypothesis) {
            if (!hypColour.containsKey(s.speaker())) {
                String mapped = der.speakerMap().get(s.speaker());
                hypColour.put(s.speaker(), mapped != null ? colour.get(mapped) : next++);
            }
        }
        double end = 0;
        for (SpeakerSegment s : reference) {
            end = Math.max(end, s.endSeconds());
        }
        for (SpeakerSegment s : hypothesis) {
            end = Math.max(end, s.endSeconds());
        }
        int cells = Math.max(1, (int) Math.ceil(end / CELL_SECONDS));
        List<String> hypNames = new ArrayList<>(hypColour.keySet());
        int rows = hypNames.size() + refNames.size();
        double[][] v = new double[rows][cells];
        for (double[] row : v) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        List<String> labels = new ArrayList<>();
        for (int h = hypNames.size() - 1; h >= 0; h--) { // row 0 is at the bottom
            String name = hypNames.get(h);
            String mapped = der.speakerMap().get(name);
            labels.add(mapped != null ? name + "→" + mapped : name);
        }
        for (int r = refNames.size() - 1; r >= 0; r--) {
            labels.add(refNames.get(r));
        }
        for (SpeakerSegment s : hypothesis) {
            fill(v[hypNames.size() - 1 - hypNames.indexOf(s.speaker())], s, hypColour.get(s.speaker()));
        }
        for (SpeakerSegment s : reference) {
            fill(v[rows - 1 - refNames.indexOf(s.speaker())], s, colour.get(s.speaker()));
        }
        return Heatmap.builder().title(title).values(v)
                .xAxis(Heatmap.Axis.seconds(CELL_SECONDS).startingAt(CELL_SECONDS / 2))
                .yAxis(Heatmap.Axis.categories("Hypothesis→reference | reference", labels))
                .colorbar("Reference speaker (index)").colorRange(-0.5, Math.max(0.5, next - 0.5)).build();
    }

    private static void fill(double[] row, SpeakerSegment s, int value) {
        int from = (int) Math.round(s.startSeconds() / CELL_SECONDS);
        int to = Math.min(row.length, (int) Math.round(s.endSeconds() / CELL_SECONDS));
        for (int i = Math.max(0, from); i < to; i++) {
            row[i] = value;
        }
    }
}
