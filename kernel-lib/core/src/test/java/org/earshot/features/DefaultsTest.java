package org.earshot.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Unset builder fields take torchaudio's derived defaults ({@code torchaudio.transforms.Spectrogram}:
 * {@code win_length = n_fft}, {@code hop_length = win_length // 2}; {@code MelSpectrogram}:
 * {@code f_max = float(sample_rate // 2)}), whatever the order of the calls; there is no "0 means unset".
 */
class DefaultsTest {

    @Test
    void winLengthDefaultsToNFftAndHopToHalfTheWindow() {
        Stft d = Stft.builder().build();
        assertEquals(400, d.nFft());
        assertEquals(400, d.winLength());
        assertEquals(200, d.hopLength());
        Stft wide = Stft.builder().nFft(512).build();
        assertEquals(512, wide.winLength());
        assertEquals(256, wide.hopLength());
        Stft odd = Stft.builder().nFft(512).winLength(301).build();
        assertEquals(150, odd.hopLength()); // 301 // 2
        assertEquals(128, Stft.builder().nFft(512).hopLength(128).build().hopLength());
    }

    @Test
    void defaultsAreDerivedAtBuildTimeWhateverTheOrder() {
        // win_length follows an n_fft set after it would have been read
        Stft.Builder b = Stft.builder();
        assertEquals(400, b.winLength());
        assertEquals(200, b.hopLength());
        b.nFft(1024);
        assertEquals(1024, b.winLength());
        assertEquals(512, b.hopLength());
        assertEquals(512, b.build().hopLength());
        Stft early = Stft.builder().winLength(300).nFft(512).build();
        assertEquals(300, early.winLength());
        assertEquals(150, early.hopLength());
    }

    @Test
    void zeroIsAnErrorNotUnset() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Stft.builder().hopLength(0)).getMessage()
                .startsWith("hop_length must be ≥ 1 sample, got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Stft.builder().winLength(0)).getMessage()
                .startsWith("win_length must be ≥ 1 sample, got 0"));
        assertThrows(IllegalArgumentException.class, () -> Stft.builder().nFft(0));
        assertThrows(IllegalArgumentException.class, () -> MelSpectrogram.builder().hopLength(0));
        assertThrows(IllegalArgumentException.class, () -> Mfcc.builder().winLength(-1));
        // win_length 1 would make the derived hop 1 // 2 = 0: said, not silently accepted
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Stft.builder().winLength(1).build())
                .getMessage().contains("set hopLength"));
        assertEquals("n_fft (256) must be ≥ win_length (300)", assertThrows(IllegalArgumentException.class,
                () -> Stft.builder().nFft(256).winLength(300).build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Mfcc.builder().topDb(0));
    }

    @Test
    void fMaxDefaultsToHalfTheSampleRateRoundedDown() {
        assertEquals(8000.0, MelSpectrogram.builder().nMels(40).build().filterbank().fMaxHz(), 0);
        assertEquals(11025.0, MelSpectrogram.builder().nMels(40).sampleRate(22050).build().filterbank().fMaxHz(), 0);
        // float(11025 // 2) = 5512.0, not 5512.5
        assertEquals(5512.0, MelSpectrogram.builder().sampleRate(11025).nMels(40).build().filterbank().fMaxHz(), 0);
        // set before the sample rate: f_max follows it
        MelSpectrogram.Builder b = MelSpectrogram.builder().nMels(40);
        assertEquals(8000.0, b.fMaxHz(), 0);
        b.sampleRate(8000);
        assertEquals(4000.0, b.fMaxHz(), 0);
        assertEquals(7600.0, MelSpectrogram.builder().nMels(40).fMaxHz(7600).build().filterbank().fMaxHz(), 0);
    }

    @Test
    void melAndMfccPassTheirFramingToTheStft() {
        MelSpectrogram mel = MelSpectrogram.builder().nFft(512).nMels(40).build();
        assertEquals(512, mel.stft().winLength());
        assertEquals(256, mel.stft().hopLength());
        assertEquals(PadMode.REFLECT, mel.stft().padMode());
        Mfcc mfcc = Mfcc.builder().nFft(400).winLength(320).nMels(40).nMfcc(13).padMode(PadMode.CONSTANT).build();
        assertEquals(160, mfcc.melSpectrogram().stft().hopLength());
        assertEquals(PadMode.CONSTANT, mfcc.melSpectrogram().stft().padMode());
    }
}
