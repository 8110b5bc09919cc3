package org.earshot.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which voices a corpus's <b>training</b> split draws on. Dev and test draw on the same voices whatever the variety,
 * and a corpus's dev and test utterances (text, voice, rate, pitch) are the same in both for a seed, so models trained
 * on either are scored on the same held-out speech.
 */
public enum Variety {
    /** The 16 espeak-ng variants of {@link Voice#ESPEAK_VARIANTS} in every training accent, flite and festival; each
     *  voice equally likely, every flite and festival utterance at the voice's own rate and pitch. */
    STANDARD,
    /**
     * For training neural models: every espeak-ng variant of {@link #ESPEAK_EXTRA_VARIANTS} as well, flite's 8 kHz
     * {@code kal} as well, and the engines that speak from recordings (flite, festival) given about a sixth of the
     * training utterances ({@link #RECORDED_WEIGHT} times each voice's share) at varied speaking rates (and, for the
     * diphone voices, pitches). Under STANDARD those voices are 3 of about 90, so a model hears almost only formant
     * synthesis and fails on a held-out flite voice.
     */
    WIDE;

    /**
     * espeak-ng 1.51's other variants (its {@code voices/!v} folder), except the test variants, names with spaces,
     * and three whose first formant sits at 40–70% of normal (Demonic, kaukovalta, travis: not a human vocal tract).
     */
    public static final List<String> ESPEAK_EXTRA_VARIANTS = List.of("Alex", "Andy", "AnxiousAndy", "Denis", "Diogo",
            "Gene", "Gene2", "Henrique", "Hugo", "Jacky", "Lee", "Marco", "Mario", "Michael", "Mike", "Nguyen",
            "RicishayMax", "RicishayMax2", "RicishayMax3", "Storm", "Tweaky", "UniRobot", "adam", "anika", "anikaRobot",
            "announcer", "antonio", "aunty", "benjamin", "boris", "caleb", "croak", "ed", "edward2", "f5", "fast",
            "grandma", "grandpa", "gustave", "iven", "iven2", "iven3", "iven4", "john", "klatt", "klatt2", "klatt3",
            "klatt4", "klatt5", "klatt6", "linda", "m6", "m8", "marcelo", "max", "michel", "miguel", "norbert",
            "pablo", "paul", "pedro", "quincy", "rob", "robert", "robosoft", "robosoft2", "robosoft3", "robosoft4",
            "robosoft5", "robosoft6", "robosoft7", "robosoft8", "sandro", "shelby", "steph", "steph2", "steph3",
            "victor", "whisper", "whisperf", "zac");

    /** How many times a recorded-voice engine's voice is as likely as one espeak-ng voice, under WIDE. */
    public static final int RECORDED_WEIGHT = 30;

    /** @return whether flite and festival utterances of the training split get their own rate and pitch */
    boolean variesRecordedProsody() {
        return this == WIDE;
    }

    /**
     * @param split a split
     * @return the voices it draws on, a voice listed once per unit of weight
     */
    List<Voice> pool(Split split) {
        if (this == STANDARD || split != Split.TRAIN) {
            return split.voices();
        }
        List<Voice> pool = new ArrayList<>();
        for (Voice v : split.voices()) {
            pool.addAll(Collections.nCopies(v.engine() == Engine.ESPEAK_NG ? 1 : RECORDED_WEIGHT, v));
        }
        for (String accent : Voice.ESPEAK_ACCENTS) {
            for (String variant : ESPEAK_EXTRA_VARIANTS) {
                Voice v = new Voice(Engine.ESPEAK_NG, accent + "+" + variant, accent);
                if (Split.of(v) == Split.TRAIN) {
                    pool.add(v);
                }
            }
        }
        pool.addAll(Collections.nCopies(RECORDED_WEIGHT, new Voice(Engine.FLITE, "kal", "en-us")));
        return pool;
    }
}
