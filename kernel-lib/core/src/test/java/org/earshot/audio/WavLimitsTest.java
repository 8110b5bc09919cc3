package org.earshot.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link Wav} does with input it must not swallow whole: a file longer than it holds (refused from its header,
 * before a sample is read), paths that are not regular files (never opened), and reading by blocks.
 */
class WavLimitsTest {

    @TempDir
    Path dir;

    /** A sparse file: a 16-bit stereo 48 kHz header declaring {@code dataBytes} of samples, and zeros (no disk). */
    private Path sparseWav(String name, long dataBytes) throws IOException {
        Path file = dir.resolve(name);
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes))
                .put("WAVE".getBytes(StandardCharsets.US_ASCII));
        h.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 2)
                .putInt(48000).putInt(48000 * 4).putShort((short) 4).putShort((short) 16);
        h.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(h.array());
            f.setLength(44 + dataBytes);
        }
        return file;
    }

    @Test
    void aFileLongerThanTheKitHoldsIsRefusedInOneLineThatSaysTheLimitAndHowToCut() throws Exception {
        long dataBytes = 4L * (Wav.maxSamplesInMemory() / 2 + 1000); // just over the limit, in stereo frames
        Path file = sparseWav("long.wav", dataBytes);
        InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> Wav.read(file));
        String m = e.getMessage();
        assertTrue(m.startsWith(file + ": "), m);
        assertFalse(m.contains("\n"), "one line: " + m);
        assertTrue(m.contains("16-bit PCM, 48000 Hz, 2 channels"), m);
        assertTrue(m.contains(String.format(java.util.Locale.ROOT, "(%,d samples)", Wav.maxSamplesInMemory())), m);
        assertTrue(m.contains("longer than the "), m);
        assertTrue(m.contains("cut it into parts first, e.g. ffmpeg -i " + file), m);
        // the reader still goes through it block by block, knowing its length from the header
        try (Wav.Reader r = Wav.open(file)) {
            assertEquals(dataBytes / 4, r.frameCount());
            assertEquals(dataBytes / 4 / 48000.0, r.durationSeconds(), 1e-9);
            Audio first = r.read(4800).orElseThrow();
            assertEquals(4800, first.frameCount());
            assertEquals(0, first.startSeconds());
            Audio second = r.read(4800).orElseThrow();
            assertEquals(0.1, second.startSeconds(), 1e-12);
            assertEquals(9600, r.position());
        }
    }

    @Test
    void aFourGigabyteHeaderIsReadWithoutReadingTheFile() throws Exception {
        Path file = sparseWav("huge.wav", 0xFFFF_FFF0L); // the most a RIFF size field holds
        InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> Wav.read(file));
        assertTrue(e.getMessage().contains("(4.0 GiB): longer than the "), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ": 6:12:49.6 of "), e.getMessage());
    }

    @Test
    void readingInBlocksGivesTheSameSamplesAsReadingAtOnce() throws Exception {
        int frames = 50_001; // 200 kB of 16-bit stereo: several 64 KiB blocks, and a partial last one
        float[][] ch = new float[2][frames];
        for (int n = 0; n < frames; n++) {
            ch[0][n] = (float) Math.sin(n * 0.01);
            ch[1][n] = (float) Math.cos(n * 0.003) * 0.5f;
        }
        Audio a = Audio.of(ch, 22050);
        byte[] plain = Wav.encode(a, Wav.Encoding.PCM_16);
        // a LIST chunk of odd size (and its pad byte) before the samples: skipped, not read
        byte[] list = {'L', 'I', 'S', 'T', 3, 0, 0, 0, 'a', 'b', 'c', 0};
        byte[] bytes = new byte[plain.length + list.length];
        System.arraycopy(plain, 0, bytes, 0, 36);
        System.arraycopy(list, 0, bytes, 36, list.length);
        System.arraycopy(plain, 36, bytes, 36 + list.length, plain.length - 36);
        Path file = dir.resolve("blocks.wav");
        Files.write(file, bytes);
        Audio whole = Wav.read(file);
        assertEquals(Wav.decode(plain, "plain"), whole);
        try (Wav.Reader r = Wav.open(file)) {
            assertEquals(22050, r.sampleRate());
            assertEquals(2, r.channelCount());
            Audio joined = r.read(7777).orElseThrow();
            Optional<Audio> next;
            while ((next = r.read(7777)).isPresent()) {
                assertEquals(joined.endSeconds(), next.get().startSeconds(), 1e-9, "blocks follow each other");
                joined = joined.concat(next.get());
            }
            assertEquals(whole, joined);
            assertEquals(frames, r.position());
        }
    }

    @Test
    void aFolderIsNamedAsAFolder() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("take.wav"));
        InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> Wav.read(folder));
        assertEquals(folder + ": is a folder, not a file", e.getMessage());
    }

    @Test
    void aDeviceIsNeverRead() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "a POSIX host");
        InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> Wav.read(zero));
        assertEquals("/dev/zero: is a character device, not a regular file", e.getMessage());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aNamedPipeIsNeverOpened() throws Exception {
        Path fifo = dir.resolve("stream.wav");
        assumeTrue(mkfifo(fifo), "mkfifo available");
        InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> Wav.read(fifo)); // would block
        assertEquals(fifo + ": is a named pipe (FIFO), not a regular file", e.getMessage());
    }

    @Test
    void binaryJunkIsNotAWavFile() throws Exception {
        Path junk = dir.resolve("junk.wav");
        Files.write(junk, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> Wav.read(junk));
        assertEquals(junk + ": not a RIFF/WAVE file (starts with '?PNG')", e.getMessage());
    }

    /** @return whether a FIFO was made with the system's {@code mkfifo} */
    static boolean mkfifo(Path at) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("mkfifo", at.toString()).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
