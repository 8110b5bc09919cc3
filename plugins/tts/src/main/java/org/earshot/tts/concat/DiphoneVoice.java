package org.earshot.tts.concat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.earshot.audio.Audio;
import org.earshot.audio.Wav;
import org.earshot.tts.parametric.TimedPhone;
import org.earshot.tts.vocoder.SourceFilterVocoder;

/**
 * A diphone database (§21.3, the concatenative era): for each pair of phones {@code a-b} one recorded unit running
 * from the middle of an {@code a} to the middle of the {@code b} after it, so every join falls inside a phone, where
 * the sound is steadiest, and the transition between two phones (the hardest part to model) is always recorded.
 * Each unit keeps its pitch marks for {@link Psola}, the sample where {@code a} ends and {@code b} begins (for a
 * half-phone stand-in when a pair was never recorded) and {@value #CONTEXT_SECONDS} s of context on each side so
 * grains at its edges are whole. Files: {@code units.wav} (every unit, 16-bit, one after another) and
 * {@code voice.json} (where each unit is, its marks, the voice's F0 line).
 */
public final class DiphoneVoice {

    /** Context kept on either side of a unit's core, so grains at its edges are whole. */
    public static final double CONTEXT_SECONDS = 0.015;
    /** Pitch-mark spacing where there is no pitch. */
    public static final double UNVOICED_SECONDS = 0.005;

    /**
     * One recorded diphone.
     *
     * @param samples  the unit with its context
     * @param core     the first sample said ({@link Psola.Piece#coreStart()})
     * @param coreEnd  one past the last
     * @param boundary where the first phone ends and the second begins, inside the core
     * @param marks    its pitch marks, inside the core
     */
    public record Unit(double[] samples, int core, int coreEnd, int boundary, Psola.Marks marks) {
        public Unit {
            if (!(core < boundary && boundary < coreEnd)) {
                throw new IllegalArgumentException("boundary " + boundary + " not inside the core " + core + "–"
                        + coreEnd);
            }
        }

        /** @return the whole diphone as a piece to say */
        Psola.Piece piece(int sampleRate) {
            return new Psola.Piece(samples, core, coreEnd, marks, sampleRate);
        }

        /** @return its first half (the end of the first phone) or second half, when it has a mark there */
        Optional<Psola.Piece> half(boolean first, int sampleRate) {
            int lo = first ? core : boundary;
            int hi = first ? boundary : coreEnd;
            Psola.Marks inside = marks.within(lo, hi, 0);
            return inside.count() == 0 ? Optional.empty()
                    : Optional.of(new Psola.Piece(samples, lo, hi, inside, sampleRate));
        }

        /** @return the seconds it is said for, at a rate */
        double seconds(int sampleRate) {
            return (coreEnd - core) / (double) sampleRate;
        }
    }

    private final int sampleRate;
    private final String trainedOn;
    private final double logF0Intercept;
    private final double logF0Slope;
    private final Map<String, Unit> units;

    DiphoneVoice(int sampleRate, String trainedOn, double logF0Intercept, double logF0Slope, Map<String, Unit> units) {
        if (units.isEmpty()) {
            throw new IllegalArgumentException("a diphone voice needs units");
        }
        this.sampleRate = sampleRate;
        this.trainedOn = trainedOn;
        this.logF0Intercept = logF0Intercept;
        this.logF0Slope = logF0Slope;
        this.units = Map.copyOf(units);
    }

    public int sampleRate() {
        return sampleRate;
    }

    public String trainedOn() {
        return trainedOn;
    }

    /** @return the units by name, {@code a-b} */
    public Map<String, Unit> units() {
        return units;
    }

    /** @return F0 the voice is said with at a share {@code r} (0–1) of the utterance: exp(a + b·r) Hz */
    public double f0Hz(double share) {
        return Math.exp(logF0Intercept + logF0Slope * share);
    }

    public double logF0Intercept() {
        return logF0Intercept;
    }

    public double logF0Slope() {
        return logF0Slope;
    }

    /** @return the phones of its units */
    public java.util.Set<String> phones() {
        java.util.Set<String> phones = new java.util.TreeSet<>();
        units.keySet().forEach(k -> phones.addAll(List.of(k.split("-", 2))));
        return phones;
    }

    /**
     * The units for a phone sequence: the diphone of each neighbouring pair, or, for a pair never recorded, the
     * first phone's end from one unit and the second's start from another (half-phones, an audible join).
     *
     * @param phones what to say, pauses at both ends
     * @return the pieces in order, and how many pairs needed half-phones
     * @throws IllegalArgumentException naming a phone the voice has no unit of
     */
    public Plan plan(List<String> phones) {
        List<Psola.Piece> pieces = new ArrayList<>();
        int halves = 0;
        for (int i = 0; i + 1 < phones.size(); i++) {
            String a = phones.get(i);
            String b = phones.get(i + 1);
            Unit u = units.get(a + "-" + b);
            if (u != null) {
                pieces.add(u.piece(sampleRate));
                continue;
            }
            halves++;
            pieces.add(half(a, true));
            pieces.add(half(b, false));
        }
        return new Plan(List.copyOf(pieces), halves);
    }

