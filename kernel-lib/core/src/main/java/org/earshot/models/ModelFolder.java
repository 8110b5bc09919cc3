package org.earshot.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.kit.Kit;

/**
 * A model as the kit ships it: a folder {@code data/models/<name>/} under {@link Kit#home()} holding the graph(s)
 * ({@code model.onnx}, or {@code encoder.onnx} + {@code decoder.onnx}), {@code vocab.json} (the output symbols and
 * the model's metadata, such as its {@link #frameStride() frame stride}), {@code card.md} (what it is, how it was
 * trained, how well it does), {@code metrics.json} (the card's figures, for code), {@code train.py} (the recipe)
 * and the training log.
 *
 * <pre>{@code
 * ModelFolder ctc = ModelFolder.named("ctc-small");
 * ctc.card();                                        // the card, shown whole in a notebook
 * ctc.metrics().split("test").orElseThrow().werPercent();
 * }</pre>
 *
 * @param name the folder's name (the model's name for a kit model)
 * @param dir  the folder
 */
public record ModelFolder(String name, Path dir) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return where the kit's models live: {@code <Kit.home()>/data/models} */
    public static Path root() {
        return Kit.home().resolve("data/models");
    }

    /** @return the names of the kit's model folders, sorted */
    public static List<String> available() {
        if (!Files.isDirectory(root())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root())) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * @param name a kit model's name ({@code ctc-small})
     * @return its folder under {@link #root()}
     * @throws IOException {@code <root>/<name>: no such model folder (the kit has: …)}
     */
    public static ModelFolder named(String name) throws IOException {
        Path dir = root().resolve(name);
        if (name.isBlank() || name.contains("/") || !Files.isDirectory(dir)) {
            throw new IOException(dir + ": no such model folder (the kit has: " + String.join(", ", available()) + ")");
        }
        return new ModelFolder(name, dir);
    }

    /** @return the folder at a path (not checked: a missing file is named when it is read) */
    public static ModelFolder at(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        return new ModelFolder(abs.getFileName() == null ? abs.toString() : abs.getFileName().toString(), abs);
    }

    /**
     * @param nameOrDir a kit model's name (no {@code /}, and a folder of that name under {@link #root()}), else a path
     * @return the kit's folder of that name, or the folder at that path
     */
    public static ModelFolder resolve(String nameOrDir) {
        Path named = root().resolve(nameOrDir);
        return !nameOrDir.contains("/") && Files.isDirectory(named) ? new ModelFolder(nameOrDir, named)
                : at(Path.of(nameOrDir));
    }

    /** @return a file of the folder (not checked) */
    public Path file(String relative) {
        return dir.resolve(relative);
    }

    /** @return whether the folder holds this file */
    public boolean has(String relative) {
        return Files.isRegularFile(file(relative));
    }

    /**
     * @param what   what a folder of this kind holds, for the message ({@code "a model folder holds model.onnx and
     *               vocab.json"})
     * @param files  the files needed
     * @throws IOException {@code <file>: no such file (<what>)} for the first missing one
     */
    public void requireFiles(String what, String... files) throws IOException {
        for (String f : files) {
            if (!has(f)) {
                throw new IOException(file(f) + ": no such file (" + what + ")");
            }
        }
    }

    /**
     * @return a JSON file of the folder, parsed
     * @throws IOException {@code <file>: no such file}, or {@code <file>: not valid JSON: …}
     */
    public JsonNode json(String relative) throws IOException {
        Path f = file(relative);
        if (!Files.isRegularFile(f)) {
            throw new IOException(f + ": no such file");
        }
        try {
            return JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new IOException(f + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    /** @return a JSON file of the folder if it has one (e.g. a Hugging Face export's {@code config.json}) */
    public Optional<JsonNode> optionalJson(String relative) throws IOException {
        return has(relative) ? Optional.of(json(relative)) : Optional.empty();
    }

    /** @return {@code vocab.json}, parsed */
    public JsonNode vocab() throws IOException {
        return json("vocab.json");
    }

    /**
     * How many front-end frames make one output frame: {@code "frame_stride"} in {@code vocab.json}, written by the
     * training script from the network's strided convolutions (ctc-small and s2s-small: 3). A model's
     * {@link FrameAxis} is the front end's {@link FrameAxis#subsampledBy subsampled} by it.
     *
     * @return the stride, 1 when vocab.json does not give one (every input frame gives an output frame)
     * @throws IOException when vocab.json is missing, broken, or gives a stride that is not a whole number ≥ 1
     */
    public int frameStride() throws IOException {
        JsonNode s = vocab().path("frame_stride");
        if (s.isMissingNode()) {
            return 1;
        }
        if (!s.canConvertToInt() || !s.isIntegralNumber() || s.asInt() < 1) {
            throw new IOException(file("vocab.json") + ": \"frame_stride\" must be a whole number ≥ 1, is " + s);
        }
        return s.asInt();
    }

    /** @return {@code card.md} */
    public ModelCard card() throws IOException {
        return ModelCard.read(name, file("card.md"));
    }

    /** @return {@code metrics.json} */
    public ModelMetrics metrics() throws IOException {
        return ModelMetrics.read(file("metrics.json"));
    }
}
