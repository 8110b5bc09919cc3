package org.earshot.speakers.diarization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.kit.Kit;
import org.earshot.metrics.DiarizationError;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * RTTM files read by {@link Rttm} and scored by {@link DerReport} give NIST md-eval's numbers (md-eval 22, Debian
 * sctk) on the pairs of {@code data/fixtures/speakers/der/}, made by {@code make_der_fixtures.py}: collars 0 and
 * 0.25 s, overlap scored and not.
 */
class RttmMdEvalParityTest {

    private static final Path DIR = Kit.home().resolve("data/fixtures/speakers");

    private static JsonNode fixtures() throws IOException {
        return new ObjectMapper().readTree(DIR.resolve("der-fixtures.json").toFile());
    }

    @Test
    void thereAreAtLeastTenPairsCoveringEveryCondition() throws IOException {
        JsonNode cases = fixtures().path("cases");
        assertTrue(cases.size() >= 10, cases.size() + " fixture pairs");
        for (JsonNode c : cases) {
            assertEquals(4, c.path("scores").size(), c.path("name").asText());
        }
    }

    @TestFactory
    List<DynamicTest> derEqualsMdEval() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : fixtures().path("cases")) {
            for (JsonNode s : c.path("scores")) {
                String name = String.format(Locale.ROOT, "%s, collar %.2f, overlap %s", c.path("name").asText(),
                        s.path("collar").asDouble(), s.path("overlap").asText());
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    DiarizationError.Scoring scoring = DiarizationError.scoring()
                            .collarSeconds(s.path("collar").asDouble())
                            .overlap(DiarizationError.Overlap.valueOf(s.path("overlap").asText())).build();
                    DiarizationError der = DerReport.score(Rttm.read(DIR.resolve(c.path("reference").asText())),
                            Rttm.read(DIR.resolve(c.path("hypothesis").asText())), scoring).total();
                    assertEquals(s.path("scored_speaker").asDouble(), der.scoredSpeakerSeconds(), 1e-5, "scored");
                    assertEquals(s.path("missed").asDouble(), der.missedSeconds(), 1e-5, "missed");
                    assertEquals(s.path("false_alarm").asDouble(), der.falseAlarmSeconds(), 1e-5, "false alarm");
                    assertEquals(s.path("confusion").asDouble(), der.confusionSeconds(), 1e-5, "confusion");
                    assertEquals(s.path("der_percent").asDouble(), der.derPercent(), 1e-4, "DER %");
                }));
            }
        }
        return tests;
    }
}
