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
        List<String> ordered = speakers.stream().distinct()
                .sorted(Comparator.comparing(SpeakerSplits::sha256).thenComparing(Comparator.naturalOrder())).toList();
        int n = ordered.size();
        int k = Math.max(1, n / 4);
        Map<String, Split> splits = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Split s;
            if (testOnly) {
                s = Split.TEST;
            } else if (n == 1) {
                s = Split.TRAIN;
            } else if (i < k) {
                s = Split.TEST;
            } else if (i < 2 * k && n >= 3) {
                s = Split.DEV;
            } else {
                s = Split.TRAIN;
            }
            splits.put(ordered.get(i), s);
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
