package org.earshot.asr.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.earshot.asr.ctc.ClosedVocabulary;
import org.earshot.asr.neural.Asr;
import org.earshot.corpus.TextSource;

/**
 * What {@code --vocabulary} names: comma-separated parts, each {@code digits} or {@code commands} (the words of the
 * kit's text grammars), {@code task} (the words of the utterances being scored, where a command has them: the
 * task's own grammar) or a file of words (whitespace-separated, lower-cased here).
 */
final class VocabularySpec {

    private VocabularySpec() {
    }

    /**
     * @param model the model a command was given
     * @throws IllegalArgumentException when it is an encoder-decoder: a closed vocabulary constrains a CTC beam
     */
    static void requireCtc(String model) {
        if (Asr.isEncoderDecoder(model)) {
            throw new IllegalArgumentException("--vocabulary constrains a CTC model's beam; " + model
                    + " is an encoder-decoder (try --model ctc-small)");
        }
    }

    /**
     * @param spec      the option's value
     * @param taskWords the words of the utterances being scored ({@code null} where there are none)
     * @return the vocabulary
     * @throws IllegalArgumentException naming the part that is none of the above, or an unreadable file
     */
    static ClosedVocabulary parse(String spec, Collection<String> taskWords) {
        Set<String> words = new TreeSet<>();
        for (String part : spec.split(",")) {
            String p = part.strip();
            switch (p.toLowerCase(Locale.ROOT)) {
                case "digits" -> words.addAll(ClosedVocabulary.of(TextSource.DIGITS).words());
                case "commands" -> words.addAll(ClosedVocabulary.of(TextSource.COMMANDS).words());
                case "task" -> {
                    if (taskWords == null) {
                        throw new IllegalArgumentException("--vocabulary task: this command has no utterances to "
                                + "take words from (give digits, commands or a file)");
                    }
                    words.addAll(taskWords);
                }
                default -> {
                    Path file = Path.of(p);
                    if (!Files.isRegularFile(file)) {
                        throw new IllegalArgumentException("--vocabulary: '" + p + "' is not digits, commands, task "
                                + "or a file of words");
                    }
                    try {
                        for (String w : Files.readString(file, StandardCharsets.UTF_8).split("\\s+")) {
                            if (!w.isBlank()) {
                                words.add(w.toLowerCase(Locale.ROOT));
                            }
                        }
                    } catch (IOException | java.io.UncheckedIOException e) {
                        throw new IllegalArgumentException("--vocabulary: " + file + ": cannot be read as text ("
                                + e.getMessage() + ")");
                    }
                }
            }
        }
        return ClosedVocabulary.of(words);
    }
}
