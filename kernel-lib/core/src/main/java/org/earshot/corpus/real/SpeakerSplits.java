package org.earshot.corpus.real;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.earshot.corpus.Split;

/**
 * The real corpus' splits are <b>speaker-disjoint</b>, by a fixed rule that needs no seed and does not change with
 * {@code --limit}:
 * <ol>
 *   <li>a test-only source ({@link RealSource#testOnly()}, e.g. alsa-utils' one voice) puts every speaker in test;</li>
 *   <li>otherwise the speakers of one source and one language form a group (Tux Paint's readers, one per language,
 *       form one group of their own source), ordered by the SHA-256 of the speaker id;</li>
 *   <li>in a group of n speakers, k = max(1, ⌊n / 4⌋): the first k go to test, the next k to dev when n ≥ 3, the rest
 *       to train; a group of one speaker goes to train.</li>
 * </ol>
 * So kajongg's four English voices give one test, one dev and two training voices, and so do its four German ones;
 * hedgewars' ten packs give 2 / 2 / 6.
 * <ol start="4">
 *   <li>one person is in one split: a source's groups are split English first, then by language code, and a speaker
 *       whose person ({@link Recording#person()}) was met in an earlier group keeps that split; the others fill the
 *       rule's places. kajongg's German voices are three of its English speakers and one more (the files' ARTIST
 *       tags), so the German test voice is the one person not heard in English.</li>
 * </ol>
 */
public final class SpeakerSplits {

    private SpeakerSplits() {
    }

    /**
     * @param speakers the speaker ids of one group (duplicates are ignored)
     * @param testOnly whether the group's source is test-only
     * @return each speaker's split
     */
    public static Map<String, Split> assign(Collection<String> speakers, boolean testOnly) {
        return assign(speakers, testOnly, Map.of());
    }

    /**
     * As {@link #assign(Collection, boolean)}, with some speakers' splits already fixed — a person met in an earlier
     * group keeps that group's split (kajongg's Wolfgang, {@code male1} in training, is {@code de/male1} in training
     * too) — and the rule's k test and k dev places filled by the others, in the same order.
     *
     * @param speakers the speaker ids of one group (duplicates are ignored)
     * @param testOnly whether the group's source is test-only (every speaker test; {@code fixed} unused)
     * @param fixed    splits some of these speakers must have
     * @return each speaker's split
     */
    public static Map<String, Split> assign(Collection<String> speakers, boolean testOnly, Map<String, Split> fixed) {
        List<String> ordered = speakers.stream().distinct()
                .sorted(Comparator.comparing(SpeakerSplits::sha256).thenComparing(Comparator.naturalOrder())).toList();
        int n = ordered.size();
        int k = Math.max(1, n / 4);
        long fixedTest = ordered.stream().filter(sp -> fixed.get(sp) == Split.TEST).count();
        long fixedDev = ordered.stream().filter(sp -> fixed.get(sp) == Split.DEV).count();
        long needTest = n == 1 ? 0 : Math.max(0, k - fixedTest);
        long needDev = n >= 3 ? Math.max(0, k - fixedDev) : 0;
        Map<String, Split> splits = new LinkedHashMap<>();
        for (String speaker : ordered) {
            Split s;
            if (testOnly) {
                s = Split.TEST;
            } else if (fixed.containsKey(speaker)) {
                s = fixed.get(speaker);
            } else if (needTest > 0) {
                s = Split.TEST;
                needTest--;
            } else if (needDev > 0) {
                s = Split.DEV;
                needDev--;
            } else {
                s = Split.TRAIN;
            }
            splits.put(speaker, s);
        }
        return splits;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
