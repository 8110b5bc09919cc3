package org.earshot.signal;

import java.util.List;

import org.earshot.exercises.Exercise;
import org.earshot.kit.Lesson;
import org.earshot.kit.Section;
import org.earshot.signal.exercises.SignalExercises;

/** Section 21.1 of the chapter: sound as samples, and the time–frequency pictures made from it. */
public final class SignalSection implements Section {

    @Override
    public String id() {
        return "21.1";
    }

    @Override
    public String title() {
        return "Signal: sampling, aliasing, STFT, mel scale, log-mel, MFCC";
    }

    @Override
    public List<Lesson> lessons() {
        return List.of(new Lesson("21.1-signal", "From pressure samples to log-mel spectrograms and MFCCs"));
    }

    @Override
    public List<Exercise<?, ?>> exercises() {
        return SignalExercises.all();
    }

    @Override
    public List<String> notebookImports() {
        return List.of("org.earshot.signal", "org.earshot.signal.exercises");
    }
}
