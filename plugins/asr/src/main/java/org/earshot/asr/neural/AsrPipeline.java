package org.earshot.asr.neural;

import java.util.ArrayList;
import java.util.List;

import org.earshot.asr.ctc.Ctc;
import org.earshot.asr.ctc.CtcAlphabet;
import org.earshot.asr.ctc.CtcDecoder;
import org.earshot.asr.WordLanguageModel;
import org.earshot.audio.Audio;
import org.earshot.models.FrameAxis;
import org.earshot.models.Posteriors;

/**
 * Speech to text with a CTC model, in the spirit of Hugging Face's {@code pipeline("automatic-speech-recognition")}:
 * {@code Asr.pipeline("ctc-small").transcribe(audio)} mixes down and resamples for you, runs the model, decodes
 * (greedy by default; prefix beam, optionally with an n-gram LM, on request) and times every word from the CTC
 * alignment. Immutable: {@code with…} return new pipelines sharing the model.
 */
public final class AsrPipeline {

    private final CtcModel model;
    private final CtcDecoder decoder;
    private final boolean greedy;

    AsrPipeline(CtcModel model, CtcDecoder decoder, boolean greedy) {
        this.model = model;
        this.decoder = decoder;
        this.greedy = greedy;
    }

    public CtcModel model() {
        return model;
    }

    /** @return this pipeline decoding with a prefix beam of {@code width} */
    public AsrPipeline withBeam(int width) {
        return new AsrPipeline(model, CtcDecoder.builder(model.alphabet()).beamWidth(width).build(), false);
    }

    /** @return this pipeline decoding with a prefix beam fused with a word LM ({@code α ln P + β} per word) */
    public AsrPipeline withLanguageModel(WordLanguageModel lm, double weight, double wordBonus, int beamWidth) {
        return new AsrPipeline(model, CtcDecoder.builder(model.alphabet()).beamWidth(beamWidth)
                .languageModel(lm, weight, wordBonus).build(), false);
    }

    /**
     * @param decoder any prefix-beam decoder over this model's alphabet, e.g. one under a
     *                {@link org.earshot.asr.ctc.ClosedVocabulary closed vocabulary}
     * @return this pipeline decoding with it
     * @throws IllegalArgumentException when the decoder's alphabet is not the model's
     */
    public AsrPipeline withDecoder(CtcDecoder decoder) {
        if (!decoder.alphabet().symbols().equals(model.alphabet().symbols())) {
            throw new IllegalArgumentException("the decoder's alphabet '" + decoder.alphabet().symbols()
                    + "' is not the model's '" + model.alphabet().symbols() + "'");
        }
        return new AsrPipeline(model, decoder, false);
    }

    /** @return the transcript of a sound */
    public Transcript transcribe(Audio audio) {
        return transcribe(model.posteriors(audio));
    }

    /**
     * @param posteriors this pipeline's model's output ({@code model().posteriors(audio)}): its time axis times the
     *                   words
     * @return the transcript
     * @throws IllegalArgumentException when the posteriors are over another number of symbols than the model's
     */
    public Transcript transcribe(Posteriors posteriors) {
        if (posteriors.classes() != model.alphabet().size()) {
            throw new IllegalArgumentException("posteriors over " + posteriors.classes() + " classes, but "
                    + model.dir().getFileName() + " has " + model.alphabet().size() + " symbols");
        }
        return transcribe(posteriors.logProbabilities(), posteriors.axis());
    }

    /** @return the transcript of a model output {@code [frame][symbol]} (natural-log probabilities, the model's frames) */
    public Transcript transcribe(double[][] logProbs) {
        return transcribe(logProbs, model.frameAxis());
    }

    /** A word spans its letters' frames, from the first one's start to the last one's end on the axis. */
    private Transcript transcribe(double[][] logProbs, FrameAxis frames) {
        CtcDecoder.Hypothesis h = greedy ? decoder.greedy(logProbs) : decoder.decode(logProbs);
        CtcAlphabet alphabet = model.alphabet();
        List<Integer> kept = new ArrayList<>();
        for (int label : h.labels()) {
            if (!CtcModel.special(alphabet.symbols().charAt(label))) {
                kept.add(label);
            }
        }
        int[] labels = kept.stream().mapToInt(Integer::intValue).toArray();
        int[] states = labels.length == 0 ? new int[0] : Ctc.bestAlignment(logProbs, labels, alphabet.blank());
        // first and last frame of every label, from the alignment's odd states (2k+1 = label k)
        int[] first = new int[labels.length];
        int[] last = new int[labels.length];
        java.util.Arrays.fill(first, -1);
        for (int t = 0; t < states.length; t++) {
            if (states[t] % 2 == 1) {
                int k = states[t] / 2;
                if (first[k] < 0) {
                    first[k] = t;
                }
                last[k] = t;
            }
        }
        List<Transcript.Word> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int start = -1;
        int end = -1;
        for (int k = 0; k <= labels.length; k++) {
            char c = k < labels.length ? alphabet.symbols().charAt(labels[k]) : ' ';
            if (c == ' ') {
                if (word.length() > 0) {
                    int from = Math.max(0, start);
                    words.add(new Transcript.Word(word.toString(), Math.max(0, frames.frameStart(from)),
                            frames.frameEnd(Math.max(from, end))));
                }
                word.setLength(0);
                start = -1;
                continue;
            }
            word.append(Character.toLowerCase(c));
            if (first[k] >= 0) {
                start = start < 0 ? first[k] : start;
                end = last[k];
            }
        }
        String text = String.join(" ", words.stream().map(Transcript.Word::word).toList());
        return new Transcript(text, words);
    }
}
