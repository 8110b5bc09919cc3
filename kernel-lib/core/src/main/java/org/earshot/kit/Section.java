package org.earshot.kit;

import java.util.List;

import org.earshot.exercises.Exercise;

/**
 * Service interface: one section of the chapter, contributed by a plugin module and found with
 * {@link java.util.ServiceLoader} (register the implementation in
 * {@code META-INF/services/org.earshot.kit.Section}). A section says what it is, what it teaches, what it grades and
 * what it needs from the machine; adding one changes no line of {@code ./earshot} or of kernel-lib
 * ({@code docs/sections.md} walks through it).
 */
public interface Section {

    /** @return the section number, e.g. {@code "21.1"} */
    String id();

    /** @return the section title, e.g. {@code "Signal: sampling, STFT, mel, MFCC"} */
    String title();

    /** @return the lesson notebooks this section contributes, under {@code notebooks/} */
    List<Lesson> lessons();

    /**
     * @return the graded exercises this section contributes, in the order of its solutions notebooks (none by
     *         default); usually {@code Exercise.declaredIn(MyExercises.class)}
     */
    default List<Exercise<?, ?>> exercises() {
        return List.of();
    }

    /**
     * @return the packages a lesson of this section uses, imported by the kernel's start-up script so that
     *         notebooks need no import cells or magics (e.g. {@code "org.earshot.signal"})
     */
    List<String> notebookImports();

    /**
     * @return what the section needs beyond the kit itself (Debian packages, npm assets, models, data files):
     *         {@code ./earshot setup} installs or fetches them, {@code ./earshot doctor} checks them
     */
    default List<Requirement> requirements() {
        return List.of();
    }
}
