package org.earshot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code earshot bench NAME}: speed checks that print times and ratios. {@code bench kernel} (kernel start to first
 * output) is run by the bash launcher, since it drives Jupyter; the others are {@link Benchmark} services.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Speed checks: print times and ratios against a reference run in the same command.",
        subcommands = {DisplayBenchmark.class, GradeBenchmark.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing benchmark name");
    }
}
