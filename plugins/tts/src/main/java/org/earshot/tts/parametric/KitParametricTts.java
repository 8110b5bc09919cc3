package org.earshot.tts.parametric;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.earshot.audio.Audio;
import org.earshot.tts.g2p.CmuDictionary;
import org.earshot.tts.g2p.LetterToSound;
import org.earshot.tts.normalize.TextNormalizer;
import org.earshot.tts.speak.Era;
import org.earshot.tts.speak.Prosody;
import org.earshot.tts.speak.TtsEngine;
import org.earshot.tts.vocoder.SourceFilterVocoder;

/**
 * The kit's own statistical parametric TTS (§21.3), {@code --engine kit-parametric}: the kit's front end, then the
 * kit's trained voice and vocoder. Text → {@link TextNormalizer} (words) → CMUdict's first pronunciation, or the
 * kit's letter-to-sound model for a word not in it ({@link LetterToSound}) → festival's radio phones (stress digits
 * dropped, an unstressed AH as the reduced vowel ax) between two pauses → {@link ParametricVoice#frames} →
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
    /** Phones the voice may lack, and the nearest one it is likelier to have. */
    static final Map<String, String> STAND_INS = Map.of("zh", "sh", "oy", "ao", "ax", "ah", "ah", "ax", "uh", "uw",
            "dx", "t", "nx", "n", "el", "l", "en", "n", "em", "m");

    private final ParametricVoice voice;
    private final Path voiceFile;
    private final CmuDictionary dictionary;
    private final LetterToSound letterToSound;
    private final SourceFilterVocoder vocoder;

    private KitParametricTts(ParametricVoice voice, Path voiceFile, CmuDictionary dictionary,
                             LetterToSound letterToSound) {
        this.voice = voice;
        this.voiceFile = voiceFile;
        this.dictionary = dictionary;
        this.letterToSound = letterToSound;
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
        Path lts = kitHome.resolve("data/models/g2p-ctc");
        return new KitParametricTts(voice, file, dictionary,
                Files.isRegularFile(lts.resolve("model.onnx")) ? LetterToSound.open(lts) : null);
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
        List<String> out = new ArrayList<>(List.of(ParametricVoice.PAUSE));
        for (String word : TextNormalizer.english().normalize(text).split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            List<String> arpabet = dictionary.first(word).orElse(null);
            if (arpabet == null) {
                if (letterToSound == null) {
                    throw new IllegalArgumentException("'" + word + "' is not in the dictionary, and the letter-to-sound"
                            + " model (data/models/g2p-ctc) is not installed");
                }
                if (!letterToSound.knows(word)) {
                    throw new IllegalArgumentException("'" + word + "' is not in the dictionary, and the letter-to-sound"
                            + " model does not know all its letters");
                }
                arpabet = letterToSound.phones(word);
            }
            for (String p : arpabet) {
                out.add(radio(p));
            }
        }
        out.add(ParametricVoice.PAUSE);
        return out;
    }

    /** @return festival's radio phone for an ARPAbet phone with or without stress, one the voice has */
    String radio(String arpabet) {
        String p = arpabet.equals("AH0") ? "ax" : arpabet.replaceAll("\\d", "").toLowerCase(Locale.ROOT);
        if (!voice.phones().containsKey(p) && STAND_INS.containsKey(p)) {
            p = STAND_INS.get(p);
        }
        return p;
    }

    /**
     * @param pitch espeak-ng's pitch scale (0–99, 50 the voice's own; {@link Prosody#pitch()})
     * @return the F0 factor that scale means on espeak-ng's en-us: 0 ≈ 74 Hz, 50 ≈ 102 Hz, 99 ≈ 169 Hz, linear
     *         between
     */
    static double pitchFactor(int pitch) {
        double hz = pitch <= 50 ? 74 + (102 - 74) * pitch / 50.0 : 102 + (169 - 102) * (pitch - 50) / 49.0;
        return hz / 102;
    }

    @Override
    public Audio speak(String text, Prosody prosody) {
        List<String> phones = phones(text);
        if (phones.size() <= 2) {
            throw new IllegalArgumentException("nothing to say: '" + text + "' has no words");
        }
        SourceFilterVocoder.Analysis frames = voice.frames(phones);
        double pitch = prosody.pitch().isPresent() ? pitchFactor(prosody.pitch().getAsInt()) : 1;
        Audio sound = vocoder.synthesize(frames, pitch, prosody.speedFactor(), SEED);
        double peak = sound.peak();
        return peak > 0.9 ? sound.gain(20 * Math.log10(0.9 / peak)) : sound;
    }

    /** Frees the letter-to-sound model. */
    @Override
    public void close() {
        if (letterToSound != null) {
            letterToSound.close();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "KitParametricTts[%d phones, order %d, %s]", voice.phones().size(),
                voice.order(), voice.trainedOn());
    }
}
