package org.earshot.tts.parametric;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.earshot.tts.vocoder.Lpc;
import org.earshot.tts.vocoder.SourceFilterVocoder;

/**
 * The kit's statistical parametric voice (§21.3), trained by {@link ParametricTraining}: for every phone a mean
 * duration and three states ({@link PhoneModel}, {@link StateModel}), and for the voice an F0 line over the
 * utterance (declination) and a lengthening before a pause; a phone's onset and offset states may depend on the
 * phone before and after (coarticulation). Synthesis is the parametric era's recipe: the phones'
 * durations lay out frames every {@code hopSeconds}; each frame's envelope is the linear blend of the two nearest
 * state centres' mean autocorrelations, made a filter by Levinson-Durbin ({@link Lpc#levinson}); its gain the
 * blend's energy; voicing and the F0 offset those of its own state; F0 = exp(a + b·t/T + offset) for the frame at t
 * of T. The frames go to the {@link SourceFilterVocoder} (pulses or noise through the filter). Everything is a mean,
 * so the voice is smooth, flat and buzzy: the era's sound, and its small footprint.
 *
 * @param sampleRate       the training audio's rate, Hz
 * @param hopSeconds       a frame every this many seconds
 * @param order            p, the filters' order
 * @param logF0Intercept   a: ln F0 at an utterance's start
 * @param logF0Slope       b: the change of ln F0 from start to end (negative: declination)
 * @param prepausalFactor  a phone before a pause lasts this many times its mean
 * @param phones           the phones, by name
 * @param trainedOn        one line: what it was trained on
 */
public record ParametricVoice(int sampleRate, double hopSeconds, int order, double logF0Intercept,
                              double logF0Slope, double prepausalFactor, Map<String, PhoneModel> phones,
                              String trainedOn) {

    /** The silence phone. */
    public static final String PAUSE = "pau";

    public ParametricVoice {
        if (sampleRate <= 0 || !(hopSeconds > 0 && hopSeconds < 1) || order < 1 || !(prepausalFactor > 0)
                || !Double.isFinite(logF0Intercept) || !Double.isFinite(logF0Slope) || phones == null) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "a voice wants a sample rate > 0,"
                    + " a hop in (0, 1) s, an order ≥ 1, a pre-pausal factor > 0, a finite F0 line and phones (got"
                    + " %d Hz, %s s, order %d, factor %s)", sampleRate, hopSeconds, order, prepausalFactor));
        }
        phones = java.util.Collections.unmodifiableMap(new TreeMap<>(phones));
        if (!phones.containsKey(PAUSE)) {
            throw new IllegalArgumentException("a voice needs the pause phone '" + PAUSE + "'");
        }
        for (PhoneModel m : phones.values()) {
            List<StateModel> all = new ArrayList<>(m.states());
            all.addAll(m.onsets().values());
            all.addAll(m.offsets().values());
            for (StateModel s : all) {
                if (s.autocorrelation().length != order + 1) {
                    throw new IllegalArgumentException(m.phone() + ": autocorrelation of " + s.autocorrelation().length
                            + " lags, the voice's order is " + order);
                }
            }
        }
    }

    /**
     * @param file a voice written by {@link #write}
     * @return it
     * @throws IOException naming the file when it cannot be read or is not a voice
     */
    public static ParametricVoice read(Path file) throws IOException {
        try {
            return new ObjectMapper().readValue(file.toFile(), ParametricVoice.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": not a parametric voice (" + e.getMessage().lines().findFirst().orElse("")
                    + ")", e);
        }
    }

    /** @param file where the voice goes (JSON) */
    public void write(Path file) throws IOException {
        Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this));
    }

    /**
     * @param sequence phones of this voice, {@link #PAUSE} for silence
     * @return the frames the vocoder turns into sound, with their durations, envelopes, voicing and F0
     * @throws IllegalArgumentException naming a phone the voice does not know
     */
    public SourceFilterVocoder.Analysis frames(List<String> sequence) {
        List<Integer> stateIndex = new ArrayList<>(); // per frame: its state's index in byIndex
        List<double[]> centres = new ArrayList<>(); // per global state: sum of frame indices, count
        List<StateModel> byIndex = new ArrayList<>();
        for (int i = 0; i < sequence.size(); i++) {
            PhoneModel m = phone(sequence.get(i));
            boolean beforePause = i + 1 < sequence.size() && sequence.get(i + 1).equals(PAUSE)
                    && !m.phone().equals(PAUSE);
            double seconds = m.meanSeconds() * (beforePause ? prepausalFactor : 1);
            int n = Math.max(PhoneModel.STATES, (int) Math.round(seconds / hopSeconds));
            String left = i > 0 ? sequence.get(i - 1) : null;
            String right = i + 1 < sequence.size() ? sequence.get(i + 1) : null;
            for (int s = 0; s < PhoneModel.STATES; s++) {
                centres.add(new double[] {0, 0});
                byIndex.add(m.state(s, left, right));
            }
            for (int j = 0; j < n; j++) {
                int s = Math.min(PhoneModel.STATES - 1, j * PhoneModel.STATES / n);
                int g = byIndex.size() - PhoneModel.STATES + s;
                centres.get(g)[0] += stateIndex.size();
                centres.get(g)[1]++;
                stateIndex.add(g);
            }
        }
        int total = stateIndex.size();
        List<SourceFilterVocoder.Frame> frames = new ArrayList<>();
        for (int f = 0; f < total; f++) {
            int g = stateIndex.get(f);
            double c = centres.get(g)[0] / centres.get(g)[1];
            int other = f < c ? g - 1 : g + 1;
            double w = 0; // the other state's weight
            if (other >= 0 && other < byIndex.size() && centres.get(other)[1] > 0) {
                double oc = centres.get(other)[0] / centres.get(other)[1];
                w = Math.min(1, Math.abs(f - c) / Math.abs(oc - c)); // linear between the two centres
            }
            StateModel own = byIndex.get(g);
            double[] rho = own.autocorrelation();
            double logEnergy = own.logEnergy();
            if (w > 0) {
                double[] o = byIndex.get(other).autocorrelation();
                for (int k = 0; k < rho.length; k++) {
                    rho[k] = (1 - w) * rho[k] + w * o[k];
                }
                logEnergy = (1 - w) * logEnergy + w * byIndex.get(other).logEnergy();
            }
            Lpc shape = Lpc.levinson(rho, order);
            Lpc filter = new Lpc(shape.coefficients(), Math.exp(logEnergy / 2) * shape.gain());
            double f0 = own.voiced()
                    ? Math.exp(logF0Intercept + logF0Slope * f / total + own.logF0Offset()) : 0;
            frames.add(new SourceFilterVocoder.Frame(f * hopSeconds, own.voiced(), f0, filter));
        }
        return new SourceFilterVocoder.Analysis(sampleRate, hopSeconds, frames);
    }

    private PhoneModel phone(String name) {
        PhoneModel m = phones.get(name);
        if (m == null) {
            throw new IllegalArgumentException("the parametric voice has no phone '" + name + "' (it knows "
                    + String.join(" ", phones.keySet()) + ")");
        }
        return m;
    }
}
