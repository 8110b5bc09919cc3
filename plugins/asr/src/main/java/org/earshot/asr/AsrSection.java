package org.earshot.asr;

import java.util.List;

import org.earshot.asr.exercises.AsrExercises;
import org.earshot.exercises.Exercise;
import org.earshot.kit.Lesson;
import org.earshot.kit.Requirement;
import org.earshot.kit.Section;
import org.earshot.models.SileroVad;

/** Section 21.2 of the chapter: from features to words, and how to score them. */
public final class AsrSection implements Section {

    @Override
    public String id() {
        return "21.2";
    }

    @Override
    public String title() {
        return "ASR: WER, CTC, n-gram LMs, decoders";
    }

    @Override
    public List<Lesson> lessons() {
        return List.of(new Lesson("21.2-asr", "WER, a classical HMM-GMM recogniser, CTC and its decoders"),
                new Lesson("21.2b-neural-asr", "A kit-trained CTC network in ONNX: outputs, decoders, held-out voices, a human voice"));
    }

    @Override
    public List<Exercise<?, ?>> exercises() {
        return AsrExercises.all();
    }

    @Override
    public List<String> notebookImports() {
        return List.of("org.earshot.asr", "org.earshot.asr.ctc", "org.earshot.asr.lm", "org.earshot.asr.hmm",
                "org.earshot.asr.exercises",
                "org.earshot.asr.neural",
                "org.earshot.corpus", "org.earshot.corpus.real");
    }

    @Override
    public List<Requirement> requirements() {
        String corpus = "the speech corpus is spoken by these engines";
        return List.of(new Requirement.Debian("espeak-ng", corpus), new Requirement.Debian("flite", corpus),
                new Requirement.Debian("festival", corpus), new Requirement.Debian("festvox-kallpc16k", corpus),
                new Requirement.Debian("pocketsphinx", "the production HMM-GMM recogniser beside the kit's"),
                new Requirement.Debian("pocketsphinx-en-us", "PocketSphinx's US English acoustic model"),
                SileroVad.REQUIREMENT,
                new Requirement.Model("ctc-small", List.of("model.onnx", "vocab.json", "card.md", "metrics.json"),
                        "the kit's CTC recogniser (lesson 21.2b, transcribe)"),
                new Requirement.Model("s2s-small", List.of("encoder.onnx", "decoder.onnx", "vocab.json", "card.md",
                        "metrics.json"),
                        "the kit's encoder-decoder recogniser (lesson 21.2b)"));
    }
}
