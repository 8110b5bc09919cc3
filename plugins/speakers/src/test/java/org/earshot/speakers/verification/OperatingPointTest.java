package org.earshot.speakers.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.earshot.metrics.Verification;
import org.earshot.speakers.embedding.Embedding;
import org.junit.jupiter.api.Test;

class OperatingPointTest {

    private static final Verification JAVADOC = Verification.of(new double[] {0.9, 0.8, 0.4},
            new double[] {0.7, 0.3, 0.2, 0.1});

    @Test
    void theJavadocsThresholds() {
        OperatingPoint strict = OperatingPoint.atFalseAcceptRate(JAVADOC, 0);
        assertEquals(0.8, strict.threshold(), 0);
        assertEquals(0, strict.falseAcceptRate(), 0);
        assertEquals(1.0 / 3, strict.falseRejectRate(), 1e-15);
        OperatingPoint quarter = OperatingPoint.atFalseAcceptRate(JAVADOC, 0.25);
        assertEquals(0.4, quarter.threshold(), 0);
        assertEquals(0, quarter.falseRejectRate(), 0);
        assertEquals(0.1, OperatingPoint.atFalseAcceptRate(JAVADOC, 1).threshold(), 0);
    }

    @Test
    void noFiniteThresholdMeansAcceptNobody() {
        Verification v = Verification.of(new double[] {0.1}, new double[] {0.9});
        assertEquals(Double.POSITIVE_INFINITY, OperatingPoint.atFalseAcceptRate(v, 0).threshold());
    }

    @Test
    void cosineScoringOfTrialsIsTheCurveOfTheirScores() {
        Embedding enrolled = Embedding.of(new double[] {0.9, 0.1, 0.4});
        Trial user = new Trial(enrolled, Embedding.of(new double[] {0.8, 0.2, 0.5}), true, "user");
        Trial impostor = new Trial(enrolled, Embedding.of(new double[] {0.1, 0.9, 0.2}), false, "impostor");
        assertTrue(CosineScoring.accepts(user.score(), 0.7));
        assertFalse(CosineScoring.accepts(impostor.score(), 0.7));
        Verification v = CosineScoring.evaluate(List.of(user, impostor));
        assertEquals(0, v.eer(), 0);
        assertEquals(1, v.targetCount());
    }
}
