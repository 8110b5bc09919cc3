package org.earshot.tts.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.earshot.corpus.TextSource;
import org.earshot.tts.g2p.CmuDictionary;
import org.earshot.tts.parametric.TimedPhone;

/**
 * The recordings the kit's own voices learn from: festival's kal diphone voice saying the kit's sentence, command
 * and digit grammars (seeds 21300–21302) and lines of 6 CMUdict training words (CRC32 mod 10 ≠ 0, seed 21303) for
 * phone coverage, leaving out every text of the round trip's dev (seed {@value #DEV_SEED}) and test
 * ({@code tts-compare}'s) sets; each utterance's WAV and festival's phone times ({@code utt.save.segs}), in
 * {@code build/train/kit-parametric}. Why kal: its diphones were cut from recordings of one man, and festival reports
 * where each phone starts and ends, the alignment the 21.2 aligner would otherwise have to find. Festival runs once
 * for a given text list: when the folder already holds this very list's recordings, they are reused.
 */
final class KalCorpus {

    /** The seeds of the texts the voices are measured on: dev (for choices) and test ({@code tts-compare}'s). */
    static final long DEV_SEED = 2132;
    static final long TEST_SEED = TtsCompareCommand.SEED;
    static final String FOLDER = "build/train/kit-parametric";

    /** The texts said, the folder of {@code NNNNN.wav} and {@code NNNNN.segs}, how many texts were left out. */
    record Recordings(List<String> texts, Path folder, int leftOut) {
        Path wav(int i) {
            return folder.resolve(String.format(Locale.ROOT, "%05d.wav", i));
        }

        Path segs(int i) {
            return folder.resolve(String.format(Locale.ROOT, "%05d.segs", i));
        }

        /** @return utterance i's phones with festival's times ({@link #segs}) */
        List<TimedPhone> phones(int i) throws IOException {
            return TimedPhone.parseFestival(Files.readString(segs(i), StandardCharsets.UTF_8));
        }
    }

    private KalCorpus() {
    }

    /** @return the round trip's digit strings of a set, as spoken words */
    static List<org.earshot.corpus.Utterance> digits(long seed) {
        return TextSource.DIGITS.generate(TtsCompareCommand.DIGIT_STRINGS, seed);
    }

    /** @return the round trip's sentences of a set, as written */
    static List<org.earshot.corpus.Utterance> sentences(long seed) {
        return TextSource.SENTENCES.generate(TtsCompareCommand.SENTENCES, seed);
    }

    /**
     * {@link #make}, or one line on standard error naming what failed and the command.
     *
     * @return the recordings, or empty after that line
     */
    static java.util.Optional<Recordings> makeOrSay(Path home, int sentences, int wordLines, String command)
            throws InterruptedException {
        try {
            return java.util.Optional.of(make(home, sentences, wordLines));
        } catch (IOException e) {
            System.err.println("earshot " + command + ": " + e.getMessage());
            return java.util.Optional.empty();
        }
    }

    /**
     * @param home      the kit's folder
     * @param sentences sentences of the grammar; commands and digit strings half as many
     * @param wordLines lines of 6 dictionary words
     * @return the recordings, made by festival unless already there
     * @throws IOException naming festival's log or the Debian packages when festival fails or is missing
     */
    static Recordings make(Path home, int sentences, int wordLines) throws IOException, InterruptedException {
        Set<String> heldOut = new HashSet<>();
        for (long seed : new long[] {DEV_SEED, TEST_SEED}) {
            digits(seed).forEach(u -> heldOut.add(u.normalized()));
            sentences(seed).forEach(u -> heldOut.add(u.text()));
        }
        List<String> texts = new ArrayList<>();
        TextSource.SENTENCES.generate(sentences, 21300).forEach(u -> texts.add(u.text()));
        TextSource.COMMANDS.generate(sentences / 2, 21301).forEach(u -> texts.add(u.text()));
        TextSource.DIGITS.generate(sentences / 2, 21302).forEach(u -> texts.add(u.normalized()));
        int before = texts.size();
        texts.removeIf(heldOut::contains);
        int leftOut = before - texts.size();
        List<String> words = new ArrayList<>(CmuDictionary.read(CmuDictionary.POCKETSPHINX).split(false)
                .pronunciations().keySet());
        words.removeIf(w -> !w.matches("[a-z]+"));
        Random r = new Random(21303);
        for (int i = 0; i < wordLines; i++) {
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < 6; k++) {
                line.append(k == 0 ? "" : " ").append(words.get(r.nextInt(words.size())));
            }
            texts.add(line.append('.').toString());
        }
        Path work = home.resolve(FOLDER);
        Recordings recordings = new Recordings(List.copyOf(texts), work, leftOut);
        Files.createDirectories(work);
        StringBuilder scheme = new StringBuilder("(voice_kal_diphone)\n");
        for (int i = 0; i < texts.size(); i++) {
            String base = work.resolve(String.format(Locale.ROOT, "%05d", i)).toString();
            scheme.append("(set! u (utt.synth (Utterance Text \"").append(texts.get(i).replace("\\", "")
                    .replace("\"", "")).append("\")))\n(utt.save.wave u \"").append(base)
                    .append(".wav\" 'riff)\n(utt.save.segs u \"").append(base).append(".segs\")\n");
        }
        Path script = work.resolve("speak.scm");
        Path done = work.resolve("speak.done");
        if (Files.isRegularFile(done) && Files.isRegularFile(script)
                && Files.readString(script).contentEquals(scheme)) {
            return recordings;
        }
        Files.deleteIfExists(done);
        Files.writeString(script, scheme);
        String fix = "; apt-get install festival festvox-kallpc16k";
        try {
            Process festival = new ProcessBuilder("festival", "--batch", script.toString()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("festival.log").toFile()).start();
            if (!festival.waitFor(30, TimeUnit.MINUTES) || festival.exitValue() != 0) {
                festival.destroyForcibly();
                throw new IOException("festival failed (" + work.resolve("festival.log") + ")" + fix);
            }
        } catch (IOException e) {
            throw new IOException(e.getMessage().startsWith("festival failed") ? e.getMessage()
                    : "cannot start festival (" + e.getMessage() + ")" + fix, e);
        }
        Files.writeString(done, texts.size() + " utterances\n");
        return recordings;
    }
}
