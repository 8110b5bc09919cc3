package org.earshot.tts.concat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.earshot.audio.Audio;
import org.earshot.tts.g2p.CmuDictionary;
import org.earshot.tts.speak.Era;
import org.earshot.tts.speak.KitFrontEnd;
import org.earshot.tts.speak.Prosody;
import org.earshot.tts.speak.TtsEngine;

/**
 * The kit's own concatenative TTS (§21.3), {@code --engine kit-concat}: the kit's front end, then recorded
 * diphones ({@link DiphoneVoice}) joined by {@link Psola}, which also gives every voiced grain the voice's F0 line
 * (so units cut from different sentences do not jump in pitch), the rate and the pitch asked for. Text →
 * {@link KitFrontEnd} → phone pairs → units (a pair never recorded: two half-phones) → TD-PSOLA. The sound's peak is
 * kept below full scale. Close it when done (it holds the letter-to-sound model).
 */
public final class KitConcatTts implements TtsEngine {

    /** The engine's name. */
    public static final String LABEL = "kit-concat";
    /** Where the diphone database lives in the kit. */
    public static final String MODEL = "data/models/kit-concat";

    private final DiphoneVoice voice;
    private final Path folder;
    private final KitFrontEnd frontEnd;

    private KitConcatTts(DiphoneVoice voice, Path folder, KitFrontEnd frontEnd) {
        this.voice = voice;
        this.folder = folder;
        this.frontEnd = frontEnd;
    }

    /**
     * @param kitHome the kit's folder: the database ({@value #MODEL}), CMUdict, the letter-to-sound model
     * @return the engine
     * @throws IOException naming what is missing
     */
    public static KitConcatTts open(Path kitHome) throws IOException {
        return open(kitHome, kitHome.resolve(MODEL), CmuDictionary.preferred());
    }

    /**
     * @param kitHome    the kit's folder (the letter-to-sound model)
     * @param folder     a database {@link DiphoneVoice#write} wrote
     * @param dictionary the pronunciations to read words by
     * @return the engine
     * @throws IOException naming what is missing
     */
    public static KitConcatTts open(Path kitHome, Path folder, CmuDictionary dictionary) throws IOException {
        return new KitConcatTts(DiphoneVoice.read(folder), folder, KitFrontEnd.open(kitHome, dictionary));
    }

    /** @return the database */
    public DiphoneVoice voice() {
        return voice;
    }

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public String voiceId() {
        return "kit/" + voice.trainedOn().split(",")[0].replace(' ', '_');
    }

    @Override
    public Era era() {
        return Era.CONCATENATIVE;
    }

    @Override
    public boolean controlsPitch() {
        return true;
    }

    @Override
    public long footprintBytes() throws IOException {
        return Files.size(folder.resolve("units.wav")) + Files.size(folder.resolve("voice.json"));
    }

    /**
     * @param text what to say, as written
     * @return the radio phones it will say, pauses at both ends
     */
    public List<String> phones(String text) {
        return frontEnd.phones(text, voice.phones());
    }

    /**
     * @param text what to say
     * @return the units it would join: each phone pair's diphone, or half-phones for a pair never recorded
     */
    public DiphoneVoice.Plan plan(String text) {
        List<String> phones = phones(text);
        if (phones.size() <= 2) {
            throw new IllegalArgumentException("nothing to say: '" + text + "' has no words");
        }
        return voice.plan(phones);
    }

    @Override
    public Audio speak(String text, Prosody prosody) {
        DiphoneVoice.Plan plan = plan(text);
        double duration = 1 / prosody.speedFactor();
        double seconds = plan.pieces().stream().mapToDouble(p -> (p.coreEnd() - p.coreStart())).sum() * duration
                / voice.sampleRate();
        double[] y = Psola.modify(plan.pieces(), duration, t -> voice.f0Hz(Math.min(1, t / seconds)),
                prosody.pitchFactor());
        Audio sound = Audio.mono(y, voice.sampleRate());
        double peak = sound.peak();
        return peak > 0.9 ? sound.gain(20 * Math.log10(0.9 / peak)) : sound;
    }

    /** Frees the letter-to-sound model. */
    @Override
    public void close() {
        frontEnd.close();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "KitConcatTts[%s]", voice);
    }
}
