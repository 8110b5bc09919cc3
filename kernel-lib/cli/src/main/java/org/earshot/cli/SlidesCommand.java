package org.earshot.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.earshot.kit.Kit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot slides [NOTEBOOK…] [--out DIR] [--check] [--pdf] [--index]}: one offline reveal.js deck per lesson
 * ({@link SlideDecks}), from the executed copies {@code ./earshot run} wrote, and with {@code --index} the
 * instructor's page of them ({@link DeckIndex}). A lesson with no executed copy is named
 * on one line with the command that makes it, the others are still written, and the exit status is 1.
 * {@code --check} then opens every deck in Chromium with the network blocked ({@link DeckCheck}); {@code --pdf} also
 * prints each deck's handout there.
 */
@Command(name = "slides", mixinStandardHelpOptions = true,
        description = {"Write an offline reveal.js slide deck (a folder: index.html + local reveal.js, MathJax, "
                + "require.js, jQuery) for each lesson, from its executed copy in build/notebooks/ "
                + "(made by ./earshot run). Opens from file:// with no network.",
                "Slides follow the cells' slideshow metadata; a lesson without any gets a slide per markdown cell "
                        + "(its code and output on the same slide)."})
final class SlidesCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NOTEBOOK", description = "Lessons (notebooks/NAME.ipynb: its executed copy is used) "
            + "or executed notebooks (default: every lesson in notebooks/).")
    List<Path> notebooks = new ArrayList<>();

    @Option(names = "--out", description = "Folder of decks, one sub-folder per lesson (default: build/slides).")
    Path out;

    @Option(names = "--executed", description = "Where the executed lessons are (default: build/notebooks).")
    Path executedDir;

    @Option(names = "--check", description = "Then open each deck in Chromium (file://, network blocked) and check "
            + "requests, console and page errors, slides, arrow keys, math, images and audio; screenshots into "
            + "build/browser/.")
    boolean check;

    @Option(names = "--pdf", description = "Also print each deck's handout, OUT/<lesson>/handout.pdf (reveal.js's "
            + "print view, in Chromium); the decks are checked on the way, as with --check.")
    boolean pdf;

    @Option(names = "--index", description = "Also write OUT/index.html: every deck in OUT with its section, title, "
            + "slides, a duration estimate and the lesson's exercises (opens offline too).")
    boolean index;

    @Option(names = "--live-check", description = "Only run the live-lab browser test (./earshot test's 'browser "
            + "(live lab)'): ./earshot lab on a free port in a temporary folder, the notebook UI (a lesson run, an "
            + "exercise checked) and a deck's live demo in Chromium; screenshots into build/browser/live/.")
    boolean liveCheck;

    /**
     * What happened to one lesson.
     *
     * @param name    the lesson
     * @param deck    the deck, when it was written
     * @param failure why no deck was written, or why it failed the browser check
     */
    record Outcome(String name, Optional<SlideDecks.Deck> deck, Optional<String> failure) {
    }

    @Override
    public Integer call() throws Exception {
        if (liveCheck) {
            return liveLab();
        }
        long start = System.nanoTime();
        List<Outcome> outcomes = writeAll();
        if (outcomes.isEmpty()) {
            System.err.println("earshot slides: no lessons");
            return 1;
        }
        long written = outcomes.stream().filter(o -> o.deck().isPresent()).count();
        System.out.printf(Locale.ROOT, "slides: %d written, %d not written (%.1f s)%n", written,
                outcomes.size() - written, (System.nanoTime() - start) / 1e9);
        boolean ok = written == outcomes.size();
        Path decks = outDir(Kit.home());
        System.out.println("live demos: ./earshot lab" + (decks.equals(Kit.home().resolve("build/slides")) ? ""
                : " --slides " + shown(Kit.home(), decks)) + " serves these decks and prints each one's live address");
        if (index) {
            Path page = DeckIndex.write(outDir(Kit.home()), Kit.sections());
            System.out.println("index: " + shown(Kit.home(), page));
        }
        if (check || pdf) {
            Optional<String> why = DeckCheck.unavailable(Kit.home());
            if (why.isPresent()) {
                System.err.println("earshot slides: " + why.get());
                return 1;
            }
            List<Outcome> checked = checkAll(outcomes, pdf);
            long failed = checked.stream().filter(o -> o.failure().isPresent()).count();
            System.out.printf(Locale.ROOT, "browser: %d decks passed, %d failed%n", checked.size() - failed, failed);
            ok &= failed == 0;
        }
        return ok ? 0 : 1;
    }

    /** The live-lab browser test alone, from the welcome lesson's executed copy. */
    private int liveLab() throws IOException, InterruptedException {
        Path home = Kit.home();
        Optional<String> why = LiveLabCheck.unavailable(home);
        if (why.isPresent()) {
            System.err.println("earshot slides: " + why.get());
            return 1;
        }
        String lesson = LiveLabCheck.WELCOME_CHIRP.lesson();
        Path executed = (executedDir != null ? executedDir : home.resolve("build/notebooks"))
                .resolve(lesson + ".ipynb");
        if (!Files.isRegularFile(executed)) {
            System.err.println("earshot slides: no executed copy " + shown(home, executed) + ": run ./earshot run "
                    + "notebooks/" + lesson + ".ipynb");
            return 1;
        }
        LiveLabCheck.Verdict v = LiveLabCheck.check(home, executed, home.resolve("build/browser/live"));
        System.out.println((v.passed() ? "ok   " : "FAIL ") + "live lab: " + v.summary()
                + (v.passed() ? "" : ": " + String.join("; ", v.problems())));
        return v.passed() ? 0 : 1;
    }

    /** Writes every deck of this command line, printing a line for each. */
    List<Outcome> writeAll() throws IOException, InterruptedException {
        Path home = Kit.home();
        Path outDir = outDir(home);
        Path executed = (executedDir != null ? executedDir : home.resolve("build/notebooks")).toAbsolutePath()
                .normalize();
        Optional<String> missing = DeckAssets.missing(home);
        if (missing.isPresent()) {
            System.err.println("earshot slides: " + missing.get());
            return List.of(new Outcome("(assets)", Optional.empty(), missing));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Path nb : notebooks.isEmpty() ? RunCommand.lessons(home) : notebooks) {
            outcomes.add(writeOne(home, nb.toAbsolutePath().normalize(), executed, outDir));
        }
        return outcomes;
    }

    private static Outcome writeOne(Path home, Path nb, Path executedDir, Path outDir) throws InterruptedException {
        String name = nb.getFileName().toString().replaceFirst("\\.ipynb$", "");
        Path lessonsDir = home.resolve("notebooks");
        boolean isLesson = nb.getParent().equals(lessonsDir);
        Path executed = isLesson ? executedDir.resolve(name + ".ipynb") : nb;
        Path lesson = isLesson ? nb : lessonsDir.resolve(name + ".ipynb");
        if (!Files.isRegularFile(executed)) {
            String why = isLesson
                    ? "no executed copy " + shown(home, executed) + ": run ./earshot run " + shown(home, nb)
                    : "no such file " + shown(home, nb);
            System.err.println("earshot slides: " + name + ": " + why);
            return new Outcome(name, Optional.empty(), Optional.of(why));
        }
        long start = System.nanoTime();
        try {
            SlideDecks.Deck deck = SlideDecks.write(home, executed, Files.isRegularFile(lesson) ? lesson : null,
                    outDir);
            System.out.printf(Locale.ROOT, "ok   %s: %d slides%s -> %s (%.1f s)%n", name, deck.slides(),
                    deck.defaultStructure() ? " (no slide metadata: a slide per markdown cell)" : "",
                    shown(home, deck.page()), (System.nanoTime() - start) / 1e9);
            if (deck.staleCells() > 0) {
                System.out.printf("warn %s: %d cell(s) of %s changed since it ran: the deck shows the old ones "
                        + "(run ./earshot run %s)%n", name, deck.staleCells(), shown(home, lesson), shown(home, lesson));
            }
            return new Outcome(name, Optional.of(deck), Optional.empty());
        } catch (IOException e) {
            System.err.println("earshot slides: " + name + ": " + e.getMessage());
            return new Outcome(name, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    /**
     * Opens the written decks in Chromium, printing a line for each.
     *
     * @param written what {@link #writeAll} returned
     * @param pdf     whether to print each deck's handout too
     * @return one outcome per written deck, failed when the browser found a problem
     */
    static List<Outcome> checkAll(List<Outcome> written, boolean pdf) throws IOException, InterruptedException {
        Path home = Kit.home();
        List<SlideDecks.Deck> decks = written.stream().flatMap(o -> o.deck().stream()).toList();
        if (decks.isEmpty()) {
            return List.of();
        }
        List<Outcome> out = new ArrayList<>();
        for (DeckCheck.Verdict v : DeckCheck.check(home, decks, home.resolve("build/browser"), pdf)) {
            System.out.printf("%s %s: %s%s%n", v.passed() ? "ok  " : "FAIL", v.deck().lesson(), v.counts(),
                    v.passed() ? "" : ": " + String.join("; ", v.problems()));
            out.add(new Outcome(v.deck().lesson(), Optional.of(v.deck()),
                    v.passed() ? Optional.empty() : Optional.of(String.join("; ", v.problems()))));
        }
        return out;
    }

    private Path outDir(Path home) {
        return (out != null ? out : home.resolve("build/slides")).toAbsolutePath().normalize();
    }

    private static String shown(Path home, Path p) {
        return p.startsWith(home) ? home.relativize(p).toString() : p.toString();
    }
}
