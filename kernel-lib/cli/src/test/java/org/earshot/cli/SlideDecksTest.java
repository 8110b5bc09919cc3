package org.earshot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class SlideDecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Cells given as "md:…" or "code:…", optionally prefixed by "TYPE|" for their slide_type; ids c0, c1, … */
    static ObjectNode notebook(String... cells) {
        ObjectNode nb = JSON.createObjectNode().put("nbformat", 4).put("nbformat_minor", 5);
        nb.putObject("metadata");
        ArrayNode list = nb.putArray("cells");
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            String type = null;
            if (c.contains("|")) {
                type = c.substring(0, c.indexOf('|'));
                c = c.substring(c.indexOf('|') + 1);
            }
            ObjectNode cell = list.addObject().put("cell_type", c.startsWith("md:") ? "markdown" : "code")
                    .put("id", "c" + i);
            ObjectNode metadata = cell.putObject("metadata");
            if (type != null) {
                metadata.putObject("slideshow").put("slide_type", type);
            }
            cell.putArray("source").add(c.substring(c.indexOf(':') + 1));
        }
        return nb;
    }

    static List<String> types(JsonNode nb) {
        List<String> out = new ArrayList<>();
        nb.path("cells").forEach(c -> out.add(c.path("metadata").path("slideshow").path("slide_type").asText()));
        return out;
    }

    @Test
    void withoutMetadataEveryMarkdownCellBeginsASlideAndCodeStaysWithIt() {
        ObjectNode nb = notebook("md:# Title\n\nwhy", "code:Synth.sine(440, 1.0, 16000, 0.5)", "md:Zoom in.",
                "code:show(x)", "code:y", "md:## 2. Sampling");
        assertFalse(SlideDecks.hasSlideMetadata(nb));
        SlideDecks.applyDefaultStructure(nb);
        assertTrue(SlideDecks.hasSlideMetadata(nb));
        assertEquals(List.of("slide", "-", "slide", "-", "-", "slide"), types(nb));
        assertEquals(3, SlideDecks.slideCount(nb));
    }

    @Test
    void slideCountFollowsNbconvertTheFirstVisibleCellBeginsASlide() {
        // skip and notes before the first visible cell; a subslide and a fragment add no horizontal slide
        ObjectNode nb = notebook("skip|md:# hidden", "notes|md:say hello", "-|md:# Title", "subslide|code:a",
                "fragment|code:b", "slide|md:## Next", "skip|code:c", "slide|md:## Last");
        assertEquals(3, SlideDecks.slideCount(nb));
        assertEquals(0, SlideDecks.slideCount(notebook("skip|md:# a", "notes|md:b")));
    }

    @Test
    void slideMetadataNbconvertCannotUseIsNamedByCell() {
        assertEquals(List.of(), SlideDecks.slideProblems(notebook("md:# a", "fragment|code:b", "-|code:c")));
        assertEquals(List.of("cell 2: slide_type 'Slide' is not one of slide, subslide, fragment, skip, notes, -"),
                SlideDecks.slideProblems(notebook("md:# a", "Slide|code:b")));
        assertEquals(List.of("every cell is skip or notes: no slide to show"),
                SlideDecks.slideProblems(notebook("skip|md:# a", "notes|md:b")));
    }

    @Test
    void theLessonsSlideMetadataWinsOverTheExecutedCopysMatchedByCellId() {
        ObjectNode executed = notebook("slide|md:# T", "slide|code:x", "code:y");
        ObjectNode lesson = notebook("slide|md:# T", "fragment|code:x", "skip|code:y");
        SlideDecks.takeSlideMetadata(executed, lesson);
        assertEquals(List.of("slide", "fragment", "skip"), types(executed));
        // a lesson whose cells carry no slide metadata removes the executed copy's, so the default applies
        SlideDecks.takeSlideMetadata(executed, notebook("md:# T", "code:x", "code:y"));
        assertFalse(SlideDecks.hasSlideMetadata(executed));
    }

    @Test
    void cellsTheLessonChangedSinceItRanAreCounted() {
        ObjectNode lesson = notebook("md:# T", "code:x", "code:y");
        assertEquals(0, SlideDecks.cellsChangedSince(notebook("md:# T", "code:x", "code:y"), lesson));
        assertEquals(1, SlideDecks.cellsChangedSince(notebook("md:# T", "code:x", "code:old y"), lesson));
        assertEquals(1, SlideDecks.cellsChangedSince(notebook("md:# T", "code:x"), lesson));
        assertEquals(1, SlideDecks.cellsChangedSince(notebook("md:# T", "code:x", "code:y", "code:gone"), lesson));
        // a lesson without cell ids (nbformat 4.4) is matched by position: nbconvert gave the executed copy new ids
        lesson.path("cells").forEach(c -> ((ObjectNode) c).remove("id"));
        assertEquals(0, SlideDecks.cellsChangedSince(notebook("md:# T", "code:x", "code:y"), lesson));
        ObjectNode executed = notebook("md:# T", "code:x", "code:y");
        ((ObjectNode) lesson.path("cells").get(1).path("metadata")).putObject("slideshow").put("slide_type", "skip");
        SlideDecks.takeSlideMetadata(executed, lesson);
        assertEquals(List.of("", "skip", ""), types(executed));
    }

    @Test
    void theTitleIsTheFirstHeadingOfAMarkdownCell() {
        assertEquals("21.1 Signal: sampling", SlideDecks.title(
                notebook("code:// # not a heading", "md:Intro\n# 21.1 Signal: sampling\n", "md:## 1. Later"), "x"));
        assertEquals("fallback", SlideDecks.title(notebook("md:no heading"), "fallback"));
    }

    @Test
    void anOverlongFirstSlideScrollsToo() {
        String html = "Reveal.addEventListener('slidechanged', setScrollingSlide);";
        String patched = SlideDecks.scrollFromTheStart(html);
        assertTrue(patched.contains("Reveal.addEventListener('ready', setScrollingSlide);"), patched);
        assertEquals("no hook here", SlideDecks.scrollFromTheStart("no hook here"));
    }

    @Test
    void everyCodeCellIsTaggedInLessonOrderAndItsSourceKeptSkippedOnesIncluded() {
        ObjectNode nb = notebook("md:# Title", "code:int sampleRate = 16000;", "skip|code:var x = 1;", "md:More",
                "code:Synth.chirp(200, 4000, 1.0, sampleRate, 0.5)");
        ((ObjectNode) nb.path("cells").get(4).path("metadata")).putArray("tags").add("demo");
        assertEquals(List.of("int sampleRate = 16000;", "var x = 1;", "Synth.chirp(200, 4000, 1.0, sampleRate, 0.5)"),
                SlideDecks.tagCodeCells(nb));
        assertEquals("[\"earshot-cell-0\"]", nb.path("cells").get(1).path("metadata").path("tags").toString());
        assertEquals("[\"earshot-cell-1\"]", nb.path("cells").get(2).path("metadata").path("tags").toString());
        assertEquals("[\"demo\",\"earshot-cell-2\"]", nb.path("cells").get(4).path("metadata").path("tags").toString());
        assertTrue(nb.path("cells").get(0).path("metadata").path("tags").isMissingNode(), "markdown is not tagged");
    }

    @Test
    void theLiveScriptAndTheSourcesGoBeforeTheBodysEndAndNoSourceCanCloseTheirScript() throws Exception {
        String page = "<html><body><div class=\"slides\"></div>\n</body>\n<script>require([]);</script></html>";
        String live = SlideDecks.withLiveDemos(page, List.of("show(\"</script><b>x</b>\");", "a < b"));
        String cells = "<script type=\"application/json\" id=\"earshot-live-cells\">";
        int at = live.indexOf(cells);
        assertTrue(at > 0 && at < live.indexOf("</body>"), live);
        String json = live.substring(at + cells.length(), live.indexOf("</script>", at));
        assertFalse(json.contains("<"), json);
        assertEquals(List.of("show(\"</script><b>x</b>\");", "a < b"),
                List.of(JSON.readValue(json, String[].class)));
        assertTrue(live.contains("<script src=\"lib/earshot-live.js\"></script>\n</body>"), live);
        assertTrue(live.endsWith("</body>\n<script>require([]);</script></html>"), live);
    }
}
