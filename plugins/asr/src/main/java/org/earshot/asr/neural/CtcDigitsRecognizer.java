package org.earshot.asr.neural;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.earshot.asr.ctc.ClosedVocabulary;
import org.earshot.asr.ctc.CtcDecoder;
import org.earshot.audio.Audio;
import org.earshot.corpus.TextSource;
import org.earshot.speech.RecognizerProvider;
import org.earshot.speech.SpeechRecognizer;

/**
 * The kit's own recogniser of digit strings, offered to other sections ({@link RecognizerProvider}
 * {@code "ctc-small/digits"}): ctc-small ({@code data/models/ctc-small}) decoded by a prefix beam of 8 under the
 * closed vocabulary of the digit grammar (zero … nine, oh), as {@code ./earshot transcribe --model ctc-small
 * --vocabulary digits}. Its card's figures hold for the voices it was tested on; the TTS section's round trip uses it
 * on its digit strings.
 */
public final class CtcDigitsRecognizer implements RecognizerProvider {

    /** The beam width of the closed-vocabulary decoder. */
    static final int BEAM = 8;

    @Override
    public String name() {
        return "ctc-small/digits";
    }

    @Override
    public String description() {
        return "ctc-small (the kit's CTC model), prefix beam " + BEAM + " under the digit words: digit strings only";
    }

    @Override
    public SpeechRecognizer open(Path kitHome) throws IOException {
        AsrPipeline base;
        try {
            base = Asr.pipeline(kitHome.resolve("data/models/ctc-small").toString());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        AsrPipeline pipeline;
        try {
            pipeline = base.withDecoder(CtcDecoder.builder(base.model().alphabet()).beamWidth(BEAM)
                    .vocabulary(ClosedVocabulary.of(TextSource.DIGITS)).build());
        } catch (RuntimeException e) {
            base.model().close();
            throw e;
        }
        CtcModel model = pipeline.model();
        return new SpeechRecognizer() {
            @Override
            public String transcribe(Audio audio) {
                return pipeline.transcribe(audio).text().strip();
            }

            @Override
            public void close() {
                model.close();
            }
        };
    }
}
