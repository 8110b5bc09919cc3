package org.earshot.corpus.real;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.earshot.audio.OggVorbis;

/**
 * kajongg's voices ({@code /usr/share/kajongg/voices/VOICE/*.ogg}: English {@code male1 male2 female1 female2},
 * German under {@code de/}): a voice says each tile a player discards and each claim, in a file named as kajongg's
 * {@code sound.py} looks it up. What each file says is read from the Python source the package ships, not typed in:
 * <ul>
 *   <li>a tile, {@code b1 … s9, we … wn, db dg dr}: the tile's name as {@code tile.py}'s {@code Tile.name()} makes it,
 *       "{group} {value}" ({@code bamboo 1}, {@code dragon white}) or the wind's {@code East Wind}, the group and value
 *       letters and names taken from {@code tile.py}'s class attributes and its {@code i18nc('kajongg', …)} names;</li>
 *   <li>a claim, e.g. {@code originalcall.ogg}: the message whose {@code i18ncE('kajongg', 'Original Call')} name, lower
 *       case without spaces, is the file's name (as {@code Voice.speak} builds it), from {@code message.py}.</li>
 * </ul>
 * German words are those names through kajongg's own German catalogue ({@code locale/de/LC_MESSAGES/kajongg.mo}):
 * {@code Bambus 1}, {@code Ostwind}. A file matching neither is left out. The words are the names kajongg means the
 * voice to say; whether each speaker said exactly them (say "dragon white" or "white dragon") was not heard.
 *
 * <p>Each voice's person is its files' Vorbis ARTIST tag: the same people recorded English and German (Petra is
 * {@code female1} and {@code de/female1}, Maria {@code female2} and {@code de/female2}, Wolfgang {@code male1} and
 * {@code de/male1}); an untagged voice is a person of its own.</p>
 */
final class KajonggVoices implements SourceReader {

    private static final Pattern ATTRIBUTE = Pattern.compile("^\\s+(\\w+) = '(\\w+)'\\s*$", Pattern.MULTILINE);
    private static final Pattern UNPACK = Pattern.compile("^\\s+(\\w+), (\\w+), (\\w+) = dragons\\s*$", Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile("Tile\\.(\\w+): i18nc\\('kajongg', '([^']+)'\\)");
    private static final Pattern WIND = Pattern.compile("(East|South|West|North): i18n\\('([^']+)'\\)");
    private static final Pattern MESSAGE = Pattern.compile("i18ncE\\('kajongg',\\s*'([^']+)'\\)");

    @Override
    public List<Recording> find(DebianPackage pkg) throws IOException {
        Path share = pkg.root().resolve("usr/share/kajongg");
        Map<String, Phrase> english = phrases(read(share.resolve("tile.py")), read(share.resolve("message.py")));
        Path catalogue = pkg.root().resolve("usr/share/locale/de/LC_MESSAGES/kajongg.mo");
        GettextCatalog german = GettextCatalog.read(catalogue);
        Path voices = share.resolve("voices");
        List<Recording> out = new ArrayList<>();
        Map<String, String> persons = new LinkedHashMap<>(); // voice folder → who recorded it
        List<Path> files;
        try (Stream<Path> s = Files.walk(voices)) {
            files = s.filter(p -> p.toString().endsWith(".ogg")).sorted().toList();
        }
        for (Path f : files) {
            Path rel = voices.relativize(f);
            boolean de = rel.getNameCount() == 3 && rel.getName(0).toString().equals("de");
            if (rel.getNameCount() != (de ? 3 : 2)) {
                continue;
            }
            String voice = rel.getParent().toString();
            String stem = f.getFileName().toString().replaceFirst("\\.ogg$", "");
            Phrase phrase = english.get(stem);
            if (phrase == null) {
                continue;
            }
            String person = persons.computeIfAbsent(voice, v -> artist(f).map(a -> "kajongg/" + a)
                    .orElse("kajongg/" + v));
            String language = de ? "de" : "en";
            String text = de ? phrase.translated(german) : phrase.english();
            Optional<String> spoken = Transcripts.normalize(text, language);
            if (spoken.isPresent()) {
                out.add(new Recording(f, Recording.Format.OGG_VORBIS, "voices/" + rel, text, spoken.get(), language,
                        "kajongg/" + voice, person));
            }
        }
        return out;
    }

    /** @return the ARTIST of a voice file's Vorbis comments (the person who recorded it), when it names one */
    private static Optional<String> artist(Path file) {
        try {
            return OggVorbis.tag(file, "ARTIST").map(a -> a.replaceAll("[^\\p{L}\\p{N}_-]+", "_"));
        } catch (IOException unreadable) {
            return Optional.empty(); // converting it names the problem
        }
    }

    /**
     * A phrase kajongg names: {@code parts} English messages (each with its gettext context) joined by a space.
     *
     * @param contexts each part's gettext context ({@code null}: none)
     * @param parts    each part's English message
     */
    record Phrase(List<String> contexts, List<String> parts) {
        String english() {
            return String.join(" ", parts);
        }

        String translated(GettextCatalog catalogue) {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                words.add(catalogue.translate(contexts.get(i), parts.get(i)).orElse(parts.get(i)));
            }
            return String.join(" ", words);
        }
    }

