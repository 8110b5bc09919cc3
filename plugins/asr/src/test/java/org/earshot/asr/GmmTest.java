package org.earshot.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;

/** Against scikit-learn's GaussianMixture(covariance_type="diag"), data/fixtures/asr/make_gmm_fixtures.py. */
class GmmTest {

    static double[] vector(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    static double[][] matrix(JsonNode n) {
        double[][] m = new double[n.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(n.get(i));
        }
        return m;
    }

    static double maxDiff(double[][] a, double[][] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                worst = Math.max(worst, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return worst;
    }

    @Test
    void emEqualsScikitLearns() throws Exception {
        JsonNode fixtures = new ObjectMapper().readTree(Kit.home().resolve("data/fixtures/asr/gmm-fixtures.json").toFile());
        for (JsonNode c : fixtures.get("cases")) {
            double[][] data = matrix(c.get("data"));
            JsonNode init = c.get("init");
            Gmm start = new Gmm(vector(init.get("weights")), matrix(init.get("means")), matrix(init.get("variances")));
            for (String iterations : new String[] {"1", "8"}) {
                JsonNode ref = c.get("after").get(iterations);
                Gmm g = start.em(data, Integer.parseInt(iterations), Gmm.DEFAULT_REGULARIZATION);
                double dw = maxDiff(new double[][] {g.weights()}, new double[][] {vector(ref.get("weights"))});
                double dm = maxDiff(g.means(), matrix(ref.get("means")));
                double dv = maxDiff(g.variances(), matrix(ref.get("variances")));
                double dl = Math.abs(g.meanLogLikelihood(data) - ref.get("mean_log_likelihood").asDouble());
                double[][] test = matrix(c.get("test_points"));
                double ds = 0;
                for (int i = 0; i < test.length; i++) {
                    ds = Math.max(ds, Math.abs(g.logLikelihood(test[i]) - ref.get("score_samples").get(i).asDouble()));
                }
                System.out.printf(Locale.ROOT, "gmm %s after %s EM steps: max |Δ| weights %.1e, means %.1e, variances %.1e,"
                        + " mean log-likelihood %.1e, scores %.1e%n", c.get("name").asText(), iterations, dw, dm, dv, dl, ds);
                assertTrue(Math.max(Math.max(dw, dm), Math.max(dv, Math.max(dl, ds))) < 1e-8, c.get("name").asText());
            }
        }
    }

    @Test
    void singleGaussianLogLikelihoodByHand() {
        Gmm g = new Gmm(new double[] {1}, new double[][] {{0, 0}}, new double[][] {{1, 4}});
        // ln N(x=(1,2)) = −½[2·ln 2π + ln 1 + ln 4 + 1 + 1]
        assertEquals(-0.5 * (2 * Math.log(2 * Math.PI) + Math.log(4) + 2), g.logLikelihood(new double[] {1, 2}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Gmm(new double[] {1}, new double[][] {{0}}, new double[][] {{0}}));
    }
}
