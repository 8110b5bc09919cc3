package org.earshot.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the kit's browser tests share ({@link DeckCheck} for slide decks, {@link LessonCheck} for executed lessons'
 * HTML): whether Debian's Chromium, node and npm {@code playwright-core} are there, running one of the kit's node
 * scripts ({@code kernel-lib/cli/scripts/*.cjs}) that prints one JSON report per page, and the phrases a verdict is
 * made of.
 */
final class BrowserScript {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    private BrowserScript() {
    }

    /**
     * @param home the kit's root
     * @return why a browser test cannot run here (one line with the fix), or empty when it can
     */
    static Optional<String> unavailable(Path home) {
        if (!Files.isExecutable(CHROMIUM)) {
            return Optional.of("no " + CHROMIUM + ": run ./earshot setup (or apt-get install chromium)");
        }
        if (!onPath("node")) {
            return Optional.of("no node on the PATH: install Node.js 20 (playwright-core needs node >= 20)");
        }
        if (!DeckAssets.PLAYWRIGHT_CORE.isMet(home)) {
            return Optional.of("no " + DeckAssets.PLAYWRIGHT_CORE.packageSpec() + " in "
                    + DeckAssets.PLAYWRIGHT_CORE.destination() + ": run ./earshot setup");
        }
        return Optional.empty();
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }

    /**
     * Runs {@code node SCRIPT PLAYWRIGHT_CORE_DIR CHROMIUM ARGS…} and reads the JSON report lines it prints.
     *
     * @param home    the kit's root
     * @param script  the script, relative to {@code home}
     * @param args    what follows the browser on its command line (the pages, then options)
     * @param reports how many report lines it must print (one per page)
     * @return the reports, in order
     * @throws IOException when node cannot run, exits non-zero or prints another number of reports (its last line
     *                     of standard error quoted)
     */
    static List<JsonNode> run(Path home, Path script, List<String> args, int reports)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("node", home.resolve(script).toString(),
                home.resolve(DeckAssets.PLAYWRIGHT_CORE.destination()).toString(), CHROMIUM.toString()));
        cmd.addAll(args);
        Path err = Files.createTempFile("earshot-browser", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("{")).toList();
            int rc = p.waitFor();
            if (rc != 0 || lines.size() != reports) {
                String last = Files.readAllLines(err, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                        .reduce((a, b) -> b).orElse("no output");
                throw new IOException("the browser check (node " + script + ") failed (exit " + rc + ", "
                        + lines.size() + " of " + reports + " reports): " + last.strip());
            }
            List<JsonNode> out = new ArrayList<>();
            for (String line : lines) {
                out.add(JSON.readTree(line));
            }
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Adds {@code "N what (first: …)"} when the report's array {@code field} is not empty. */
    static void listed(List<String> out, JsonNode report, String field, String what) {
        JsonNode items = report.path(field);
        if (items.size() > 0) {
            out.add(items.size() + " " + what + " (first: " + items.get(0).asText() + ")");
        }
    }

    /** Adds {@code "N what"} when the report's number {@code field} is above 0. */
    static void counted(List<String> out, JsonNode report, String field, String what) {
        int n = report.path(field).asInt();
        if (n > 0) {
            out.add(n + " " + what);
        }
    }
}
