package org.earshot.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.display.Html;
import org.earshot.exercises.Exercise;
import org.earshot.kit.Lesson;
import org.earshot.kit.Section;

/**
 * The instructor's page of a folder of decks ({@code ./earshot slides --index}): {@code OUT/index.html}, one row per
 * deck found in {@code OUT/<lesson>/deck.json}, with its section, title (a link to the deck), slide count, a duration
 * estimate, the lesson's graded exercises and its PDF handout where there is one. Plain HTML with its style inline:
 * it opens offline like the decks. Opened from {@code ./earshot lab}'s address ({@code …/index.html?token=…}) its
 * deck links carry the token, so each deck opens with live demos ({@link #LIVE_LINKS}); otherwise they are plain.
 */
final class DeckIndex {

    /** The estimate's rule, stated on the page: a slide is an explanation, its code and the code's output. */
    static final int MINUTES_PER_SLIDE = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The page's one script: with a token in its address (the lab's), or in the tab's storage from an earlier live
     * deck, every deck link gets {@code ?token=…} and the address bar loses it (as a live deck's does); without one
     * it does nothing.
     */
    static final String LIVE_LINKS = """
            <script>
            (function () {
              var query = new URLSearchParams(window.location.search), stored = null;
              try { stored = JSON.parse(window.sessionStorage.getItem('earshot-live') || 'null'); } catch (e) {}
              var token = query.get('token') || (stored && stored.token);
              if (!token || !/^https?:$/.test(window.location.protocol)) { return; }
              try {
                window.sessionStorage.setItem('earshot-live', JSON.stringify({ token: token, server: null,
                  kernel: 'earshot' }));
              } catch (e) {}
              document.querySelectorAll('a.deck').forEach(function (a) {
                a.href = a.getAttribute('href') + '?token=' + encodeURIComponent(token);
              });
              window.history.replaceState(null, '', window.location.pathname + window.location.hash);
              document.getElementById('live').hidden = false;
            }());
            </script>
            """;

    /**
     * One deck's row.
     *
     * @param lesson    the lesson's name, e.g. {@code "21.1-signal"} (its folder)
     * @param title     its first heading
     * @param slides    its slide count
     * @param screens   the screens an audience sees: its slides and their subslides (the duration's basis)
     * @param section   its section as {@code "21.1 Signal"}, or empty for the kit's own lessons
     * @param exercises its exercises as {@code "21.1-frame-count: Count STFT frames (2 pt)"}
     * @param handout   whether its folder holds {@code handout.pdf} ({@code ./earshot slides --pdf})
     */
    record Row(String lesson, String title, int slides, int screens, Optional<String> section, List<String> exercises,
               boolean handout) {
    }

    private DeckIndex() {
    }

    /**
     * @param outDir   the folder of decks
     * @param sections the installed sections
     * @return a row per deck in the folder, in lesson order
     */
    static List<Row> rows(Path outDir, List<Section> sections) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<Path> abouts;
        try (Stream<Path> s = Files.list(outDir)) {
            abouts = s.map(d -> d.resolve("deck.json")).filter(Files::isRegularFile).sorted().toList();
        }
        for (Path about : abouts) {
            JsonNode deck = JSON.readTree(about.toFile());
            String lesson = deck.path("lesson").asText();
            Optional<Section> section = sections.stream()
                    .filter(s -> s.lessons().stream().map(Lesson::notebook).anyMatch(lesson::equals)).findFirst();
            List<String> exercises = sections.stream().flatMap(s -> s.exercises().stream())
                    .filter(e -> lesson.equals(e.lesson())).map(DeckIndex::exercise).toList();
            rows.add(new Row(lesson, deck.path("title").asText(lesson), deck.path("slides").asInt(),
                    deck.path("screens").asInt(deck.path("slides").asInt()),
                    section.map(s -> s.id() + " " + s.title()), exercises,
                    Files.isRegularFile(about.resolveSibling("handout.pdf"))));
        }
        return rows;
    }

    private static String exercise(Exercise<?, ?> e) {
        double p = e.points();
        String points = p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
        return e.id() + ": " + e.title() + " (" + points + " pt)";
    }

    /**
     * @param rows the decks
     * @return the page
     */
    static String html(List<Row> rows) {
        StringBuilder b = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Earshot: slide decks</title>
                <style>
                body { font-family: "DejaVu Sans", sans-serif; margin: 2em auto; max-width: 70em; color: #222; }
                table { border-collapse: collapse; width: 100%; } caption { text-align: left; margin-bottom: .5em; }
                th, td { border-bottom: 1px solid #ccc; padding: .4em .6em; text-align: left; vertical-align: top; }
                td.n { text-align: right; } ul { margin: 0; padding-left: 1.2em; }
                </style></head><body>
                <h1>Earshot: slide decks</h1>
                """);
        b.append("<p>Each deck is a folder that opens from <code>file://</code> with no network (copy it to a USB ")
                .append("stick as it is). Arrow keys or space move on; <kbd>S</kbd> opens the speaker view; ")
                .append("<kbd>F</kbd> is full screen. The duration is an estimate at ").append(MINUTES_PER_SLIDE)
                .append(" minutes a screen (a slide or a subslide under it).</p>\n")
                .append("<p id=\"live\" hidden>Served by <code>./earshot lab</code>: every deck opens with live ")
                .append("demos (a code cell runs on the lab's kernel: Shift+Enter or its ▶ Run button).</p>\n");
        b.append("<table><caption>").append(rows.size()).append(rows.size() == 1 ? " deck" : " decks")
                .append("</caption><thead><tr><th>§</th><th>Lesson</th><th>Slides</th><th>Duration</th>")
                .append("<th>Exercises</th></tr></thead><tbody>\n");
        for (Row r : rows) {
            b.append("<tr><td>").append(Html.escape(r.section().orElse("kit")))
                    .append("</td><td><a class=\"deck\" href=\"")
                    .append(Html.escape(r.lesson())).append("/index.html\">").append(Html.escape(r.title()))
                    .append("</a><br><small>").append(Html.escape(r.lesson()))
                    .append(r.handout()
                            ? " · <a href=\"" + Html.escape(r.lesson()) + "/handout.pdf\">PDF handout</a>" : "")
                    .append("</small></td><td class=\"n\">")
                    .append(r.slides()).append(r.screens() > r.slides() ? " (" + r.screens() + " screens)" : "")
                    .append("</td><td class=\"n\">")
                    .append(String.format(Locale.ROOT, "≈ %d min", r.screens() * MINUTES_PER_SLIDE))
                    .append("</td><td>")
                    .append(r.exercises().isEmpty() ? "—" : r.exercises().stream().map(Html::escape)
                            .collect(Collectors.joining("</li><li>", "<ul><li>", "</li></ul>")))
                    .append("</td></tr>\n");
        }
        return b.append("</tbody></table>\n").append(LIVE_LINKS).append("</body></html>\n").toString();
    }

    /**
     * Writes {@code outDir/index.html}.
     *
     * @return the page written
     */
    static Path write(Path outDir, List<Section> sections) throws IOException {
        Files.createDirectories(outDir);
        Path page = outDir.resolve("index.html");
        Files.writeString(page, html(rows(outDir, sections)), StandardCharsets.UTF_8);
        return page;
    }
}
