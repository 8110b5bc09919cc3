package org.earshot.asr;

import java.util.List;

import org.earshot.kit.Exercise;
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
        return List.of(new Lesson("21.2-asr", "WER, a classical HMM-GMM recogniser, CTC and its decoders"));
    }

    @Override
    public List<Exercise> exercises() {
        return org.earshot.asr.exercises.AsrExercises.ALL;
    }

    @Override
    public List<String> notebookImports() {
        return List.of("org.earshot.asr", "org.earshot.asr.lm", "org.earshot.asr.hmm", "org.earshot.asr.exercises",
                "org.earshot.corpus");
    }
}
