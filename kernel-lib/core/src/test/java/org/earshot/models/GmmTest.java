package org.earshot.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;

/** Against scikit-learn's GaussianMixture(covariance_type="diag"), data/fixtures/models/make_gmm_fixtures.py. */
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
        JsonNode fixtures = new ObjectMapper().readTree(Kit.home().resolve("data/fixtures/models/gmm-fixtures.json").toFile());
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
                    double[] gamma = g.posteriors(test[i]);
                    for (int k = 0; k < gamma.length; k++) { // scikit-learn's predict_proba
                        ds = Math.max(ds, Math.abs(gamma[k] - ref.get("predict_proba").get(i).get(k).asDouble()));
                    }
                }
                System.out.printf(Locale.ROOT, "gmm %s after %s EM steps: max |Δ| weights %.1e, means %.1e, variances %.1e,"
                        + " mean log-likelihood %.1e, scores %.1e%n", c.get("name").asText(), iterations, dw, dm, dv, dl, ds);
                assertTrue(Math.max(Math.max(dw, dm), Math.max(dv, Math.max(dl, ds))) < 1e-8, c.get("name").asText());
            }
        }
    }

    @Test
    void splitMovesEachMeanByAFifthOfItsDeviationAndHalvesItsWeight() {
        Gmm one = Gmm.singleGaussian(new double[][] {{0, 1}, {2, 5}});
        assertEquals(1.0, one.means()[0][0], 1e-12);
        assertEquals(4.0, one.variances()[0][1], 1e-12); // biased: ((1-3)² + (5-3)²) / 2
        Gmm two = one.split();
        assertEquals(2, two.componentCount());
        assertEquals(0.5, two.weights()[1], 1e-12);
        assertEquals(1 + 0.2, two.means()[0][0], 1e-12);
        assertEquals(3 - 0.2 * 2, two.means()[1][1], 1e-12);
        assertEquals(9.0, two.withVarianceFloor(new double[] {0, 9}).variances()[1][1], 1e-12);
        assertEquals(1.0, two.withVarianceFloor(new double[] {0, 9}).variances()[1][0], 1e-12);
    }

    @Test
    void singleGaussianLogLikelihoodByHand() {
        Gmm g = new Gmm(new double[] {1}, new double[][] {{0, 0}}, new double[][] {{1, 4}});
        // ln N(x=(1,2)) = −½[2·ln 2π + ln 1 + ln 4 + 1 + 1]
        assertEquals(-0.5 * (2 * Math.log(2 * Math.PI) + Math.log(4) + 2), g.logLikelihood(new double[] {1, 2}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Gmm(new double[] {1}, new double[][] {{0}}, new double[][] {{0}}));
    }
}
