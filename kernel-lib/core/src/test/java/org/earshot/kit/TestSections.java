package org.earshot.kit;

import org.earshot.exercises.Exercise;
import java.util.List;

/** Two sections registered for the tests only (src/test/resources/META-INF/services). */
final class TestSections {

    private TestSections() {
    }

    /** Registered as a service: §99.10, to check numeric ordering against §99.2. */
    public static final class Ten implements Section {
        @Override
        public String id() {
            return "99.10";
        }

        @Override
        public String title() {
            return "Test section ten";
        }

        @Override
        public List<Lesson> lessons() {
            return List.of(new Lesson("99.10-test", "A test lesson"));
        }

        @Override
        public List<Exercise<?, ?>> exercises() {
            return List.of(Exercise.builder("99.10-ex", java.util.function.IntUnaryOperator.class, Integer.class)
                    .lesson("99.10-test").title("An exercise").points(2).solvedBy("twice")
                    .call(java.util.function.IntUnaryOperator::applyAsInt).reference(x -> 2 * x)
                    .visible("twice 3", 3).hidden("twice 0", 0).build());
        }

        @Override
        public List<String> notebookImports() {
            return List.of("org.earshot.test.ten");
        }
    }

    /** Registered as a service: §99.2. */
    public static final class Two implements Section {
        @Override
        public String id() {
            return "99.2";
        }

        @Override
        public String title() {
            return "Test section <two>";
        }

        @Override
        public List<Lesson> lessons() {
            return List.of();
        }

        @Override
        public List<Exercise<?, ?>> exercises() {
            return List.of();
        }

        @Override
        public List<String> notebookImports() {
            return List.of("org.earshot.test.two.*");
        }
    }
}
