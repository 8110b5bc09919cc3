package org.earshot.kernel;

import java.nio.file.Files;
import java.nio.file.Path;

import jdk.jshell.JShell;
import org.earshot.display.Display;

/**
 * Does once what a kernel does at start and in its first cell, so that a JVM run with
 * {@code -XX:ArchiveClassesAtExit} records those classes in a class-data-sharing archive: JShell and javac
 * compiling the start-up script's imports and a cell, and the kit rendering an {@code Audio}. Kernels started
 * with {@code -XX:SharedArchiveFile} then map those classes instead of loading them ({@code ./earshot setup}
 * makes the archive; a stale one is ignored by the JVM, never fatal).
 */
public final class Warmup {

    private Warmup() {
    }

    /**
     * @param args the kernel's start-up script
     * @throws Exception when the script cannot be read
     */
    public static void main(String[] args) throws Exception {
        String init = args.length > 0 ? Files.readString(Path.of(args[0])) : "";
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            shell.eval(init);
            shell.eval("var warm = Synth.sine(440, 1.0, 16000, 0.5);");
            shell.eval("int x = 1 + 1;");
        }
        Display.bundleOf(org.earshot.audio.Synth.sine(440, 1.0, 16000, 0.5)).orElseThrow();
    }
}
