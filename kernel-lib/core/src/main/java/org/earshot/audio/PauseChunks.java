package org.earshot.audio;

import java.io.IOException;
import java.util.Optional;

/**
 * A long recording cut into chunks at its pauses, read block by block from a {@link Wav.Reader}, so that hours of
 * audio go through a recogniser (or any per-utterance model) in memory bounded by one chunk.
 *
 * <p>The rule: a chunk is at most {@code maxSeconds} long. Unless the file ends first, it ends in the middle of the
 * quietest 10 ms frame (lowest energy {@code Σ x²} over its samples and channels) of its last
 * {@code searchSeconds}; the rest is carried into the next chunk. A pause between words is the quietest place in
 * any stretch of a few seconds of speech, so the cut falls there, no word is heard twice (nothing overlaps) and few
 * are split. In digital silence the latest candidate wins (fewer, longer chunks). A recording no longer than
 * {@code maxSeconds} is one chunk: the whole of it, exactly as {@link Wav#read} gives it.
 *
 * <p>Each chunk knows where it is in the recording ({@link Audio#startSeconds()}). Not thread-safe: one reader,
 * read in order.
 *
 * <p>Example: {@code try (Wav.Reader r = Wav.open(file)) { PauseChunks c = PauseChunks.of(r, 12, 4);
 * for (Optional<Audio> a; (a = c.next()).isPresent(); ) { … } }}
 */
public final class PauseChunks {

    /** The length of the frames compared when looking for the quietest place, in seconds. */
    public static final double FRAME_SECONDS = 0.01;
    private static final String FRAME_SECONDS_TEXT = "10 ms";

    private final Wav.Reader reader;
    private final int maxFrames;
    private final int searchFrames;
    private final int hop;
    private float[][] pending;
    private long pendingStart;

    private PauseChunks(Wav.Reader reader, int maxFrames, int searchFrames, int hop) {
        this.reader = reader;
        this.maxFrames = maxFrames;
        this.searchFrames = searchFrames;
        this.hop = hop;
        this.pendingStart = reader.position();
    }

    /**
     * @param reader        the recording, read from where it stands
     * @param maxSeconds    the longest chunk, in seconds
     * @param searchSeconds how far back from {@code maxSeconds} a cut may fall, in seconds ({@code 0 <} it
     *                      {@code < maxSeconds}); chunks other than the last are at least
     *                      {@code maxSeconds − searchSeconds} long
     * @return the chunks, to take with {@link #next()}
     * @throws IllegalArgumentException when the lengths do not fit each other or the sample rate
     */
    public static PauseChunks of(Wav.Reader reader, double maxSeconds, double searchSeconds) {
        if (!(searchSeconds > 0 && searchSeconds < maxSeconds)) {
            throw new IllegalArgumentException("searchSeconds (" + searchSeconds + ") must be > 0 and < maxSeconds ("
                    + maxSeconds + ")");
        }
        int rate = reader.sampleRate();
        int hop = Math.max(1, (int) Math.round(FRAME_SECONDS * rate));
        int max = (int) Math.min(Integer.MAX_VALUE / 2, Math.round(maxSeconds * rate));
        int search = (int) Math.round(searchSeconds * rate);
        if (search < hop || max - search < hop) {
            throw new IllegalArgumentException("chunks of " + maxSeconds + " s searched over their last " + searchSeconds
                    + " s are too short for " + FRAME_SECONDS_TEXT + " frames at " + rate + " Hz");
        }
        return new PauseChunks(reader, max, search, hop);
    }

    /**
     * @return the next chunk, starting where the last one ended, or empty when the recording is done
     * @throws IOException when the file cannot be read (or holds a bad sample), as {@link Wav.Reader#read}
     */
    public Optional<Audio> next() throws IOException {
        int have = pending == null ? 0 : pending[0].length;
        if (have < maxFrames) {
            Optional<Audio> more = reader.read(maxFrames - have);
            if (more.isPresent()) {
                pending = append(pending, more.get());
                have = pending[0].length;
            }
        }
        if (have == 0) {
            return Optional.empty();
        }
        boolean ends = reader.position() == reader.frameCount();
        int cut = ends ? have : quietestMiddle(have);
        float[][] chunk = new float[pending.length][];
        float[][] rest = new float[pending.length][];
        for (int c = 0; c < pending.length; c++) {
            chunk[c] = java.util.Arrays.copyOfRange(pending[c], 0, cut);
            rest[c] = java.util.Arrays.copyOfRange(pending[c], cut, have);
        }
        Audio out = Audio.of(chunk, reader.sampleRate()).startingAt((double) pendingStart / reader.sampleRate());
        pending = rest[0].length == 0 ? null : rest;
        pendingStart += cut;
        return Optional.of(out);
    }

    /** @return the middle of the quietest frame in the last {@code searchFrames} of the first {@code have} */
    private int quietestMiddle(int have) {
        int best = have - hop;
        double lowest = Double.POSITIVE_INFINITY;
        for (int start = have - searchFrames; start + hop <= have; start += hop) {
            double energy = 0;
            for (float[] ch : pending) {
                for (int n = start; n < start + hop; n++) {
                    energy += (double) ch[n] * ch[n];
                }
            }
            if (energy <= lowest) {
                lowest = energy;
                best = start;
            }
        }
        return best + hop / 2;
    }

    private static float[][] append(float[][] head, Audio tail) {
        float[][] out = new float[tail.channelCount()][];
        for (int c = 0; c < out.length; c++) {
            float[] t = tail.channel(c);
            if (head == null) {
                out[c] = t;
            } else {
                out[c] = java.util.Arrays.copyOf(head[c], head[c].length + t.length);
                System.arraycopy(t, 0, out[c], head[c].length, t.length);
            }
        }
        return out;
    }
}
