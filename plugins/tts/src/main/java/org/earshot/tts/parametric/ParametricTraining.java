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

    private final Map<String, StateSums> contexts = new HashMap<>(); // "left>phone" onsets, "phone<right" offsets
    private final Map<String, Integer> contextSegments = new HashMap<>(); // segments seen in each context
    private final Map<String, Integer> lastCounted = new HashMap<>(); // within one utterance: the last segment counted

    private final Map<String, StateSums[]> states = new TreeMap<>();
    private final Map<String, double[]> durations = new HashMap<>(); // sum of seconds, count (not before a pause)
    private final Map<String, double[]> allDurations = new HashMap<>(); // every segment: sum, count
    private final List<String[]> prepausal = new ArrayList<>(); // phone, seconds
    private final List<double[]> f0 = new ArrayList<>(); // t/T, ln F0
    private final List<String[]> f0State = new ArrayList<>(); // "phone/state" of each, and its context or null

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
                prepausal.add(new String[] {s.phone(), String.valueOf(s.seconds())});
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
            String context = state == 0 && seg > 0 ? onsetKey(segments.get(seg - 1).phone(), s.phone())
                    : state == PhoneModel.STATES - 1 && seg + 1 < segments.size()
                    ? offsetKey(s.phone(), segments.get(seg + 1).phone()) : null;
            double[] r = Lpc.autocorrelation(SourceFilterVocoder.slice(x, (int) Math.round(t * sampleRate), window), order);
            double logEnergy = Math.log(Math.max(r[0] / windowEnergy, 1e-12));
            sums.add(r, logEnergy, f.voiced());
            if (context != null) {
                contexts.computeIfAbsent(context, k -> new StateSums()).add(r, logEnergy, f.voiced());
                if (seg != lastCounted.getOrDefault(context, -1)) {
                    lastCounted.put(context, seg);
                    contextSegments.merge(context, 1, Integer::sum);
                }
            }
            if (f.voiced()) {
                f0.add(new double[] {t / end, Math.log(f.f0Hz())});
                f0State.add(new String[] {s.phone() + "/" + state, context});
            }
        }
        lastCounted.clear();
    }

    private static String onsetKey(String left, String phone) {
        return left + ">" + phone;
    }

    private static String offsetKey(String phone, String right) {
        return phone + "<" + right;
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
        for (double[] p : f0) {
            sx += p[0];
            sy += p[1];
            sxx += p[0] * p[0];
            sxy += p[0] * p[1];
        }
        double spread = n * sxx - sx * sx; // 0 when every voiced frame sits at one place: a flat line
        double b = spread > 0 ? (n * sxy - sx * sy) / spread : 0;
        double a = (sy - b * sx) / n;
        states.values().forEach(sums -> java.util.Arrays.stream(sums).forEach(x -> x.residual = 0));
        contexts.values().forEach(x -> x.residual = 0); // build may be called again: it must not add up twice
        for (int i = 0; i < f0.size(); i++) {
            String[] key = f0State.get(i)[0].split("/");
            double residual = f0.get(i)[1] - (a + b * f0.get(i)[0]);
            states.get(key[0])[Integer.parseInt(key[1])].residual += residual;
            if (f0State.get(i)[1] != null) {
                contexts.get(f0State.get(i)[1]).residual += residual;
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
                Map<String, StateModel> onsets = new TreeMap<>();
                Map<String, StateModel> offsets = new TreeMap<>();
                contexts.forEach((key, sums) -> {
                    if (contextSegments.get(key) < minContext) {
                        return;
                    }
                    if (key.endsWith(">" + phone)) {
                        onsets.put(key.substring(0, key.indexOf('>')), sums.model());
                    } else if (key.startsWith(phone + "<")) {
                        offsets.put(key.substring(key.indexOf('<') + 1), sums.model());
                    }
                });
                phones.put(phone, new PhoneModel(phone, d[0] / d[1], (int) allDurations.get(phone)[1], models,
                        onsets, offsets));
            }
        }
        double ratio = 0;
        int counted = 0;
        for (String[] p : prepausal) {
            PhoneModel m = phones.get(p[0]);
            if (m != null) {
                ratio += Double.parseDouble(p[1]) / m.meanSeconds();
                counted++;
            }
        }
        if (!phones.containsKey(ParametricVoice.PAUSE)) {
            throw new IllegalStateException("no pause ('" + ParametricVoice.PAUSE + "') in the segments");
        }
        return new ParametricVoice(sampleRate, hopSeconds, order, a, b, counted == 0 ? 1 : ratio / counted, phones,
                trainedOn);
    }

    private static void add(Map<String, double[]> m, String phone, double seconds) {
        double[] s = m.computeIfAbsent(phone, p -> new double[2]);
        s[0] += seconds;
        s[1]++;
    }
}
