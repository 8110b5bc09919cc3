package org.earshot.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic speaker: an engine and one of its voices, with the accent it speaks.
 *
 * @param engine the engine
 * @param name   the engine's name for the voice (espeak-ng: {@code accent+variant}, e.g. {@code en-gb-scotland+Andrea})
 * @param accent the accent (espeak-ng's language voice; {@code "en-us"} for flite and festival)
 */
public record Voice(Engine engine, String name, String accent) {

    /** The espeak-ng English accents. */
    public static final List<String> ESPEAK_ACCENTS = List.of("en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp",
            "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-029", "en-us-nyc");

    /** The espeak-ng voice variants used (of the ~100 installed), male and female. */
    public static final List<String> ESPEAK_VARIANTS = List.of("m1", "m2", "m3", "m4", "m5", "m7", "f1", "f2", "f3",
            "f4", "Andrea", "Annie", "belinda", "david", "edward", "Alicia");

    /** The flite voices used. */
    public static final List<String> FLITE_VOICES = List.of("kal16", "awb", "rms", "slt");

    /** @return a stable identifier: {@code engine/name} */
    public String id() {
        return engine.label() + "/" + name;
    }

    /** @return every voice the corpora draw on */
    public static List<Voice> all() {
        List<Voice> voices = new ArrayList<>();
        for (String accent : ESPEAK_ACCENTS) {
            for (String variant : ESPEAK_VARIANTS) {
                voices.add(new Voice(Engine.ESPEAK_NG, accent + "+" + variant, accent));
            }
        }
        for (String v : FLITE_VOICES) {
            voices.add(new Voice(Engine.FLITE, v, "en-us"));
        }
        voices.add(new Voice(Engine.FESTIVAL, "kal_diphone", "en-us"));
        return voices;
    }
}
