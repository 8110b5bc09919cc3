package org.earshot.asr.hmm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Words to phone sequences (§21.2), from the CMU pronouncing dictionary as Debian's {@code pocketsphinx-en-us}
 * ships it ({@code word P H O N E S}, alternatives as {@code word(2)}); the first pronunciation of each word is used.
 *
 * @param pronunciations word → phones
 */
public record Lexicon(Map<String, List<String>> pronunciations) {

    /** The CMU dictionary of Debian's pocketsphinx-en-us. */
    public static final Path CMU_DICTIONARY = Path.of("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");

    public Lexicon {
        pronunciations = Collections.unmodifiableMap(new TreeMap<>(pronunciations));
    }

    /**
     * @param dictionary a CMU-format dictionary
     * @param words      the words needed
     * @return their first pronunciations
     * @throws IOException when the file is missing or a word is not in it (named)
     */
    public static Lexicon load(Path dictionary, Set<String> words) throws IOException {
        if (!Files.isRegularFile(dictionary)) {
            throw new IOException(dictionary + ": no such file (apt-get install pocketsphinx-en-us)");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dictionary, StandardCharsets.UTF_8)) {
            // the word is the first token: look it up before splitting (135,000 lines, a dozen words wanted)
            int end = 0;
            while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
                end++;
            }
            String word = line.substring(0, end);
            if (words.contains(word) && !out.containsKey(word)) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length >= 2) {
                    out.put(word, List.of(java.util.Arrays.copyOfRange(parts, 1, parts.length)));
                }
            }
        }
        for (String w : words) {
            if (!out.containsKey(w)) {
                throw new IOException(dictionary + ": no pronunciation for '" + w + "'");
            }
        }
        return new Lexicon(out);
    }

    /** @return the phones of a word */
    public List<String> phones(String word) {
        List<String> p = pronunciations.get(word);
        if (p == null) {
            throw new IllegalArgumentException("'" + word + "' is not in the lexicon");
        }
        return p;
    }

    /**
     * Word-dependent phones: each phone renamed after its word and position ({@code nine → nine:N1 nine:AY2
     * nine:N3}), so no two words share a model. For a small vocabulary with many examples of each word (digits)
     * this is a whole-word recogniser built from phone-sized pieces; it learns how each word's sounds colour each
     * other (coarticulation) that monophones average away, at the price of needing every word in training.
     *
     * @return the lexicon with word-dependent phone names
     */
    public Lexicon wordDependent() {
        Map<String, List<String>> out = new TreeMap<>();
        pronunciations.forEach((word, phones) -> {
            List<String> renamed = new java.util.ArrayList<>();
            for (int i = 0; i < phones.size(); i++) {
                renamed.add(word + ":" + phones.get(i) + (i + 1));
            }
            out.put(word, List.copyOf(renamed));
        });
        return new Lexicon(out);
    }

    /** @return every phone used, sorted */
    public Set<String> phoneSet() {
        Set<String> s = new java.util.TreeSet<>();
        pronunciations.values().forEach(s::addAll);
        return s;
    }
}
