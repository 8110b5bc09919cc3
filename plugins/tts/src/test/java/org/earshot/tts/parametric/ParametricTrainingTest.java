package org.earshot.tts.parametric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.earshot.audio.Audio;
import org.earshot.tts.vocoder.Lpc;
import org.earshot.tts.vocoder.SourceFilterVocoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parametric voice learns what it is shown: utterances "pau aa s pau" of a known vowel (a 120 Hz pulse train
 * through one resonance at 700 Hz), a known fricative (white noise) and near-silence, with known durations.
 */
class ParametricTrainingTest {

    static final int FS = 16000;

    /** pau 0.2 s, aa {@code vowelSeconds}, s 0.15 s, pau 0.2 s. */
    static Audio utterance(double vowelSeconds, long seed) {
        Random r = new Random(seed);
        int pau = (int) (0.2 * FS);
        int aa = (int) (vowelSeconds * FS);
        int s = (int) (0.15 * FS);
        double[] x = new double[2 * pau + aa + s];
        double[] pulses = new double[aa];
        for (double t = 0; t < aa; t += FS / 120.0) {
            pulses[(int) t] = 1;
        }
        Lpc tract = new Lpc(new double[] {1, -2 * 0.97 * Math.cos(2 * Math.PI * 700 / FS), 0.97 * 0.97}, 0.05);
        double[] vowel = tract.synthesize(pulses, new double[2]);
        for (int i = 0; i < x.length; i++) {
            x[i] = 1e-4 * r.nextGaussian();
        }
        for (int i = 0; i < aa; i++) {
            x[pau + i] += vowel[i];
        }
        for (int i = 0; i < s; i++) {
            x[pau + aa + i] += 0.05 * r.nextGaussian();
        }
        return Audio.mono(x, FS);
    }

    static List<TimedPhone> segments(double vowelSeconds) {
        double a = 0.2 + vowelSeconds;
        return List.of(new TimedPhone("pau", 0, 0.2), new TimedPhone("aa", 0.2, a), new TimedPhone("s", a, a + 0.15),
                new TimedPhone("pau", a + 0.15, a + 0.35));
    }

    static ParametricVoice trained() {
        ParametricTraining t = new ParametricTraining(12, 0.025, 0.010);
        for (int i = 0; i < 4; i++) {
            double vowel = 0.25 + 0.05 * i; // 0.25 … 0.40 s: mean 0.325 s
            t.add(utterance(vowel, i), segments(vowel));
        }
        return t.build("test utterances");
    }

    @Test
    void learnsDurationsVoicingPitchAndTheEnvelope() {
        ParametricVoice v = trained();
        assertEquals(List.of("aa", "pau", "s"), List.copyOf(v.phones().keySet()));
        PhoneModel aa = v.phones().get("aa");
        assertEquals(0.325, aa.meanSeconds(), 1e-9);
        assertEquals(4, aa.count());
        assertTrue(aa.states().stream().allMatch(StateModel::voiced), "the vowel's states are voiced");
        assertFalse(v.phones().get("s").states().get(1).voiced(), "the fricative is not");
        assertEquals(120, Math.exp(v.logF0Intercept() + v.logF0Slope() / 2 + aa.states().get(1).logF0Offset()), 2);
        // the vowel's middle state: an envelope peaking near 700 Hz, far above 3 kHz
        Lpc envelope = Lpc.levinson(aa.states().get(1).autocorrelation(), v.order());
        assertTrue(gainDb(envelope, 700) - gainDb(envelope, 3000) > 15,
                gainDb(envelope, 700) + " dB at 700 Hz, " + gainDb(envelope, 3000) + " at 3 kHz");
        // the fricative is ≥ 20 dB louder than the pauses
        double pau = v.phones().get("pau").states().get(1).logEnergy();
        assertTrue(v.phones().get("s").states().get(1).logEnergy() - pau > Math.log(100));
    }

