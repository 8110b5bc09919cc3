package org.earshot.speakers.meeting;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Random;

import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.corpus.Corpus;
import org.earshot.corpus.Split;
import org.earshot.corpus.real.RealSource;
import org.earshot.metrics.SpeakerSegment;
import org.earshot.speakers.vad.EnergyVad;

/**
 * Makes test meetings for diarization from recordings of real people: a {@link Meeting} is several speakers taking
 * turns, with pauses, some overlap and optional noise, and its reference "who spoke when".
 *
 * <p>The recipe, all drawn from {@code Random(seed)}:
 * <ul>
 *   <li><b>Who</b>: {@code k} speakers, k uniform in [{@link Builder#minSpeakers}, {@link Builder#maxSpeakers}], drawn
 *       from the speakers of one split of a real-speech corpus ({@code ./earshot corpus real}: test speakers are held
 *       out of everything tuned). Two speaker ids that may be one person ({@link RealSource#mayBeOnePerson}:
 *       kajongg's English and German voices are the same people) are never in one meeting.</li>
 *   <li><b>Turns</b>: the next speaker is any other one; a turn is a geometric number of the speaker's clips (mean
 *       {@code 1/p} = 2.5, at most 6) with 0.1–0.3 s between them, so turns last about 1–6 s, as in conversation
 *       corpora, where most turns are short and a few long.</li>
 *   <li><b>Between turns</b>: a pause drawn from an exponential distribution of mean 0.5 s (0.1–2 s); or, with
 *       probability {@link Builder#overlap}, the next turn starts 0.2–0.8 s before the last one ends (never more
 *       than half of it): overlapped speech, where one-window-one-speaker diarization must miss a speaker.</li>
 *   <li><b>Level</b>: every clip is cut to its speech (first to last frame above −45 dBFS, {@link EnergyVad}, no
 *       hangover) and scaled to a peak of −3 dBFS, so loudness tells no speaker apart.</li>
 *   <li><b>Noise</b> (optional): white Gaussian noise at {@link Builder#noiseSnrDb} dB below the mean power of the
 *       speech (SNR over the speech, not the silences); or, with {@link Builder#ambience}, real ambience (a
 *       stadium crowd, {@link Ambience#crowd}) scaled so that its power over the speech samples is exactly that far
 *       below the speech's, {@code g = √(P_s / (P_n · 10^(SNR/10)))}. The meeting's {@link Meeting#noise()} says
 *       which noise and which recordings.</li>
 * </ul>
 * The reference has one segment per clip (its speech extent), labelled with the corpus's speaker id.
 *
 * <pre>{@code
 * MeetingGenerator g = MeetingGenerator.builder().corpus(dir).split(Split.TEST).speakers(2, 4).overlap(0.1).build();
 * Meeting m = g.meeting(7);
 * }</pre>
 */
public final class MeetingGenerator {

    /** A clip's speech is what lies above this level, dBFS. */
    static final double SPEECH_DB = -45;
    /** Every clip's peak, dBFS. */
    static final double PEAK_DB = -3;
    private static final double MEAN_CLIPS_PER_TURN = 2.5;
    private static final int MAX_CLIPS_PER_TURN = 6;

    private final Map<String, List<Corpus.Entry>> clipsBySpeaker;
    private final Path corpus;
    private final int minSpeakers;
    private final int maxSpeakers;
    private final double overlap;
    private final OptionalDouble noiseSnrDb;
    private final double seconds;
    private final Ambience ambience;
    private final EnergyVad speechExtent = EnergyVad.builder().thresholdDb(SPEECH_DB).hangoverMs(0).build();

