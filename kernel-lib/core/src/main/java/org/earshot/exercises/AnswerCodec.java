package org.earshot.exercises;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.earshot.audio.Audio;

/**
 * Carries a probe's answer from the student's process to the grader as JSON: {@code {"type": …, "value": …}}.
 * Only plain values cross (numbers, booleans, strings, their arrays, {@code int[][]}/{@code double[][]}, lists of
 * strings and numbers, and lists of such lists) and sounds ({@link Audio}: sample rate and samples, at most {@link #MAX_AUDIO_SAMPLES}); anything
 * else arrives as its {@link #describe description}, a string no verdict accepts.
 * Decoding never instantiates a class named by the (untrusted) message: the type is looked up in a fixed table.
 */
public final class AnswerCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The most samples (all channels) a sound answer may hold to cross to the grader: 10 s of 48 kHz stereo. */
    public static final int MAX_AUDIO_SAMPLES = 960_000;

    /** The highest sample rate a sound answer may have. */
    public static final int MAX_SAMPLE_RATE = 384_000;

    private static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry("int", Integer.class), Map.entry("long", Long.class), Map.entry("double", Double.class),
            Map.entry("float", Float.class), Map.entry("boolean", Boolean.class), Map.entry("char", Character.class),
            Map.entry("string", String.class), Map.entry("int[]", int[].class), Map.entry("long[]", long[].class),
            Map.entry("double[]", double[].class), Map.entry("boolean[]", boolean[].class),
            Map.entry("string[]", String[].class), Map.entry("int[][]", int[][].class),
            Map.entry("double[][]", double[][].class));

    /** An answer that could not cross: its description. */
    public record Opaque(String description) {
        @Override
        public String toString() {
            return description;
        }
    }

    private AnswerCodec() {
    }

    /** @return the JSON form of an answer */
    public static ObjectNode encode(Object value) {
        ObjectNode node = JSON.createObjectNode();
        if (value == null) {
            return node.put("type", "null");
        }
        if (value instanceof Audio audio) {
            return encodeAudio(audio, node);
        }
        if (value instanceof List<?> list && !list.isEmpty()
                && list.stream().allMatch(v -> v instanceof org.earshot.metrics.SpeakerSegment)) {
            node.put("type", "segments"); // who spoke when: a diarization's turns
            node.set("value", JSON.valueToTree(list));
            return node;
        }
        if (value instanceof List<?> list && plainList(list, 0)) {
            node.put("type", "list");
            node.set("value", JSON.valueToTree(list));
            return node;
        }
        for (Map.Entry<String, Class<?>> e : TYPES.entrySet()) {
            if (e.getValue() == value.getClass()) {
                node.put("type", e.getKey());
                node.set("value", JSON.valueToTree(value));
                return node;
            }
        }
        // the student's own class: named, never asked for toString (it could loop)
        return node.put("type", "opaque").put("value", "an object of class " + value.getClass().getName());
    }

    /** @return the answer again, or an {@link Opaque} for what could not cross or does not parse */
    public static Object decode(JsonNode node) {
        String type = node.path("type").asText("");
        JsonNode value = node.get("value");
        try {
            if (type.equals("null")) {
                return null;
            }
            if (type.equals("audio")) {
                return decodeAudio(node);
            }
            if (type.equals("list")) {
                return decodeList(value, 0);
            }
            if (type.equals("segments")) {
                return List.of(JSON.treeToValue(value, org.earshot.metrics.SpeakerSegment[].class));
            }
            Class<?> c = TYPES.get(type);
            if (c != null && value != null) {
                return JSON.treeToValue(value, c);
            }
        } catch (Exception e) {
            return new Opaque("an unreadable answer (" + type + ")");
        }
        return new Opaque(value == null ? type : value.asText());
    }

    /** Lists nest at most this deep (a corpus: a list of sentences, each a list of words). */
    private static final int MAX_LIST_DEPTH = 4;

    private static boolean plainList(List<?> list, int depth) {
        return depth < MAX_LIST_DEPTH && list.stream().allMatch(v -> v instanceof String || v instanceof Number
                || v instanceof Boolean || v instanceof List<?> inner && plainList(inner, depth + 1));
    }

    private static List<Object> decodeList(JsonNode value, int depth) {
        if (!value.isArray() || depth >= MAX_LIST_DEPTH) {
            throw new IllegalArgumentException("not a list");
        }
        List<Object> out = new ArrayList<>();
        for (JsonNode item : value) {
            out.add(item.isArray() ? decodeList(item, depth + 1) : item.isTextual() ? item.asText()
                    : item.isBoolean() ? item.asBoolean() : item.isIntegralNumber() ? (Object) item.asLong()
                    : item.isNumber() ? (Object) item.asDouble() : unreadable());
        }
        return List.copyOf(out);
    }

    private static Object unreadable() {
        throw new IllegalArgumentException("not a plain value");
    }

    private static ObjectNode encodeAudio(Audio audio, ObjectNode node) {
        long samples = (long) audio.frameCount() * audio.channelCount();
        if (samples > MAX_AUDIO_SAMPLES) {
            return node.put("type", "opaque").put("value", "a sound of " + samples + " samples (at most "
                    + MAX_AUDIO_SAMPLES + " cross to the grader)");
        }
        node.put("type", "audio").put("sampleRate", audio.sampleRate());
        ArrayNode channels = node.putArray("value");
        for (int c = 0; c < audio.channelCount(); c++) {
            ArrayNode channel = channels.addArray();
            for (float v : audio.channel(c)) {
                channel.add(v);
            }
        }
        return node;
    }

    private static Object decodeAudio(JsonNode node) {
        int rate = node.path("sampleRate").asInt(0);
        JsonNode value = node.get("value");
        if (rate <= 0 || rate > MAX_SAMPLE_RATE || value == null || !value.isArray() || value.isEmpty()) {
            return new Opaque("an unreadable sound");
        }
        int frames = value.get(0).size();
        if ((long) frames * value.size() > MAX_AUDIO_SAMPLES) {
            return new Opaque("a sound of more than " + MAX_AUDIO_SAMPLES + " samples");
        }
        float[][] channels = new float[value.size()][frames];
        for (int c = 0; c < channels.length; c++) {
            JsonNode channel = value.get(c);
            if (!channel.isArray() || channel.size() != frames) {
                return new Opaque("an unreadable sound (channels of different lengths)");
            }
            for (int i = 0; i < frames; i++) {
                JsonNode v = channel.get(i);
                if (!v.isNumber()) {
                    return new Opaque("an unreadable sound");
                }
                channels[c][i] = (float) v.asDouble();
            }
        }
        return Audio.of(channels, rate);
    }

    /** @return a short description of an answer for a report: the value, cut to 200 characters */
    public static String describe(Object value) {
        String s;
        if (value == null) {
            s = "null";
        } else if (value instanceof double[] a) {
            s = Arrays.toString(a);
        } else if (value instanceof int[] a) {
            s = Arrays.toString(a);
        } else if (value instanceof long[] a) {
            s = Arrays.toString(a);
        } else if (value instanceof Object[] a) {
            s = Arrays.deepToString(a);
        } else if (value instanceof List<?> list) {
            s = list.toString();
        } else if (value instanceof String str) {
            s = "\"" + str + "\"";
        } else if (value instanceof Audio audio) {
            s = String.format(java.util.Locale.ROOT, "a sound of %d samples at %d Hz (%.3f s)", audio.frameCount(),
                    audio.sampleRate(), audio.durationSeconds());
        } else {
            s = value + " (" + value.getClass().getSimpleName() + ")";
        }
        return s.length() > 200 ? s.substring(0, 197) + "…" : s;
    }
}
