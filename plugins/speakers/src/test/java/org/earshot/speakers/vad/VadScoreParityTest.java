package org.earshot.speakers.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.kit.Kit;
import org.earshot.metrics.SpeakerSegment;
import org.junit.jupiter.api.Test;

/**
 * {@link VadScore} against scikit-learn's {@code precision_recall_fscore_support} and {@code confusion_matrix} on the
 * frame labels of {@code data/fixtures/speakers/make_vad_fixtures.py}, edge cases (a detector that says nothing, one
 * that says speech everywhere, no reference speech) included; and the segment path on the Javadoc's worked example.
 */
class VadScoreParityTest {

    private static boolean[] labels(String text) {
        boolean[] out = new boolean[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = text.charAt(i) == '1';
        }
        return out;
    }

    @Test
    void frameLevelPrecisionRecallAndF1EqualScikitLearns() throws IOException {
        JsonNode fixtures = new ObjectMapper().readTree(
                Kit.home().resolve("data/fixtures/speakers/vad-fixtures.json").toFile());
        int checked = 0;
        for (JsonNode c : fixtures.path("cases")) {
            String name = c.path("name").asText();
            VadScore s = VadScore.ofFrames(labels(c.path("reference").asText()), labels(c.path("hypothesis").asText()),
                    0.01);
            assertEquals(c.path("tp").asLong(), s.truePositives(), name + ": TP");
            assertEquals(c.path("fp").asLong(), s.falsePositives(), name + ": FP");
            assertEquals(c.path("fn").asLong(), s.falseNegatives(), name + ": FN");
            assertEquals(c.path("tn").asLong(), s.trueNegatives(), name + ": TN");
            assertEquals(c.path("precision").asDouble(), s.precision(), 1e-12, name + ": precision");
            assertEquals(c.path("recall").asDouble(), s.recall(), 1e-12, name + ": recall");
            assertEquals(c.path("f1").asDouble(), s.f1(), 1e-12, name + ": F1");
            assertEquals(0.01 * c.path("fn").asLong(), s.missedSeconds(), 1e-9, name + ": missed = FN frames");
            checked++;
        }
        assertEquals(11, checked, "every fixture case was read");
    }

    @Test
    void theWorkedExampleOnSegmentsAndTheUnionOfSpeakers() {
        // reference speech [1, 3) s as two overlapping speakers; hypothesis [2, 4) s; 5 s in all
        List<SpeakerSegment> reference = List.of(new SpeakerSegment(1, 2.5, "A"), new SpeakerSegment(2, 3, "B"));
        VadScore s = VadScore.of(reference, List.of(new SpeakerSegment(2, 4, "speech")), 5);
        assertEquals(2.0, s.referenceSpeechSeconds(), 1e-12, "overlapped speech counts once");
        assertEquals(1.0, s.missedSeconds(), 1e-12);
        assertEquals(1.0, s.falseAlarmSeconds(), 1e-12);
        assertEquals(0.5, s.missedFraction(), 1e-12);
        assertEquals(0.5, s.precision(), 1e-12);
        assertEquals(0.5, s.recall(), 1e-12);
        assertEquals(500, s.truePositives() + s.falsePositives() + s.falseNegatives() + s.trueNegatives());
        assertEquals(List.of(new SpeakerSegment(1, 3, VoiceActivity.SPEECH)), VadScore.union(reference));
        VadScore pooled = s.plus(s);
        assertEquals(2.0, pooled.missedSeconds(), 1e-12);
        assertEquals(0.5, pooled.precision(), 1e-12);
        assertTrue(s.summary().startsWith("precision=0.5000 recall=0.5000 f1=0.5000 missed=1.000s (50.00%)"
                + " false_alarm=1.000s (50.00%)"), s.summary());
        String html = s.toMimeBundle().get(org.earshot.display.MimeBundle.HTML).orElseThrow();
        assertTrue(html.contains("missed speech"), html);
        assertThrows(IllegalArgumentException.class, () -> VadScore.ofFrames(new boolean[3], new boolean[4], 0.01));
    }
}
