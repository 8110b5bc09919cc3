package org.earshot.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.kit.Kit;

/**
 * The browser test of the live lab: {@code ./earshot lab} started on a free port in a temporary work folder, with a
 * fresh token and one lesson's deck, then driven in Debian's Chromium by npm {@code playwright-core}
 * ({@code kernel-lib/cli/scripts/live_lab_check.cjs}), every request that is not to 127.0.0.1 (http and websocket),
 * {@code file:}, {@code data:}, {@code blob:} or {@code about:} blocked.
 *
 * <p>It opens the notebook UI with the token, opens {@code notebooks/00-welcome.ipynb} from the file list, runs all
 * cells from the Cell menu and waits until every cell has run; then opens {@code exercises/21.1-signal.ipynb}, types a
 * partial answer into its first exercise, runs it and the check cell, and reads the feedback table; then opens the
 * page of decks at the address the lab prints ({@link DeckIndex}), follows its link to the lesson's deck (live mode),
 * edits a demo cell on its slide, runs it with Shift+Enter and waits for the fresh output; leaving the deck must shut
 * its kernel down; last, the lab is stopped (SIGTERM: Jupyter shuts its kernels down) and must exit.
 *
 * <p>What the classic notebook page itself always logs here is tolerated on the notebook pages only, each by its
 * pattern and reason ({@link #NOTEBOOK_UI_NOISE}); the file list and the deck must be clean.
 */
final class LiveLabCheck {

    static final Path SCRIPT = Path.of("kernel-lib/cli/scripts/live_lab_check.cjs");
    /** How long the browser script may run in all (about 25 s here; each of its waits has its own timeout). */
    static final int SCRIPT_LIMIT_MINUTES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A demo the check runs live from a deck.
     *
     * @param lesson       the lesson whose deck it is, e.g. {@code "00-welcome"}
     * @param cellContains text of the demo cell's source that finds it
     * @param edits        what to change in its source before running it
     * @param expect       text the fresh output must show (and the executed one does not)
     */
    record Demo(String lesson, String cellContains, List<Edit> edits, String expect) {
    }

    /** A change of a demo cell's source: every {@code from} becomes {@code to}. */
    record Edit(String from, String to) {
    }

    /** The welcome lesson's chirp, with a new end frequency and title: the player must be the new sound's. */
    static final Demo WELCOME_CHIRP = new Demo("00-welcome", "Synth.chirp(",
            List.of(new Edit("A linear chirp: 200 Hz to 4 kHz in one second", "Live: 200 Hz to 7 kHz"),
                    new Edit("Synth.chirp(200, 4000", "Synth.chirp(200, 7000")),
            "Live: 200 Hz to 7 kHz");

    /** The exercise notebook the check answers (its first exercise; the script holds the partial answer). */
    static final String EXERCISE = "21.1-signal";

    /**
     * What the classic notebook page (Jupyter Notebook 6.4, Debian) logs on every open, and why it is not the lab's
     * fault; matched against the report's lines of the notebook pages only ({@code lesson: }, {@code exercise: }).
     */
    static final List<Pattern> NOTEBOOK_UI_NOISE = List.of(
            // the notebook page always asks for the ipywidgets extension, which Debian's jupyter-notebook lacks
            Pattern.compile("^(lesson|exercise): .*nbextensions/widgets/notebook/js/extension\\.js.*"),
            // its stylesheet names a font at about:blank, which Chromium does not fetch from an http page
            Pattern.compile("^(lesson|exercise): .*about:blank.*"));

    /**
     * What the browser saw.
     *
     * @param report    the script's report, as it printed it (see {@code live_lab_check.cjs})
     * @param problems  what fails the check, one phrase each; empty when it passed
     * @param tolerated lines of the report matched by {@link #NOTEBOOK_UI_NOISE}
     * @param labLog    the lab's output (kept beside the screenshots)
     */
    record Verdict(JsonNode report, List<String> problems, List<String> tolerated, Path labLog) {
        boolean passed() {
            return problems.isEmpty();
        }

