package org.earshot.tts.parametric;

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
import org.earshot.tts.vocoder.SourceFilterVocoder;

/**
 * The kit's own statistical parametric TTS (§21.3), {@code --engine kit-parametric}: the kit's front end, then the
 * kit's trained voice and vocoder. Text → {@link KitFrontEnd} (normalised words, CMUdict or the letter-to-sound model,
 * festival's radio phones between two pauses) → {@link ParametricVoice#frames} →
 * {@link SourceFilterVocoder} (seed fixed: the same text gives the same sound). Close it when done (it holds the
 * letter-to-sound model's ONNX session). Speed and pitch are free: the
 * vocoder stretches the frames and scales F0. The sound's peak is kept below full scale.
 */
public final class KitParametricTts implements TtsEngine {

    /** The engine's name. */
    public static final String LABEL = "kit-parametric";
    /** Where the trained voice lives in the kit. */
    public static final String MODEL = "data/models/kit-parametric/voice.json";
    /** The seed of the vocoder's noise. */
    static final long SEED = 2131;
    private final ParametricVoice voice;
    private final Path voiceFile;
    private final KitFrontEnd frontEnd;
    private final SourceFilterVocoder vocoder;

    private KitParametricTts(ParametricVoice voice, Path voiceFile, KitFrontEnd frontEnd) {
        this.voice = voice;
        this.voiceFile = voiceFile;
        this.frontEnd = frontEnd;
        this.vocoder = SourceFilterVocoder.builder().order(voice.order()).hopSeconds(voice.hopSeconds()).build();
    }

    /**
     * @param kitHome the kit's folder: the voice ({@value #MODEL}), CMUdict (with stress when setup fetched it,
     *                else pocketsphinx's) and the letter-to-sound model ({@code data/models/g2p-ctc}, if there)
     * @return the engine
     * @throws IOException naming what is missing
     */
    public static KitParametricTts open(Path kitHome) throws IOException {
        return open(kitHome, kitHome.resolve(MODEL));
    }

    /**
     * @param kitHome the kit's folder (the dictionary and letter-to-sound model, as {@link #open(Path)})
     * @param file    a voice written by {@link ParametricVoice#write}
     * @return the engine speaking with that voice
     * @throws IOException naming what is missing
     */
    public static KitParametricTts open(Path kitHome, Path file) throws IOException {
        return open(kitHome, file, CmuDictionary.preferred()); // without stress every AH is ah, not ax
    }

    /**
     * @param kitHome    the kit's folder (the letter-to-sound model)
     * @param file       a voice written by {@link ParametricVoice#write}
     * @param dictionary the pronunciations to read words by (e.g. one a lesson has already loaded)
     * @return the engine
     * @throws IOException naming what is missing
     */
    public static KitParametricTts open(Path kitHome, Path file, CmuDictionary dictionary) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file (train it: ./earshot train-kit-parametric)");
        }
        ParametricVoice voice = ParametricVoice.read(file);
        return new KitParametricTts(voice, file, KitFrontEnd.open(kitHome, dictionary));
    }

    /** @return the trained voice */
    public ParametricVoice voice() {
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
        return Era.PARAMETRIC;
    }

    @Override
    public boolean controlsPitch() {
        return true;
    }

    @Override
    public long footprintBytes() throws IOException {
        return Files.size(voiceFile);
    }

    /**
     * @param text what to say, as written
     * @return the radio phones the voice will say, pauses at both ends
     * @throws IllegalArgumentException naming a word that has no pronunciation
     */
    public List<String> phones(String text) {
        return frontEnd.phones(text, voice.phones().keySet());
    }

    @Override
    public Audio speak(String text, Prosody prosody) {
        List<String> phones = phones(text);
        if (phones.size() <= 2) {
            throw new IllegalArgumentException("nothing to say: '" + text + "' has no words");
        }
        SourceFilterVocoder.Analysis frames = voice.frames(phones);
        double pitch = prosody.pitchFactor();
        Audio sound = vocoder.synthesize(frames, pitch, prosody.speedFactor(), SEED);
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
        return String.format(Locale.ROOT, "KitParametricTts[%d phones, order %d, %s]", voice.phones().size(),
                voice.order(), voice.trainedOn());
    }
}
