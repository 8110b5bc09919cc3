package org.earshot.tts;

import java.util.List;

import org.earshot.exercises.Exercise;
import org.earshot.kit.Lesson;
import org.earshot.kit.Requirement;
import org.earshot.kit.Section;
import org.earshot.tts.exercises.TtsExercises;
import org.earshot.tts.g2p.CmuDictionary;

/** Section 21.3 of the chapter: text to speech — the text front end, the vocoder step, sample-by-sample models. */
public final class TtsSection implements Section {

    @Override
    public String id() {
        return "21.3";
    }

    @Override
    public String title() {
        return "Text to speech: normalisation, G2P, Griffin-Lim, μ-law and the autoregressive idea";
    }

    @Override
    public List<Lesson> lessons() {
        return List.of(new Lesson("21.3-tts", "Text to speech: from \"Dr. Smith\" to a waveform"));
    }

    @Override
    public List<Exercise<?, ?>> exercises() {
        return TtsExercises.all();
    }

    @Override
    public List<String> notebookImports() {
        return List.of("org.earshot.tts.normalize", "org.earshot.tts.g2p", "org.earshot.tts.vocoder",
                "org.earshot.tts.speak", "org.earshot.tts.exercises", "org.earshot.corpus", "org.earshot.tts",
                "org.earshot.tts.parametric", "org.earshot.tts.concat", "org.earshot.tts.neural", "org.earshot.tts.measure",
                "org.earshot.speech");
    }

    @Override
    public List<Requirement> requirements() {
        String production = "the production front ends beside the kit's in the lesson's first table";
        return List.of(new Requirement.Debian("pocketsphinx-en-us", "the CMU pronouncing dictionary (G2P)"),
                CmuDictionary.STRESSED,
                new Requirement.Debian("espeak-ng", production), new Requirement.Debian("festival", production),
                new Requirement.Debian("festvox-kallpc16k", "festival's voice (kal diphones)"),
                new Requirement.Debian("festvox-us-slt-hts", "festival's statistical parametric voice (slt, HTS)"),
                new Requirement.Debian("flite", "flite's slt voice (clustergen)"),
                new Requirement.Model("g2p-ctc", List.of("model.onnx", "vocab.json", "card.md", "metrics.json"),
                        "the kit's letter-to-sound model for words the dictionary lacks"),
                new Requirement.Model("wavenet-tiny", List.of("window.onnx", "step.onnx", "config.json", "card.md",
                        "metrics.json"), "the lesson's sample-by-sample generator"),
                new Requirement.Model("kit-parametric", List.of("voice.json", "card.md", "metrics.json"),
                        "the kit's own statistical parametric voice (--engine kit-parametric)"),
                new Requirement.Model("kit-neural", List.of("encoder.onnx", "decoder.onnx", "config.json", "card.md",
                        "metrics.json"), "the kit's own neural acoustic model (--engine kit-neural)"));
    }
}
