package org.earshot.asr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.earshot.audio.Audio;
import org.earshot.audio.Resample;
import org.earshot.audio.Wav;

/**
 * CMU PocketSphinx, a production HMM-GMM recogniser (Debian {@code pocketsphinx}, {@code pocketsphinx-en-us}), run
 * through its {@code pocketsphinx_batch} tool with its US-English acoustic model, a language model of ours (ARPA)
 * and a pronunciation dictionary cut from its CMU dictionary. So a lesson can set "our HMM-GMM" beside "a real one"
 * on the same audio, and sweep the language-model weight ({@code -lw}).
 */
public final class PocketSphinx {

    /** Where Debian's pocketsphinx-en-us puts the model and dictionary. */
    public static final Path MODEL_DIR = Path.of("/usr/share/pocketsphinx/model/en-us");
    public static final Path ACOUSTIC_MODEL = MODEL_DIR.resolve("en-us");
    public static final Path CMU_DICTIONARY = MODEL_DIR.resolve("cmudict-en-us.dict");

    private static final Pattern HYP = Pattern.compile("^(.*?)\\s*\\((\\S+)(?:\\s+-?\\d+)?\\)\\s*$");

    private final Path languageModel;
    private final Path dictionary;
    private final double lmWeight;

    /**
     * @param languageModel an ARPA file
     * @param dictionary    a pronunciation dictionary covering the model's words ({@link #dictionaryFor})
     * @param lmWeight      the language-model weight ({@code -lw}; pocketsphinx's default is 6.5)
     */
    public PocketSphinx(Path languageModel, Path dictionary, double lmWeight) {
        this.languageModel = languageModel;
        this.dictionary = dictionary;
        this.lmWeight = lmWeight;
    }

    /** @throws IOException when pocketsphinx or its English model is missing (naming the Debian packages) */
    public static void requireInstalled() throws IOException {
        if (!Files.isExecutable(Path.of("/usr/bin/pocketsphinx_batch")) || !Files.isDirectory(ACOUSTIC_MODEL)) {
            throw new IOException("PocketSphinx is not installed: apt-get install pocketsphinx pocketsphinx-en-us");
        }
    }

    /**
     * Writes the CMU dictionary entries (alternative pronunciations included) of the given words.
     *
     * @param words the vocabulary
     * @param out   where to write
     * @return {@code out}
     * @throws IOException when a word is not in the CMU dictionary (the message names it)
     */
    public static Path dictionaryFor(Set<String> words, Path out) throws IOException {
        requireInstalled();
        Set<String> missing = new TreeSet<>(words);
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(CMU_DICTIONARY, StandardCharsets.UTF_8)) {
            int space = line.indexOf(' ');
            if (space <= 0) {
                continue;
            }
            String entry = line.substring(0, space);
            String word = entry.replaceAll("\\(\\d+\\)$", "");
            if (words.contains(word)) {
                lines.add(line);
                missing.remove(word);
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("not in the CMU dictionary: " + String.join(", ", missing));
        }
        Files.write(out, lines, StandardCharsets.UTF_8);
        return out;
    }

    /**
     * Transcribes sounds (resampled to 16 kHz mono first), in one pocketsphinx process per core (at least 8 sounds
     * each): {@code pocketsphinx_batch} decodes on one thread, so a lesson's test set is split among the cores.
     *
     * @param sounds the sounds, by an id of the caller's
     * @return id → transcript (lower-case words; empty when nothing was recognised)
     * @throws IOException when pocketsphinx fails
     */
    public Map<String, String> transcribe(Map<String, Audio> sounds) throws IOException, InterruptedException {
        requireInstalled();
        Path dir = Files.createTempDirectory("earshot-pocketsphinx-");
        try {
            List<String> keys = new ArrayList<>(sounds.keySet());
            int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), keys.size() / 8));
            StringBuilder[] ctl = new StringBuilder[workers];
            for (int w = 0; w < workers; w++) {
                ctl[w] = new StringBuilder();
            }
            for (int i = 0; i < keys.size(); i++) {
                Audio a = Resample.to(sounds.get(keys.get(i)).mixdown(), 16000);
                String name = String.format(Locale.ROOT, "u%06d", i);
                Wav.write(a, dir.resolve(name + ".wav"), Wav.Encoding.PCM_16);
                ctl[i % workers].append(name).append('\n');
            }
            List<Process> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                Path list = dir.resolve("list" + w + ".ctl");
                Files.writeString(list, ctl[w]);
                running.add(new ProcessBuilder("pocketsphinx_batch", "-ctl", list.toString(),
                        "-cepdir", dir.toString(), "-cepext", ".wav", "-adcin", "yes", "-adchdr", "44",
                        "-hmm", ACOUSTIC_MODEL.toString(), "-lm", languageModel.toString(), "-dict", dictionary.toString(),
                        "-lw", Double.toString(lmWeight), "-hyp", dir.resolve("out" + w + ".hyp").toString(),
                        "-logfn", dir.resolve("log" + w + ".txt").toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start());
            }
            List<String> hypotheses = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                Process p = running.get(w);
                Path hyp = dir.resolve("out" + w + ".hyp");
                if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.exists(hyp)) {
                    running.forEach(Process::destroyForcibly);
                    Path logFile = dir.resolve("log" + w + ".txt");
                    List<String> log = Files.exists(logFile) ? Files.readAllLines(logFile) : List.of();
                    throw new IOException("pocketsphinx_batch failed: "
                            + log.stream().filter(l -> l.contains("ERROR")).findFirst().orElse("no error logged"));
                }
                hypotheses.addAll(Files.readAllLines(hyp, StandardCharsets.UTF_8));
            }
            String[] heard = new String[keys.size()];
            for (String line : hypotheses) {
                Matcher m = HYP.matcher(line);
                if (m.matches()) {
                    int index = Integer.parseInt(m.group(2).substring(1));
                    heard[index] = m.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("\\(\\d+\\)", "");
                }
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                out.put(keys.get(i), heard[i] == null ? "" : heard[i]);
            }
            return out;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
