package org.earshot.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.corpus.Corpus;
import org.earshot.corpus.TextSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./earshot transcribe}: one tab-separated line per file, any rate, bad files named and the rest done. */
class TranscribeCommandTest {

    @Test
    void transcribesEveryReadableFileAndNamesTheOthers(@TempDir Path tmp) throws Exception {
        List<Corpus.Entry> entries = Corpus.spec(TextSource.DIGITS).count(12).seed(5).jobs(2).build()
                .make(tmp.resolve("c"));
        Corpus.Entry e = entries.get(0);
        Audio a = Wav.read(tmp.resolve("c").resolve(e.path()));
        // the same utterance at 8 kHz: the command resamples it itself
        Path slow = tmp.resolve("eight-khz.wav");
        Wav.write(org.earshot.audio.Resample.to(a, 8000), slow, Wav.Encoding.PCM_16);
        Path broken = tmp.resolve("broken.wav");
        Files.writeString(broken, "RIFF but not really");
        String[] r = WerCommandTest.run("transcribe", tmp.resolve("c").resolve(e.path()).toString(),
                slow.toString(), broken.toString());
        assertEquals("1", r[0], "a file failed, so exit 1");
        List<String> lines = r[1].lines().toList();
        assertEquals(2, lines.size(), r[1]);
        assertTrue(lines.get(0).endsWith(".wav\t" + lines.get(0).split("\t")[1]));
        assertTrue(lines.get(0).split("\t")[1].matches("[a-z' ]+"), lines.get(0));
        assertTrue(lines.get(1).startsWith(slow + "\t"));
        assertTrue(r[2].contains("broken.wav"), r[2]);
        assertEquals(1, r[2].lines().count(), "one line per bad file: " + r[2]);
    }
}