    /**
     * @param tilePy    kajongg's {@code tile.py}
     * @param messagePy kajongg's {@code message.py}
     * @return each voice file's stem and the phrase it says
     */
    static Map<String, Phrase> phrases(String tilePy, String messagePy) throws IOException {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(tilePy);
        while (m.find()) {
            attributes.putIfAbsent(m.group(1), m.group(2));
        }
        Map<String, String> names = new LinkedHashMap<>();
        m = NAME.matcher(tilePy);
        while (m.find()) {
            names.putIfAbsent(m.group(1), m.group(2));
        }
        Map<String, Phrase> phrases = new LinkedHashMap<>();
        for (String group : List.of("stone", "bamboo", "character")) {
            String letter = require(attributes, group, "tile.py");
            for (int value = 1; value <= 9; value++) {
                phrases.put(letter + value, new Phrase(java.util.Arrays.asList("kajongg", null),
                        List.of(require(names, group, "tile.py"), Integer.toString(value))));
            }
        }
        Matcher dragons = UNPACK.matcher(tilePy);
        String dragonLetters = require(attributes, "dragons", "tile.py");
        if (!dragons.find() || dragonLetters.length() != 3) {
            throw new IOException("tile.py: no 'white, green, red = dragons' line (kajongg's source changed?)");
        }
        for (int i = 0; i < 3; i++) {
            phrases.put(require(attributes, "dragon", "tile.py") + dragonLetters.charAt(i),
                    new Phrase(List.of("kajongg", "kajongg"), List.of(require(names, "dragon", "tile.py"),
                            require(names, dragons.group(i + 1), "tile.py"))));
        }
        m = WIND.matcher(tilePy);
        String windLetters = require(attributes, "winds", "tile.py");
        while (m.find()) {
            String letter = m.group(1).substring(0, 1).toLowerCase(java.util.Locale.ROOT);
            if (windLetters.contains(letter)) {
                phrases.put(require(attributes, "wind", "tile.py") + letter,
                        new Phrase(java.util.Collections.singletonList(null), List.of(m.group(2))));
            }
        }
        m = MESSAGE.matcher(messagePy);
        while (m.find()) {
            phrases.putIfAbsent(m.group(1).toLowerCase(java.util.Locale.ROOT).replace(" ", ""),
                    new Phrase(List.of("kajongg"), List.of(m.group(1))));
        }
        return phrases;
    }

    private static String require(Map<String, String> map, String key, String file) throws IOException {
        String v = map.get(key);
        if (v == null) {
            throw new IOException(file + ": no '" + key + "' (kajongg's source changed?)");
        }
        return v;
    }

    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing (kajongg's source is read for what each voice file says)");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
