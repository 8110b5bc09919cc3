package org.earshot.tts.speak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.earshot.tts.g2p.CmuDictionary;
import org.earshot.tts.g2p.LetterToSound;
import org.earshot.tts.normalize.TextNormalizer;

/**
 * The kit's own TTS front end (§21.3), shared by the kit's voices: text → {@link TextNormalizer} (words) → CMUdict's
 * first pronunciation, or the kit's letter-to-sound model for a word not in it ({@link LetterToSound}) → festival's
 * radio phones (stress digits dropped, an unstressed AH as the reduced vowel ax), between two pauses. A voice trained
 * on festival's phones may lack a rare one; it gets the nearest it has ({@link #STAND_INS}). Close it when done (it
 * holds the letter-to-sound model's ONNX session).
 */
public final class KitFrontEnd implements AutoCloseable {

    /** The pause phone, at both ends of every utterance. */
    public static final String PAUSE = "pau";
    /** Phones a voice may lack, and the nearest one it is likelier to have. */
    static final Map<String, String> STAND_INS = Map.of("zh", "sh", "oy", "ao", "ax", "ah", "ah", "ax", "uh", "uw",
            "dx", "t", "nx", "n", "el", "l", "en", "n", "em", "m");
    /** Where the letter-to-sound model lives in the kit. */
    public static final String LETTER_TO_SOUND = "data/models/g2p-ctc";

    private final CmuDictionary dictionary;
    private final LetterToSound letterToSound;

    private KitFrontEnd(CmuDictionary dictionary, LetterToSound letterToSound) {
        this.dictionary = Objects.requireNonNull(dictionary);
        this.letterToSound = letterToSound;
    }

    /**
     * @param kitHome    the kit's folder: the letter-to-sound model ({@value #LETTER_TO_SOUND}), used if there
     * @param dictionary the pronunciations to read words by
     * @return the front end
     * @throws IOException when the letter-to-sound model is there but cannot be read
     */
    public static KitFrontEnd open(Path kitHome, CmuDictionary dictionary) throws IOException {
        Path lts = kitHome.resolve(LETTER_TO_SOUND);
        return new KitFrontEnd(dictionary, Files.isRegularFile(lts.resolve("model.onnx")) ? LetterToSound.open(lts)
                : null);
    }

    /**
     * @param text      what to say, as written
     * @param inventory the phones the voice has (a rare phone it lacks gets its stand-in)
     * @return the radio phones to say, pauses at both ends
     * @throws IllegalArgumentException naming a word that has no pronunciation
     */
    public List<String> phones(String text, Set<String> inventory) {
        List<String> out = new ArrayList<>(List.of(PAUSE));
        for (String word : TextNormalizer.english().normalize(text).split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            List<String> arpabet = dictionary.first(word).orElse(null);
            if (arpabet == null) {
                if (letterToSound == null) {
                    throw new IllegalArgumentException("'" + word + "' is not in the dictionary, and the letter-to-sound"
                            + " model (" + LETTER_TO_SOUND + ") is not installed");
                }
                if (!letterToSound.knows(word)) {
                    throw new IllegalArgumentException("'" + word + "' is not in the dictionary, and the letter-to-sound"
                            + " model does not know all its letters");
                }
                arpabet = letterToSound.phones(word);
            }
            for (String p : arpabet) {
                out.add(radio(p, inventory));
            }
        }
        out.add(PAUSE);
        return out;
    }

    /** @return festival's radio phone for an ARPAbet phone with or without stress, one the voice has if it can be */
    static String radio(String arpabet, Set<String> inventory) {
        String p = arpabet.equals("AH0") ? "ax" : arpabet.replaceAll("\\d", "").toLowerCase(Locale.ROOT);
        if (!inventory.contains(p) && STAND_INS.containsKey(p)) {
            p = STAND_INS.get(p);
        }
        return p;
    }

    /** Frees the letter-to-sound model. */
    @Override
    public void close() {
        if (letterToSound != null) {
            letterToSound.close();
        }
    }
}
