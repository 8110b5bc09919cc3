package org.earshot.asr.ctc;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.earshot.corpus.TextSource;
import org.earshot.corpus.Utterance;
import org.earshot.metrics.Wer;

/**
 * The words a task allows — a grammar's word list, as a CTC decoder's constraint (§21.2, lexicon-constrained
 * decoding): a prefix beam may only spell a prefix of one of these words, and a word ends (at a space, or at the
 * end) only where it is one of them. A character model trained on few voices spells what it hears by sound
 * ("turntwee dwo"); under a closed vocabulary it can only choose among the task's words, as a telephone menu or a
 * game's grammar does.
 *
 * <p>Stored as the set of words and the set of all their prefixes (a trie, flattened): both lookups are one hash.
 * Immutable.
 */
public final class ClosedVocabulary {

    /** Texts generated to collect a {@link TextSource}'s words: more than any of its grammars has words. */
    private static final int SOURCE_TEXTS = 20_000;

    private final Set<String> words;
    private final Set<String> prefixes;

    private ClosedVocabulary(Set<String> words) {
        this.words = Set.copyOf(words);
        Set<String> p = new HashSet<>();
        for (String w : words) {
            for (int i = 0; i <= w.length(); i++) {
                p.add(w.substring(0, i));
            }
        }
        this.prefixes = Set.copyOf(p);
    }

    /**
     * @param words the allowed words (lower-cased here; each one word, non-empty)
     * @return the vocabulary
     * @throws IllegalArgumentException when there is none, or one is blank or holds a space
     */
    public static ClosedVocabulary of(Collection<String> words) {
        Set<String> lower = new TreeSet<>();
        for (String w : words) {
            String s = w.strip().toLowerCase(Locale.ROOT);
            if (s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a vocabulary entry must be one word, got '" + w + "'");
            }
            lower.add(s);
        }
        if (lower.isEmpty()) {
            throw new IllegalArgumentException("a closed vocabulary needs at least one word");
        }
        return new ClosedVocabulary(lower);
    }

    /**
     * @param source one of the kit's text grammars ({@link TextSource#DIGITS}, {@link TextSource#COMMANDS})
     * @return every word its spoken forms use (collected from {@value #SOURCE_TEXTS} generated texts, fixed seed)
     */
    public static ClosedVocabulary of(TextSource source) {
        Set<String> all = new TreeSet<>();
        for (Utterance u : source.generate(SOURCE_TEXTS, 1)) {
            all.addAll(Wer.words(u.normalized()));
        }
        return of(all);
    }

    /** @return the words, sorted */
    public Set<String> words() {
        return new TreeSet<>(words);
    }

    /** @return whether {@code word} is one of the words */
    public boolean isWord(String word) {
        return words.contains(word);
    }

    /** @return whether {@code start} begins some word (the empty string begins every word) */
    public boolean isPrefix(String start) {
        return prefixes.contains(start);
    }

    /** @return how many words */
    public int size() {
        return words.size();
    }

    @Override
    public String toString() {
        return words.size() + " words";
    }
}
