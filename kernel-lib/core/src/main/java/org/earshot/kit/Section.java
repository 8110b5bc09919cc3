package org.earshot.kit;

import java.util.List;
import java.util.Optional;

import org.earshot.exercises.Exercise;
import org.earshot.exercises.ExerciseBook;

/**
 * Service interface: one section of the chapter, contributed by a plugin module and found with
 * {@link java.util.ServiceLoader} (register the implementation in
 * {@code META-INF/services/org.earshot.kit.Section}).
 */
public interface Section {

    /** @return the section number, e.g. {@code "21.1"} */
    String id();

    /** @return the section title, e.g. {@code "Signal: sampling, STFT, mel, MFCC"} */
    String title();

    /** @return the lesson notebooks this section contributes (may be empty while it has none) */
    List<Lesson> lessons();

    /** @return the graded exercises this section contributes, with their checks (none by default) */
    default Optional<ExerciseBook> exerciseBook() {
        return Optional.empty();
    }

    /** @return the graded exercises this section contributes (may be empty) */
    default List<Exercise> exercises() {
        return exerciseBook().map(ExerciseBook::exercises).orElse(List.of());
    }

    /**
     * @return the packages a lesson of this section uses, imported by the kernel's start-up script so that
     *         notebooks need no import cells or magics (e.g. {@code "org.earshot.signal"})
     */
    List<String> notebookImports();
}