    /** The pieces to say and how many phone pairs were said by half-phones. */
    public record Plan(List<Psola.Piece> pieces, int halfPhonePairs) {
        /** @return the phone pairs said: one piece each, two for a pair said by half-phones */
        public int phonePairs() {
            return pieces.size() - halfPhonePairs;
        }
    }

    private Psola.Piece half(String phone, boolean first) {
        for (Map.Entry<String, Unit> e : new TreeMap<>(units).entrySet()) {
            String[] ab = e.getKey().split("-", 2);
            if (ab[first ? 0 : 1].equals(phone)) {
                Optional<Psola.Piece> p = e.getValue().half(first, sampleRate);
                if (p.isPresent()) {
                    return p.get();
                }
            }
        }
        throw new IllegalArgumentException("no unit " + (first ? "starts" : "ends") + " with the phone '" + phone
                + "' (the voice's phones: " + String.join(" ", phones()) + "; retrain it on recordings that have it:"
                + " ./earshot train-kit-concat)");
    }

    /**
     * Builds a database: of every diphone's recordings, the one whose length is nearest the median of them (a
     * typical one, neither rushed nor drawn out) that has a pitch mark in each half.
     *
     * @param utterances the recordings with their phone times (one voice; the same rate)
     * @param trainedOn  what they are, for the card
     * @return the voice
     */
    public static DiphoneVoice build(List<Recording> utterances, String trainedOn) {
        if (utterances.isEmpty()) {
            throw new IllegalArgumentException("no recordings");
        }
        int rate = utterances.get(0).audio().sampleRate();
        SourceFilterVocoder analysis = SourceFilterVocoder.builder().build();
        Map<String, List<Unit>> candidates = new TreeMap<>();
        double sxx = 0;
        double sx = 0;
        double sy = 0;
        double sxy = 0;
        long n = 0;
        int context = (int) Math.round(CONTEXT_SECONDS * rate);
        for (Recording r : utterances) {
            if (r.audio().sampleRate() != rate) {
                throw new IllegalArgumentException("recordings at " + rate + " and " + r.audio().sampleRate() + " Hz");
            }
            double[] x = r.audio().mixdown().doubleSamples();
            SourceFilterVocoder.Analysis a = analysis.analyse(r.audio());
            double[] f0 = a.f0Hz();
            for (int i = 0; i < f0.length; i++) {
                if (f0[i] > 0) {
                    double share = (double) i / Math.max(1, f0.length - 1);
                    double y = Math.log(f0[i]);
                    sx += share;
                    sy += y;
                    sxx += share * share;
                    sxy += share * y;
                    n++;
                }
            }
            Psola.Marks marks = Psola.marks(x, rate, f0, a.hopSeconds(), UNVOICED_SECONDS);
            List<TimedPhone> segs = r.phones();
            for (int j = 0; j + 1 < segs.size(); j++) {
                TimedPhone p = segs.get(j);
                TimedPhone q = segs.get(j + 1);
                int from = (int) Math.round((p.startSeconds() + p.endSeconds()) / 2 * rate);
                int boundary = (int) Math.round(p.endSeconds() * rate);
                int to = Math.min(x.length, (int) Math.round((q.startSeconds() + q.endSeconds()) / 2 * rate));
                if (!(from < boundary && boundary < to)) {
                    continue;
                }
                Unit unit = cut(x, marks, from, boundary, to, context);
                if (unit != null) {
                    candidates.computeIfAbsent(p.phone() + "-" + q.phone(), k -> new ArrayList<>()).add(unit);
                }
            }
        }
        Map<String, Unit> chosen = new LinkedHashMap<>();
        candidates.forEach((name, list) -> {
            double[] lengths = list.stream().mapToDouble(u -> u.coreEnd() - u.core()).sorted().toArray();
            double median = lengths[lengths.length / 2];
            Unit best = null;
            for (Unit u : list) {
                if (best == null || Math.abs(u.coreEnd() - u.core() - median)
                        < Math.abs(best.coreEnd() - best.core() - median)) {
                    best = u;
                }
            }
            chosen.put(name, best);
        });
        double spread = n * sxx - sx * sx;
        double slope = n > 1 && spread > 1e-12 ? (n * sxy - sx * sy) / spread : 0;
        double intercept = n > 0 ? (sy - slope * sx) / n : Math.log(100);
        return new DiphoneVoice(rate, trainedOn, intercept, slope, chosen);
    }

    /** @return the unit from {@code from} to {@code to} with its context, or null when a half has no mark */
    private static Unit cut(double[] x, Psola.Marks marks, int from, int boundary, int to, int context) {
        int lo = Math.max(0, from - context);
        int hi = Math.min(x.length, to + context);
        Psola.Marks inside = marks.within(from, to, lo);
        boolean firstHalf = false;
        boolean secondHalf = false;
        for (int m : inside.samples()) {
            firstHalf |= m < boundary - lo;
            secondHalf |= m >= boundary - lo;
        }
        if (!firstHalf || !secondHalf) {
            return null;
        }
        return new Unit(java.util.Arrays.copyOfRange(x, lo, hi), from - lo, to - lo, boundary - lo, inside);
    }

