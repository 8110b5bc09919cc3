package org.earshot.tts.parametric;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.earshot.audio.Audio;
import org.earshot.features.Window;
import org.earshot.tts.vocoder.Lpc;
import org.earshot.tts.vocoder.SourceFilterVocoder;

/**
 * Trains a {@link ParametricVoice} from recordings with their phone segments (§21.3): the statistics an HMM-based
 * parametric system estimates, by counting instead of EM, since the alignment is given. Every frame (the
 * {@link SourceFilterVocoder}'s framing: a Hann window every hop) falls in one segment and one of its three equal
 * thirds, its state; per state, the mean normalised autocorrelation ρ = r/r[0] of the windowed frames, the mean
 * ln energy per sample, the share voiced (the vocoder's pitch tracker) and, over the voiced frames, the mean residual
 * of ln F0 about one least-squares line a + b·t/T over every utterance (declination); the same for the onset state
 * of each phone after each other phone and the offset state before each (context, as a decision tree of HTS would
 * split it, kept where seen often enough); per phone, the mean duration of
 * its segments not followed by a pause, and, for the voice, the mean ratio of a phone's duration before a pause to
 * that mean (phrase-final lengthening). Not thread-safe: one training, one thread.
 */
public final class ParametricTraining {

    private final SourceFilterVocoder vocoder;
    private final int order;
    private final double frameSeconds;
    private final double hopSeconds;
    private int sampleRate;
    private int utterances;

    /** Per phone and state (or state in a context): sums. */
    private final class StateSums {
        final double[] rho = new double[order + 1];
        double logEnergy;
        long frames;
        long voiced;
        double residual; // filled in at the end
        int segments; // segments seen (of a context: the count its minimum is checked against)
        int lastUtterance = -1; // the segment last counted, so a segment's frames count it once
        int lastSegment = -1;

        void countSegment(int utterance, int segment) {
            if (utterance != lastUtterance || segment != lastSegment) {
                lastUtterance = utterance;
                lastSegment = segment;
                segments++;
            }
        }

        void add(double[] r, double frameLogEnergy, boolean isVoiced) {
            if (r[0] > 0) {
                for (int k = 0; k <= order; k++) {
                    rho[k] += r[k] / r[0];
                }
            } else {
                rho[0] += 1; // silence: a flat spectrum
            }
            logEnergy += frameLogEnergy;
            frames++;
            voiced += isVoiced ? 1 : 0;
        }

        StateModel model() {
            double[] mean = new double[order + 1];
            for (int k = 0; k <= order; k++) {
                mean[k] = rho[k] / rho[0];
            }
            return new StateModel(mean, logEnergy / frames, (double) voiced / frames,
                    voiced == 0 ? 0 : residual / voiced);
        }
    }

    /** A voiced frame: where it is in its utterance (0 … 1), its ln F0, and the sums its residual goes to. */
    private record VoicedFrame(double position, double logF0, StateSums state, StateSums context) {
    }

    private final Map<String, Map<String, StateSums>> onsets = new HashMap<>(); // phone → the phone before → sums
    private final Map<String, Map<String, StateSums>> offsets = new HashMap<>(); // phone → the phone after → sums

    private final Map<String, StateSums[]> states = new TreeMap<>();
    private final Map<String, double[]> durations = new HashMap<>(); // sum of seconds, count (not before a pause)
    private final Map<String, double[]> allDurations = new HashMap<>(); // every segment: sum, count
    private final List<TimedPhone> prepausal = new ArrayList<>();
    private final List<VoicedFrame> f0 = new ArrayList<>();

    /**
     * @param order        p of the filters (the analysis frame must be longer)
     * @param frameSeconds the analysis window
     * @param hopSeconds   a frame every this many seconds
     */
    public ParametricTraining(int order, double frameSeconds, double hopSeconds) {
        this.order = order;
        this.frameSeconds = frameSeconds;
        this.hopSeconds = hopSeconds;
        this.vocoder = SourceFilterVocoder.builder().order(order).frameSeconds(frameSeconds).hopSeconds(hopSeconds)
                .build();
    }