        /** @return what was seen, step by step, e.g. {@code "lesson 00-welcome: 5 of 5 code cells ran, …"} */
        String summary() {
            JsonNode l = report.path("lesson");
            JsonNode x = report.path("exercise");
            JsonNode d = report.path("deck");
            return String.format(Locale.ROOT, "lesson %s: %d of %d code cells ran, %d audio players played, "
                            + "spectrogram %s (%.1f s); exercise %s: feedback table of %d tests, %d passed (%.1f s); "
                            + "deck %s live: slide %d's cell edited and run in %.1f s, %d fresh outputs, %d players "
                            + "played, kernel %s on leaving (%.1f s); %d blocked, %d failed requests, %d console "
                            + "errors, %d page errors (%d notebook-UI lines tolerated); %.1f s in all",
                    l.path("notebook").asText("?"), l.path("ran").asInt(), l.path("codeCells").asInt(),
                    l.path("audioPlayed").asInt(), l.path("spectrogram").asBoolean() ? "shown" : "missing",
                    l.path("seconds").asDouble(), x.path("exercise").asText("?"), x.path("rows").asInt(),
                    x.path("passedRows").asInt(), x.path("seconds").asDouble(), d.path("deck").asText("?"),
                    d.path("slide").asInt(), d.path("runSeconds").asDouble(), d.path("freshOutputs").asInt(),
                    d.path("audioPlayed").asInt(), d.path("kernelShutOnLeave").asBoolean() ? "shut down" : "left",
                    d.path("seconds").asDouble(), untolerated(report, "blockedRequests"),
                    untolerated(report, "failedRequests"), untolerated(report, "consoleErrors"),
                    untolerated(report, "pageErrors"), tolerated.size(), report.path("seconds").asDouble());
        }
    }

    private LiveLabCheck() {
    }

    /**
     * @param home the kit's root
     * @return why the live-lab test cannot run here (one line with the fix), or empty when it can
     */
    static Optional<String> unavailable(Path home) {
        Optional<String> browser = BrowserScript.unavailable(home);
        if (browser.isPresent()) {
            return browser;
        }
        if (!BrowserScript.onPath("jupyter")) {
            return Optional.of("no jupyter on the PATH: run ./earshot setup (or apt-get install jupyter-notebook)");
        }
        return Optional.empty();
    }

