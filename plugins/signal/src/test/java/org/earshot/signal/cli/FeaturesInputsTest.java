package org.earshot.signal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.earshot.cli.EarshotCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code earshot features} on inputs that are not WAV files it can hold: a FIFO, a device, binary junk and a file
 * too long for memory each get one line naming the file and what it is, and exit 1 — no hang, no stack trace.
 */
class FeaturesInputsTest {

    @TempDir
    Path tmp;

    private static String[] cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = EarshotCli.commandLine().execute(args);
            return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static void assertOneLine(String[] run, String line) {
        assertEquals("1", run[0], run[2]);
        assertEquals("", run[1]);
        assertEquals("earshot features logmel: " + line + "\n", run[2]);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a FIFO that were opened would block for ever
    void aFifoADeviceAndJunkAreNamed() throws Exception {
        Path fifo = tmp.resolve("stream.wav");
        assumeTrue(mkfifo(fifo) && Files.exists(Path.of("/dev/zero")), "a POSIX host with mkfifo");
        assertOneLine(cli("features", "logmel", fifo.toString()), fifo + ": is a named pipe (FIFO), not a regular file");
        assertOneLine(cli("features", "logmel", "/dev/zero"), "/dev/zero: is a character device, not a regular file");
        Path junk = Files.write(tmp.resolve("junk.wav"), new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0});
        assertOneLine(cli("features", "logmel", junk.toString()), junk + ": not a RIFF/WAVE file (starts with 'PK??')");
    }

    @Test
    void aFileTooLongForMemoryIsRefusedWithTheLimit() throws Exception {
        Path file = tmp.resolve("night.wav"); // a sparse 4 GiB header: 6 h 12 min of 48 kHz stereo, no disk used
        long dataBytes = 0xFFFF_FFF0L;
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes))
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 2).putInt(48000).putInt(48000 * 4)
                .putShort((short) 4).putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt((int) dataBytes);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(h.array());
            f.setLength(44 + dataBytes);
        }
        String[] r = cli("features", "logmel", file.toString());
        assertEquals("1", r[0]);
        assertEquals(1, r[2].lines().count(), r[2]);
        assertTrue(r[2].startsWith("earshot features logmel: " + file + ": 6:12:49.6 of 16-bit PCM, 48000 Hz,"
                + " 2 channels (4.0 GiB): longer than the "), r[2]);
        assertTrue(r[2].contains("cut it into parts first, e.g. ffmpeg -i " + file), r[2]);
    }

    /** @return whether a FIFO was made with the system's {@code mkfifo} */
    private static boolean mkfifo(Path at) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("mkfifo", at.toString()).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
