package org.earshot.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The browser test of slide decks: each deck opened from {@code file://} in Debian's Chromium, driven by npm
 * {@code playwright-core} ({@code kernel-lib/cli/scripts/deck_check.cjs}), with every request that is not
 * {@code file:}, {@code data:} or {@code blob:} aborted. A deck passes when it made no blocked or failed request,
 * logged no console error and threw no page error, has as many slides as its notebook's slide cells, reached its last
 * slide by the arrow key, left no raw {@code $$} and no MathJax error, every image decoded, every audio player
 * loaded its metadata and played (muted), showed no live-demo control (its address names no server, so
 * {@code lib/earshot-live.js} must leave it as exported), and the speaker view opened (key {@code S}, reveal.js's notes plugin; its
 * requests and errors count with the deck's). It can print each deck's PDF handout on the way (reveal.js's
 * {@code ?print-pdf} view, once the math is typeset).
 */
final class DeckCheck {

    static final Path SCRIPT = Path.of("kernel-lib/cli/scripts/deck_check.cjs");

    /**
     * What the browser saw of one deck.
     *
     * @param deck     the deck checked
     * @param report   the script's counts, as it printed them (see {@code deck_check.cjs})
     * @param problems what fails it, one phrase each; empty when it passed
     */
    record Verdict(SlideDecks.Deck deck, JsonNode report, List<String> problems) {
        boolean passed() {
            return problems.isEmpty();
        }

        /**
         * @return e.g. {@code "6 slides, 0 failed requests, 0 console errors, 0 page errors, 3 formulas typeset,
         *         3 images, 1 audio players"}
         */
        String counts() {
            return String.format(Locale.ROOT, "%d slides, %d failed requests, %d console errors, %d page errors, "
                            + "%d formulas typeset, %d images, %d audio players",
                    report.path("slides").asInt(), report.path("blockedRequests").size()
                            + report.path("failedRequests").size(), report.path("consoleErrors").size(),
                    report.path("pageErrors").size(), report.path("mathTypeset").asInt(),
                    report.path("images").asInt(), report.path("audio").asInt())
                    + (report.has("pdfPages") ? ", handout.pdf of " + report.path("pdfPages").asInt() + " slides" : "");
        }
    }

    private DeckCheck() {
    }

    /**
     * @param home the kit's root
     * @return why the browser test cannot run here (one line with the fix), or empty when it can
     */
    static Optional<String> unavailable(Path home) {
        return BrowserScript.unavailable(home);
    }

    /**
     * Opens every deck in one headless Chromium.
     *
     * @param home        the kit's root
     * @param decks       the decks to open
     * @param screenshots a folder for each deck's first and last slide as PNG, or {@code null} for none
     * @param pdf         whether to print each deck's handout too ({@code handout.pdf} in its folder)
     * @return a verdict per deck, in order
     * @throws IOException when node cannot run or prints something that is not a report
     */
    static List<Verdict> check(Path home, List<SlideDecks.Deck> decks, Path screenshots, boolean pdf)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        decks.forEach(d -> args.add(d.page().toString()));
        if (screenshots != null) {
            args.addAll(List.of("--screenshots", screenshots.toString()));
        }
        if (pdf) {
            args.add("--pdf");
        }
        List<JsonNode> reports = BrowserScript.run(home, SCRIPT, args, decks.size());
        List<Verdict> out = new ArrayList<>();
        for (int i = 0; i < decks.size(); i++) {
            out.add(new Verdict(decks.get(i), reports.get(i), problems(reports.get(i), decks.get(i).slides())));
        }
        return out;
    }

    /**
     * @param report         one line of {@code deck_check.cjs}
     * @param expectedSlides the notebook's slide count
     * @return what fails the deck, the first example of each kind quoted; empty when it passed
     */
    static List<String> problems(JsonNode report, int expectedSlides) {
        List<String> out = new ArrayList<>();
        BrowserScript.listed(out, report, "blockedRequests", "request(s) to the network");
        BrowserScript.listed(out, report, "failedRequests", "failed request(s)");
        BrowserScript.listed(out, report, "consoleErrors", "console error(s)");
        BrowserScript.listed(out, report, "pageErrors", "page error(s)");
        int slides = report.path("slides").asInt();
        if (slides != expectedSlides) {
            out.add(slides + " slides in the page, " + expectedSlides + " slide cells in the notebook");
        }
        if (!report.path("reachedLast").asBoolean()) {
            out.add("the arrow keys did not reach the last slide");
        }
        BrowserScript.counted(out, report, "rawMath", "raw $$ left untypeset");
        BrowserScript.counted(out, report, "mathErrors", "MathJax error(s)");
        BrowserScript.counted(out, report, "imagesBroken", "image(s) not decoded");
        BrowserScript.counted(out, report, "audioBroken", "audio player(s) that did not load or play");
        if (!report.path("speakerView").asBoolean()) {
            out.add("the speaker view (key S) did not open");
        }
        BrowserScript.counted(out, report, "liveControls", "live-demo control(s) shown with no server in the address");
        return out;
    }

}
