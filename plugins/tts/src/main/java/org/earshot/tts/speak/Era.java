package org.earshot.tts.speak;

/**
 * The chapter's three eras of TTS back ends (§21.3), and the rule-based formant synthesis before them. Each engine
 * says which it belongs to, so the era table can group them.
 */
public enum Era {
    /** Rules drive a formant synthesiser (espeak-ng): tiny, fully controllable, robotic. */
    FORMANT("formant (rules)"),
    /** Recorded units stitched together (festival's kal diphones): human in-domain, audible joins, a database. */
    CONCATENATIVE("concatenative"),
    /** A statistical model predicts pitch, envelope and duration; a vocoder makes the sound (HTS, clustergen). */
    PARAMETRIC("statistical parametric"),
    /** A neural acoustic model predicts a mel-spectrogram; a vocoder makes the waveform. */
    NEURAL("neural");

    private final String label;

    Era(String label) {
        this.label = label;
    }

    /** @return the era's name for a table */
    public String label() {
        return label;
    }
}
