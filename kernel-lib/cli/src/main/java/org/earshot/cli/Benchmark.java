package org.earshot.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Service interface: a speed check under {@code ./earshot bench NAME}, e.g. {@code bench signal}. Like a
 * {@link CliCommand} it carries picocli's {@code @Command(name = …, mixinStandardHelpOptions = true)}; it is
 * registered in {@code META-INF/services/org.earshot.cli.Benchmark}. A benchmark prints each time it measures and
 * its ratio against a reference run in the same command; it never fails on a time (machines are noisy).
 */
public interface Benchmark extends Callable<Integer> {

    /**
     * Runs the reference side of a benchmark: a Python script bundled on the class path, under Debian's
     * {@code /usr/bin/python3}, standard input closed, and reads the {@code NAME SECONDS} lines it prints.
     *
     * @param owner    a class whose loader holds the script
     * @param resource the script's resource path, e.g. {@code /org/earshot/signal/bench_torchaudio.py}
     * @param args     its arguments
     * @return each name with its number, in the order printed; empty when Python, the script or a module it needs
     *         is missing or fails (the caller says its side is skipped)
     * @throws InterruptedException when interrupted while the script runs
     */
    static Map<String, Double> referenceTimings(Class<?> owner, String resource, List<String> args)
            throws InterruptedException {
        Map<String, Double> out = new LinkedHashMap<>();
        Path script = null;
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                return Map.of();
            }
            script = Files.createTempFile("earshot-bench-", ".py");
            Files.write(script, in.readAllBytes());
            List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString()));
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    String[] parts = line.trim().split(" ");
                    if (parts.length == 2 && parts[1].matches("[0-9.eE+-]+")) {
                        out.put(parts[0], Double.parseDouble(parts[1]));
                    }
                }
            }
            return p.waitFor() == 0 ? out : Map.of();
        } catch (IOException | NumberFormatException e) {
            return Map.of();
        } finally {
            if (script != null) {
                try {
                    Files.deleteIfExists(script);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }
}
