package org.earshot.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.earshot.audio.MelScale;
import org.junit.jupiter.api.Test;

/**
 * A mel filterbank with an all-zero filter warns once, as torchaudio's {@code melscale_fbanks} and librosa's
 * {@code filters.mel} do; normal settings do not.
 */
class EmptyMelFilterTest {

    /** What {@code action} prints to System.err. */
    static String stderrOf(Runnable action) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(saved);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    static int warnings(String stderr) {
        return stderr.split("warning: ", -1).length - 1;
    }

    @Test
    void torchaudiosMfccDefaultsLeaveEmptyFiltersAndSaySo() {
        // 128 mels at n_fft 400, 16 kHz: the lowest filters are narrower than the 40 Hz bin spacing
        String err = stderrOf(() -> MelFilterbank.create(201, 0, 8000, 128, 16000, MelFilterbank.Norm.NONE,
                MelScale.HTK));
        assertEquals(1, warnings(err), err);
        assertTrue(err.contains("4 of 128 mel filters are empty"), err);
        assertTrue(err.contains("n_mels 128") && err.contains("n_fft 400"), err);
        assertTrue(err.contains("fewer mels") && err.contains("larger FFT"), err);
        MelFilterbank bank = MelFilterbank.create(201, 0, 8000, 128, 16000, MelFilterbank.Norm.NONE, MelScale.HTK);
        assertEquals(4, bank.emptyFilterCount());
        assertEquals(4, bank.emptyFilters().length);
        assertEquals(err.strip(), bank.warning().orElseThrow());
        for (int m : bank.emptyFilters()) {
            assertTrue(java.util.Arrays.stream(bank.weights()[m]).allMatch(w -> w == 0), "filter " + m);
        }
    }

    @Test
    void theSuggestedFixesHaveNoEmptyFilter() {
        String warning = MelFilterbank.create(201, 0, 8000, 128, 16000, MelFilterbank.Norm.NONE, MelScale.HTK)
                .warning().orElseThrow();
        int mels = Integer.parseInt(warning.replaceAll(".*fewer mels \\(n_mels (\\d+).*", "$1"));
        int nFft = Integer.parseInt(warning.replaceAll(".*larger FFT \\(n_fft (\\d+).*", "$1"));
        assertEquals(0, Spectral.emptyFilters(Spectral.melFilterbank(201, 0, 8000, mels, 16000,
                MelFilterbank.Norm.NONE, MelScale.HTK)).length);
        String more = stderrOf(() -> Spectral.melFilterbank(201, 0, 8000, mels + 1, 16000, MelFilterbank.Norm.NONE,
                MelScale.HTK));
        assertEquals(1, warnings(more), "n_mels " + mels + " is the most that works");
        assertEquals(0, Spectral.emptyFilters(Spectral.melFilterbank(nFft / 2 + 1, 0, 8000, 128, 16000,
                MelFilterbank.Norm.NONE, MelScale.HTK)).length);
    }

    @Test
    void normalSettingsDoNotWarn() {
        String err = stderrOf(() -> {
            MelFilterbank bank = MelFilterbank.create(201, 0, 8000, 80, 16000, MelFilterbank.Norm.NONE, MelScale.HTK);
            assertArrayEquals(new int[0], bank.emptyFilters());
            assertTrue(bank.warning().isEmpty());
            MelSpectrogram.builder().sampleRate(16000).nFft(400).hopLength(160).nMels(80).build();
            Mfcc.builder().sampleRate(16000).nMfcc(13).nMels(40).nFft(400).hopLength(160).build();
            MelSpectrogram.builder().nFft(512).nMels(64).fMinHz(20).fMaxHz(7600).melScale(MelScale.SLANEY).build();
        });
        assertEquals("", err);
    }

    @Test
    void eachTransformWarnsOncePerFilterbank() {
        assertEquals(1, warnings(stderrOf(() -> MelSpectrogram.builder().nMels(128).build())));
        assertEquals(1, warnings(stderrOf(() -> Mfcc.builder().build()))); // torchaudio's MFCC defaults
        assertEquals(1, warnings(stderrOf(() -> Spectral.melFilterbank(201, 0, 8000, 128, 16000,
                MelFilterbank.Norm.SLANEY, MelScale.HTK))));
        // Slaney's scale is linear below 1 kHz, so its lowest filters are wider: 128 of them fit at n_fft 400
        assertEquals(0, warnings(stderrOf(() -> Spectral.melFilterbank(201, 0, 8000, 128, 16000,
                MelFilterbank.Norm.SLANEY, MelScale.SLANEY))));
        MelSpectrogram mel = MelSpectrogram.builder().nMels(128).build();
        assertEquals(0, warnings(stderrOf(() -> mel.apply(SpectralTest.VOICE))), "only when the filterbank is made");
    }
}