    private MeetingGenerator(Builder b, Map<String, List<Corpus.Entry>> clipsBySpeaker) {
        this.clipsBySpeaker = clipsBySpeaker;
        this.corpus = b.corpus;
        this.minSpeakers = b.minSpeakers;
        this.maxSpeakers = b.maxSpeakers;
        this.overlap = b.overlap;
        this.noiseSnrDb = b.noiseSnrDb;
        this.seconds = b.seconds;
        this.ambience = b.ambience;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the speakers meetings are drawn from, with how many clips each has */
    public Map<String, Integer> speakers() {
        Map<String, Integer> out = new LinkedHashMap<>();
        clipsBySpeaker.forEach((s, clips) -> out.put(s, clips.size()));
        return out;
    }

    /**
     * @param seed the meeting's seed: the same seed gives the same meeting
     * @return a meeting of about {@link Builder#seconds} seconds (the turn that passes it is finished)
     * @throws IOException when a clip cannot be read (the message names it)
     */
    public Meeting meeting(long seed) throws IOException {
        Random random = new Random(seed);
        List<String> pool = new ArrayList<>(clipsBySpeaker.keySet());
        Collections.shuffle(pool, random);
        int k = minSpeakers + random.nextInt(maxSpeakers - minSpeakers + 1);
        List<String> who = new ArrayList<>();
        for (String candidate : pool) {
            if (who.size() < k && who.stream().noneMatch(w -> maybeOnePerson(w, candidate))) {
                who.add(candidate);
            }
        }
        if (who.size() < k) {
            throw new IOException(String.format(Locale.ROOT, "only %d of the %d speakers are surely different people"
                    + " (kajongg's voices are the same people in English and German): lower --speakers", who.size(), k));
        }
        Map<String, List<Corpus.Entry>> order = new LinkedHashMap<>();
        for (String s : who) {
            List<Corpus.Entry> clips = new ArrayList<>(clipsBySpeaker.get(s));
            Collections.shuffle(clips, random);
            order.put(s, clips);
        }
        Map<String, Integer> next = new LinkedHashMap<>();
        List<float[]> placed = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        List<SpeakerSegment> reference = new ArrayList<>();
        int rate = -1;
        int end = 0; // samples: where the last turn ends
        String last = null;
        double pStop = 1 / MEAN_CLIPS_PER_TURN;
        boolean first = true;
        while (end < seconds * Math.max(rate, 1) || first) {
            String speaker;
            do {
                speaker = who.get(random.nextInt(k));
            } while (speaker.equals(last));
            int start;
            int clipsInTurn = 1;
            while (clipsInTurn < MAX_CLIPS_PER_TURN && random.nextDouble() > pStop) {
                clipsInTurn++;
            }
            int cursor = end;
            for (int c = 0; c < clipsInTurn; c++) {
                List<Corpus.Entry> clips = order.get(speaker);
                int index = next.merge(speaker, 1, Integer::sum) - 1;
                Corpus.Entry entry = clips.get(index % clips.size());
                Audio clip = speech(entry);
                if (rate < 0) {
                    rate = clip.sampleRate();
                } else if (clip.sampleRate() != rate) {
                    throw new IOException(entry.path() + ": " + clip.sampleRate() + " Hz in a corpus of " + rate
                            + " Hz");
                }
                if (c == 0) {
                    double gap;
                    if (!first && random.nextDouble() < overlap) {
                        int lastLength = turnLength(reference, last, rate);
                        double back = Math.min(0.2 + 0.6 * random.nextDouble(), lastLength / 2.0 / rate);
                        gap = -back;
                    } else {
                        gap = first ? 0.3 : Math.min(2.0, Math.max(0.1, -0.5 * Math.log(1 - random.nextDouble())));
                    }
                    start = Math.max(0, end + (int) Math.round(gap * rate));
                    // a turn may overlap others, never the same speaker's last turn (that one may end after the
                    // last turn of all when the last speaker overlapped inside it)
                    start = Math.max(start, ownEnd(reference, speaker, rate) + (int) Math.round(0.1 * rate));
                } else {
                    start = cursor + (int) Math.round((0.1 + 0.2 * random.nextDouble()) * rate);
                }
                float[] x = clip.samples();
                placed.add(x);
                at.add(start);
                reference.add(new SpeakerSegment(start / (double) rate, (start + x.length) / (double) rate, speaker));
                cursor = start + x.length;
            }
            end = Math.max(end, cursor);
            last = speaker;
            first = false;
        }
        int length = end + (int) Math.round(0.3 * rate);
        double[] mix = new double[length];
        for (int i = 0; i < placed.size(); i++) {
            float[] x = placed.get(i);
            int from = at.get(i);
            for (int j = 0; j < x.length; j++) {
                mix[from + j] += x[j];
            }
        }
        MeetingNoise noise = MeetingNoise.NONE;
        if (noiseSnrDb.isPresent() && ambience != null) {
            double snr = noiseSnrDb.getAsDouble();
            Ambience.Track track = ambience.track(mix.length, rate, random);
            double[] n = track.samples();
            double g = gainForSnr(mix, n, speechMask(mix.length, reference, rate), snr);
            for (int i = 0; i < mix.length; i++) {
                mix[i] += g * n[i];
            }
            noise = new MeetingNoise(MeetingNoise.Kind.AMBIENCE, ambience.source(), track.parts(), snr);
        } else if (noiseSnrDb.isPresent()) {
            addNoise(mix, reference, rate, noiseSnrDb.getAsDouble(), random);
            noise = new MeetingNoise(MeetingNoise.Kind.WHITE, "white Gaussian", List.of(), noiseSnrDb.getAsDouble());
        }
        reference.sort(java.util.Comparator.comparingDouble(SpeakerSegment::startSeconds));
        String id = String.format(Locale.ROOT, "meeting-%d-%dspk", seed, k);
        return new Meeting(id, Audio.mono(mix, rate), reference, List.copyOf(who), noise);
    }

    /** @return {@code [n]}: whether sample i lies in a reference turn */
    static boolean[] speechMask(int n, List<SpeakerSegment> speech, int rate) {
        boolean[] inSpeech = new boolean[n];
        for (SpeakerSegment s : speech) {
            for (int i = (int) Math.round(s.startSeconds() * rate); i < Math.min(n, Math.round(s.endSeconds() * rate));
                 i++) {
                inSpeech[i] = true;
            }
        }
        return inSpeech;
    }

    /**
     * @param speech the clean mix
     * @param noise  the noise, as long
     * @param mask   the samples the SNR is measured over (the speech)
     * @return {@code 10·log10(P_s / P_n)} over the masked samples, dB
     */
    static double snrDb(double[] speech, double[] noise, boolean[] mask) {
        double ps = 0;
        double pn = 0;
        for (int i = 0; i < speech.length; i++) {
            if (mask[i]) {
                ps += speech[i] * speech[i];
                pn += noise[i] * noise[i];
            }
        }
        return 10 * Math.log10(ps / pn);
    }

    /**
     * @param speech the clean mix
     * @param noise  the noise, as long
     * @param mask   the samples the SNR is measured over (the speech)
     * @param snrDb  the SNR wanted, dB
     * @return the gain g with {@code snrDb(speech, g·noise, mask) = snrDb}
     */
    static double gainForSnr(double[] speech, double[] noise, boolean[] mask, double snrDb) {
        double measured = snrDb(speech, noise, mask);
        if (!Double.isFinite(measured)) {
            throw new IllegalStateException("the SNR cannot be set: the speech or the noise is silent in the turns");
        }
        return Math.pow(10, (measured - snrDb) / 20);
    }

    /** @return true when two speaker ids may be one person ({@link RealSource#mayBeOnePerson}) */
    private boolean maybeOnePerson(String a, String b) {
        return RealSource.mayBeOnePerson(clipsBySpeaker.get(a).get(0).provenance().orElseThrow(),
                clipsBySpeaker.get(b).get(0).provenance().orElseThrow());
    }

    /** @return the sample where the speaker's latest segment so far ends (−∞ when none) */
    private static int ownEnd(List<SpeakerSegment> reference, String speaker, int rate) {
        int last = Integer.MIN_VALUE / 2;
        for (SpeakerSegment s : reference) {
            if (s.speaker().equals(speaker)) {
                last = Math.max(last, (int) Math.round(s.endSeconds() * rate));
            }
        }
        return last;
    }

    /** @return the samples of the latest turn of {@code speaker} (its last run of consecutive segments) */
    private static int turnLength(List<SpeakerSegment> reference, String speaker, int rate) {
        double to = -1;
        double from = -1;
        for (int i = reference.size() - 1; i >= 0 && reference.get(i).speaker().equals(speaker); i--) {
            to = to < 0 ? reference.get(i).endSeconds() : to;
            from = reference.get(i).startSeconds();
        }
        return to < 0 ? 0 : (int) Math.round((to - from) * rate);
    }

    /** @return the entry's recording cut to its speech and scaled to a peak of {@link #PEAK_DB} */
    private Audio speech(Corpus.Entry entry) throws IOException {
        Audio a = Wav.read(corpus.resolve(entry.path())).mixdown();
        List<SpeakerSegment> s = speechExtent.apply(a).segments();
        if (!s.isEmpty()) {
            a = a.trim(s.get(0).startSeconds(), Math.min(a.durationSeconds(), s.get(s.size() - 1).endSeconds()));
        }
        float peak = 0;
        for (float v : a.samples()) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (peak == 0) {
            throw new IOException(entry.path() + ": silent (no sample above 0)");
        }
        return a.gain(PEAK_DB - 20 * Math.log10(peak));
    }

    private static void addNoise(double[] mix, List<SpeakerSegment> speech, int rate, double snrDb, Random random) {
        boolean[] inSpeech = speechMask(mix.length, speech, rate);
        double power = 0;
        int n = 0;
        for (int i = 0; i < mix.length; i++) {
            if (inSpeech[i]) {
                power += mix[i] * mix[i];
                n++;
            }
        }
        double sigma = Math.sqrt(power / Math.max(1, n) / Math.pow(10, snrDb / 10));
        for (int i = 0; i < mix.length; i++) {
            mix[i] += sigma * random.nextGaussian();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MeetingGenerator[%d–%d of %d speakers, overlap %.2f, %s, ~%.0f s]",
                minSpeakers, maxSpeakers, clipsBySpeaker.size(), overlap,
                noiseSnrDb.isEmpty() ? "no noise" : (ambience == null ? "white" : ambience.source()) + " noise at "
                        + noiseSnrDb.getAsDouble() + " dB SNR", seconds);
    }

    /** Builds a {@link MeetingGenerator}; every field is named. */
    public static final class Builder {
        private Path corpus;
        private Split split = Split.TEST;
        private String language;
        private int minSpeakers = 2;
        private int maxSpeakers = 4;
        private double overlap = 0.1;
        private OptionalDouble noiseSnrDb = OptionalDouble.empty();
        private double seconds = 60;
        private int minClips = 10;
        private Ambience ambience;

        private Builder() {
        }

        /** @param dir a real-speech corpus folder ({@code ./earshot corpus real}: {@code manifest.jsonl} and WAVs) */
        public Builder corpus(Path dir) {
            this.corpus = Objects.requireNonNull(dir, "corpus");
            return this;
        }

        /** @param from the split whose speakers speak (default test: speakers held out of all tuning) */
        public Builder split(Split from) {
            this.split = Objects.requireNonNull(from, "split");
            return this;
        }

        /** @param iso6391 only speakers of this language (default: any) */
        public Builder language(String iso6391) {
            this.language = iso6391;
            return this;
        }

        /** @param min fewest speakers; @param max most (2 ≤ min ≤ max) */
        public Builder speakers(int min, int max) {
            this.minSpeakers = min;
            this.maxSpeakers = max;
            return this;
        }

        /** @param probability that a turn starts before the last one ends (0–1; default 0.1) */
        public Builder overlap(double probability) {
            this.overlap = probability;
            return this;
        }

        /** @param snrDb noise this many dB below the speech (default: none) */
        public Builder noiseSnrDb(double snrDb) {
            this.noiseSnrDb = OptionalDouble.of(snrDb);
            return this;
        }

        /**
         * @param noise real ambience to mix at {@link #noiseSnrDb} instead of white noise (null: white)
         */
        public Builder ambience(Ambience noise) {
            this.ambience = noise;
            return this;
        }

        /** @param length about how long a meeting is, seconds (default 60) */
        public Builder seconds(double length) {
            this.seconds = length;
            return this;
        }

        /** @param clips a speaker needs at least this many clips to take part (default 10) */
        public Builder minClips(int clips) {
            this.minClips = clips;
            return this;
        }

        /**
         * @return the generator
         * @throws IOException when the corpus has no manifest, or too few speakers in the split
         */
        public MeetingGenerator build() throws IOException {
            if (corpus == null) {
                throw new IllegalArgumentException("a meeting generator needs .corpus(dir): a real-speech corpus"
                        + " (./earshot corpus real)");
            }
            if (minSpeakers < 2 || maxSpeakers < minSpeakers) {
                throw new IllegalArgumentException("speakers " + minSpeakers + ".." + maxSpeakers
                        + ": a meeting needs 2 ≤ min ≤ max");
            }
            if (!(overlap >= 0 && overlap <= 1)) {
                throw new IllegalArgumentException("overlap " + overlap + ": a probability, 0 to 1");
            }
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("meeting length " + seconds + " s: must be > 0");
            }
            if (noiseSnrDb.isPresent() && !Double.isFinite(noiseSnrDb.getAsDouble())) {
                throw new IllegalArgumentException("noise SNR " + noiseSnrDb.getAsDouble() + " dB: must be finite");
            }
            if (ambience != null && noiseSnrDb.isEmpty()) {
                throw new IllegalArgumentException("ambience needs an SNR: .noiseSnrDb(dB) (--noise-snr)");
            }
            Path manifest = corpus.resolve(Corpus.MANIFEST);
            if (!java.nio.file.Files.isRegularFile(manifest)) {
                throw new IOException(manifest + ": no corpus manifest here; make one with ./earshot corpus real");
            }
            Map<String, List<Corpus.Entry>> bySpeaker = new java.util.TreeMap<>();
            for (Corpus.Entry e : Corpus.read(manifest)) {
                if (e.provenance().isEmpty() || e.split() != split
                        || language != null && !e.provenance().get().language().equals(language)) {
                    continue;
                }
                bySpeaker.computeIfAbsent(e.provenance().get().speaker(), s -> new ArrayList<>()).add(e);
            }
            bySpeaker.values().removeIf(clips -> clips.size() < minClips);
            if (bySpeaker.size() < maxSpeakers) {
                throw new IOException(String.format(Locale.ROOT, "%s: %d speakers with ≥ %d clips in the %s split%s, "
                                + "fewer than the %d a meeting may need: lower --speakers or use another split",
                        manifest, bySpeaker.size(), minClips, split.label(),
                        language == null ? "" : " (language " + language + ")", maxSpeakers));
            }
            return new MeetingGenerator(this, bySpeaker);
        }
    }
}