    /**
     * A recording with its phone times.
     *
     * @param audio  the sound
     * @param phones its phones, in order
     */
    public record Recording(Audio audio, List<TimedPhone> phones) {
    }

    /**
     * Writes {@code units.wav} and {@code voice.json} into a folder.
     *
     * @param folder where (made if missing)
     * @throws IOException when it cannot be written
     */
    public void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        int total = units.values().stream().mapToInt(u -> u.samples().length).sum();
        float[] all = new float[total];
        Map<String, Object> index = new TreeMap<>();
        int offset = 0;
        for (Map.Entry<String, Unit> e : new TreeMap<>(units).entrySet()) {
            Unit u = e.getValue();
            for (int i = 0; i < u.samples().length; i++) {
                all[offset + i] = (float) u.samples()[i];
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("offset", offset);
            entry.put("length", u.samples().length);
            entry.put("core", u.core());
            entry.put("coreEnd", u.coreEnd());
            entry.put("boundary", u.boundary());
            entry.put("marks", u.marks().samples());
            StringBuilder v = new StringBuilder();
            for (boolean b : u.marks().voiced()) {
                v.append(b ? '1' : '0');
            }
            entry.put("voiced", v.toString());
            index.put(e.getKey(), entry);
            offset += u.samples().length;
        }
        Wav.write(Audio.mono(all, sampleRate), folder.resolve("units.wav"), Wav.Encoding.PCM_16);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sampleRate", sampleRate);
        json.put("trainedOn", trainedOn);
        json.put("logF0Intercept", logF0Intercept);
        json.put("logF0Slope", logF0Slope);
        json.put("units", index);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(folder.resolve("voice.json").toFile(),
                json);
    }

    /**
     * @param folder a folder {@link #write} wrote
     * @return the voice
     * @throws IOException naming the file that is missing or not a diphone voice's
     */
    public static DiphoneVoice read(Path folder) throws IOException {
        Path index = folder.resolve("voice.json");
        Path wav = folder.resolve("units.wav");
        if (!Files.isRegularFile(index) || !Files.isRegularFile(wav)) {
            throw new IOException(folder + ": no diphone voice here (want voice.json and units.wav; train it:"
                    + " ./earshot train-kit-concat)");
        }
        JsonNode j = new ObjectMapper().readTree(index.toFile());
        if (!j.path("units").isObject() || !j.path("sampleRate").isInt()) {
            throw new IOException(index + ": not a diphone voice (wants 'sampleRate' and 'units')");
        }
        Audio recorded = Wav.read(wav);
        if (recorded.sampleRate() != j.get("sampleRate").asInt()) {
            throw new IOException(wav + ": " + recorded.sampleRate() + " Hz, but " + index + " says "
                    + j.get("sampleRate").asInt() + " Hz (write both again: ./earshot train-kit-concat)");
        }
        double[] all = recorded.mixdown().doubleSamples();
        Map<String, Unit> units = new LinkedHashMap<>();
        var fields = j.get("units").fields();
        while (fields.hasNext()) {
            var e = fields.next();
            try {
                JsonNode u = e.getValue();
                for (String field : List.of("offset", "length", "core", "coreEnd", "boundary", "marks", "voiced")) {
                    if (u.path(field).isMissingNode()) {
                        throw new IllegalArgumentException("no '" + field + "'");
                    }
                }
                int offset = u.get("offset").asInt();
                int length = u.get("length").asInt();
                if (offset < 0 || offset + length > all.length) {
                    throw new IllegalArgumentException("unit " + e.getKey() + " runs past the " + all.length
                            + " samples of units.wav");
                }
                int[] marks = new int[u.get("marks").size()];
                for (int i = 0; i < marks.length; i++) {
                    marks[i] = u.get("marks").get(i).asInt();
                }
                String v = u.get("voiced").asText();
                boolean[] voiced = new boolean[v.length()];
                for (int i = 0; i < voiced.length; i++) {
                    voiced[i] = v.charAt(i) == '1';
                }
                Unit unit = new Unit(java.util.Arrays.copyOfRange(all, offset, offset + length), u.get("core").asInt(),
                        u.get("coreEnd").asInt(), u.get("boundary").asInt(), new Psola.Marks(marks, voiced));
                unit.piece(j.get("sampleRate").asInt()); // checks the marks and the core
                units.put(e.getKey(), unit);
            } catch (RuntimeException x) {
                throw new IOException(index + ": unit " + e.getKey() + ": " + x.getMessage(), x);
            }
        }
        return new DiphoneVoice(j.get("sampleRate").asInt(), j.path("trainedOn").asText(),
                j.path("logF0Intercept").asDouble(Math.log(100)), j.path("logF0Slope").asDouble(0), units);
    }

    @Override
    public String toString() {
        double seconds = units.values().stream().mapToDouble(u -> u.seconds(sampleRate)).sum();
        return String.format(Locale.ROOT, "DiphoneVoice[%d diphones of %d phones, %.1f s of units, %s]",
                units.size(), phones().size(), seconds, trainedOn);
    }
}
