package org.earshot.asr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.earshot.audio.Audio;
import org.earshot.speech.RecognizerProvider;
import org.earshot.speech.SpeechRecognizer;

/**
 * PocketSphinx with its own US-English models, offered to other sections ({@link RecognizerProvider}
 * {@code "pocketsphinx/en-us"}): the acoustic model, the generic trigram language model {@code en-us.lm.bin} and the
 * whole CMU dictionary of Debian's pocketsphinx-en-us, language-model weight 6.5 (its default). Open vocabulary
 * (about 130,000 words), so it can hear sentences the kit's CTC models never learned to spell; the TTS section's
 * round trip uses it on read sentences.
 */
public final class PocketSphinxRecognizer implements RecognizerProvider {

    /** The generic language model of pocketsphinx-en-us. */
    static final Path GENERIC_LM = PocketSphinx.MODEL_DIR.resolve("en-us.lm.bin");

    @Override
    public String name() {
        return "pocketsphinx/en-us";
    }

    @Override
    public String description() {
        return "PocketSphinx (HMM-GMM), its US-English acoustic model, generic trigram LM and CMU dictionary: open"
                + " vocabulary";
    }

    @Override
    public SpeechRecognizer open(Path kitHome) throws IOException {
        PocketSphinx.requireInstalled();
        PocketSphinx engine = new PocketSphinx(GENERIC_LM, PocketSphinx.CMU_DICTIONARY, 6.5);
        return new SpeechRecognizer() {
            @Override
            public String transcribe(Audio audio) throws IOException, InterruptedException {
                return engine.transcribe(Map.of("one", audio)).get("one");
            }

            @Override
            public Map<String, String> transcribeAll(Map<String, Audio> sounds) throws IOException,
                    InterruptedException {
                return engine.transcribe(sounds);
            }
        };
    }
}
