package org.earshot.tts.g2p;

import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.models.OnnxModel;

/**
 * The kit's trained letter-to-sound model, g2p-ctc (§21.3): for a word the dictionary lacks, phones predicted from its
 * letters. A network reads the letters (each repeated twice, so "x" can become K S) and gives, for each of the 2n
 * steps, log-probabilities of the 39 ARPAbet phones and a <b>blank</b>; trained with CTC (Graves et al. 2006), so it
 * never needed to know which letters make which phone. Decoding is greedy CTC: the best class at each step, repeats
 * merged, blanks dropped ({@code _ K K _ AE _ T T → K AE T}). The recipe and its figures are in
 * {@code data/models/g2p-ctc/card.md}.
 */
public final class LetterToSound implements AutoCloseable {

    private final OnnxModel graph;
    private final Map<Character, Long> letterIds;
    private final List<String> phones;

    private LetterToSound(OnnxModel graph, Map<Character, Long> letterIds, List<String> phones) {
        this.graph = graph;
        this.letterIds = letterIds;
        this.phones = phones;
    }

    /**
     * @param folder a g2p-ctc model folder ({@code model.onnx}, {@code vocab.json})
     * @return the model
     * @throws IOException when a file is missing or not this model's (named)
     */
    public static LetterToSound open(Path folder) throws IOException {
        Path vocab = folder.resolve("vocab.json");
        if (!Files.isRegularFile(vocab)) {
            throw new IOException(vocab + ": no letter-to-sound model here (./earshot train-g2p makes one)");
        }
        JsonNode v = new ObjectMapper().readTree(vocab.toFile());
        if (!v.path("letters").isArray() || !v.path("phones").isArray()) {
            throw new IOException(vocab + ": not a g2p vocabulary (wants 'letters' and 'phones')");
        }
        Map<Character, Long> ids = new HashMap<>();
        for (int i = 1; i < v.get("letters").size(); i++) { // 0 is padding
            ids.put(v.get("letters").get(i).asText().charAt(0), (long) i);
        }
        List<String> phones = new ArrayList<>();
        v.get("phones").forEach(p -> phones.add(p.asText()));
        OnnxModel graph = OnnxModel.open(folder.resolve("model.onnx"));
        if (!graph.inputs().containsKey("letters") || !graph.outputs().containsKey("log_probs")) {
            graph.close();
            throw new IOException(folder.resolve("model.onnx") + ": not a g2p graph (wants 'letters' → 'log_probs')");
        }
        return new LetterToSound(graph, ids, List.copyOf(phones));
    }

    /**
     * @param word letters the model knows (lower case a–z, apostrophe, …; {@link #knows})
     * @return its predicted ARPAbet phones (no stress digits)
     * @throws IllegalArgumentException naming the first letter the model never saw
     */
    public List<String> phones(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.isEmpty()) {
            throw new IllegalArgumentException("an empty word has no phones");
        }
        long[] ids = new long[w.length()];
        for (int i = 0; i < ids.length; i++) {
            Long id = letterIds.get(w.charAt(i));
            if (id == null) {
                throw new IllegalArgumentException("'" + word + "': the letter '" + w.charAt(i)
                        + "' is not one the model learned");
            }
            ids[i] = id;
        }
        try (OnnxTensor x = OnnxTensor.createTensor(graph.environment(), LongBuffer.wrap(ids),
                new long[] {1, ids.length});
             OrtSession.Result out = graph.run(Map.of("letters", x))) {
            float[][] steps = ((float[][][]) out.get(0).getValue())[0];
            return greedyCtc(steps, phones);
        } catch (OrtException e) {
            throw new IllegalStateException(graph.file() + ": inference failed: " + e.getMessage(), e);
        }
    }

    /** @return whether every letter of the word is one the model learned */
    public boolean knows(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return !w.isEmpty() && w.chars().allMatch(c -> letterIds.containsKey((char) c));
    }

    /**
     * Greedy CTC decoding: the most likely class of each step; a run of one class is one symbol; blanks (class 0)
     * separate symbols and are dropped.
     *
     * @param logProbs {@code [steps][classes]}, class 0 the blank
     * @param symbols  the classes' names
     * @return the decoded symbols
     */
    static List<String> greedyCtc(float[][] logProbs, List<String> symbols) {
        List<String> out = new ArrayList<>();
        int previous = 0;
        for (float[] step : logProbs) {
            int best = 0;
            for (int c = 1; c < step.length; c++) {
                if (step[c] > step[best]) {
                    best = c;
                }
            }
            if (best != 0 && best != previous) {
                out.add(symbols.get(best));
            }
            previous = best;
        }
        return out;
    }

    @Override
    public void close() {
        graph.close();
    }

    @Override
    public String toString() {
        return "LetterToSound[" + graph.file() + ", " + letterIds.size() + " letters → " + (phones.size() - 1)
                + " phones]";
    }
}
