package org.earshot.asr.lm;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An n-gram model in backoff form, the form ARPA files store (SRILM, KenLM, pocketsphinx): for every listed n-gram a
 * {@code log10} probability and, for those that can be contexts, a {@code log10} backoff weight; then
 *
 * <pre>P(w | h) = P*(w | h)                 if (h, w) is listed
 *          = bow(h) · P(w | h without its oldest word)   otherwise (bow = 1 when h is not listed)</pre>
 *
 * Interpolated Kneser–Ney models are stored exactly this way ({@link KneserNey}). {@link #readArpa} and
 * {@link #writeArpa} read and write the text format ({@code \data\}, {@code ngram n=…}, {@code \n-grams:},
 * {@code \end\}).
 */
public final class BackoffModel implements NgramModel {

    /** log10 probability given to {@code <s>}, which is never predicted (SRILM's and KenLM's convention). */
    static final double NEVER = -99;

    /** One listed n-gram's numbers. */
    record Entry(double log10Prob, double log10Backoff) {
    }

    private final int order;
    private final List<Map<List<String>, Entry>> grams; // grams.get(n-1): n-grams → entry
    private final Set<String> vocabulary;

    BackoffModel(List<Map<List<String>, Entry>> grams) {
        this.order = grams.size();
        List<Map<List<String>, Entry>> copy = new ArrayList<>();
        for (Map<List<String>, Entry> m : grams) {
            copy.add(Collections.unmodifiableMap(new HashMap<>(m)));
        }
        this.grams = Collections.unmodifiableList(copy);
        Set<String> v = new LinkedHashSet<>();
        for (List<String> g : grams.get(0).keySet()) {
            if (!g.get(0).equals(BOS)) {
                v.add(g.get(0));
            }
        }
        this.vocabulary = Collections.unmodifiableSet(v);
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public Set<String> vocabulary() {
        return vocabulary;
    }

    /** @return how many n-grams of order n are listed */
    public int count(int n) {
        return grams.get(n - 1).size();
    }

    @Override
    public double log10Prob(List<String> history, String word) {
        List<String> context = new ArrayList<>();
        context.add(BOS);
        for (String h : history) {
            context.add(known(h));
        }
        int keep = Math.min(order - 1, context.size());
        return lookup(context.subList(context.size() - keep, context.size()), known(word));
    }

    private String known(String w) {
        return vocabulary.contains(w) || w.equals(BOS) ? w : UNK;
    }

    private double lookup(List<String> context, String word) {
        List<String> gram = new ArrayList<>(context);
        gram.add(word);
        Entry e = grams.get(gram.size() - 1).get(gram);
        if (e != null) {
            return e.log10Prob();
        }
        if (context.isEmpty()) {
            return Double.NEGATIVE_INFINITY; // not even <unk> is listed
        }
        Entry ctx = grams.get(context.size() - 1).get(context);
        double bow = ctx == null ? 0 : ctx.log10Backoff();
        return bow + lookup(context.subList(1, context.size()), word);
    }

    /**
     * Writes the model as an ARPA file.
     *
     * @param file where to write it
     * @throws IOException when it cannot be written
     */
    public void writeArpa(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("\n\\data\\\n");
            for (int n = 1; n <= order; n++) {
                w.write("ngram " + n + "=" + grams.get(n - 1).size() + "\n");
            }
            for (int n = 1; n <= order; n++) {
                w.write("\n\\" + n + "-grams:\n");
                Map<String, Entry> sorted = new TreeMap<>();
                for (Map.Entry<List<String>, Entry> e : grams.get(n - 1).entrySet()) {
                    sorted.put(String.join(" ", e.getKey()), e.getValue());
                }
                for (Map.Entry<String, Entry> e : sorted.entrySet()) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%.6f\t%s", e.getValue().log10Prob(), e.getKey()));
                    if (n < order && e.getValue().log10Backoff() != 0) {
                        line.append(String.format(Locale.ROOT, "\t%.6f", e.getValue().log10Backoff()));
                    }
                    w.write(line.append('\n').toString());
                }
            }
            w.write("\n\\end\\\n");
        }
    }

    /**
     * Reads an ARPA file.
     *
     * @param file an ARPA language model
     * @return the model
     * @throws IOException when the file cannot be read or is not ARPA (the message names the file and the line)
     */
    public static BackoffModel readArpa(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<Integer, Integer> declared = new TreeMap<>();
        List<Map<List<String>, Entry>> grams = new ArrayList<>();
        int section = 0; // 0: before \data\, -1: in \data\, n: in \n-grams:
        boolean ended = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = file + ":" + (i + 1) + ": ";
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("\\data\\")) {
                section = -1;
            } else if (line.equals("\\end\\")) {
                ended = true;
                break;
            } else if (line.matches("\\\\\\d+-grams:")) {
                section = Integer.parseInt(line.substring(1, line.indexOf('-')));
                if (!declared.containsKey(section)) {
                    throw new IOException(where + "section " + line + " was not declared in \\data\\");
                }
                while (grams.size() < section) {
                    grams.add(new HashMap<>());
                }
            } else if (section == -1) {
                if (!line.matches("ngram \\d+=\\d+")) {
                    throw new IOException(where + "expected 'ngram N=COUNT' in \\data\\, got '" + line + "'");
                }
                declared.put(Integer.parseInt(line.substring(6, line.indexOf('='))), Integer.parseInt(line.substring(line.indexOf('=') + 1)));
            } else if (section > 0) {
                String[] parts = line.split("\\s+");
                if (parts.length != section + 1 && parts.length != section + 2) {
                    throw new IOException(where + "a " + section + "-gram line needs a probability, " + section
                            + " words and an optional backoff");
                }
                try {
                    double p = Double.parseDouble(parts[0]);
                    double bow = parts.length == section + 2 ? Double.parseDouble(parts[section + 1]) : 0;
                    grams.get(section - 1).put(List.of(java.util.Arrays.copyOfRange(parts, 1, section + 1)), new Entry(p, bow));
                } catch (NumberFormatException e) {
                    throw new IOException(where + "not a number: " + e.getMessage());
                }
            } else {
                throw new IOException(where + "text before \\data\\");
            }
        }
        if (!ended) {
            throw new IOException(file + ": no \\end\\ (truncated file?)");
        }
        for (Map.Entry<Integer, Integer> d : declared.entrySet()) {
            int found = d.getKey() <= grams.size() ? grams.get(d.getKey() - 1).size() : 0;
            if (found != d.getValue()) {
                throw new IOException(file + ": \\data\\ declares " + d.getValue() + " " + d.getKey() + "-grams, found " + found);
            }
        }
        if (grams.isEmpty()) {
            throw new IOException(file + ": no n-grams");
        }
        return new BackoffModel(grams);
    }
}
