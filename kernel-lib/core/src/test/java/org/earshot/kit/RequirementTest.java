package org.earshot.kit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequirementTest {

    private static final String SHA = "4f4121ef2b8e7e9398bdecd7b3b6ce5e0ee3a2f5af221708eb6c4ce03bcae6be";

    @Test
    void anNpmPackageIsMetOnlyWhenItsFolderHoldsThePinnedTarballsChecksum(@TempDir Path home) throws Exception {
        Requirement.NpmPackage reveal = new Requirement.NpmPackage("reveal.js", "reveal.js@4.6.1", SHA,
                "build/kit/web/reveal.js", "slides");
        assertFalse(reveal.isMet(home));
        Path stamp = home.resolve("build/kit/web/reveal.js").resolve(Requirement.NpmPackage.STAMP);
        Files.createDirectories(stamp.getParent());
        Files.writeString(stamp, SHA.replace('4', '5') + "\n");  // another version's tarball
        assertFalse(reveal.isMet(home));
        Files.writeString(stamp, SHA + "\n");
        assertTrue(reveal.isMet(home));
    }

    @Test
    void anNpmPackageMustBePinnedChecksummedAndStayUnderTheKit() {
        assertThrows(IllegalArgumentException.class,
                () -> new Requirement.NpmPackage("r", "reveal.js@latest", SHA, "build/r", "x"));
        assertThrows(IllegalArgumentException.class,
                () -> new Requirement.NpmPackage("r", "reveal.js@4.6.1", "abc", "build/r", "x"));
        assertThrows(IllegalArgumentException.class,
                () -> new Requirement.NpmPackage("r", "reveal.js@4.6.1", SHA, "../r", "x"));
        assertThrows(IllegalArgumentException.class,
                () -> new Requirement.NpmPackage("r", "reveal.js@4.6.1", SHA, "/tmp/r", "x"));
    }
}
