package org.earshot.speakers.diarization;

import java.util.List;

import org.earshot.metrics.SpeakerSegment;

/**
 * What a diarizer says about a recording (§21.4): its "who spoke when" turns, and the windows and clustering they came
 * from, for inspection.
 *
 * @param turns         the hypothesis, in time order, speakers labelled {@code S1, S2, …} in order of first speech
 * @param windowStarts  {@code [windows]} where each embedded window begins, seconds
 * @param windowEnds    {@code [windows]} where it ends, seconds
 * @param clustering    the windows' clusters (label {@code k} is speaker {@code S(k+1)})
 */
public record Diarization(List<SpeakerSegment> turns, double[] windowStarts, double[] windowEnds, Clustering clustering) {

    public Diarization {
        turns = List.copyOf(turns);
        windowStarts = windowStarts.clone();
        windowEnds = windowEnds.clone();
    }

    @Override
    public double[] windowStarts() {
        return windowStarts.clone();
    }

    @Override
    public double[] windowEnds() {
        return windowEnds.clone();
    }

    /** @return the number of speakers found */
    public int speakerCount() {
        return clustering.clusterCount();
    }

    @Override
    public String toString() {
        return "Diarization[" + speakerCount() + " speakers, " + turns.size() + " turns, " + windowStarts.length
                + " windows]";
    }
}