    @Test
    void onsetsAndOffsetsAreKeptInTheirContextsWhenSeenOftenEnough() {
        ParametricTraining t = new ParametricTraining(12, 0.025, 0.010);
        for (int i = 0; i < 4; i++) {
            t.add(utterance(0.3, i), segments(0.3));
        }
        ParametricVoice v = t.build("test utterances", 4);
        PhoneModel aa = v.phones().get("aa");
        assertEquals(List.of("pau"), List.copyOf(aa.onsets().keySet())); // aa after a pause, 4 times
        assertEquals(List.of("s"), List.copyOf(aa.offsets().keySet()));  // aa before s
        assertEquals(aa.onsets().get("pau"), aa.state(0, "pau", "s"));
        assertEquals(aa.states().get(0), aa.state(0, "s", "s"));         // never seen after s: the mean
        assertEquals(aa.states().get(1), aa.state(1, "pau", "s"));       // the middle has no context
        // every aa here follows a pause, so its onset in context is its onset
        assertEquals(aa.states().get(0).logEnergy(), aa.onsets().get("pau").logEnergy(), 1e-9);
        assertTrue(t.build("test utterances", 5).phones().get("aa").onsets().isEmpty(), "4 < 5: no context");
        // building again (a sweep of minimums) gives the same voice: nothing is added up twice
        assertEquals(v.phones().get("aa").states().get(1).logF0Offset(),
                t.build("test utterances", 4).phones().get("aa").states().get(1).logF0Offset(), 0);
        assertEquals(v.phones().get("aa").onsets().get("pau").logF0Offset(),
                t.build("again", 4).phones().get("aa").onsets().get("pau").logF0Offset(), 0);
    }

    @Test
    void framesFollowTheModelAndGoThroughTheVocoder() {
        ParametricVoice v = trained();
        SourceFilterVocoder.Analysis a = v.frames(List.of("pau", "aa", "s", "pau"));
        double pause = v.phones().get("pau").meanSeconds();
        double expected = pause + 0.325 + 0.15 * v.prepausalFactor() + pause;
        assertEquals(expected / 0.01, a.frames().size(), 2);
        assertEquals(120, a.medianF0Hz(), 2);
        Audio sound = SourceFilterVocoder.builder().order(v.order()).build().synthesize(a, 1, 1, 7);
        assertEquals(a.frames().size() * 0.01, sound.durationSeconds(), 0.011);
        assertTrue(sound.peak() > 0 && Double.isFinite(sound.rms()), "a finite, audible sound");
        var e = assertThrows(IllegalArgumentException.class, () -> v.frames(List.of("pau", "zh", "pau")));
        assertEquals("the parametric voice has no phone 'zh' (it knows aa pau s)", e.getMessage());
    }

    @Test
    void aVoiceSurvivesItsFile(@TempDir Path dir) throws Exception {
        ParametricVoice v = trained();
        v.write(dir.resolve("voice.json"));
        ParametricVoice back = ParametricVoice.read(dir.resolve("voice.json"));
        assertEquals(v.phones().keySet(), back.phones().keySet());
        assertEquals(v.logF0Slope(), back.logF0Slope());
        assertEquals(v.phones().get("aa").states().get(2).autocorrelation()[3],
                back.phones().get("aa").states().get(2).autocorrelation()[3]);
        java.nio.file.Files.writeString(dir.resolve("bad.json"), "{\"order\": 3}");
        var e = assertThrows(java.io.IOException.class, () -> ParametricVoice.read(dir.resolve("bad.json")));
        assertTrue(e.getMessage().startsWith(dir.resolve("bad.json") + ": not a parametric voice"), e.getMessage());
    }

    @Test
    void readsFestivalsSegmentFiles() {
        String segs = "separator ;\nnfields 1\n#\n0.2200 100 pau\n0.2761 100 d\n0.3880 100 aa\n";
        List<TimedPhone> s = TimedPhone.parseFestival(segs);
        assertEquals(List.of("pau", "d", "aa"), s.stream().map(TimedPhone::phone).toList());
        assertEquals(0.2200, s.get(1).startSeconds(), 1e-12);
        assertEquals(0.1119, s.get(2).seconds(), 1e-9);
        var e = assertThrows(IllegalArgumentException.class, () -> TimedPhone.parseFestival("#\n0.1 pau\n"));
        assertEquals("not a festival segment line: '0.1 pau'", e.getMessage());
    }

    /** @return 20 log10 |g / A(e^{jω})| at a frequency */
    static double gainDb(Lpc lpc, double hz) {
        double w = 2 * Math.PI * hz / FS;
        double re = 0;
        double im = 0;
        double[] a = lpc.coefficients();
        for (int k = 0; k < a.length; k++) {
            re += a[k] * Math.cos(w * k);
            im -= a[k] * Math.sin(w * k);
        }
        return 20 * Math.log10(lpc.gain() / Math.hypot(re, im));
    }
}
