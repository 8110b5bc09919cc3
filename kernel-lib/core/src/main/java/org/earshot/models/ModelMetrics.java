package org.earshot.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.display.Displayable;
import org.earshot.display.Html;
import org.earshot.display.MimeBundle;

/**
 * A model's figures ({@code metrics.json}), as its training script measured them and {@code ./earshot evaluate}
 * added to them: the model's size and training time, per split (train, dev, test, …) its word and character error
 * rates in percent, the words scored and the WER per voice, and under {@code "java"} each decoder's WER per split as
 * the kit's Java code runs it.
 *
 * <pre>{@code
 * {"parameters": 422493, "minutes": 32.4, "train": 4.07,
 *  "test": {"wer": 10.84, "cer": 3.46, "words": 2868, "by_voice": {"flite/rms": 35.8, …}},
 *  "java": {"greedy": {"dev": 19.28, "test": 10.84}, …}}
 * }</pre>
 *
 * A split is a top-level object with a {@code "wer"}, or a top-level bare number other than {@code parameters} and
 * {@code minutes} — ctc-small's script records the training split's WER alone, as {@code "train": 4.07}. Figures
 * the typed accessors do not name are in {@link #json()}.
 *
 * @param file the file read
 * @param json its JSON (copied in; {@link #json()} gives a copy)
 */
public record ModelMetrics(Path file, JsonNode json) implements Displayable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NOT_SPLITS = Set.of("parameters", "minutes", "java");

    /** One split's figures, in percent; absent where the file does not give them. */
    public record SplitFigures(String split, OptionalDouble werPercent, OptionalDouble cerPercent, OptionalInt words,
                               Map<String, Double> werPercentByVoice) {

        public SplitFigures {
            werPercentByVoice = Collections.unmodifiableMap(new LinkedHashMap<>(werPercentByVoice));
        }
    }

    public ModelMetrics {
        if (!json.isObject()) {
            throw new IllegalArgumentException(file + ": metrics are a JSON object, got " + json.getNodeType());
        }
        json = json.deepCopy();
    }

    /**
     * @return the metrics in this file
     * @throws IOException {@code <file>: no such file}, or not valid JSON, or not an object (named)
     */
    public static ModelMetrics read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file (a model folder has a metrics.json)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": expected a JSON object {\"parameters\": n, \"test\": {\"wer\": …}, …}");
        }
        return new ModelMetrics(file, root);
    }

    /** @return the whole file's JSON, a copy */
    @Override
    public JsonNode json() {
        return json.deepCopy();
    }

    /** @return the number of trained parameters */
    public OptionalLong parameters() {
        JsonNode n = json.path("parameters");
        return n.isNumber() ? OptionalLong.of(n.asLong()) : OptionalLong.empty();
    }

    /** @return the training time, in minutes */
    public OptionalDouble trainingMinutes() {
        JsonNode n = json.path("minutes");
        return n.isNumber() ? OptionalDouble.of(n.asDouble()) : OptionalDouble.empty();
    }

    /** @return every split's figures, in the file's order */
    public List<SplitFigures> splits() {
        List<SplitFigures> out = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            split(it.next()).ifPresent(out::add);
        }
        return out;
    }

    /** @return one split's figures ({@code "test"}: the held-out voices), if the file has that split */
    public Optional<SplitFigures> split(String name) {
        JsonNode n = json.path(name);
        if (NOT_SPLITS.contains(name)) {
            return Optional.empty();
        }
        if (n.isNumber()) {
            return Optional.of(new SplitFigures(name, OptionalDouble.of(n.asDouble()), OptionalDouble.empty(),
                    OptionalInt.empty(), Map.of()));
        }
        if (!n.isObject() || !n.path("wer").isNumber()) {
            return Optional.empty();
        }
        Map<String, Double> byVoice = new LinkedHashMap<>();
        n.path("by_voice").fields().forEachRemaining(e -> byVoice.put(e.getKey(), e.getValue().asDouble()));
        return Optional.of(new SplitFigures(name, OptionalDouble.of(n.get("wer").asDouble()), number(n, "cer"),
                n.path("words").isNumber() ? OptionalInt.of(n.get("words").asInt()) : OptionalInt.empty(), byVoice));
    }

    /**
     * @return decoder → split → WER (%), as {@code ./earshot evaluate} measured them with the kit's Java decoders
     *         ({@code "java"} in the file), in the file's order; empty when it has none
     */
    public Map<String, Map<String, Double>> decoders() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        json.path("java").fields().forEachRemaining(d -> {
            Map<String, Double> bySplit = new LinkedHashMap<>();
            d.getValue().fields().forEachRemaining(s -> bySplit.put(s.getKey(), s.getValue().asDouble()));
            out.put(d.getKey(), Collections.unmodifiableMap(bySplit));
        });
        return Collections.unmodifiableMap(out);
    }

    /** @return one decoder's WER (%) on one split, as the kit's Java measured it */
    public OptionalDouble decoderWerPercent(String decoder, String split) {
        return number(json.path("java").path(decoder), split);
    }

    private static OptionalDouble number(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? OptionalDouble.of(v.asDouble()) : OptionalDouble.empty();
    }

    @Override
    public MimeBundle toMimeBundle() {
        StringBuilder text = new StringBuilder(file.toString());
        StringBuilder html = new StringBuilder("<div><b>").append(Html.escape(file.toString())).append("</b>");
        parameters().ifPresent(p -> text.append(String.format(Locale.ROOT, ": %,d parameters", p)));
        html.append("<table><tr><th>split</th><th>WER (%)</th><th>CER (%)</th><th>words</th></tr>");
        for (SplitFigures s : splits()) {
            text.append(String.format(Locale.ROOT, "%n  %s: WER %s%%, CER %s%%, %s words", s.split(),
                    figure(s.werPercent()), figure(s.cerPercent()),
                    s.words().isPresent() ? String.valueOf(s.words().getAsInt()) : "–"));
            html.append("<tr><td>").append(Html.escape(s.split())).append("</td><td>").append(figure(s.werPercent()))
                    .append("</td><td>").append(figure(s.cerPercent())).append("</td><td>")
                    .append(s.words().isPresent() ? s.words().getAsInt() : "–").append("</td></tr>");
        }
        html.append("</table>");
        Map<String, Map<String, Double>> decoders = decoders();
        if (!decoders.isEmpty()) {
            List<String> splits = decoders.values().stream().flatMap(m -> m.keySet().stream()).distinct().toList();
            html.append("<table><tr><th>decoder (Java)</th>");
            splits.forEach(s -> html.append("<th>").append(Html.escape(s)).append(" WER (%)</th>"));
            html.append("</tr>");
            for (Map.Entry<String, Map<String, Double>> d : decoders.entrySet()) {
                text.append(String.format(Locale.ROOT, "%n  Java %s: %s", d.getKey(), d.getValue()));
                html.append("<tr><td>").append(Html.escape(d.getKey())).append("</td>");
                for (String s : splits) {
                    Double w = d.getValue().get(s);
                    html.append("<td>").append(w == null ? "–" : String.format(Locale.ROOT, "%.2f", w)).append("</td>");
                }
                html.append("</tr>");
            }
            html.append("</table>");
        }
        return MimeBundle.text(text.toString()).html(html.append("</div>").toString()).build();
    }

    private static String figure(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.2f", v.getAsDouble()) : "–";
    }
}
