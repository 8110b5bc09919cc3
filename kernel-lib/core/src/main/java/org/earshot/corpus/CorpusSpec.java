package org.earshot.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a corpus is made of: everything that decides its manifest, and how to make it. Built with named fields,
 *
 * <pre>{@code
 * List<Corpus.Entry> entries = Corpus.spec(TextSource.DIGITS).count(160).seed(11).jobs(2).build().make(dir);
 * }</pre>
 *
 * <p>The same source, variety, count and seed give the same manifest; {@code jobs} and {@code progressBar} change only
 * how fast it is made and what is drawn meanwhile.
 *
 * @param source      what to say
 * @param variety     which voices the training split draws on (dev and test are the same for every variety)
 * @param count       how many utterances, ≥ 1
 * @param seed        the seed of the texts, splits, voices, rates and pitches
 * @param jobs        how many engines run at once, ≥ 1
 * @param progressBar whether to draw a progress bar on standard error
 */
public record CorpusSpec(TextSource source, Variety variety, int count, long seed, int jobs, boolean progressBar) {

    /** The seed when none is given (the kit's corpora use {@code --seed}'s default, 2112). */
    public static final long DEFAULT_SEED = 2112;

    public CorpusSpec {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(variety, "variety");
        if (count < 1) {
            throw new IllegalArgumentException("count (" + count + ") must be ≥ 1");
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs (" + jobs + ") must be ≥ 1");
        }
    }

    /**
     * @param source what to say
     * @return a builder: variety {@link Variety#STANDARD}, seed {@value #DEFAULT_SEED}, 1 job, no progress bar; the count
     *         must be given
     */
    public static Builder builder(TextSource source) {
        return new Builder(source);
    }

    /**
     * Makes (or completes) the corpus in a folder: {@code manifest.jsonl} and {@code wav/}. Files already there are not
     * made again.
     *
     * @param dir the corpus folder
     * @return the manifest entries, in order
     * @throws IOException when an engine is missing (naming its Debian package) or fails
     */
    public List<Corpus.Entry> make(Path dir) throws IOException, InterruptedException {
        return Corpus.make(this, dir);
    }

    /** Named fields of a {@link CorpusSpec}; {@link #build()} checks them. */
    public static final class Builder {
        private final TextSource source;
        private Variety variety = Variety.STANDARD;
        private OptionalInt count = OptionalInt.empty();
        private long seed = DEFAULT_SEED;
        private int jobs = 1;
        private boolean progressBar;

        private Builder(TextSource source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        /** @param variety which voices the training split draws on (default {@link Variety#STANDARD}) */
        public Builder variety(Variety variety) {
            this.variety = Objects.requireNonNull(variety, "variety");
            return this;
        }

        /** @param count how many utterances, ≥ 1 (required) */
        public Builder count(int count) {
            this.count = OptionalInt.of(count);
            return this;
        }

        /** @param seed the seed: the same seed gives the same corpus (default {@value CorpusSpec#DEFAULT_SEED}) */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param jobs how many engines run at once, ≥ 1 (default 1) */
        public Builder jobs(int jobs) {
            this.jobs = jobs;
            return this;
        }

        /** @param progressBar whether to draw a progress bar on standard error (default no) */
        public Builder progressBar(boolean progressBar) {
            this.progressBar = progressBar;
            return this;
        }

        /**
         * @return the spec
         * @throws IllegalArgumentException when the count is missing or below 1, or jobs is below 1
         */
        public CorpusSpec build() {
            if (count.isEmpty()) {
                throw new IllegalArgumentException("a corpus spec needs a count (of utterances)");
            }
            return new CorpusSpec(source, variety, count.getAsInt(), seed, jobs, progressBar);
        }
    }
}
