package org.earshot.tts.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;

/**
 * The lesson's live calls of festival and espeak-ng give what {@code make_normalize_comparison.sh} recorded in
 * {@code data/fixtures/tts/normalize-comparison.json} (the §21.3 section declares both Debian packages).
 */
class ProductionFrontEndsTest {

    @Test
    void festivalAndEspeakSayWhatTheFixtureScriptRecorded() throws IOException {
        JsonNode fixture = new ObjectMapper().readTree(Kit.home()
                .resolve(Path.of("data/fixtures/tts/normalize-comparison.json")).toFile());
        List<String> sentences = new ArrayList<>();
        fixture.get("sentences").forEach(s -> sentences.add(s.get("sentence").asText()));
        List<List<String>> festival = ProductionFrontEnds.festivalWords(sentences);
        for (int i = 0; i < sentences.size(); i++) {
            JsonNode row = fixture.get("sentences").get(i);
            assertEquals(row.get("festival").asText(), String.join(" ", festival.get(i)), sentences.get(i));
            assertEquals(row.get("espeakPhonemes").asText().strip().replaceAll("\\s+", " "),
                    ProductionFrontEnds.espeakPhonemes(sentences.get(i)), sentences.get(i));
        }
    }
}
