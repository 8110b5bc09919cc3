package org.earshot.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.grading.Release;
import org.earshot.kit.Kit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot release [--check]}: writes {@code exercises/NAME.ipynb} for every {@code solutions/NAME.ipynb}
 * ({@link Release}); with {@code --check}, writes nothing and exits 1 naming each exercise notebook that is missing
 * or differs from what release would write.
 */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = "Write the student notebooks exercises/*.ipynb from solutions/*.ipynb (answers replaced by stubs).")
final class ReleaseCommand implements Callable<Integer> {

    @Option(names = "--check", description = "Write nothing; exit 1 if exercises/ is out of sync with solutions/.")
    boolean check;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws IOException {
        Path home = Kit.home();
        Path solutions = home.resolve("solutions");
        Path exercises = home.resolve("exercises");
        List<Path> sources;
        try (Stream<Path> s = Files.list(solutions)) {
            sources = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        java.util.Map<String, org.earshot.exercises.Exercise<?, ?>> declared = new java.util.LinkedHashMap<>();
        Kit.sections().forEach(s -> s.exercises().forEach(e -> declared.put(e.id(), e)));
        int problems = 0;
        for (Path source : sources) {
            Path target = exercises.resolve(source.getFileName());
            String released;
            try {
                JsonNode solution = JSON.readTree(source.toFile());
                String lesson = source.getFileName().toString().replaceFirst("\\.ipynb$", "");
                List<String> wrong = Release.metadataProblems(solution, lesson, declared);
                if (!wrong.isEmpty()) {
                    wrong.forEach(w -> System.err.println("earshot release: " + home.relativize(source) + ": " + w));
                    problems++;
                    continue;
                }
                released = format(Release.release(solution));
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("earshot release: " + home.relativize(source) + ": " + e.getMessage());
                problems++;
                continue;
            }
            if (check) {
                if (!Files.exists(target) || !Files.readString(target, StandardCharsets.UTF_8).equals(released)) {
                    System.err.println("earshot release: " + home.relativize(target) + " is out of sync with "
                            + home.relativize(source) + " (run ./earshot release)");
                    problems++;
                }
            } else {
                Files.createDirectories(exercises);
                Files.writeString(target, released, StandardCharsets.UTF_8);
                System.out.println("wrote " + home.relativize(target));
            }
        }
        if (check && problems == 0) {
            System.out.println("exercises/ is in sync with solutions/ (" + sources.size() + " notebooks)");
        }
        return problems == 0 ? 0 : 1;
    }

    /** Jupyter's own layout: one-space indent, a newline at the end, so a release is stable under git. */
    static String format(JsonNode notebook) throws IOException {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
                .withObjectIndenter(new DefaultIndenter(" ", "\n"))
                .withArrayIndenter(new DefaultIndenter(" ", "\n"));
        return JSON.writer(printer).writeValueAsString(notebook) + "\n";
    }
}
