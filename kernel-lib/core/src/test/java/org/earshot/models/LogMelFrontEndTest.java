package org.earshot.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.earshot.audio.Audio;
import org.earshot.audio.Spectrogram;
import org.junit.jupiter.api.Test;

/** The models' log-mel front end and its inverse view (a TTS model's frames as a spectrogram). */
class LogMelFrontEndTest {

    @Test
    void framesAreTheSpectrogramTheyCameFrom() {
        double[] x = new double[16000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.3 * Math.sin(2 * Math.PI * 440 * i / 16000.0) + 0.1 * Math.sin(2 * Math.PI * 2500 * i / 16000.0);
        }
        float[][] frames = LogMelFrontEnd.of(Audio.mono(x, 16000));
        assertEquals(101, frames.length, "1 + 16000 / 160 centred frames");
        Spectrogram s = LogMelFrontEnd.spectrogram(frames);
        assertEquals(Spectrogram.Amplitude.DECIBELS, s.amplitude());
        assertEquals(80, s.binCount());
        assertEquals(frames.length, s.frameCount());
        assertEquals(400, s.nFft());
        assertEquals(160, s.hopLength());
        assertEquals(16000, s.sampleRate());
        assertEquals(frames[50][7], s.value(7, 50), 0);
        assertEquals(LogMelFrontEnd.framing().hopLength(), 160);
        assertEquals(LogMelFrontEnd.filterbank().melCount(), 80);
    }

    @Test
    void framesOfTheWrongShapeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LogMelFrontEnd.spectrogram(new float[0][]));
        var e = assertThrows(IllegalArgumentException.class, () -> LogMelFrontEnd.spectrogram(new float[3][79]));
        assertEquals("frame 0 has 79 values, not 80", e.getMessage());
    }
}
