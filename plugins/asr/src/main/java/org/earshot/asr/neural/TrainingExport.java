package org.earshot.asr.neural;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.audio.Wav;
import org.earshot.corpus.Corpus;
import org.earshot.corpus.Split;
import org.earshot.models.LogMelFrontEnd;

/**
 * Writes a corpus' features for a training script: per split, {@code <split>.f32} (the {@link LogMelFrontEnd}
 * frames of every utterance, float32 little-endian, 80 values a frame, utterances one after another) and
 * {@code <split>.jsonl} (id, text, engine, voice, accent, offset and frames into the .f32 file).
 */
public final class TrainingExport {

    private TrainingExport() {
    }

    /**
     * @param entries   the corpora's utterances (their {@code path} relative to {@code corpusDir} of the same index)
     * @param corpusDirs where each entry's corpus lives, by entry id
     * @param out       the folder to write
     * @return utterances written per split, by its label (the files' stem)
     */
    public static Map<String, Integer> write(List<Corpus.Entry> entries, Map<String, Path> corpusDirs, Path out)
            throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            List<Corpus.Entry> part = entries.stream().filter(e -> e.split() == split).toList();
            write(part, corpusDirs, out, split.label());
            counts.put(split.label(), part.size());
        }
        return counts;
    }

    /**
     * Writes one set of utterances as {@code <name>.f32} and {@code <name>.jsonl}.
     *
     * @param part       the utterances, in order
     * @param corpusDirs where each entry's corpus lives, by entry id
     * @param out        the folder to write
     * @param name       the files' stem ({@code train}, {@code dev}, {@code test}, or a further evaluation set)
     */
    public static void write(List<Corpus.Entry> part, Map<String, Path> corpusDirs, Path out, String name)
            throws IOException {
        Files.createDirectories(out);
        ObjectMapper json = new ObjectMapper();
        List<float[][]> features = part.parallelStream().map(e -> {
            try {
                return LogMelFrontEnd.of(Wav.read(corpusDirs.get(e.id()).resolve(e.path())));
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        }).toList();
        List<String> index = new ArrayList<>();
        long offset = 0;
        try (OutputStream os = Files.newOutputStream(out.resolve(name + ".f32"));
             DataOutputStream data = new DataOutputStream(new BufferedOutputStream(os, 1 << 20))) {
            ByteBuffer frame = ByteBuffer.allocate(4 * LogMelFrontEnd.N_MELS).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < part.size(); i++) {
                Corpus.Entry e = part.get(i);
                float[][] f = features.get(i);
                for (float[] row : f) {
                    frame.clear();
                    for (float v : row) {
                        frame.putFloat(v);
                    }
                    data.write(frame.array());
                }
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("id", e.id());
                line.put("text", e.normalized());
                line.put("engine", e.engine().label());
                line.put("voice", e.voice());
                line.put("accent", e.accent());
                line.put("offset", offset);
                line.put("frames", f.length);
                index.add(json.writeValueAsString(line));
                offset += f.length;
            }
        }
        Files.write(out.resolve(name + ".jsonl"), index);
    }
}
