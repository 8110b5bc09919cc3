package org.earshot.asr;

import java.util.List;
import java.util.Optional;

import org.earshot.exercises.ExerciseBook;
import org.earshot.kit.Lesson;
import org.earshot.kit.Section;

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
    public Optional<ExerciseBook> exerciseBook() {
        return Optional.of(org.earshot.asr.exercises.AsrExercises.BOOK);
    }

    @Override
    public List<String> notebookImports() {
        return List.of("org.earshot.asr", "org.earshot.asr.ctc", "org.earshot.asr.lm", "org.earshot.asr.hmm",
                "org.earshot.asr.exercises",
                "org.earshot.asr.neural",
                "org.earshot.corpus");
    }
}
