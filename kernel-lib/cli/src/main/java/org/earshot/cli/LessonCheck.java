package org.earshot.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The browser test of executed lessons: the HTML that {@code ./earshot run} exports beside each executed notebook,
 * opened from {@code file://} in Debian's Chromium, driven by npm {@code playwright-core}
 * ({@code kernel-lib/cli/scripts/lesson_check.cjs}), with every request that is not {@code file:}, {@code data:},
 * {@code blob:} or {@code about:} aborted. A page passes when it made no blocked or failed request, logged no console
 * error and threw no page error, loaded MathJax and left no raw {@code $$} (nor a {@code $} in a markdown cell) and
 * no MathJax error, every {@code <img>} decoded ({@code naturalWidth > 0}), and every {@code <audio>} loaded its
 * metadata ({@code duration > 0}) and played (muted). A full-page screenshot of each goes to the folder given, for a
 * human look.
 */
final class LessonCheck {

    static final Path SCRIPT = Path.of("kernel-lib/cli/scripts/lesson_check.cjs");

    /**
     * What the browser saw of one page.
     *
     * @param page     the lesson's HTML
     * @param report   the script's counts, as it printed them (see {@code lesson_check.cjs})
     * @param problems what fails it, one phrase each; empty when it passed
     */
    record Verdict(Path page, JsonNode report, List<String> problems) {
        boolean passed() {
            return problems.isEmpty();
        }

        /** @return the page's name without {@code .html}, e.g. {@code "21.1-signal"} */
        String lesson() {
            return page.getFileName().toString().replaceFirst("\\.html$", "");
        }

        /**
         * @return e.g. {@code "3 images, 1 audio players, 3 formulas typeset, 0 failed requests, 0 console errors,
         *         0 page errors"}
         */
        String counts() {
            return String.format(Locale.ROOT, "%d images, %d audio players, %d formulas typeset, %d failed requests, "
                            + "%d console errors, %d page errors", report.path("images").asInt(),
                    report.path("audio").asInt(), report.path("mathTypeset").asInt(),
                    report.path("blockedRequests").size() + report.path("failedRequests").size(),
                    report.path("consoleErrors").size(), report.path("pageErrors").size());
        }

        /** @return the line the test prints: {@code "ok   00-welcome: <counts> (1.5 s)"}, or FAIL with the problems */
        String line() {
            return String.format(Locale.ROOT, "%s %s: %s (%.1f s)%s", passed() ? "ok  " : "FAIL", lesson(), counts(),
                    report.path("seconds").asDouble(), passed() ? "" : ": " + String.join("; ", problems));
        }
    }

    private LessonCheck() {
    }

    /**
     * @param home the kit's root
     * @return why the browser test cannot run here (one line with the fix), or empty when it can
     */
    static Optional<String> unavailable(Path home) {
        return BrowserScript.unavailable(home);
    }

    /**
     * Opens every page in one headless Chromium.
     *
     * @param home        the kit's root
     * @param pages       the lessons' HTML files
     * @param screenshots a folder for a full-page PNG of each ({@code <lesson>.png}), or {@code null} for none
     * @return a verdict per page, in order
     * @throws IOException when node cannot run or prints something that is not a report
     */
    static List<Verdict> check(Path home, List<Path> pages, Path screenshots) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        pages.forEach(p -> args.add(p.toAbsolutePath().toString()));
        if (screenshots != null) {
            args.addAll(List.of("--screenshots", screenshots.toString()));
        }
        List<JsonNode> reports = BrowserScript.run(home, SCRIPT, args, pages.size());
        List<Verdict> out = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            out.add(new Verdict(pages.get(i), reports.get(i), problems(reports.get(i))));
        }
        return out;
    }

    /**
     * @param report one line of {@code lesson_check.cjs}
     * @return what fails the page, the first example of each kind quoted; empty when it passed
     */
    static List<String> problems(JsonNode report) {
        List<String> out = new ArrayList<>();
        BrowserScript.listed(out, report, "blockedRequests", "request(s) to the network");
        BrowserScript.listed(out, report, "failedRequests", "failed request(s)");
        BrowserScript.listed(out, report, "consoleErrors", "console error(s)");
        BrowserScript.listed(out, report, "pageErrors", "page error(s)");
        if (!report.path("mathjax").asBoolean()) {
            out.add("MathJax did not load (its math stays raw)");
        }
        BrowserScript.counted(out, report, "rawMath", "raw $$ left untypeset");
        BrowserScript.counted(out, report, "rawDollars", "raw $ left in markdown (inline math not typeset)");
        BrowserScript.counted(out, report, "mathErrors", "MathJax error(s)");
        BrowserScript.listed(out, report, "brokenImages", "image(s) not decoded");
        BrowserScript.listed(out, report, "audioFailures", "audio player(s) that did not load or play");
        return out;
    }
}
