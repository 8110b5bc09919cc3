package org.earshot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeckIndexTest {

    @Test
    void aRowPerDeckFolderWithItsSlidesDurationAndExercisesAndNothingRemote(@TempDir Path out) throws Exception {
        for (String lesson : List.of("21.1-signal", "00-welcome")) {
            Files.createDirectories(out.resolve(lesson));
            Files.writeString(out.resolve(lesson).resolve("deck.json"), "{\"lesson\":\"" + lesson
                    + "\",\"title\":\"T <" + lesson + ">\",\"slides\":18,\"defaultStructure\":true}");
        }
        Files.createDirectories(out.resolve("not-a-deck"));
        List<DeckIndex.Row> rows = DeckIndex.rows(out, List.of());
        assertEquals(List.of("00-welcome", "21.1-signal"), rows.stream().map(DeckIndex.Row::lesson).toList());
        assertEquals(Optional.empty(), rows.get(0).section());

        String html = DeckIndex.html(List.of(new DeckIndex.Row("21.1-signal", "Signal & <sound>", 18, 22,
                Optional.of("21.1 Signal"), List.of("21.1-frame-count: How many STFT frames? (2 pt)"), true)));
        assertTrue(html.contains("<a class=\"deck\" href=\"21.1-signal/index.html\">Signal &amp; &lt;sound&gt;</a>"), html);
        assertTrue(html.contains("18 (22 screens)"), html);
        assertTrue(html.contains("≈ 44 min"), html); // two minutes a screen, subslides included
        assertTrue(html.contains("<a href=\"21.1-signal/handout.pdf\">PDF handout</a>"), html);
        assertFalse(rows.get(0).handout());
        assertTrue(html.contains("<li>21.1-frame-count: How many STFT frames? (2 pt)</li>"), html);
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "the index loads nothing remote");
    }
}
