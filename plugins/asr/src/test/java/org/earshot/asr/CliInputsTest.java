package org.earshot.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.corpus.Corpus;
import org.earshot.corpus.TextSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code transcribe} and {@code wer} say about inputs that are not what they read: one line each, naming the
 * file and what it is, exit 1, the rest of a batch done; and a recording longer than one chunk heard in chunks.
 */
class CliInputsTest {

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a FIFO that were opened would block for ever
    void transcribeNamesEachInputItCannotReadAndTranscribesTheRest() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("takes.wav"));
        Path fifo = tmp.resolve("stream.wav");
        assumeTrue(mkfifo(fifo) && Files.exists(Path.of("/dev/zero")), "a POSIX host with mkfifo");
        Path junk = Files.write(tmp.resolve("junk.wav"), new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0});
        Path good = tmp.resolve("tone.wav");
        Wav.write(Audio.mono(new float[16000], 16000), good, Wav.Encoding.PCM_16);
        String[] r = WerCommandTest.run("transcribe", folder.toString(), fifo.toString(), "/dev/zero", junk.toString(),
                good.toString());
        assertEquals("1", r[0], r[2]);
        List<String> out = r[1].lines().toList();
        assertEquals(1, out.size(), r[1]);
        assertTrue(out.get(0).startsWith(good + "\t"), "the readable file is still transcribed: " + r[1]);
        assertEquals(List.of(
                "earshot transcribe: " + folder + ": is a folder, not a file",
                "earshot transcribe: " + fifo + ": is a named pipe (FIFO), not a regular file",
                "earshot transcribe: /dev/zero: is a character device, not a regular file",
                "earshot transcribe: " + junk + ": not a RIFF/WAVE file (starts with '?ELF')"), r[2].lines().toList());
    }

    @Test
    void aRecordingLongerThanAChunkIsHeardInChunksAndItsLengthSaid() throws Exception {
        List<Corpus.Entry> entries = Corpus.spec(TextSource.DIGITS).count(3).seed(7).jobs(2).build()
                .make(tmp.resolve("c"));
        Audio gap = Audio.mono(new float[16000], 16000);
        Audio joined = null;
        for (int k = 0; k < 12; k++) { // about 30 s: three chunks at least
            Audio a = org.earshot.audio.Resample.to(Wav.read(tmp.resolve("c").resolve(entries.get(k % 3).path()))
                    .mixdown(), 16000).startingAt(0).concat(gap);
            joined = joined == null ? a : joined.concat(a);
        }
        Path file = tmp.resolve("long.wav");
        Wav.write(joined, file, Wav.Encoding.PCM_16);
        String[] r = WerCommandTest.run("transcribe", file.toString());
        assertEquals("0", r[0], r[2]);
        List<String> lines = r[1].lines().toList();
        assertEquals(1, lines.size(), r[1]);
        String text = lines.get(0).substring((file + "\t").length());
        assertTrue(text.matches("[a-z' ]+") && text.split(" ").length >= 12, text);
        String err = r[2].strip();
        assertTrue(err.startsWith("earshot transcribe: " + file + ": 0:"), err);
        assertTrue(err.contains(" of 16-bit PCM, 16000 Hz, mono, heard in "), err);
        assertTrue(err.endsWith(" chunks of at most 12 s cut at pauses"), err);
        int chunks = Integer.parseInt(err.replaceAll(".* heard in (\\d+) chunks.*", "$1"));
        assertTrue(chunks >= (int) Math.ceil(joined.durationSeconds() / 12), err);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void werNamesABinaryFileAndWhatIsNotAFile() throws Exception {
        Path ref = Files.writeString(tmp.resolve("ref.trn"), "one two (a)\n");
        Path junk = Files.write(tmp.resolve("hyp.trn"), new byte[] {'o', 'n', 'e', ' ', (byte) 0xFF, (byte) 0xFE, 0, 1});
        String[] r = WerCommandTest.run("wer", ref.toString(), junk.toString());
        assertEquals("1", r[0]);
        assertEquals("earshot wer: " + junk + ":1: not UTF-8 text (byte 0xFF is not UTF-8 at byte 4): a binary file?\n",
                r[2]);
        String[] folder = WerCommandTest.run("wer", tmp.toString(), ref.toString());
        assertEquals("earshot wer: " + tmp + ": is a folder, not a file\n", folder[2]);
        String[] zero = WerCommandTest.run("wer", ref.toString(), "/dev/zero");
        assertEquals("earshot wer: /dev/zero: is a character device, not a regular file\n", zero[2]);
        Path fifo = tmp.resolve("fifo.trn");
        assumeTrue(mkfifo(fifo), "mkfifo available");
        String[] pipe = WerCommandTest.run("wer", fifo.toString(), ref.toString());
        assertEquals("1", pipe[0]);
        assertEquals("earshot wer: " + fifo + ": is a named pipe (FIFO), not a regular file\n", pipe[2]);
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
