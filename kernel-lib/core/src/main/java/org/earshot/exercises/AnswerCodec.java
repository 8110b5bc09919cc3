package org.earshot.exercises;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Carries a probe's answer from the student's process to the grader as JSON: {@code {"type": …, "value": …}}.
 * Only plain values cross (numbers, booleans, strings, their arrays, {@code int[][]}/{@code double[][]}, lists of
 * strings and numbers); anything else arrives as its {@link #describe description}, a string no verdict accepts.
 * Decoding never instantiates a class named by the (untrusted) message: the type is looked up in a fixed table.
 */
public final class AnswerCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String || v instanceof Number
                || v instanceof Boolean)) {
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
            if (type.equals("list")) {
                List<Object> out = new ArrayList<>();
                for (JsonNode item : value) {
                    out.add(item.isTextual() ? item.asText() : item.isBoolean() ? item.asBoolean()
                            : item.isIntegralNumber() ? (Object) item.asLong() : item.asDouble());
                }
                return out;
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
        } else {
            s = value + " (" + value.getClass().getSimpleName() + ")";
        }
        return s.length() > 200 ? s.substring(0, 197) + "…" : s;
    }
}
