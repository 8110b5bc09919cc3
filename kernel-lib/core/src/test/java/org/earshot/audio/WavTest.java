package org.earshot.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {

    private static Audio stereo() {
        float[] left = new float[1000];
        float[] right = new float[1000];
        for (int n = 0; n < left.length; n++) {
            left[n] = (float) (0.9 * Math.sin(2 * Math.PI * 440 * n / 16000.0));
            right[n] = (float) (-0.5 * Math.cos(2 * Math.PI * 1000 * n / 16000.0));
        }
        return Audio.of(new float[][] {left, right}, 16000);
    }

    @Test
    void pcm16BytesDecodeBackToTheSameSamples() throws Exception {
        Audio a = stereo();
        Audio back = Wav.decode(Wav.encode(a, Wav.Encoding.PCM_16), "mem.wav");
        assertEquals(16000, back.sampleRate());
        assertEquals(2, back.channelCount());
        assertEquals(a.frameCount(), back.frameCount());
        for (int c = 0; c < 2; c++) {
            float[] x = a.channel(c);
            float[] y = back.channel(c);
            for (int n = 0; n < x.length; n++) {
                // quantisation: round(x·32768)/32768 is within half a 16-bit step of x
                assertEquals(x[n], y[n], 0.5 / 32768 + 1e-7, "channel " + c + " sample " + n);
            }
        }
    }

    @Test
    void float32BytesDecodeBackExactly(@TempDir Path dir) throws Exception {
        Audio a = stereo();
        Path file = dir.resolve("a.wav");
        Wav.write(a, file, Wav.Encoding.FLOAT_32);
        assertEquals(a, Wav.read(file));
    }

    @Test
    void canonicalHeaderFields() {
        byte[] b = Wav.encode(Audio.mono(new float[] {0f, 0.5f, -0.5f}, 8000), Wav.Encoding.PCM_16);
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(b, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(b.length - 8, h.getInt(4));
        assertEquals(1, h.getShort(20));        // PCM
        assertEquals(1, h.getShort(22));        // channels
        assertEquals(8000, h.getInt(24));       // sample rate
        assertEquals(16000, h.getInt(28));      // byte rate
        assertEquals(16, h.getShort(34));       // bits
        assertEquals(6, h.getInt(40));          // data bytes
        assertEquals(16384, h.getShort(46));    // round(0.5·32768)
    }

    /** A WAV file with a 16-byte fmt chunk and the given raw sample bytes. */
    static byte[] wav(int formatTag, int channels, int rate, int bits, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) formatTag).putShort((short) channels)
                .putInt(rate).putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return b.array();
    }

    @Test
    void readsEightTwentyFourAndThirtyTwoBitPcm() throws Exception {
        Audio u8 = Wav.decode(wav(1, 1, 8000, 8, new byte[] {(byte) 128, (byte) 192, 0}), "u8.wav");
        assertArrayEquals(new float[] {0f, 0.5f, -1f}, u8.channel(0));
        // 24-bit little-endian: 0x400000 = 0.5, 0xC00000 = -0.5
        Audio s24 = Wav.decode(wav(1, 1, 8000, 24, new byte[] {0, 0, 0x40, 0, 0, (byte) 0xC0}), "s24.wav");
        assertArrayEquals(new float[] {0.5f, -0.5f}, s24.channel(0));
        Audio s32 = Wav.decode(wav(1, 1, 8000, 32, new byte[] {0, 0, 0, (byte) 0xC0}), "s32.wav");
        assertArrayEquals(new float[] {-0.5f}, s32.channel(0));
    }

    @Test
    void badInputNamesTheFileAndTheProblem() {
        assertProblem(new byte[0], "empty file");
        assertProblem(new byte[] {'R', 'I', 'F', 'F', 0, 0}, "truncated header");
        assertProblem("hello world, not a wav file".getBytes(StandardCharsets.US_ASCII), "not a RIFF/WAVE file");
        assertProblem(wav(0x55, 1, 8000, 16, new byte[4]), "unsupported codec (format tag 0x0055)");
        assertProblem(wav(1, 1, 8000, 16, new byte[0]), "no samples");
        byte[] nan = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN).array();
        assertProblem(wav(3, 1, 8000, 32, nan), "is NaN");
        byte[] truncated = wav(1, 1, 8000, 16, new byte[100]);
        assertProblem(java.util.Arrays.copyOf(truncated, 60), "'data' chunk says 100 bytes but only 16 follow");
    }

    private static void assertProblem(byte[] bytes, String problem) {
        InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> Wav.decode(bytes, "bad.wav"));
        assertTrue(e.getMessage().startsWith("bad.wav: "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.wav");
        InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> Wav.read(missing));
        assertTrue(e.getMessage().contains("nope.wav: no such file"));
        assertTrue(Files.notExists(missing));
    }
}
