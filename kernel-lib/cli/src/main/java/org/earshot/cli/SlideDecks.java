package org.earshot.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Offline reveal.js slide decks of executed lessons: what {@code ./earshot slides} writes.
 *
 * <p>A deck is one folder, {@code OUT/<lesson>/}: {@code index.html} (nbconvert's {@code --to slides} of the executed
 * notebook, every output embedded), {@code lib/} (the local reveal.js, MathJax, require.js and jQuery of
 * {@link DeckAssets}) and {@code deck.json} (lesson, title, slide count). It opens from {@code file://} with no
 * network.
 *
 * <p>Slide structure comes from the cells' {@code metadata.slideshow.slide_type} ({@code slide}, {@code subslide},
 * {@code fragment}, {@code skip}, {@code notes}, {@code -}), read from the lesson in {@code notebooks/} (so that
 * editing it needs no re-run) and matched to the executed cells by cell id. A lesson with no slide metadata at all
 * gets a default structure: every markdown cell begins a slide, and every code cell continues the slide before it.
 * A lesson's markdown cell says what and why before each code cell, so a slide is one idea: the explanation, its
 * code and the code's figure or player together (a long slide scrolls).
 *
 * <p>Every deck can also run its code cells live ({@code lib/earshot-live.js}, see {@link #withLiveDemos}): each code
 * cell carries the tag {@code earshot-cell-N} (its place among the lesson's code cells, so the page's
 * {@code celltag_earshot-cell-N} class finds it), and the page holds every code cell's source, skipped ones
 * included. Opened with no server named in its address the script does nothing, and the deck is the exported one.
 */
final class SlideDecks {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Slide types nbconvert's reveal preprocessor knows; {@code -} continues the current slide. */
    static final Set<String> SLIDE_TYPES = Set.of("slide", "subslide", "fragment", "skip", "notes", "-");

    /**
     * A written deck.
     *
     * @param lesson            the lesson's name, e.g. {@code "21.1-signal"}
     * @param title             the lesson's first heading
     * @param page              the deck's {@code index.html}
     * @param slides            its horizontal slides, as nbconvert makes them from the metadata
     * @param defaultStructure  whether the lesson had no slide metadata and got the default structure
     * @param staleCells        cells of the lesson the executed copy lacks or holds with another source (0: current)
     */
    record Deck(String lesson, String title, Path page, int slides, boolean defaultStructure, int staleCells) {
        /** @return the deck's folder */
        Path folder() {
            return page.getParent();
        }
    }

    private SlideDecks() {
    }

    /**
     * @param notebook a notebook (nbformat 4)
     * @return whether any of its cells carries {@code metadata.slideshow.slide_type}
     */
    static boolean hasSlideMetadata(JsonNode notebook) {
        for (JsonNode cell : notebook.path("cells")) {
            if (cell.path("metadata").path("slideshow").hasNonNull("slide_type")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Gives every cell of a notebook without slide metadata the default structure: a markdown cell is a
     * {@code slide}, every other cell {@code -} (it continues the slide of the markdown before it).
     *
     * @param notebook a notebook, changed in place
     */
    static void applyDefaultStructure(ObjectNode notebook) {
        for (JsonNode cell : notebook.path("cells")) {
            boolean markdown = "markdown".equals(cell.path("cell_type").asText());
            slideshow((ObjectNode) cell).put("slide_type", markdown ? "slide" : "-");
        }
    }

    /**
     * Copies the slide metadata of the lesson's cells onto the executed notebook's cells with the same id, or the
     * same position where the lesson has no cell ids (the executed copy may predate an edit of the metadata).
     *
     * @param executed the executed notebook, changed in place
     * @param lesson   the lesson as authored
     */
    static void takeSlideMetadata(ObjectNode executed, JsonNode lesson) {
        for (JsonNode cell : executed.path("cells")) {
            metadata((ObjectNode) cell).remove("slideshow");
        }
        JsonNode cells = lesson.path("cells");
        for (int i = 0; i < cells.size(); i++) {
            JsonNode show = cells.get(i).path("metadata").path("slideshow");
            JsonNode ran = executedCell(executed, cells.get(i), i);
            if (show.isObject() && ran != null) {
                metadata((ObjectNode) ran).set("slideshow", show.deepCopy());
            }
        }
    }

    /**
     * The executed cell of a lesson's cell: the one with its id, or, for a lesson written without cell ids (nbformat
     * before 4.5: nbconvert gives the executed copy new ones), the one at its position.
     */
    private static JsonNode executedCell(JsonNode executed, JsonNode lessonCell, int index) {
        JsonNode cells = executed.path("cells");
        if (!lessonCell.hasNonNull("id")) {
            return index < cells.size() ? cells.get(index) : null;
        }
        for (JsonNode cell : cells) {
            if (lessonCell.get("id").asText().equals(cell.path("id").asText(null))) {
                return cell;
            }
        }
        return null;
    }

    /**
     * @param executed the executed copy
     * @param lesson   the lesson as authored
     * @return how many of the lesson's cells the executed copy lacks or holds with another source (the lesson was
     *         edited after {@code ./earshot run}), 0 when it is current
     */
    static int cellsChangedSince(JsonNode executed, JsonNode lesson) {
        JsonNode cells = lesson.path("cells");
        int changed = 0;
        for (int i = 0; i < cells.size(); i++) {
            JsonNode ran = executedCell(executed, cells.get(i), i);
            changed += ran != null && source(ran).equals(source(cells.get(i))) ? 0 : 1;
        }
        return changed + Math.max(0, executed.path("cells").size() - lesson.path("cells").size());
    }

    /**
     * @param notebook a notebook
     * @return {@code "cell N: slide_type 'x' is not one of …"} for each cell nbconvert would not understand, and a
     *         problem when every cell is {@code skip} or {@code notes} (nbconvert refuses such a deck); empty when
     *         it makes a deck
     */
    static List<String> slideProblems(JsonNode notebook) {
        List<String> problems = new ArrayList<>();
        JsonNode cells = notebook.path("cells");
        for (int i = 0; i < cells.size(); i++) {
            JsonNode type = cells.get(i).path("metadata").path("slideshow").path("slide_type");
            if (!type.isMissingNode() && !SLIDE_TYPES.contains(type.asText())) {
                problems.add("cell " + (i + 1) + ": slide_type '" + type.asText()
                        + "' is not one of slide, subslide, fragment, skip, notes, -");
            }
        }
        if (cells.size() > 0 && slideCount(notebook) == 0) {
            problems.add("every cell is skip or notes: no slide to show");
        }
        return problems;
    }

    /**
     * The number of horizontal slides nbconvert makes: the first cell that is neither {@code skip} nor {@code notes}
     * begins the first slide, and each later {@code slide} cell one more.
     *
     * @param notebook a notebook
     * @return its slide count (0 when every cell is hidden)
     */
    static int slideCount(JsonNode notebook) {
        int slides = 0;
        for (JsonNode cell : notebook.path("cells")) {
            String type = cell.path("metadata").path("slideshow").path("slide_type").asText("-");
            if (slides == 0 && !type.equals("skip") && !type.equals("notes")) {
                slides = 1;
            } else if (slides > 0 && type.equals("slide")) {
                slides++;
            }
        }
        return slides;
    }

    /**
     * @param notebook a notebook with slide metadata
     * @return the screens an audience sees: the slides and, under them, the subslides
     */
    static int screenCount(JsonNode notebook) {
        int subslides = 0;
        for (JsonNode cell : notebook.path("cells")) {
            subslides += cell.path("metadata").path("slideshow").path("slide_type").asText("-").equals("subslide")
                    ? 1 : 0;
        }
        return slideCount(notebook) + subslides;
    }

    /**
     * @param notebook a notebook
     * @param fallback what to return when no markdown cell has a heading
     * @return the text of its first heading, e.g. {@code "21.1 Signal: sampling, aliasing, STFT"}
     */
    static String title(JsonNode notebook, String fallback) {
        for (JsonNode cell : notebook.path("cells")) {
            if ("markdown".equals(cell.path("cell_type").asText())) {
                for (String line : source(cell).split("\n")) {
                    if (line.matches("#{1,6}\\s+\\S.*")) {
                        return line.replaceFirst("#{1,6}\\s+", "").strip();
                    }
                }
            }
        }
        return fallback;
    }

    /**
     * Writes the deck of one executed lesson into {@code outDir/<lesson>/}, replacing what was there.
     *
     * @param home     the kit's root (reveal.js unpacked by setup)
     * @param executed the executed notebook (outputs embedded), e.g. {@code build/notebooks/21.1-signal.ipynb}
     * @param lesson   the lesson as authored, whose slide metadata wins; {@code null} to use the executed copy's
     * @param outDir   the folder of decks
     * @return the deck written
     * @throws IOException when a notebook cannot be read, an asset is missing or nbconvert fails (its last line)
     */
    static Deck write(Path home, Path executed, Path lesson, Path outDir) throws IOException, InterruptedException {
        String name = executed.getFileName().toString().replaceFirst("\\.ipynb$", "");
        ObjectNode notebook = (ObjectNode) JSON.readTree(executed.toFile());
        int stale = 0;
        if (lesson != null && Files.isRegularFile(lesson)) {
            JsonNode authored = JSON.readTree(lesson.toFile());
            stale = cellsChangedSince(notebook, authored);
            takeSlideMetadata(notebook, authored);
        }
        boolean byDefault = !hasSlideMetadata(notebook);
        if (byDefault) {
            applyDefaultStructure(notebook);
        }
        List<String> problems = slideProblems(notebook);
        if (!problems.isEmpty()) {
            throw new IOException(String.join("; ", problems));
        }
        String title = title(notebook, name);
        metadata(notebook).put("title", title);
        List<String> codeSources = tagCodeCells(notebook);
        int slides = slideCount(notebook);
        Path deck = outDir.resolve(name);
        deleteTree(deck);
        Files.createDirectories(deck);
        Path tmp = Files.createTempDirectory("earshot-slides");
        try {
            Path input = tmp.resolve(name + ".ipynb");
            JSON.writeValue(input.toFile(), notebook);
            nbconvert(tmp, input, deck);
        } finally {
            deleteTree(tmp);
        }
        Path page = deck.resolve("index.html");
        Files.move(deck.resolve("index.slides.html"), page, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(page, withLiveDemos(scrollFromTheStart(Files.readString(page, StandardCharsets.UTF_8)),
                codeSources), StandardCharsets.UTF_8);
        DeckAssets.copyInto(home, deck);
        ObjectNode about = JSON.createObjectNode().put("lesson", name).put("title", title).put("slides", slides)
                .put("screens", screenCount(notebook)).put("defaultStructure", byDefault);
        JSON.writerWithDefaultPrettyPrinter().writeValue(deck.resolve("deck.json").toFile(), about);
        return new Deck(name, title, page, slides, byDefault, stale);
    }

    /**
     * nbconvert's template makes an overlong slide scroll only once the slide changes; the first slide (shown
     * before any change) would be clipped. This also runs it when reveal.js is ready.
     */
    static String scrollFromTheStart(String html) {
        String hook = "Reveal.addEventListener('slidechanged', setScrollingSlide);";
        return html.replace(hook, hook + "\n        Reveal.addEventListener('ready', setScrollingSlide);");
    }

    /** The tag of the {@code n}-th code cell (from 0), which nbconvert writes as the class {@code celltag_<tag>}. */
    static String cellTag(int n) {
        return "earshot-cell-" + n;
    }

    /**
     * Tags every code cell with {@link #cellTag} in lesson order.
     *
     * @param notebook a notebook, changed in place
     * @return the code cells' sources, in the same order
     */
    static List<String> tagCodeCells(ObjectNode notebook) {
        List<String> sources = new ArrayList<>();
        for (JsonNode cell : notebook.path("cells")) {
            if ("code".equals(cell.path("cell_type").asText())) {
                ObjectNode metadata = metadata((ObjectNode) cell);
                (metadata.path("tags").isArray() ? (ArrayNode) metadata.get("tags")
                        : metadata.putArray("tags")).add(cellTag(sources.size()));
                sources.add(source(cell));
            }
        }
        return sources;
    }

    /**
     * Adds the live-demo script and the code cells' sources to a deck's page, before {@code </body>}. The sources
     * are a JSON array in {@code <script type="application/json" id="earshot-live-cells">}, every {@code <} written as
     * its JSON escape (backslash, u003c), so that no source can end the script element.
     *
     * @param html    the page as nbconvert wrote it
     * @param sources the lesson's code cells' sources, in order ({@link #tagCodeCells})
     * @return the page with both
     */
    static String withLiveDemos(String html, List<String> sources) throws IOException {
        String cells = JSON.writeValueAsString(sources).replace("<", "\\u003c");
        String scripts = "<script type=\"application/json\" id=\"earshot-live-cells\">" + cells + "</script>\n"
                + "<script src=\"" + DeckAssets.LIVE_JS_URL + "\"></script>\n";
        int at = html.lastIndexOf("</body>");
        if (at < 0) {
            throw new IOException("nbconvert's page has no </body>: cannot add the live-demo script");
        }
        return html.substring(0, at) + scripts + html.substring(at);
    }

    private static void nbconvert(Path workDir, Path input, Path deck) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("jupyter", "nbconvert", "--to", "slides",
                "--reveal-prefix", DeckAssets.REVEAL_PREFIX,
                "--SlidesExporter.reveal_theme=white",
                "--SlidesExporter.reveal_scroll=True",
                "--SlidesExporter.require_js_url=" + DeckAssets.REQUIRE_JS_URL,
                "--SlidesExporter.jquery_url=" + DeckAssets.JQUERY_URL,
                // the reveal template of nbconvert 6.5 does not load it; pointed at nothing remote all the same
                "--SlidesExporter.font_awesome_url=",
                "--HTMLExporter.mathjax_url=" + DeckAssets.MATHJAX_URL,
                "--output-dir", deck.toString(), "--output", "index", input.toString()));
        Path log = workDir.resolve("nbconvert.log");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int rc = p.waitFor();
        if (rc != 0 || !Files.exists(deck.resolve("index.slides.html"))) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String last = lines.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no output");
            throw new IOException("jupyter nbconvert --to slides failed (exit " + rc + "): " + last.strip());
        }
    }

    private static String source(JsonNode cell) {
        JsonNode s = cell.path("source");
        if (s.isArray()) {
            StringBuilder b = new StringBuilder();
            s.forEach(line -> b.append(line.asText()));
            return b.toString();
        }
        return s.asText("");
    }

    private static ObjectNode metadata(ObjectNode node) {
        return node.path("metadata").isObject() ? (ObjectNode) node.get("metadata") : node.putObject("metadata");
    }

    private static ObjectNode slideshow(ObjectNode cell) {
        ObjectNode metadata = metadata(cell);
        return metadata.path("slideshow").isObject() ? (ObjectNode) metadata.get("slideshow")
                : metadata.putObject("slideshow");
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
