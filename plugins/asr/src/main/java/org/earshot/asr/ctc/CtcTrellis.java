package org.earshot.asr.ctc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.earshot.display.Displayable;
import org.earshot.display.Heatmap;
import org.earshot.display.MimeBundle;

/**
 * The CTC trellis (§21.2): frames across, the states of the extended target {@code l' = (_, l1, _, …, _)} up;
 * each cell coloured by the log-probability that the alignment passes through it at that frame,
 * {@code ln(α_t(s)·β_t(s)/y_t(l'_s)) − ln p}, and the single best alignment drawn over it.
 *
 * @param logProbs {@code [T][C]}
 * @param target   label indices
 * @param alphabet names the labels in the title
 */
public record CtcTrellis(double[][] logProbs, int[] target, CtcAlphabet alphabet) implements Displayable {

    /** @return the heat map with the best path */
    public Heatmap heatmap() {
        Ctc.ForwardBackward fb = Ctc.forwardBackward(logProbs, target, alphabet.blank());
        int frames = logProbs.length;
        int[] ext = fb.extendedTarget();
        double logP = -fb.negativeLogLikelihood();
        double[][] occupancy = new double[ext.length][frames];
        for (int s = 0; s < ext.length; s++) {
            for (int t = 0; t < frames; t++) {
                occupancy[s][t] = Math.max(-30, fb.logAlpha()[t][s] + fb.logBeta()[t][s] - logProbs[t][ext[s]] - logP);
            }
        }
        int[] path = Ctc.bestAlignment(logProbs, target, alphabet.blank());
        double[] x = new double[path.length];
        double[] y = new double[path.length];
        for (int t = 0; t < path.length; t++) {
            x[t] = t;
            y[t] = path[t];
        }
        List<String> states = new ArrayList<>();
        for (int s = 0; s < ext.length; s++) {
            states.add(s + " " + alphabet.labels().get(ext[s]));
        }
        Heatmap.Builder map = Heatmap.builder().values(occupancy)
                .title(String.format(Locale.ROOT, "CTC trellis for \"%s\"", alphabet.text(target)))
                .xAxis(Heatmap.Axis.index("Frame t"))
                .yAxis(Heatmap.Axis.categories("State s of l' (even: blank)", states))
                .colorbar("ln P(state at frame)").colorRange(-30, 0);
        return (path.length == 0 ? map : map.path(x, y)).build();
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(String.format(Locale.ROOT, "CtcTrellis[\"%s\", %d frames, %d states]",
                alphabet.text(target), logProbs.length, 2 * target.length + 1)).png(heatmap().toPng()).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CtcTrellis c && Arrays.deepEquals(logProbs, c.logProbs) && Arrays.equals(target, c.target)
                && alphabet.equals(c.alphabet);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(logProbs) + Arrays.hashCode(target);
    }

    @Override
    public String toString() {
        return toMimeBundle().plainText();
    }
}
