package org.earshot.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.earshot.display.MimeBundle;
import org.earshot.metrics.DiarizationError.Overlap;
import org.junit.jupiter.api.Test;

/** The Javadoc's worked example and NIST md-eval's numbers (make_md_eval_fixtures.py, md-eval.pl version 22). */
class DiarizationErrorTest {

    static final List<SpeakerSegment> REF = List.of(new SpeakerSegment(0, 10, "A"), new SpeakerSegment(10, 20, "B"));
    static final List<SpeakerSegment> HYP = List.of(new SpeakerSegment(0, 12, "X"), new SpeakerSegment(12, 20, "Y"));

    @Test
    void theWorkedExample() {
        DiarizationError noCollar = DiarizationError.scoring().collarSeconds(0).build().apply(REF, HYP);
        assertEquals(20.0, noCollar.scoredSpeakerSeconds(), 1e-12);
        assertEquals(2.0, noCollar.confusionSeconds(), 1e-12);
        assertEquals(0.0, noCollar.missedSeconds());
        assertEquals(0.0, noCollar.falseAlarmSeconds());
        assertEquals(10.0, noCollar.derPercent(), 1e-12);
        assertEquals(Map.of("X", "A", "Y", "B"), noCollar.speakerMap());

        DiarizationError collar = DiarizationError.of(REF, HYP);
        assertEquals(0.25, collar.collarSeconds());
        assertEquals(19.0, collar.scoredSpeakerSeconds(), 1e-12);
        assertEquals(1.75, collar.confusionSeconds(), 1e-12);
        assertEquals(100 * 1.75 / 19, collar.derPercent(), 1e-12);
    }

    @Test
    void overlapIsCountedPerSpeakerOrLeftOut() {
        List<SpeakerSegment> ref = List.of(new SpeakerSegment(0, 10, "A"), new SpeakerSegment(5, 15, "B"));
        List<SpeakerSegment> hyp = List.of(new SpeakerSegment(0, 15, "X"));
        DiarizationError all = DiarizationError.scoring().collarSeconds(0).build().apply(ref, hyp);
        assertEquals(20.0, all.scoredSpeakerSeconds(), 1e-12); // 5 + 2·5 + 5
        assertEquals(5.0, all.missedSeconds(), 1e-12); // one of two speakers, 5–10 s
        assertEquals(5.0, all.confusionSeconds(), 1e-12); // 10–15 s is B's, X ↦ A (or B: a tie)
        DiarizationError single = DiarizationError.scoring().collarSeconds(0).overlap(Overlap.EXCLUDED).build()
                .apply(ref, hyp);
        assertEquals(10.0, single.scoredSpeakerSeconds(), 1e-12);
        assertEquals(0.0, single.missedSeconds(), 1e-12);
        assertEquals(5.0, single.confusionSeconds(), 1e-12);
    }

    @Test
    void hypothesisSpeechOutsideTheRegionIsNotAFalseAlarm() {
        List<SpeakerSegment> hyp = new ArrayList<>(HYP);
        hyp.add(new SpeakerSegment(25, 30, "Z"));
        assertEquals(0.0, DiarizationError.of(REF, hyp).falseAlarmSeconds());
        DiarizationError wider = DiarizationError.scoring().collarSeconds(0).region(0, 30).build().apply(REF, hyp);
        assertEquals(5.0, wider.falseAlarmSeconds(), 1e-12);
    }

    @Test
    void equalsMdEval() {
        JsonNode fixtures = MetricsFixtures.read("md-eval-fixtures.json");
        int compared = 0;
        for (JsonNode c : fixtures.get("cases")) {
            List<SpeakerSegment> ref = segments(c.get("reference"));
            List<SpeakerSegment> hyp = segments(c.get("hypothesis"));
            for (JsonNode s : c.get("scores")) {
                String name = c.get("name").asText() + " collar " + s.get("collar").asDouble() + " " + s.get("overlap").asText();
                DiarizationError d = DiarizationError.scoring().collarSeconds(s.get("collar").asDouble())
                        .overlap(Overlap.valueOf(s.get("overlap").asText())).build().apply(ref, hyp);
                assertEquals(s.get("scored_speaker").asDouble(), d.scoredSpeakerSeconds(), 1e-5, name);
                assertEquals(s.get("missed").asDouble(), d.missedSeconds(), 1e-5, name);
                assertEquals(s.get("false_alarm").asDouble(), d.falseAlarmSeconds(), 1e-5, name);
                assertEquals(s.get("confusion").asDouble(), d.confusionSeconds(), 1e-5, name);
                assertEquals(s.get("der_percent").asDouble(), d.derPercent(), 1e-5, name);
                compared++;
            }
        }
        assertEquals(40, compared);
    }

    private static List<SpeakerSegment> segments(JsonNode array) {
        List<SpeakerSegment> out = new ArrayList<>();
        for (JsonNode g : array) {
            out.add(SpeakerSegment.ofDuration(g.get("start").asDouble(), g.get("duration").asDouble(),
                    g.get("speaker").asText()));
        }
        return out;
    }

    @Test
    void showsAsATable() {
        MimeBundle b = DiarizationError.of(REF, HYP).toMimeBundle();
        String html = b.get(MimeBundle.HTML).orElseThrow();
        assertTrue(html.startsWith("<table class=\"earshot-der\"><caption>Diarization error rate (collar ±0.25 s, overlap scored)"),
                html);
        assertTrue(html.contains("<tr style=\"font-weight:bold\"><th style=\"text-align:left\">DER</th>"
                + "<td style=\"text-align:right\">1.75</td><td style=\"text-align:right\">9.21</td></tr>"), html);
        assertTrue(b.plainText().contains("Speaker map: X → A, Y → B"), b.plainText());
    }

    @Test
    void badInputsAreNamed() {
        assertEquals("reference speaker 'A' has overlapping segments (0.000–10.000 s and 5.000–12.000 s): merge them first",
                assertThrows(IllegalArgumentException.class, () -> DiarizationError.of(
                        List.of(new SpeakerSegment(0, 10, "A"), new SpeakerSegment(5, 12, "A")), HYP)).getMessage());
        assertEquals("the reference has no segments: there is no speech to score against",
                assertThrows(IllegalArgumentException.class, () -> DiarizationError.of(List.of(), HYP)).getMessage());
        assertEquals("segment of 'A' ends (1.000 s) before it starts (2.000 s): end must be > start",
                assertThrows(IllegalArgumentException.class, () -> new SpeakerSegment(2, 1, "A")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DiarizationError.scoring().collarSeconds(-1).build());
    }
}
