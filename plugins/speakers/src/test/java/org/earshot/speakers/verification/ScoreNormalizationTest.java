package org.earshot.speakers.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.earshot.speakers.embedding.Embedding;
import org.junit.jupiter.api.Test;

class ScoreNormalizationTest {

    private static Embedding at(double degrees) {
        double r = Math.toRadians(degrees);
        return Embedding.of(new double[] {Math.cos(r), Math.sin(r)});
    }

    @Test
    void standardisesEachSideByItsClosestCohortMembers() {
        // cohort at 0°, 90°, 180°; top 2: the two closest of each side
        List<Embedding> cohort = List.of(at(0), at(90), at(180));
        ScoreNormalization norm = ScoreNormalization.adaptiveSymmetric(cohort, 2);
        Embedding enrolled = at(0);  // cosines 1, 0, −1 → top 2: {1, 0}: μ 0.5, σ 0.5
        Embedding test = at(60);     // cosines 0.5, 0.866, −0.5 → top 2: {0.866, 0.5}
        double s = Math.cos(Math.toRadians(60));
        double mt = (0.5 + Math.sqrt(3) / 2) / 2;
        double st = (Math.sqrt(3) / 2 - 0.5) / 2;
        double expected = 0.5 * ((s - 0.5) / 0.5 + (s - mt) / st);
        Trial trial = new Trial(enrolled, test, true, "t");
        assertEquals(expected, norm.score(trial), 1e-12);
        Trial impostor = new Trial(enrolled, at(170), false, "n");
        var v = norm.evaluate(List.of(trial, impostor));
        assertEquals(0.0, v.eerPercent(), 1e-12);
    }

    @Test
    void refusesATopOutsideTheCohort() {
        assertThrows(IllegalArgumentException.class, () -> ScoreNormalization.adaptiveSymmetric(List.of(at(0)), 2));
        assertThrows(IllegalArgumentException.class,
                () -> ScoreNormalization.adaptiveSymmetric(List.of(at(0), at(1)), 3));
    }
}
