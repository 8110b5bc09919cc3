package org.earshot.cli;

import java.util.concurrent.Callable;

/**
 * Service interface: a speed check under {@code ./earshot bench NAME}, e.g. {@code bench signal}. Like a
 * {@link CliCommand} it carries picocli's {@code @Command(name = …, mixinStandardHelpOptions = true)}; it is
 * registered in {@code META-INF/services/org.earshot.cli.Benchmark}. A benchmark prints each time it measures and
 * its ratio against a reference run in the same command; it never fails on a time (machines are noisy).
 */
public interface Benchmark extends Callable<Integer> {
}