    /**
     * Starts the lab, runs the browser script against it, stops the lab.
     *
     * @param home        the kit's root
     * @param executed    the executed copy of {@link #WELCOME_CHIRP}'s lesson (its deck is written from it)
     * @param screenshots a folder for the screenshots and the lab's log ({@code build/browser/live})
     * @return the verdict
     * @throws IOException when the deck cannot be written, or node cannot run or prints no report
     */
    static Verdict check(Path home, Path executed, Path screenshots) throws IOException, InterruptedException {
        Demo demo = WELCOME_CHIRP;
        Path tmp = Files.createTempDirectory("earshot-live-lab");
        Files.createDirectories(screenshots);
        Path labLog = screenshots.resolve("lab.log");
        try {
            Path slides = tmp.resolve("slides");
            SlideDecks.write(home, executed, home.resolve("notebooks").resolve(demo.lesson() + ".ipynb"), slides);
            DeckIndex.write(slides, Kit.sections());
            Path work = tmp.resolve("work");
            int port = freePort();
            ProcessBuilder lab = new ProcessBuilder(home.resolve("earshot").toString(), "lab", "--no-setup",
                    "--port", Integer.toString(port), "--work", work.toString(), "--slides", slides.toString())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("lab.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            // the instructor's own Jupyter configuration (a password, extensions) stays out of the test
            lab.environment().put("JUPYTER_CONFIG_DIR", Files.createDirectories(tmp.resolve("config")).toString());
            lab.environment().put("JUPYTER_RUNTIME_DIR", Files.createDirectories(tmp.resolve("runtime")).toString());
            Process server = lab.start();
            JsonNode report;
            boolean stopped;
            try {
                report = runScript(home, demo, port, work.resolve(".earshot/jupyter-token"), screenshots);
            } finally {
                stopped = stop(server);
                Files.copy(tmp.resolve("lab.log"), labLog, StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> tolerated = new ArrayList<>();
            List<String> problems = problems(report, tolerated);
            if (!stopped) {
                problems.add("the lab did not exit within 30 s of SIGTERM");
            }
            return new Verdict(report, problems, tolerated, labLog);
        } finally {
            SlideDecks.deleteTree(tmp);
        }
    }

    private static JsonNode runScript(Path home, Demo demo, int port, Path tokenFile, Path screenshots)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("node", home.resolve(SCRIPT).toString(),
                home.resolve(DeckAssets.PLAYWRIGHT_CORE.destination()).toString(), BrowserScript.CHROMIUM.toString(),
                "--server", "http://127.0.0.1:" + port + "/", "--token-file", tokenFile.toString(),
                "--lesson", demo.lesson(), "--exercise", EXERCISE, "--deck", demo.lesson(),
                "--demo", demo.cellContains(), "--expect", demo.expect(), "--screenshots", screenshots.toString()));
        for (Edit e : demo.edits()) {
            cmd.addAll(List.of("--edit", e.from() + "=>" + e.to()));
        }
        Path out = Files.createTempFile("earshot-live-lab", ".json");
        Path err = Files.createTempFile("earshot-live-lab", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            // every step of the script waits with its own timeout; this only guards the harness against a hung browser
            if (!p.waitFor(SCRIPT_LIMIT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly().waitFor();
                throw new IOException("the live-lab check (node " + SCRIPT + ") did not end within "
                        + SCRIPT_LIMIT_MINUTES + " minutes");
            }
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("{")).toList();
            int rc = p.exitValue();
            if (rc != 0 || lines.size() != 1) {
                String last = Files.readAllLines(err, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                        .reduce((a, b) -> b).orElse("no output");
                throw new IOException("the live-lab check (node " + SCRIPT + ") failed (exit " + rc + "): "
                        + last.strip());
            }
            return JSON.readTree(lines.get(0));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** SIGTERM (the lab execs Jupyter, which then shuts its kernels down), then SIGKILL after 30 s. */
    private static boolean stop(Process server) throws InterruptedException {
        server.destroy();
        if (server.waitFor(30, TimeUnit.SECONDS)) {
            return true;
        }
        server.destroyForcibly();
        server.waitFor(5, TimeUnit.SECONDS);
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * @param report    the script's report
     * @param tolerated receives the report's lines that {@link #NOTEBOOK_UI_NOISE} matches
     * @return what fails the check, one phrase each (the first example of a list quoted); empty when it passed
     */
    static List<String> problems(JsonNode report, List<String> tolerated) {
        List<String> out = new ArrayList<>();
        listed(out, tolerated, report, "blockedRequests", "request(s) to the network");
        listed(out, tolerated, report, "failedRequests", "failed request(s)");
        listed(out, tolerated, report, "consoleErrors", "console error(s)");
        listed(out, tolerated, report, "pageErrors", "page error(s)");
        JsonNode l = report.path("lesson");
        if (!l.isMissingNode()) {
            if (l.path("codeCells").asInt() == 0 || l.path("ran").asInt() != l.path("codeCells").asInt()) {
                out.add("lesson: " + l.path("ran").asInt() + " of " + l.path("codeCells").asInt()
                        + " code cells ran");
            }
            if (l.path("errors").size() > 0) {
                out.add("lesson: a cell failed (" + l.path("errors").get(0).asText() + ")");
            }
            if (l.path("audio").asInt() == 0) {
                out.add("lesson: no audio player appeared");
            } else if (l.path("audioPlayed").asInt() != l.path("audio").asInt()) {
                out.add("lesson: " + l.path("audioPlayed").asInt() + " of " + l.path("audio").asInt()
                        + " audio players played");
            }
            if (!l.path("spectrogram").asBoolean()) {
                out.add("lesson: the spectrogram cell shows no picture");
            }
            if (l.path("imagesDecoded").asInt() != l.path("images").asInt()) {
                out.add("lesson: " + (l.path("images").asInt() - l.path("imagesDecoded").asInt())
                        + " image(s) not decoded");
            }
        }
        JsonNode x = report.path("exercise");
        if (!x.isMissingNode()) {
            int rows = x.path("rows").asInt();
            int passed = x.path("passedRows").asInt();
            if (rows == 0) {
                out.add("exercise: the check cell shows no feedback table" + (x.path("error").asText().isEmpty()
                        ? "" : " (" + x.path("error").asText() + ")"));
            } else if (passed == 0 || passed == rows) {
                out.add("exercise: the partial answer passed " + passed + " of " + rows
                        + " tests (some should pass, some fail)");
            }
            if (!x.path("summary").asText().matches(".*" + Pattern.quote(x.path("exercise").asText())
                    + ": \\d+ of \\d+ tests passed.*")) {
                out.add("exercise: the feedback's summary is '" + x.path("summary").asText() + "'");
            }
        }
        JsonNode d = report.path("deck");
        if (!d.isMissingNode()) {
            if (d.path("editableCells").asInt() == 0) {
                out.add("deck: no code cell became editable");
            }
            if (!d.path("linkCarriesToken").asBoolean()) {
                out.add("deck: the page of decks did not give its link the token");
            }
            if (d.path("tokenInAddress").asBoolean()) {
                out.add("deck: the token stayed in the address bar");
            }
            if (!"ok".equals(d.path("run").asText())) {
                out.add("deck: the demo cell's live run ended '" + d.path("run").asText() + "' ("
                        + d.path("state").asText() + (d.path("errorShown").asText().isEmpty() ? ""
                        : ": " + d.path("errorShown").asText()) + ")");
            }
            if (!d.path("expectedShown").asBoolean()) {
                out.add("deck: the fresh output does not show what the edited cell makes");
            }
            if (d.path("freshOutputs").asInt() == 0 || d.path("executedOutputs").asInt() > 0) {
                out.add("deck: " + d.path("freshOutputs").asInt() + " fresh and " + d.path("executedOutputs").asInt()
                        + " executed outputs in the cell (the fresh output must replace the executed one)");
            }
            if (d.path("audio").asInt() == 0) {
                out.add("deck: the fresh output has no audio player");
            } else if (d.path("audioPlayed").asInt() != d.path("audio").asInt()) {
                out.add("deck: " + d.path("audioPlayed").asInt() + " of " + d.path("audio").asInt()
                        + " fresh audio players played");
            }
            if (d.path("imagesDecoded").asInt() != d.path("images").asInt()) {
                out.add("deck: a fresh image did not decode");
            }
            if (!d.path("kernelShutOnLeave").asBoolean()) {
                out.add("deck: its kernel was still running after leaving the deck");
            }
        }
        for (String step : List.of("lesson", "exercise", "deck")) {
            boolean done = false;
            for (JsonNode s : report.path("steps")) {
                done |= s.asText().equals(step);
            }
            if (!done) {
                out.add("the " + step + " step did not finish");
            }
        }
        return out;
    }

    /** @return how many lines of a list of the report {@link #NOTEBOOK_UI_NOISE} does not excuse */
    static int untolerated(JsonNode report, String field) {
        int n = 0;
        for (JsonNode item : report.path(field)) {
            n += tolerable(field) && isNoise(item.asText()) ? 0 : 1;
        }
        return n;
    }

    private static boolean tolerable(String field) {
        return field.equals("failedRequests") || field.equals("consoleErrors");
    }

    private static boolean isNoise(String line) {
        return NOTEBOOK_UI_NOISE.stream().anyMatch(p -> p.matcher(line).matches());
    }

    private static void listed(List<String> out, List<String> tolerated, JsonNode report, String field, String what) {
        List<String> left = new ArrayList<>();
        for (JsonNode item : report.path(field)) {
            String line = item.asText();
            if (tolerable(field) && isNoise(line)) {
                tolerated.add(line);
            } else {
                left.add(line);
            }
        }
        if (!left.isEmpty()) {
            out.add(left.size() + " " + what + " (first: " + left.get(0) + ")");
        }
    }
}
