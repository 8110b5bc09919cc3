package org.earshot.tts.vocoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.audio.Audio;
import org.earshot.audio.MelScale;
import org.earshot.audio.Spectrogram;
import org.earshot.audio.Wav;
import org.earshot.features.MelFilterbank;
import org.earshot.features.Spectral;
import org.earshot.features.Stft;
import org.earshot.features.Window;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;

/**
 * Griffin-Lim and μ-law against torchaudio 0.13 on the fixtures of {@code data/fixtures/tts/make_vocoder_fixtures.py}:
 * the same spectrogram, iterations, momentum and starting phase give the same waveform.
 */
class VocoderParityTest {

    private static final Path FIXTURES = Kit.home().resolve("data/fixtures/tts/vocoder-fixtures.json");
    private static final Path SIGNALS = Kit.home().resolve("data/fixtures/signal");

    private static JsonNode fixtures() throws IOException {
        return new ObjectMapper().readTree(FIXTURES.toFile());
    }

    private static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new double[rows.get(i).size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = rows.get(i).get(j).asDouble();
            }
        }
        return m;
    }

    private record Case(JsonNode json, Stft stft, Spectrogram spectrogram, GriffinLim griffinLim) {
        String name() {
            return String.format(Locale.ROOT, "%s n_fft %d power %.0f momentum %.2f %d iterations",
                    json.get("wav").asText(), stft.nFft(), json.get("power").asDouble(),
                    json.get("momentum").asDouble(), json.get("n_iter").asInt());
        }
    }

    private static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (JsonNode c : fixtures().get("griffinlim")) {
            float[] all = Wav.read(SIGNALS.resolve(c.get("wav").asText())).samples();
            float[] x = java.util.Arrays.copyOfRange(all, c.get("start").asInt(),
                    c.get("start").asInt() + c.get("samples").asInt());
            Stft stft = Stft.builder().nFft(c.get("n_fft").asInt()).hopLength(c.get("hop_length").asInt())
                    .winLength(c.get("win_length").asInt())
                    .window(Window.valueOf(c.get("window").asText().toUpperCase(Locale.ROOT))).build();
            Audio audio = Audio.mono(x, 16000);
            Spectrogram s = c.get("power").asDouble() == 2 ? stft.power(audio) : stft.magnitude(audio);
            GriffinLim gl = GriffinLim.builder().stft(stft).iterations(c.get("n_iter").asInt())
                    .momentum(c.get("momentum").asDouble())
                    .initialPhase(c.has("init_real") ? GriffinLim.InitialPhase.RANDOM : GriffinLim.InitialPhase.ZERO)
                    .build();
            out.add(new Case(c, stft, s, gl));
        }
        return out;
    }

    private static Audio javaWaveform(Case c) {
        JsonNode j = c.json();
        int length = j.get("length").isNull() ? -1 : j.get("length").asInt();
        if (j.has("init_real")) {
            Spectral.Complex start = Spectral.Complex.of(matrix(j.get("init_real")), matrix(j.get("init_imag")));
            int n = length > 0 ? length : c.json().get("waveform").size();
            return c.griffinLim().reconstruct(c.spectrogram(), n, start);
        }
        return length > 0 ? c.griffinLim().reconstruct(c.spectrogram(), length)
                : c.griffinLim().reconstruct(c.spectrogram());
    }

    @Test
    void griffinLimEqualsTorchaudioOnEveryFixture() throws IOException {
        List<Case> cases = cases();
        assertEquals(3, cases.size());
        for (Case c : cases) {
            JsonNode want = c.json().get("waveform");
            double[] got = javaWaveform(c).doubleSamples();
            assertEquals(want.size(), got.length, c.name());
            double peak = 0;
            double worst = 0;
            for (int i = 0; i < got.length; i++) {
                peak = Math.max(peak, Math.abs(want.get(i).asDouble()));
                worst = Math.max(worst, Math.abs(got[i] - want.get(i).asDouble()));
            }
            assertTrue(worst <= 2e-7 * peak, c.name() + ": worst sample differs by " + worst + " (peak " + peak + ")");
        }
    }

    @Test
    void withoutALengthTheSoundIsAsLongAsTorchIstftMakesIt() throws IOException {
        Case c = cases().get(1); // length None in the fixture
        assertTrue(c.json().get("length").isNull());
        assertEquals(c.json().get("waveform").size(), c.griffinLim().reconstruct(c.spectrogram()).frameCount());
    }

    @Test
    void iterationsBringTheMagnitudeCloserAndSnapshotsMatchSeparateRuns() throws IOException {
        Case c = cases().get(2);
        GriffinLim gl = c.griffinLim();
        int n = c.json().get("samples").asInt();
        List<Audio> snaps = gl.snapshots(c.spectrogram(), n, 0, 4, 32);
        double sc0 = gl.spectralConvergence(c.spectrogram(), snaps.get(0));
        double sc4 = gl.spectralConvergence(c.spectrogram(), snaps.get(1));
        double sc32 = gl.spectralConvergence(c.spectrogram(), snaps.get(2));
        assertTrue(sc32 < sc4 && sc4 < sc0, sc0 + " → " + sc4 + " → " + sc32);
        assertTrue(sc32 < 0.2, "after 32 iterations spectral convergence " + sc32);
        assertEquals(gl.reconstruct(c.spectrogram(), n).doubleSamples()[500], snaps.get(2).doubleSamples()[500], 0);
        GriffinLim four = GriffinLim.builder().stft(c.stft()).iterations(4).build();
        assertEquals(four.reconstruct(c.spectrogram(), n).doubleSamples()[700], snaps.get(1).doubleSamples()[700], 0);
    }

    @Test
    void badInputIsRefusedWithTheReason() throws IOException {
        Case c = cases().get(0);
        Stft other = Stft.builder().nFft(512).hopLength(128).build();
        var e = assertThrows(IllegalArgumentException.class,
                () -> GriffinLim.builder().stft(other).build().reconstruct(c.spectrogram()));
        assertTrue(e.getMessage().contains("n_fft 400"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> c.griffinLim().reconstruct(c.spectrogram().toDecibels()));
        assertThrows(IllegalArgumentException.class, () -> GriffinLim.builder().momentum(1.0));
        assertThrows(IllegalArgumentException.class,
                () -> GriffinLim.builder().stft(Stft.builder().nFft(400).center(false).build()).build());
    }

    @Test
    void melInversionEqualsTorchaudiosLeastSquares() throws IOException {
        float[] all = Wav.read(SIGNALS.resolve("alsa-front-center-16k.wav")).samples();
        int count = 0;
        for (JsonNode c : fixtures().get("mel_inverse")) {
            int start = c.get("start").asInt();
            Audio audio = Audio.mono(java.util.Arrays.copyOfRange(all, start, start + c.get("samples").asInt()), 16000);
            Stft stft = Stft.builder().nFft(c.get("n_fft").asInt()).hopLength(c.get("hop_length").asInt()).build();
            MelFilterbank fb = MelFilterbank.create(stft.nFft() / 2 + 1, c.get("f_min").asDouble(),
                    c.get("f_max").asDouble(), c.get("n_mels").asInt(), 16000,
                    MelFilterbank.Norm.valueOf(c.get("norm").asText().toUpperCase(Locale.ROOT)),
                    MelScale.valueOf(c.get("mel_scale").asText().toUpperCase(Locale.ROOT)));
            Spectrogram linear = MelInversion.of(fb).linear(fb.apply(stft.power(audio)));
            double[][] want = matrix(c.get("linear"));
            assertEquals(want.length, linear.binCount());
            double peak = 0;
            double worst = 0;
            for (int k = 0; k < want.length; k++) {
                for (int t = 0; t < want[k].length; t++) {
                    peak = Math.max(peak, want[k][t]);
                    worst = Math.max(worst, Math.abs(want[k][t] - linear.value(k, t)));
                }
            }
            assertTrue(worst <= 1e-8 * peak, "n_fft " + stft.nFft() + ": differs by " + worst + " of " + peak);
            assertEquals(Spectrogram.Amplitude.POWER, linear.amplitude());
            assertTrue(linear.melScale().isEmpty());
            count++;
        }
        assertEquals(2, count);
    }

    @Test
    void muLawEqualsTorchaudio() throws IOException {
        int cases = 0;
        for (JsonNode c : fixtures().get("mu_law")) {
            MuLaw mu = new MuLaw(c.get("quantization_channels").asInt());
            for (int i = 0; i < c.get("x").size(); i++) {
                double x = c.get("x").get(i).asDouble();
                int cls = mu.encode(x);
                assertEquals(c.get("encoded").get(i).asInt(), cls, "x = " + x + ", Q = " + mu.quantizationChannels());
                // torchaudio decodes in float32 (x_mu.to(torch.float)) whatever the default dtype: ~1e-7 apart
                assertEquals(c.get("decoded").get(i).asDouble(), mu.decode(cls), 3e-7, "class " + cls);
                cases++;
            }
        }
        assertEquals(2 * 73, cases);
        assertEquals(0, MuLaw.wavenet().encode(-3.0), "clipped below −1");
        assertEquals(255, MuLaw.wavenet().encode(3.0), "clipped above 1");
        assertThrows(IllegalArgumentException.class, () -> MuLaw.wavenet().decode(256));
    }
}
