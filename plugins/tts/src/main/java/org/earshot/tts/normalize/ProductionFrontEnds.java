package org.earshot.tts.normalize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.earshot.io.Command;

/**
 * What two production systems make of written text, for §21.3's first table beside {@link TextNormalizer}:
 * <ul>
 *   <li>festival (Debian {@code festival}): the words its token-to-words rules say, the names of the items of the
 *       utterance's {@code Word} relation after {@code (utt.synth (Utterance Text "…"))};</li>
 *   <li>espeak-ng (Debian {@code espeak-ng}): it does not expose its words, so its reading is its phonemes
 *       ({@code espeak-ng -q -x}, Kirshenbaum-like ASCII).</li>
 * </ul>
 * The same calls as {@code data/fixtures/tts/make_normalize_comparison.sh}, which records them for the tests.
 */
public final class ProductionFrontEnds {

    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static final Duration LIMIT = Duration.ofSeconds(120);

    private ProductionFrontEnds() {
    }

    /**
     * @param sentences written sentences
     * @return festival's words for each, lower-cased, in order
     * @throws IOException when festival is missing ({@code apt-get install festival festvox-kallpc16k}) or fails
     */
    public static List<List<String>> festivalWords(List<String> sentences) throws IOException {
        Path dir = Files.createTempDirectory("earshot-festival-");
        Path script = dir.resolve("words.scm");
        try {
            StringBuilder scheme = new StringBuilder();
            for (String s : sentences) {
                String quoted = s.replace("\\", "\\\\").replace("\"", "\\\"");
                scheme.append("(set! u (Utterance Text \"").append(quoted).append("\"))(utt.synth u)")
                        .append("(print (mapcar item.name (utt.relation.items u 'Word)))\n");
            }
            Files.writeString(script, scheme, StandardCharsets.UTF_8);
            Command run = Command.run(List.of("festival", "-b", script.toString()), dir, LIMIT);
            List<List<String>> words = new ArrayList<>();
            for (String line : run.output().split("\n")) {
                if (line.startsWith("(") || line.equals("nil")) {
                    List<String> list = new ArrayList<>();
                    Matcher m = QUOTED.matcher(line);
                    while (m.find()) {
                        list.add(m.group(1).toLowerCase(Locale.ROOT));
                    }
                    words.add(List.copyOf(list));
                }
            }
            if (!run.succeeded() || words.size() != sentences.size()) {
                throw new IOException("festival gave " + words.size() + " word lists for " + sentences.size()
                        + " sentences (exit " + run.exitCode() + "): " + run.lastLine()
                        + " (apt-get install festival festvox-kallpc16k)");
            }
            return List.copyOf(words);
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(dir);
        }
    }

    /**
     * @param sentence a written sentence
     * @return espeak-ng's phonemes for it ({@code espeak-ng -q -x})
     * @throws IOException when espeak-ng is missing ({@code apt-get install espeak-ng}) or fails
     */
    public static String espeakPhonemes(String sentence) throws IOException {
        Command run = Command.run(List.of("espeak-ng", "-q", "-x", "--", sentence), Path.of("."), LIMIT);
        if (!run.succeeded()) {
            throw new IOException("espeak-ng failed (exit " + run.exitCode() + "): " + run.lastLine()
                    + " (apt-get install espeak-ng)");
        }
        return run.output().strip().replaceAll("\\s+", " ");
    }
}
