package org.earshot.tts.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.earshot.cli.CliCommand;
import org.earshot.tts.normalize.RuleTable;
import org.earshot.tts.normalize.TextNormalizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot tts-normalize "TEXT"}: the text written as the words a reader says ({@link TextNormalizer}), one
 * line of lower-case words. {@code --file F} (or {@code -} for stdin) normalises each line, one output line per
 * input line; {@code --rules} prints the rule table.
 */
@Command(name = "tts-normalize", mixinStandardHelpOptions = true,
        description = "Text normalisation for TTS: numbers, money, times, dates, abbreviations, acronyms → words.")
public final class TtsNormalizeCommand implements CliCommand {

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "The text (its words joined by spaces).")
    List<String> text;

    @Option(names = "--file", paramLabel = "FILE", description = "Normalise each line of FILE ('-' for stdin).")
    String file;

    @Option(names = "--rules", description = "Print the rule table, in the order the rules are tried.")
    boolean rules;

    @Override
    public Integer call() {
        TextNormalizer normalizer = TextNormalizer.english();
        if (rules) {
            System.out.print(RuleTable.english().toText());
            return 0;
        }
        try {
            if (file != null) {
                List<String> lines = file.equals("-")
                        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().toList()
                        : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
                for (String line : lines) {
                    System.out.println(line.isBlank() ? "" : normalizer.normalize(line));
                }
                return 0;
            }
            System.out.println(normalizer.normalize(text == null ? "" : String.join(" ", text)));
            return 0;
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("earshot tts-normalize: " + (e instanceof IOException ? file + ": " : "") + e.getMessage());
            return 1;
        }
    }
}
