package org.earshot.corpus.real;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Tux Paint's stamps ({@code /usr/share/tuxpaint/stamps/…/STAMP.*}): a picture, its description in {@code STAMP.txt}
 * and the description read aloud, {@code STAMP_desc.ogg} in English and {@code STAMP_desc_LOCALE.ogg} in another
 * language. As Tux Paint reads them, the text file's first line is the English description and each further line
 * {@code LOCALE.utf8=description} that locale's, so the words of {@code kangaroo_desc_fr.ogg} are the {@code fr.utf8}
 * line of {@code kangaroo.txt}. A clip whose locale has no line, or no two-letter language, is left out; so is the
 * sound effect {@code STAMP.ogg}, which says nothing.
 *
 * <p>Tux Paint does not name its readers; the speaker of a clip is taken to be the language's reader,
 * {@code tuxpaint/LOCALE}, so a whole language goes into one split.
 */
final class TuxpaintStamps implements SourceReader {

    private static final Pattern CLIP = Pattern.compile("(.+)_desc(?:_([A-Za-z]{2,3}(?:_[A-Z]{2})?(?:@\\w+)?))?\\.ogg");

    @Override
    public List<Recording> find(DebianPackage pkg) throws IOException {
        Path stamps = pkg.root().resolve("usr/share/tuxpaint/stamps");
        if (!Files.isDirectory(stamps)) {
            throw new IOException(stamps + ": no stamps in " + pkg.name());
        }
        List<Path> clips;
        try (Stream<Path> s = Files.walk(stamps)) {
            clips = s.filter(p -> CLIP.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        Map<Path, Map<String, String>> texts = new HashMap<>();
        List<Recording> out = new ArrayList<>();
        for (Path clip : clips) {
            Matcher m = CLIP.matcher(clip.getFileName().toString());
            m.matches();
            Path txt = clip.resolveSibling(m.group(1) + ".txt");
            if (!Files.isRegularFile(txt)) {
                continue;
            }
            Map<String, String> descriptions = texts.get(txt);
            if (descriptions == null) {
                descriptions = descriptions(Files.readAllLines(txt, StandardCharsets.UTF_8));
                texts.put(txt, descriptions);
            }
            String locale = m.group(2) == null ? "en" : m.group(2);
            String language = locale.split("[_@]")[0];
            String text = descriptions.get(locale);
            if (text == null || !language.matches("[a-z]{2}")) {
                continue;
            }
            Optional<String> spoken = Transcripts.normalize(text, language);
            if (spoken.isPresent()) {
                out.add(new Recording(clip, Recording.Format.OGG_VORBIS, "stamps/" + stamps.relativize(clip), text,
                        spoken.get(), language, "tuxpaint/" + locale));
            }
        }
        return out;
    }

    /**
     * @param lines a stamp's {@code .txt}
     * @return its descriptions by locale: the first line as {@code en}, each {@code LOCALE.utf8=…} line as LOCALE
     */
    static Map<String, String> descriptions(List<String> lines) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int eq = line.indexOf(".utf8=");
            if (i == 0 && eq < 0 && !line.isEmpty()) {
                map.put("en", clean(line));
            } else if (eq > 0) {
                map.putIfAbsent(line.substring(0, eq), clean(line.substring(eq + ".utf8=".length())));
            }
        }
        map.values().removeIf(String::isEmpty);
        return map;
    }

    /** Tux Paint ends some descriptions with {@code |} (a line break it draws): not spoken. */
    private static String clean(String text) {
        return text.replace('|', ' ').strip();
    }
}
