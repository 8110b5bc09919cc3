package org.earshot.signal.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.earshot.kit.Kit;

/** The 21.1 lesson's notebooks as the grading tests submit them, and the edits that make a student of one. */
final class TestNotebooks {

    static final String LESSON = "21.1-signal";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestNotebooks() {
    }

    /** @return the lesson's notebook in {@code solutions} or {@code exercises} (the released one) */
    static ObjectNode lesson(String folder) throws IOException {
        return (ObjectNode) JSON.readTree(Kit.home().resolve(folder).resolve(LESSON + ".ipynb").toFile());
    }

    /**
     * @param sources exercise id → the cell's new source; a value starting with "+" is put before the cell's own
     * @return {@code nb}, those exercises' cells replaced
     */
    static ObjectNode with(ObjectNode nb, Map<String, String> sources) {
        for (var cell : nb.get("cells")) {
            String id = cell.path("metadata").path("earshot").path("exercise").asText();
            if (sources.containsKey(id)) {
                String src = sources.get(id);
                String old = text(cell.path("source"));
                ArrayNode lines = ((ObjectNode) cell).putArray("source");
                lines.add(src.startsWith("+") ? src.substring(1) + "\n" + old : src);
            }
        }
        return nb;
    }

    private static String text(JsonNode source) {
        StringBuilder b = new StringBuilder();
        source.forEach(l -> b.append(l.asText()));
        return source.isArray() ? b.toString() : source.asText();
    }

    /** Writes {@code notebook} as {@code dir/student/21.1-signal.ipynb}. */
    static void submit(Path dir, String student, ObjectNode notebook) throws IOException {
        Path d = Files.createDirectories(dir.resolve(student));
        JSON.writeValue(d.resolve(LESSON + ".ipynb").toFile(), notebook);
    }
}
