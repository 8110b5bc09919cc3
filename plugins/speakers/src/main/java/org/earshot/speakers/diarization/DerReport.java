package org.earshot.speakers.diarization;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.earshot.metrics.DiarizationError;
import org.earshot.metrics.SpeakerSegment;

/**
 * DER over several recordings, as NIST md-eval totals an RTTM file holding many (§21.4): each recording is scored on
 * its own by kernel-lib's {@link DiarizationError} (its own speaker mapping, its own scoring region), then the times
 * are added, so the total DER is {@code Σ (missed + false alarm + confusion) / Σ scored speaker time}, weighted by
 * speech, not the mean of the recordings' DERs. A reference recording with no hypothesis lines is scored against an
 * empty hypothesis (all of it missed).
 *
 * @param perRecording recording id → its DER, in the reference's order
 * @param total        the sums; its speaker map names {@code recording/hypothesis → recording/reference}
 */
public record DerReport(Map<String, DiarizationError> perRecording, DiarizationError total) {

    public DerReport {
        perRecording = Collections.unmodifiableMap(new LinkedHashMap<>(perRecording));
    }

    /**
     * @param reference  recording id → reference turns (as {@link Rttm#read})
     * @param hypothesis recording id → hypothesis turns; every id must be in the reference
     * @param scoring    collar, overlap, region ({@link DiarizationError#scoring()})
     * @return each recording's DER and the total
     * @throws IllegalArgumentException when the hypothesis names a recording the reference lacks, or the reference
     *                                  is empty
     */
    public static DerReport score(Map<String, List<SpeakerSegment>> reference,
                                  Map<String, List<SpeakerSegment>> hypothesis, DiarizationError.Scoring scoring) {
        if (reference.isEmpty()) {
            throw new IllegalArgumentException("the reference has no SPEAKER lines: there is no speech to score against");
        }
        for (String id : hypothesis.keySet()) {
            if (!reference.containsKey(id)) {
                throw new IllegalArgumentException("recording '" + id + "' of the hypothesis is not in the reference");
            }
        }
        Map<String, DiarizationError> each = new LinkedHashMap<>();
        double scored = 0;
        double missed = 0;
        double falseAlarm = 0;
        double confusion = 0;
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, List<SpeakerSegment>> e : reference.entrySet()) {
            DiarizationError der;
            try {
                der = scoring.apply(e.getValue(), hypothesis.getOrDefault(e.getKey(), List.of()));
            } catch (IllegalArgumentException problem) {
                throw new IllegalArgumentException("recording '" + e.getKey() + "': " + problem.getMessage(), problem);
            }
            each.put(e.getKey(), der);
            scored += der.scoredSpeakerSeconds();
            missed += der.missedSeconds();
            falseAlarm += der.falseAlarmSeconds();
            confusion += der.confusionSeconds();
            der.speakerMap().forEach((h, r) -> map.put(e.getKey() + "/" + h, e.getKey() + "/" + r));
        }
        return new DerReport(each, new DiarizationError(scored, missed, falseAlarm, confusion,
                reference.size() == 1 ? each.values().iterator().next().speakerMap() : map, scoring.collarSeconds(),
                scoring.overlap()));
    }
}
