package org.earshot.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.earshot.kit.Requirement;

/**
 * The JavaScript and styles a slide deck loads, copied into each deck's {@code lib/} so that it opens from
 * {@code file://} (a USB stick, a classroom with no network) with no request leaving the folder.
 *
 * <ul>
 *   <li>reveal.js 4.6.1 (npm, fetched by setup into {@code build/kit/web/reveal.js}): its script, its style, the
 *       {@code white} theme with the theme's own fonts, and the speaker-notes plugin. nbconvert 6.5's template
 *       expects reveal 4.x's layout ({@code dist/}, {@code plugin/}); the {@code simple} theme would pull web
 *       fonts from Google, so it is not used;</li>
 *   <li>MathJax 2.7.9 (Debian {@code libjs-mathjax}): only what the configuration {@code TeX-AMS_CHTML-full} loads
 *       (TeX input, CommonHTML output, its woff fonts, the extensions), 1.7 MB of the package's 54 MB;</li>
 *   <li>require.js and jQuery (Debian {@code libjs-requirejs}, {@code libjs-jquery}), which the template loads
 *       first;</li>
 *   <li>the kit's live-demo client, {@code kernel-lib/cli/scripts/deck_live.js}, as {@code lib/earshot-live.js}: it
 *       runs a code cell on a Jupyter server's kernel from its slide when the deck's address names the server, and
 *       does nothing otherwise.</li>
 * </ul>
 */
final class DeckAssets {

    /** reveal.js, unpacked whole by setup; {@link #copyInto} takes the few files a deck loads. */
    static final Requirement.NpmPackage REVEAL_JS = new Requirement.NpmPackage("reveal.js", "reveal.js@4.6.1",
            "4f4121ef2b8e7e9398bdecd7b3b6ce5e0ee3a2f5af221708eb6c4ce03bcae6be", "build/kit/web/reveal.js",
            "offline slide decks (./earshot slides)");

    /** playwright-core (no dependencies, no browser download): drives Debian's chromium in the deck test. */
    static final Requirement.NpmPackage PLAYWRIGHT_CORE = new Requirement.NpmPackage("playwright-core",
            "playwright-core@1.65.1", "6f5a60be62a4fddfbe7d10c448d8fbd54547da3358f2f8a04211440471ee863e",
            "build/kit/web/playwright-core", "the browser test of the slide decks (drives Debian's chromium)");

    static final Path MATHJAX = Path.of("/usr/share/javascript/mathjax");
    static final Path REQUIRE_JS = Path.of("/usr/share/javascript/requirejs/require.min.js");
    static final Path JQUERY = Path.of("/usr/share/javascript/jquery/jquery.min.js");

    /** The files of reveal.js a deck loads, relative to the package. */
    private static final List<String> REVEAL_FILES = List.of("LICENSE", "dist/reveal.js", "dist/reveal.css",
            "dist/theme/white.css", "dist/theme/fonts/source-sans-pro", "plugin/notes/notes.js");

    /** What of MathJax the configuration {@code TeX-AMS_CHTML-full,Safe} loads, relative to the package. */
    private static final List<String> MATHJAX_FILES = List.of("MathJax.js", "config/TeX-AMS_CHTML-full.js",
            "config/Safe.js", "config/local", "extensions", "jax/input/TeX", "jax/output/CommonHTML",
            "jax/element/mml", "fonts/HTML-CSS/TeX/woff");

    /** Where the copies go inside a deck folder, as the HTML refers to them (relative to the deck's page). */
    static final String REVEAL_PREFIX = "lib/reveal.js";
    static final String MATHJAX_URL = "lib/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe";
    static final String REQUIRE_JS_URL = "lib/require.min.js";
    static final String JQUERY_URL = "lib/jquery.min.js";
    static final String LIVE_JS_URL = "lib/earshot-live.js";
    /** The live-demo client in the kit's tree. */
    static final Path LIVE_JS = Path.of("kernel-lib/cli/scripts/deck_live.js");

    private DeckAssets() {
    }

    /**
     * @param home the kit's root
     * @return what is missing for a deck, as one line with its fix, or empty when everything is there
     */
    static Optional<String> missing(Path home) {
        if (!REVEAL_JS.isMet(home)) {
            return Optional.of(REVEAL_JS.packageSpec() + " is not in " + REVEAL_JS.destination()
                    + ": run ./earshot setup (or ./earshot requirements --fetch)");
        }
        for (var p : List.of(Map.entry(MATHJAX.resolve("MathJax.js"), "libjs-mathjax"),
                Map.entry(REQUIRE_JS, "libjs-requirejs"), Map.entry(JQUERY, "libjs-jquery"))) {
            if (!Files.isRegularFile(p.getKey())) {
                return Optional.of(p.getKey() + " is missing: run ./earshot setup (or apt-get install "
                        + p.getValue() + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * Copies everything a deck loads into {@code deck/lib}.
     *
     * @param home the kit's root (where setup unpacked reveal.js)
     * @param deck the deck's folder
     * @throws IOException when a source file is missing (named) or a copy fails
     */
    static void copyInto(Path home, Path deck) throws IOException {
        Path reveal = home.resolve(REVEAL_JS.destination());
        for (String f : REVEAL_FILES) {
            copy(reveal.resolve(f), deck.resolve(REVEAL_PREFIX).resolve(f));
        }
        for (String f : MATHJAX_FILES) {
            copy(MATHJAX.resolve(f), deck.resolve("lib/mathjax").resolve(f));
        }
        copy(REQUIRE_JS, deck.resolve(REQUIRE_JS_URL));
        copy(JQUERY, deck.resolve(JQUERY_URL));
        copy(home.resolve(LIVE_JS), deck.resolve(LIVE_JS_URL));
    }

    /** Copies a file, or a folder recursively (following Debian's links to the real files). */
    private static void copy(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            throw new IOException(from + " is missing: run ./earshot setup");
        }
        if (!Files.isDirectory(from)) {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (Stream<Path> walk = Files.walk(from, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
