package org.earshot.signal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;

class SignalSectionTest {

    @Test
    void isFoundByTheServiceLoader() {
        assertTrue(Kit.catalog().sectionIds().contains("21.1"));
        assertTrue(Kit.sections().stream().anyMatch(s -> s instanceof SignalSection));
    }
}
