package org.earshot.signal.grading;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.earshot.grading.batch.Sandbox;
import org.earshot.kit.Kit;

/** The sandbox the grading tests grade in: this JVM's Java, the test class path, the kit's data, the usual limits. */
final class TestSandboxes {

    private TestSandboxes() {
    }

    /** @return the test JVM's class path, existing entries only, absolute and without repeats */
    static List<Path> testClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of)
                .filter(Files::exists).map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    }

    /**
     * @param classArchive where the worker's class-data archive goes
     * @return a sandbox of 512 MiB heap, 1 GiB more for the rest, 60 s of CPU, checked to be available
     * @throws IOException when it cannot run here (bubblewrap missing: the message says what to install)
     */
    static Sandbox available(Path classArchive) throws IOException {
        return available(testClassPath(), classArchive);
    }

    /** @return as {@link #available(Path)}, with the given class path */
    static Sandbox available(List<Path> classPath, Path classArchive) throws IOException {
        Sandbox sandbox = new Sandbox(Path.of(System.getProperty("java.home")), classPath, Kit.home().resolve("data"),
                512, 1024, 60, classArchive);
        sandbox.requireAvailable();
        return sandbox;
    }
}
