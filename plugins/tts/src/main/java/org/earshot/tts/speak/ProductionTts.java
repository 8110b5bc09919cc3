package org.earshot.tts.speak;

import java.io.IOException;
import java.util.Locale;
import java.util.OptionalInt;

import org.earshot.audio.Audio;
import org.earshot.corpus.Engine;
import org.earshot.corpus.Voice;

/**
 * The production TTS systems on this machine (Debian), one of each era, behind {@link TtsEngine}: each reads the
 * written text through its own front end.
 */
public enum ProductionTts implements TtsEngine {
    /** festival with the kal diphone voice (festvox-kallpc16k): concatenative, residual-excited LPC diphones. */
    FESTIVAL("festival", Era.CONCATENATIVE, new Voice(Engine.FESTIVAL, "kal_diphone", "en-us"), 160),
    /** festival with the CMU ARCTIC slt HTS voice (festvox-us-slt-hts): HMM-based statistical parametric synthesis. */
    FESTIVAL_HTS("festival-hts", Era.PARAMETRIC, new Voice(Engine.FESTIVAL, "cmu_us_slt_arctic_hts", "en-us"), 160),
    /** flite's slt (a clustergen voice): statistical parametric, trained on the same speaker as the HTS voice. */
    FLITE("flite", Era.PARAMETRIC, new Voice(Engine.FLITE, "slt", "en-us"), 160),
    /** espeak-ng, en-us: rule-driven formant synthesis; the only one here whose pitch can be set. */
    ESPEAK("espeak", Era.FORMANT, new Voice(Engine.ESPEAK_NG, "en-us", "en-us"), 175);

    /** espeak-ng's slowest speaking rate, words a minute (it clamps a slower one to it). */
    static final int ESPEAK_MIN_WPM = 80;
    /** Where festvox-us-slt-hts puts the voice. */
    private static final java.nio.file.Path HTS_VOICE =
            java.nio.file.Path.of("/usr/share/festival/voices/us/cmu_us_slt_arctic_hts");

    private final String label;
    private final Era era;
    private final Voice voice;
    private final int ownWordsPerMinute;

    ProductionTts(String name, Era era, Voice voice, int ownWordsPerMinute) {
        this.label = name;
        this.era = era;
        this.voice = voice;
        this.ownWordsPerMinute = ownWordsPerMinute;
    }

    /**
     * @param name an engine's {@link #label()}
     * @return it
     * @throws IllegalArgumentException naming the choices when there is none of that name
     */
    public static ProductionTts named(String name) {
        for (ProductionTts t : values()) {
            if (t.label.equals(name)) {
                return t;
            }
        }
        StringBuilder names = new StringBuilder();
        for (ProductionTts t : values()) {
            names.append(names.isEmpty() ? "" : ", ").append(t.label);
        }
        throw new IllegalArgumentException("no TTS engine '" + name + "' (the engines: " + names + ")");
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public Era era() {
        return era;
    }

    @Override
    public boolean controlsPitch() {
        return this == ESPEAK;
    }

    /** @return the engine and voice behind it */
    public Voice voice() {
        return voice;
    }

    /** @return the Debian packages it needs */
    public String debianPackages() {
        return this == FESTIVAL_HTS ? "festival festvox-us-slt-hts" : voice.engine().debianPackages();
    }

    @Override
    public Audio speak(String text, Prosody prosody) throws IOException, InterruptedException {
        if (prosody.pitch().isPresent() && !controlsPitch()) {
            throw new IllegalArgumentException(label + " cannot change its voice's pitch here (espeak can)");
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("nothing to say: the text is blank");
        }
        OptionalInt rate = prosody.speedFactor() == 1 ? OptionalInt.empty()
                : OptionalInt.of((int) Math.round(ownWordsPerMinute * prosody.speedFactor())); // flite/festival: 160/wpm
        if (this == ESPEAK && rate.isPresent() && rate.getAsInt() < ESPEAK_MIN_WPM) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "espeak speaks no slower than %d words a"
                    + " minute, a speed factor of %.2f (asked %s)", ESPEAK_MIN_WPM,
                    (double) ESPEAK_MIN_WPM / ownWordsPerMinute, prosody.speedFactor()));
        }
        if (this == FESTIVAL_HTS && !java.nio.file.Files.isDirectory(HTS_VOICE)) {
            throw new IOException(label + ": the HTS voice is not installed (" + HTS_VOICE + "): apt-get install "
                    + debianPackages());
        }
        try {
            return voice.engine().say(voice, rate, prosody.pitch(), text);
        } catch (IOException e) {
            throw new IOException(label + " (" + voice.id() + "): " + e.getMessage(), e);
        }
    }
}
