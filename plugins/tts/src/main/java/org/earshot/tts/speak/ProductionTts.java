package org.earshot.tts.speak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Stream;

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
    private static final Path HTS_VOICE =
            Path.of("/usr/share/festival/voices/us/cmu_us_slt_arctic_hts");

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

    @Override
    public String voiceId() {
        return voice.id();
    }

    /** @return the engine and voice behind it */
    public Voice voice() {
        return voice;
    }

    /**
     * @return the voice's own files: festival's diphone database or HTS models (the festival lexicons both share
     *         are left out), flite's compiled-in slt voice, espeak-ng's phoneme tables and English dictionary
     */
    public List<Path> voiceData() {
        Path lib = Stream.of("x86_64-linux-gnu", "aarch64-linux-gnu").map(d -> Path.of("/usr/lib", d))
                .filter(Files::isDirectory).findFirst().orElse(Path.of("/usr/lib/x86_64-linux-gnu")); // multiarch
        return switch (this) {
            case FESTIVAL -> List.of(Path.of("/usr/share/festival/voices/english/kal_diphone"));
            case FESTIVAL_HTS -> List.of(HTS_VOICE);
            case FLITE -> List.of(lib.resolve("libflite_cmu_us_slt.so.1"));
            case ESPEAK -> Stream.of("phondata", "phonindex", "phontab", "intonations", "en_dict")
                    .map(f -> lib.resolve("espeak-ng-data").resolve(f)).toList();
        };
    }

    @Override
    public long footprintBytes() throws IOException {
        long bytes = 0;
        for (Path p : voiceData()) {
            if (!Files.exists(p)) {
                throw new IOException(label + ": " + p + " is missing: apt-get install " + debianPackages());
            }
            try (Stream<Path> files = Files.walk(p)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    bytes += Files.size(f);
                }
            }
        }
        return bytes;
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
