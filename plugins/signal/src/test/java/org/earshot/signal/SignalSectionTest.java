package org.earshot.signal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.earshot.kit.Kit;
import org.earshot.kit.Lesson;
import org.junit.jupiter.api.Test;

class SignalSectionTest {

    @Test
    void isFoundByTheServiceLoader() {
        assertTrue(Kit.catalog().sectionIds().contains("21.1"));
        assertTrue(Kit.sections().stream().anyMatch(s -> s instanceof SignalSection));
    }

    @Test
    void itsLessonsExistAndRunOnTheEarshotKernel() throws Exception {
        assertFalse(new SignalSection().lessons().isEmpty());
        for (Lesson lesson : new SignalSection().lessons()) {
            Path notebook = Kit.home().resolve("notebooks").resolve(lesson.fileName());
            assertTrue(Files.isRegularFile(notebook), notebook + " is missing");
            assertTrue(Files.readString(notebook).contains("\"name\": \"earshot\""), notebook + " is not on the earshot kernel");
        }
    }
}
