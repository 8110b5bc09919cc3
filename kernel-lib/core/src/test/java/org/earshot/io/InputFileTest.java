package org.earshot.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.earshot.metrics.Trn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class InputFileTest {

    @TempDir
    Path dir;

    @Test
    void eachKindOfNonFileHasItsOwnMessage() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "x");
        assertEquals(Optional.empty(), InputFile.problem(file));
        assertEquals(Optional.of("no such file"), InputFile.problem(dir.resolve("missing.txt")));
        assertEquals(Optional.of("is a folder, not a file"), InputFile.problem(dir));
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), file);
        assertEquals(Optional.empty(), InputFile.problem(link), "a command follows links");
        assertEquals(Optional.of("is a symbolic link (not followed)"), InputFile.problem(link, LinkOption.NOFOLLOW_LINKS));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.txt"), dir.resolve("gone"));
        assertEquals(Optional.of("is a symbolic link to a file that does not exist"), InputFile.problem(dangling));
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "a POSIX host");
        assertEquals(Optional.of("is a character device, not a regular file"), InputFile.problem(zero));
        IOException e = assertThrows(IOException.class, () -> InputFile.requireRegularFile(zero));
        assertEquals("/dev/zero: is a character device, not a regular file", e.getMessage());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aNamedPipeIsNamedAndNotOpened() throws Exception {
        Path fifo = dir.resolve("ref.trn");
        assumeTrue(mkfifo(fifo), "mkfifo available");
        assertEquals(Optional.of("is a named pipe (FIFO), not a regular file"), InputFile.problem(fifo));
        IOException e = assertThrows(IOException.class, () -> Trn.read(fifo)); // opening it would block
        assertEquals(fifo + ": is a named pipe (FIFO), not a regular file", e.getMessage());
    }

    @Test
    void binaryJunkIsNamedWithItsLineAndByte() throws Exception {
        Path junk = dir.resolve("junk.trn");
        Files.write(junk, new byte[] {'o', 'n', 'e', ' ', '(', 'a', ')', '\n', 't', 'w', (byte) 0xC3, 0x28});
        IOException e = assertThrows(IOException.class, () -> Trn.read(junk));
        assertEquals(junk + ":2: not UTF-8 text (byte 0xC3 is not UTF-8 at byte 10): a binary file?", e.getMessage());
        Path nul = Files.write(dir.resolve("nul.trn"), "one (a)\nt\0wo (b)\n".getBytes(StandardCharsets.UTF_8));
        IOException n = assertThrows(IOException.class, () -> Trn.read(nul));
        assertEquals(nul + ":2: not UTF-8 text (a NUL character at byte 9): a binary file?", n.getMessage());
    }

    @Test
    void aTextFileOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        Path big = Files.writeString(dir.resolve("big.txt"), "x".repeat(2048));
        IOException e = assertThrows(IOException.class, () -> InputFile.readUtf8(big, 1024));
        assertEquals(big + ": 2.0 KiB, more than the 1.0 KiB a text file may be here", e.getMessage());
        assertEquals("é ok", InputFile.readUtf8(Files.writeString(dir.resolve("ok.txt"), "é ok"), 1024));
    }

    @Test
    void sizesForPeople() {
        assertEquals("812 bytes", InputFile.bytes(812));
        assertEquals("20.0 MiB", InputFile.bytes(20L << 20));
        assertEquals("2.0 GiB", InputFile.bytes(2L << 30));
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
