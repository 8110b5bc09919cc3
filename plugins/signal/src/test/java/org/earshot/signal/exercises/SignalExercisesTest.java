package org.earshot.signal.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.earshot.exercises.Check;
import org.earshot.exercises.CheckReport;
import org.earshot.exercises.Exercise;
import org.junit.jupiter.api.Test;

/** Each exercise: a right answer scores full marks on every case, hidden ones included; typical mistakes do not. */
class SignalExercisesTest {

    /** Right answers, written as a student would (formulas, not kit calls). */
    static final Map<Exercise<?, ?>, Object> RIGHT = Map.ofEntries(
            Map.entry(SignalExercises.FRAME_COUNT, (SignalExercises.FrameCount) (len, nFft, hop, center) ->
                    1 + ((center ? len + 2 * (nFft / 2) : len) - nFft) / hop),
            Map.entry(SignalExercises.HZ_TO_MEL, new SignalExercises.MelPair(f -> 2595 * Math.log10(1 + f / 700),
                    m -> 700 * (Math.pow(10, m / 2595) - 1))),
            Map.entry(SignalExercises.DFT_BIN, (SignalExercises.DftBin) (f, sr, nFft) -> (int) Math.round(f * nFft / sr)),
            Map.entry(SignalExercises.FILTERBANK, (SignalExercises.Filterbank) SignalExercisesTest::triangles),
            Map.entry(SignalExercises.LOG_MEL, (SignalExercises.PowerToDb) SignalExercisesTest::toDb),
            Map.entry(SignalExercises.PRE_EMPHASIS, (SignalExercises.PreEmphasis) (x, a) -> {
                double[] y = new double[x.length];
                for (int n = 0; n < x.length; n++) {
                    y[n] = n == 0 ? x[0] : x[n] - a * x[n - 1];
                }
                return y;
            }),
            Map.entry(SignalExercises.ALIAS_FREQUENCY, (SignalExercises.AliasFrequency) (f, fs) -> {
                double folded = f % fs;
                return folded > fs / 2.0 ? fs - folded : folded;
            }),
            Map.entry(SignalExercises.DCT, (SignalExercises.DctOfFrame) SignalExercisesTest::dct),
            // a cosine, not the reference's sine: judged by its spectrum, it passes
            Map.entry(SignalExercises.ALIASING_TONE, (SignalExercises.AliasingTone) (alias, sr, target, s) ->
                    tone(target - alias, sr, s, 0.5, Math.PI / 2)),
            Map.entry(SignalExercises.VOWEL_FRAME, (SignalExercises.VowelFrame) (sr, s) -> vowel(sr, s, 0.5)));

    static double[] dct(double[] x, int k) {
        double[] c = new double[k];
        for (int j = 0; j < k; j++) {
            for (int n = 0; n < x.length; n++) {
                c[j] += x[n] * Math.cos(Math.PI / x.length * (n + 0.5) * j);
            }
            c[j] *= Math.sqrt((j == 0 ? 1.0 : 2.0) / x.length);
        }
        return c;
    }

    static org.earshot.audio.Audio tone(double hz, int sr, double seconds, double amplitude, double phase) {
        double[] x = new double[(int) Math.round(seconds * sr)];
        for (int n = 0; n < x.length; n++) {
            x[n] = amplitude * Math.sin(2 * Math.PI * hz * n / sr + phase);
        }
        return org.earshot.audio.Audio.mono(x, sr);
    }

