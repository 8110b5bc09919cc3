package org.earshot.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CtcCommandTest {

    @Test
    void lossOfEveryFixtureEqualsPyTorchsOnTheLastLine(@TempDir Path tmp) throws Exception {
        JsonNode fixtures = new ObjectMapper().readTree(Kit.home().resolve("data/fixtures/asr/ctc-fixtures.json").toFile());
        int i = 0;
        for (JsonNode c : fixtures.get("cases")) {
            Path csv = tmp.resolve("case" + i++ + ".csv");
            StringBuilder sb = new StringBuilder();
            for (JsonNode row : c.get("log_probs")) {
                List<String> cells = new java.util.ArrayList<>();
                row.forEach(v -> cells.add(Double.toString(v.asDouble())));
                sb.append(String.join(",", cells)).append('\n');
            }
            Files.writeString(csv, sb);
            String target = java.util.stream.StreamSupport.stream(c.get("target").spliterator(), false)
                    .map(JsonNode::asText).collect(Collectors.joining(","));
            String[] r = WerCommandTest.run("ctc", "loss", csv.toString(), "--target", target, "--blank",
                    c.get("blank").asText());
            assertEquals("0", r[0], r[2]);
            List<String> lines = r[1].lines().toList();
            assertEquals(c.get("loss").asDouble(), Double.parseDouble(lines.get(lines.size() - 1)), 1e-4);
        }
    }

    @Test
    void decodePrintsTheBeamResultLast(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("lp.csv");
        double a = Math.log(0.4);
        double b = Math.log(0.6);
        Files.writeString(csv, b + "," + a + ",-30\n" + b + "," + a + ",-30\n");
        String[] r = WerCommandTest.run("ctc", "decode", csv.toString(), "--alphabet", "_ab");
        assertEquals("0", r[0], r[2]);
        assertEquals(List.of("greedy: ", "a"), r[1].lines().toList());
    }

    @Test
    void badInputIsOneLineNamingTheFile(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "-1,-2\n-1,x\n");
        String[] r = WerCommandTest.run("ctc", "loss", csv.toString(), "--target", "1");
        assertEquals("1", r[0]);
        assertEquals("earshot ctc loss: " + csv + ":2: column 2 is not a number: 'x'", r[2].strip());
        r = WerCommandTest.run("ctc", "loss", tmp.resolve("none.csv").toString(), "--target", "1");
        assertTrue(r[2].contains("none.csv: no such file"));
    }
}
