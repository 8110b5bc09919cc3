package org.earshot.corpus.real;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * festvox-ru's unit-selection database ({@code msu_ru_nsh_clunits}): one Russian speaker reading 620 sentences,
 * {@code wav/ru_NNNN.wav}, each line of {@code etc/txt.done.data} its transcript, {@code ( ru_0001 "Текст." )}. A
 * {@code +} after a vowel marks stress and is dropped from the spoken form; a sentence with a number is left out
 * ({@link Transcripts} spells no Russian numbers beyond twenty).
 */
final class FestvoxRussian implements SourceReader {

    private static final Pattern LINE = Pattern.compile("^\\(\\s*(\\S+)\\s+\"(.*)\"\\s*\\)\\s*$");
    static final String VOICE = "usr/share/festival/voices/russian/msu_ru_nsh_clunits";

    @Override
    public List<Recording> find(DebianPackage pkg) throws IOException {
        Path voice = pkg.root().resolve(VOICE);
        Path prompts = voice.resolve("etc/txt.done.data");
        if (!Files.isRegularFile(prompts)) {
            throw new IOException(prompts + ": no transcripts in " + pkg.name());
        }
        List<Recording> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(prompts, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(lines.get(i));
            if (!m.matches()) {
                throw new IOException(prompts + ", line " + (i + 1) + ": not ( id \"text\" )");
            }
            Path wav = voice.resolve("wav").resolve(m.group(1) + ".wav");
            String text = m.group(2);
            Optional<String> spoken = Transcripts.normalize(text, "ru");
            if (Files.isRegularFile(wav) && spoken.isPresent()) {
                out.add(new Recording(wav, Recording.Format.WAV, "msu_ru_nsh_clunits/wav/" + wav.getFileName(), text,
                        spoken.get(), "ru", "festvox-ru/msu_ru_nsh"));
            }
        }
        out.sort(java.util.Comparator.comparing(Recording::file));
        return out;
    }
}