    static org.earshot.audio.Audio vowel(int sr, double seconds, double formant) {
        int n = (int) Math.round(seconds * sr);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n))
                    * (Math.sin(2 * Math.PI * 200 * i / sr) + formant * Math.sin(2 * Math.PI * 700 * i / sr));
        }
        return org.earshot.audio.Audio.mono(x, sr);
    }

    static double[][] triangles(int nFreqs, double fMin, double fMax, int nMels, int sr) {
        double lo = 2595 * Math.log10(1 + fMin / 700);
        double hi = 2595 * Math.log10(1 + fMax / 700);
        double[] pts = new double[nMels + 2];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = 700 * (Math.pow(10, (lo + (hi - lo) * i / (nMels + 1)) / 2595) - 1);
        }
        double[][] w = new double[nMels][nFreqs];
        for (int m = 0; m < nMels; m++) {
            for (int k = 0; k < nFreqs; k++) {
                double f = (sr / 2) * (double) k / (nFreqs - 1);
                w[m][k] = Math.max(0, Math.min((f - pts[m]) / (pts[m + 1] - pts[m]), (pts[m + 2] - f) / (pts[m + 2] - pts[m + 1])));
            }
        }
        return w;
    }

    static double[][] toDb(double[][] p, double topDb) {
        double max = Double.NEGATIVE_INFINITY;
        double[][] db = new double[p.length][p[0].length];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[i].length; j++) {
                db[i][j] = 10 * Math.log10(Math.max(p[i][j], 1e-10));
                max = Math.max(max, db[i][j]);
            }
        }
        for (double[] row : db) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.max(row[j], max - topDb);
            }
        }
        return db;
    }

    @Test
    void rightAnswersScoreFullMarksOnEveryCase() {
        assertEquals(SignalExercises.all().size(), RIGHT.size());
        for (var e : SignalExercises.all()) {
            CheckReport all = Check.run(e.id(), e.points(), e.casesOfAnswer(RIGHT.get(e)), true);
            assertTrue(all.passed(), all.toMimeBundle().plainText());
            assertEquals(e.points(), all.score(), 1e-12);
            assertTrue(all.results().stream().anyMatch(CheckReport.CaseResult::hidden), e.id() + " has hidden cases");
            assertTrue(all.results().stream().anyMatch(r -> !r.hidden()), e.id() + " has visible cases");
        }
    }

    @Test
    void typicalMistakesFail() {
        CheckReport noPadding = SignalExercises.FRAME_COUNT.check((len, nFft, hop, center) -> 1 + (len - nFft) / hop);
        assertFalse(noPadding.passed());
        assertTrue(noPadding.score() > 0, "the uncentred cases still pass: partial credit");
        assertFalse(SignalExercises.HZ_TO_MEL.check(new SignalExercises.MelPair(f -> 2595 * Math.log(1 + f / 700), m -> 700 * (Math.exp(m / 2595) - 1))).passed());
        assertFalse(SignalExercises.DFT_BIN.check((f, sr, n) -> (int) (f * n / sr)).passed()); // truncates 25.75 to 25
        assertFalse(SignalExercises.LOG_MEL.check((p, top) -> toDb(p, Double.POSITIVE_INFINITY)).passed());
        assertFalse(SignalExercises.PRE_EMPHASIS.check((x, a) -> {
            double[] y = x.clone();
            for (int n = 1; n < y.length; n++) {
                y[n] = y[n] - a * y[n - 1]; // uses the output: a recursive filter, not pre-emphasis
            }
            return y;
        }).passed());
        assertFalse(SignalExercises.FILTERBANK.check((nFreqs, lo, hi, nMels, sr) -> new double[nMels][nFreqs]).passed());
        assertFalse(SignalExercises.ALIAS_FREQUENCY.check((f, fs) -> f % fs).passed(), "no fold above fs/2");
        assertFalse(SignalExercises.DCT.check((x, k) -> {
            double[] c = dct(x, k);
            c[0] *= Math.sqrt(2); // every row scaled by √(2/N): not orthonormal
            return c;
        }).passed());
    }

    @Test
    void soundAnswersAreJudgedByTheirSpectrumAndShowBothWhenWrong() {
        // the alias itself (1 kHz, no aliasing at all) is a different spectrum at 16 kHz
        CheckReport unaliased = SignalExercises.ALIASING_TONE.check((alias, sr, target, s) -> tone(alias, sr, s, 0.5, 0));
        assertFalse(unaliased.passed());
        CheckReport.CaseResult first = unaliased.results().get(0);
        assertTrue(first.got().contains("log-spectral distance"), first.got());
        String html = unaliased.toMimeBundle().get(org.earshot.display.MimeBundle.HTML).orElseThrow();
        assertTrue(html.contains("Spectrum: expected and yours") && html.contains("data:audio/wav;base64,"),
                "both spectra and both players beside the failed case");
        // twice too loud: the right frequency, 6 dB off
        assertFalse(SignalExercises.ALIASING_TONE.check((alias, sr, target, s) -> tone(target - alias, sr, s, 1.0, 0))
                .passed());
        // a weaker formant fails its band by 6 dB even where the overall distance is small
        CheckReport weak = SignalExercises.VOWEL_FRAME.check((sr, s) -> vowel(sr, s, 0.25));
        assertFalse(weak.passed());
        assertTrue(weak.results().get(0).got().contains("formant"), weak.results().get(0).got());
        // a wrong length is named
        CheckReport shortFrame = SignalExercises.VOWEL_FRAME.check((sr, s) -> vowel(sr, s / 2, 0.5));
        assertTrue(shortFrame.results().get(0).expected().contains("400 samples at 16000 Hz"),
                shortFrame.results().get(0).expected());
    }

    @Test
    void aFailedFilterbankSaysItCallsTheStudentsHzToMel() {
        CheckReport r = SignalExercises.FILTERBANK.check((nFreqs, lo, hi, nMels, sr) -> new double[nMels][nFreqs]);
        assertTrue(r.toMimeBundle().plainText().contains("calls your answer to 21.1-hz-to-mel"),
                r.toMimeBundle().plainText());
        CheckReport ok = SignalExercises.FILTERBANK.check(SignalExercisesTest::triangles);
        assertTrue(ok.buildsOnNote().isEmpty());
    }

    @Test
    void studentsSeeOnlyVisibleCases() {
        CheckReport r = SignalExercises.FRAME_COUNT.check((SignalExercises.FrameCount) RIGHT.get(SignalExercises.FRAME_COUNT));
        assertTrue(r.results().stream().noneMatch(CheckReport.CaseResult::hidden));
        assertTrue(r.toMimeBundle().plainText().startsWith("21.1-frame-count: 4 of 4 tests passed, 2 of 2 points"));
    }

    @Test
    void theGraderFacadeFindsAnySectionsExercise() {
        CheckReport r = org.earshot.kit.Grader.check(SignalExercises.FRAME_COUNT.id(), RIGHT.get(SignalExercises.FRAME_COUNT));
        assertTrue(r.passed());
        assertEquals(4, r.results().size(), "visible cases only");
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> org.earshot.kit.Grader.check("99.9-nothing", null)).getMessage().contains("99.9-nothing"));
    }

    @Test
    void answerExpressionsAreDerivedFromTheDeclaration() {
        assertEquals("(org.earshot.signal.exercises.SignalExercises.FrameCount) (a0, a1, a2, a3) -> frames(a0, a1, a2, a3)",
                SignalExercises.FRAME_COUNT.answerExpression());
        assertEquals(java.util.List.of("21.1-frame-count", "21.1-hz-to-mel", "21.1-dft-bin", "21.1-triangular-filterbank",
                "21.1-log-mel", "21.1-pre-emphasis", "21.1-alias-frequency", "21.1-dct-of-log-mel",
                "21.1-aliasing-tone", "21.1-vowel-frame"), SignalExercises.all().stream().map(Exercise::id).toList(),
                "declaration order is the notebook's order");
    }

    @Test
    void referenceAnswersAreComputedOnlyWhenJudged() {
        // the grader builds the cases with no answer to get their verdicts; nothing may run the student's code then
        for (var e : SignalExercises.all()) {
            var cases = e.cases(null);
            assertFalse(cases.isEmpty());
        }
    }
}
