package org.earshot.cli;

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
 * {@code earshot browser [PAGE…] [--screenshots DIR]}: executed lessons' HTML opened in Chromium from {@code file://}
 * with the network blocked ({@link LessonCheck}), a line per page and a last line of counts; exit 1 when a page
 * failed, is missing, or the browser test cannot run here (the line says why).
 */
@Command(name = "browser", mixinStandardHelpOptions = true,
        description = {"Open executed lessons' HTML in Chromium from file:// with the network blocked and check "
                + "requests, console and page errors, math, images and audio players; full-page screenshots.",
                "Default: build/notebooks/<lesson>.html of every lesson in notebooks/ (made by ./earshot run)."})
final class BrowserCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PAGE", description = "HTML of executed notebooks (default: every lesson's in "
            + "build/notebooks/).")
    List<Path> pages = new ArrayList<>();

    @Option(names = "--screenshots", description = "Folder for a PNG of each page (default: build/browser/lessons).")
    Path screenshots;

    @Override
    public Integer call() throws Exception {
        Path home = Kit.home();
        Optional<String> why = LessonCheck.unavailable(home);
        if (why.isPresent()) {
            System.err.println("earshot browser: " + why.get());
            return 1;
        }
        List<Path> todo = new ArrayList<>();
        int missing = 0;
        for (Path p : pages.isEmpty() ? defaultPages(home) : pages) {
            if (Files.isRegularFile(p)) {
                todo.add(p.toAbsolutePath().normalize());
            } else {
                System.err.println("earshot browser: no " + p + (pages.isEmpty() ? ": run ./earshot run" : ""));
                missing++;
            }
        }
        if (todo.isEmpty()) {
            return 1;
        }
        long start = System.nanoTime();
        List<LessonCheck.Verdict> verdicts = LessonCheck.check(home, todo,
                screenshots != null ? screenshots : home.resolve("build/browser/lessons"));
        verdicts.forEach(v -> System.out.println(v.line()));
        long failed = verdicts.stream().filter(v -> !v.passed()).count();
        System.out.printf(Locale.ROOT, "browser: %d pages passed, %d failed%s (%.1f s)%n", verdicts.size() - failed,
                failed, missing > 0 ? ", " + missing + " missing" : "", (System.nanoTime() - start) / 1e9);
        return failed == 0 && missing == 0 ? 0 : 1;
    }

    private static List<Path> defaultPages(Path home) throws java.io.IOException {
        List<Path> out = new ArrayList<>();
        for (Path lesson : RunCommand.lessons(home)) {
            out.add(home.resolve("build/notebooks")
                    .resolve(lesson.getFileName().toString().replaceFirst("\\.ipynb$", ".html")));
        }
        return out;
    }
}
