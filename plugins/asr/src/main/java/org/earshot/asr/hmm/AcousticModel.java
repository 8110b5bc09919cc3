package org.earshot.asr.hmm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.earshot.models.Gmm;

/**
 * Left-to-right phone HMMs with diagonal-GMM emissions (§21.2): every phone (and the silence model {@value #SIL})
 * has {@value #STATES} emitting states, each with a self-loop and a step to the next state, and a {@link Gmm} over
 * the 39 acoustic features. State {@code s} of phone {@code p} is global state {@code 3·index(p) + s}.
 *
 * @param phones      the phone set, {@code SIL} first
 * @param emissions   one mixture per global state
 * @param logSelfLoop {@code ln a_ss} per global state ({@code ln(1 − a_ss)} is the step to the next)
 */
public record AcousticModel(List<String> phones, List<Gmm> emissions, double[] logSelfLoop) {

    public static final String SIL = "SIL";
    public static final int STATES = 3;

    public AcousticModel {
        phones = List.copyOf(phones);
        emissions = List.copyOf(emissions);
        logSelfLoop = logSelfLoop.clone();
        if (emissions.size() != phones.size() * STATES || logSelfLoop.length != emissions.size()) {
            throw new IllegalArgumentException(phones.size() + " phones need " + phones.size() * STATES + " states, got "
                    + emissions.size() + " mixtures and " + logSelfLoop.length + " self-loops");
        }
    }

    /** @return the global states of a phone, in order */
    public int[] states(String phone) {
        int p = phones.indexOf(phone);
        if (p < 0) {
            throw new IllegalArgumentException("phone " + phone + " is not in the model");
        }
        return new int[] {STATES * p, STATES * p + 1, STATES * p + 2};
    }

    /** @return the global states of silence, the words' phones in order, and silence */
    public int[] statesOf(List<String> words, Lexicon lexicon) {
        List<Integer> seq = new ArrayList<>();
        Arrays.stream(states(SIL)).forEach(seq::add);
        for (String w : words) {
            for (String phone : lexicon.phones(w)) {
                Arrays.stream(states(phone)).forEach(seq::add);
            }
        }
        Arrays.stream(states(SIL)).forEach(seq::add);
        return seq.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return {@code ln b_s(x)} for every global state */
    public double[] emissionLogLikelihoods(double[] frame) {
        double[] out = new double[emissions.size()];
        for (int s = 0; s < out.length; s++) {
            out[s] = emissions.get(s).logLikelihood(frame);
        }
        return out;
    }

    /** @return ln of the step probability from state s to the next */
    public double logNext(int s) {
        return Math.log1p(-Math.exp(logSelfLoop[s]));
    }

    /** @return Gaussians per state, for the model card: phone → components of its three states */
    public Map<String, int[]> sizes() {
        Map<String, int[]> m = new TreeMap<>();
        for (int p = 0; p < phones.size(); p++) {
            m.put(phones.get(p), new int[] {emissions.get(STATES * p).componentCount(),
                emissions.get(STATES * p + 1).componentCount(), emissions.get(STATES * p + 2).componentCount()});
        }
        return m;
    }
}
