package org.earshot.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.kit.Kit;

/** Reads data/fixtures/metrics/*.json (made by the make_*.py scripts there). */
final class MetricsFixtures {

    static final Path DIR = Kit.home().resolve("data/fixtures/metrics");

    private MetricsFixtures() {
    }

    /** @return the parsed fixture file, e.g. {@code metrics-fixtures.json} */
    static JsonNode read(String name) {
        try {
            return new ObjectMapper().readTree(DIR.resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(DIR.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
