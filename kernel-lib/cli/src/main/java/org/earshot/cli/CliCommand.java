package org.earshot.cli;

import java.util.concurrent.Callable;

/**
 * Service interface: a sub-command of {@code ./earshot} contributed by a section plugin (e.g. {@code features},
 * {@code wer}). Implementations carry picocli's {@code @Command(name = …, mixinStandardHelpOptions = true)} and are
 * registered in {@code META-INF/services/org.earshot.cli.CliCommand}. {@link #call()} returns the exit code:
 * 0 on success, 1 when an input is bad (after a one-line message naming it on standard error).
 */
public interface CliCommand extends Callable<Integer> {
}
