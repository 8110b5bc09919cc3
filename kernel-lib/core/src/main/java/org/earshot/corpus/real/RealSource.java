package org.earshot.corpus.real;

import java.util.Locale;

/**
 * The Debian packages (all in main) whose recordings of real people the real-speech corpus is made of, each with the
 * reader that finds its transcribed recordings and how its speakers are split ({@link SpeakerSplits}). English
 * sources first. Not here, on purpose: the telephony prompt and music-on-hold packages, which the project keeps
 * apart as an independent test of the kit (never read, trained, tuned or selected on).
 */
public enum RealSource {
    /** kajongg: 4 English and 4 German voices, the mahjong tiles (with numbers one–nine) and claims. */
    KAJONGG("kajongg", new KajonggVoices(), false),
    /** hedgewars-data: 10 English acted voice packs, short game call-outs named by their files. */
    HEDGEWARS("hedgewars-data", new HedgewarsVoices(), false),
    /** alsa-utils: one voice naming the loudspeakers ("front center"); all test, too small to train on. */
    ALSA("alsa-utils", new AlsaChannelNames(), true),
    /** tuxpaint-stamps-default: stamp descriptions read in about 13 languages, one reader per language. */
    TUXPAINT("tuxpaint-stamps-default", new TuxpaintStamps(), false),
    /** festvox-ru: one Russian speaker reading 620 sentences, 16 kHz. */
    FESTVOX_RU("festvox-ru", new FestvoxRussian(), false);

    private final String debianPackage;
    private final SourceReader reader;
    private final boolean testOnly;

    RealSource(String debianPackage, SourceReader reader, boolean testOnly) {
        this.debianPackage = debianPackage;
        this.reader = reader;
        this.testOnly = testOnly;
    }

    /** @return the Debian package it comes from, e.g. {@code hedgewars-data} */
    public String debianPackage() {
        return debianPackage;
    }

    /** @return whether every speaker of it goes to test (a source too small to train on) */
    public boolean testOnly() {
        return testOnly;
    }

    /**
     * @return whether one person may speak under two of its speaker ids, in different languages: kajongg's English
     *         and German voices are the same people (the files' Vorbis ARTIST tags: Petra, Maria and Wolfgang recorded
     *         both), while Tux Paint has one reader per language and hedgewars' packs are one language
     */
    public boolean sameSpeakersAcrossLanguages() {
        return this == KAJONGG;
    }

    /**
     * @param a one recording's provenance
     * @param b another's
     * @return true when the two speaker ids may be one person: the same real source, in different languages, where
     *         that source recorded the same people in both ({@link #sameSpeakersAcrossLanguages()}); a trial or a
     *         meeting must not count them as two people
     */
    public static boolean mayBeOnePerson(org.earshot.corpus.Corpus.Provenance a, org.earshot.corpus.Corpus.Provenance b) {
        if (!a.sourcePackage().equals(b.sourcePackage()) || a.language().equals(b.language())) {
            return false;
        }
        try {
            return of(a.sourcePackage()).sameSpeakersAcrossLanguages();
        } catch (IllegalArgumentException unknown) {
            return true; // a source this kit does not know: assume the worst
        }
    }

    SourceReader reader() {
        return reader;
    }

    /**
     * @param r one of its recordings
     * @return the group whose speakers {@link SpeakerSplits} splits among themselves: the language, or for Tux Paint
     *         (one reader per language) the whole source
     */
    String splitGroup(Recording r) {
        return this == TUXPAINT ? "" : r.language();
    }

    /**
     * @param name a source's Debian package ({@code kajongg}) or constant name ({@code festvox_ru})
     * @return the source
     * @throws IllegalArgumentException naming it and the sources when it is none of them
     */
    public static RealSource of(String name) {
        for (RealSource s : values()) {
            if (s.debianPackage.equals(name) || s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        StringBuilder known = new StringBuilder();
        for (RealSource s : values()) {
            known.append(known.isEmpty() ? "" : ", ").append(s.debianPackage);
        }
        throw new IllegalArgumentException("'" + name + "' is not a real-speech source (" + known + ")");
    }

    @Override
    public String toString() {
        return debianPackage.toLowerCase(Locale.ROOT);
    }
}