    /**
     * @param audio    one utterance (mixed down; every utterance at one rate)
     * @param segments its phones, in order, covering it
     * @throws IllegalArgumentException when its rate differs from the first utterance's, or it has no segments
     */
    public void add(Audio audio, List<TimedPhone> segments) {
        Audio mono = audio.mixdown();
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("an utterance without segments");
        }
        if (sampleRate == 0) {
            sampleRate = mono.sampleRate();
        } else if (mono.sampleRate() != sampleRate) {
            throw new IllegalArgumentException(mono.sampleRate() + " Hz: the voice is trained at " + sampleRate + " Hz");
        }
        utterances++;
        for (int i = 0; i < segments.size(); i++) {
            TimedPhone s = segments.get(i);
            add(allDurations, s.phone(), s.seconds());
            boolean beforePause = i + 1 < segments.size() && segments.get(i + 1).phone().equals(ParametricVoice.PAUSE)
                    && !s.phone().equals(ParametricVoice.PAUSE);
            if (beforePause) {
                prepausal.add(s);
            } else {
                add(durations, s.phone(), s.seconds());
            }
        }
        SourceFilterVocoder.Analysis analysis = vocoder.analyse(mono);
        double[] x = mono.doubleSamples();
        int frame = (int) Math.round(frameSeconds * sampleRate);
        double[] window = Window.HANN.coefficients(frame, true);
        double windowEnergy = 0;
        for (double w : window) {
            windowEnergy += w * w;
        }
        double end = segments.get(segments.size() - 1).endSeconds();
        int seg = 0;
        for (SourceFilterVocoder.Frame f : analysis.frames()) {
            double t = f.timeSeconds();
            while (seg < segments.size() - 1 && t >= segments.get(seg).endSeconds()) {
                seg++;
            }
            TimedPhone s = segments.get(seg);
            if (t < s.startSeconds() || t >= s.endSeconds()) {
                continue; // beyond the last segment
            }
            int state = Math.min(PhoneModel.STATES - 1,
                    (int) (PhoneModel.STATES * (t - s.startSeconds()) / s.seconds()));
            StateSums sums = states.computeIfAbsent(s.phone(), p -> new StateSums[] {
                new StateSums(), new StateSums(), new StateSums()})[state];
            StateSums context = state == 0 && seg > 0 ? inContext(onsets, s.phone(), segments.get(seg - 1).phone())
                    : state == PhoneModel.STATES - 1 && seg + 1 < segments.size()
                    ? inContext(offsets, s.phone(), segments.get(seg + 1).phone()) : null;
            double[] r = Lpc.autocorrelation(SourceFilterVocoder.slice(x, (int) Math.round(t * sampleRate), window), order);
            double logEnergy = Math.log(Math.max(r[0] / windowEnergy, 1e-12));
            sums.add(r, logEnergy, f.voiced());
            if (context != null) {
                context.add(r, logEnergy, f.voiced());
                context.countSegment(utterances, seg);
            }
            if (f.voiced()) {
                f0.add(new VoicedFrame(t / end, Math.log(f.f0Hz()), sums, context));
            }
        }
    }

    private StateSums inContext(Map<String, Map<String, StateSums>> byPhone, String phone, String neighbour) {
        return byPhone.computeIfAbsent(phone, p -> new HashMap<>()).computeIfAbsent(neighbour, n -> new StateSums());
    }

    /** @return how many utterances were added */
    public int utterances() {
        return utterances;
    }

    /**
     * @param trainedOn one line saying what the utterances were
     * @return the voice: every phone seen with frames in all three states
     * @throws IllegalStateException when nothing was added, or no pause was seen
     */
    public ParametricVoice build(String trainedOn) {
        return build(trainedOn, Integer.MAX_VALUE);
    }

    /**
     * @param trainedOn  one line saying what the utterances were
     * @param minContext the fewest segments of a phone after (or before) another for its onset (offset) state in
     *                   that context to be kept; {@link Integer#MAX_VALUE}: no contexts
     * @return the voice, with context-dependent onsets and offsets where seen often enough
     */
    public ParametricVoice build(String trainedOn, int minContext) {
        if (utterances == 0 || f0.size() < 2) {
            throw new IllegalStateException("nothing to train on: add utterances with voiced speech first");
        }
        // ln F0 = a + b·t/T by least squares, then each state's mean residual
        double n = f0.size();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (VoicedFrame v : f0) {
            sx += v.position();
            sy += v.logF0();
            sxx += v.position() * v.position();
            sxy += v.position() * v.logF0();
        }
        double spread = n * sxx - sx * sx; // 0 when every voiced frame sits at one place: a flat line
        double b = spread > 0 ? (n * sxy - sx * sy) / spread : 0;
        double a = (sy - b * sx) / n;
        for (VoicedFrame v : f0) { // build may be called again: start each residual from 0
            v.state().residual = 0;
            if (v.context() != null) {
                v.context().residual = 0;
            }
        }
        for (VoicedFrame v : f0) {
            double residual = v.logF0() - (a + b * v.position());
            v.state().residual += residual;
            if (v.context() != null) {
                v.context().residual += residual;
            }
        }
        Map<String, PhoneModel> phones = new TreeMap<>();
        for (var e : states.entrySet()) {
            String phone = e.getKey();
            List<StateModel> models = new ArrayList<>();
            for (StateSums s : e.getValue()) {
                if (s.frames == 0) {
                    break;
                }
                models.add(s.model());
            }
            double[] d = durations.getOrDefault(phone, allDurations.get(phone));
            if (models.size() == PhoneModel.STATES) {
                phones.put(phone, new PhoneModel(phone, d[0] / d[1], (int) allDurations.get(phone)[1], models,
                        seenOften(onsets.get(phone), minContext), seenOften(offsets.get(phone), minContext)));
            }
        }
        double ratio = 0;
        int counted = 0;
        for (TimedPhone p : prepausal) {
            PhoneModel m = phones.get(p.phone());
            if (m != null) {
                ratio += p.seconds() / m.meanSeconds();
                counted++;
            }
        }
        if (!phones.containsKey(ParametricVoice.PAUSE)) {
            throw new IllegalStateException("no pause ('" + ParametricVoice.PAUSE + "') in the segments");
        }
        return new ParametricVoice(sampleRate, hopSeconds, order, a, b, counted == 0 ? 1 : ratio / counted, phones,
                trainedOn);
    }

    /** @return the models of the contexts seen in at least {@code minContext} segments (none for no contexts) */
    private static Map<String, StateModel> seenOften(Map<String, StateSums> byNeighbour, int minContext) {
        Map<String, StateModel> out = new TreeMap<>();
        if (byNeighbour != null) {
            byNeighbour.forEach((neighbour, sums) -> {
                if (sums.segments >= minContext) {
                    out.put(neighbour, sums.model());
                }
            });
        }
        return out;
    }

    private static void add(Map<String, double[]> m, String phone, double seconds) {
        double[] s = m.computeIfAbsent(phone, p -> new double[2]);
        s[0] += seconds;
        s[1]++;
    }
}
