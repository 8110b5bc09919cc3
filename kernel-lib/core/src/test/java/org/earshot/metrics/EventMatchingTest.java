package org.earshot.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.earshot.metrics.EventMatching.Match;
import org.junit.jupiter.api.Test;

/** Hand-worked cases and mir_eval 0.7's onset f_measure / match_events (make_metrics_fixtures.py). */
class EventMatchingTest {

    @Test
    void theWorkedExample() {
        EventMatching m = EventMatching.of(new double[] {0.5, 1.0, 1.5}, new double[] {0.52, 1.2, 1.49},
                EventMatching.ONSET_WINDOW_SECONDS);
        assertEquals(List.of(new Match(0, 0), new Match(2, 2)), m.matches());
        assertEquals(2 / 3.0, m.precision(), 1e-15);
        assertEquals(2 / 3.0, m.recall(), 1e-15);
        assertEquals(2 / 3.0, m.f1(), 1e-15);
    }

    @Test
    void maximumMatchingBeatsNearestFirst() {
        // nearest pair first (1.3125–1.25) would leave 1.0 unmatched; the maximum matching pairs both
        EventMatching m = EventMatching.of(new double[] {1.0, 1.3125}, new double[] {1.25, 1.5}, 0.25);
        assertEquals(List.of(new Match(0, 0), new Match(1, 1)), m.matches());
    }

    @Test
    void theWindowIsInclusiveAndOneToOne() {
        assertEquals(1, EventMatching.of(new double[] {0.5}, new double[] {0.5625}, 0.0625).matched());
        assertEquals(0, EventMatching.of(new double[] {0.5}, new double[] {0.5625}, 0.0624).matched());
        EventMatching m = EventMatching.of(new double[] {1.0}, new double[] {0.98, 1.0, 1.02}, 0.05);
        assertEquals(1, m.matched());
        assertEquals(1 / 3.0, m.precision(), 1e-15);
        assertEquals(1.0, m.recall());
        // 1.05 − 0.05 rounds to 1.0: a hit, as in mir_eval, though |1.0 − 1.05| > 0.05 in floating point
        assertEquals(1, EventMatching.of(new double[] {1.0}, new double[] {1.05}, 0.05).matched());
    }

    @Test
    void anEmptyListScoresZero() {
        EventMatching m = EventMatching.of(new double[] {0.5, 1.0}, new double[0], 0.05);
        assertEquals(0.0, m.precision());
        assertEquals(0.0, m.recall());
        assertEquals(0.0, m.f1());
    }

    @Test
    void equalsMirEval() {
        for (JsonNode c : MetricsFixtures.read("metrics-fixtures.json").get("events")) {
            double[] ref = MetricsFixtures.doubles(c.get("reference"));
            double[] est = MetricsFixtures.doubles(c.get("estimated"));
            for (JsonNode w : c.get("windows")) {
                String name = c.get("name").asText() + " ±" + w.get("window").asDouble();
                EventMatching m = EventMatching.of(ref, est, w.get("window").asDouble());
                assertEquals(w.get("matched").asInt(), m.matched(), name);
                assertEquals(w.get("precision").asDouble(), m.precision(), 1e-15, name);
                assertEquals(w.get("recall").asDouble(), m.recall(), 1e-15, name);
                assertEquals(w.get("f1").asDouble(), m.f1(), 1e-15, name);
            }
        }
    }

    @Test
    void badInputsAreNamed() {
        assertEquals("estimated time 1 is -0.5 s: event times must be finite and ≥ 0 seconds",
                assertThrows(IllegalArgumentException.class,
                        () -> EventMatching.of(new double[] {1}, new double[] {1, -0.5}, 0.05)).getMessage());
        assertEquals("window (-0.05 s) must be finite and ≥ 0",
                assertThrows(IllegalArgumentException.class,
                        () -> EventMatching.of(new double[] {1}, new double[] {1}, -0.05)).getMessage());
    }
}
