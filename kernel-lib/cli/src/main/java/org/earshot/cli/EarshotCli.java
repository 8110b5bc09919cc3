package org.earshot.cli;

import java.nio.file.Path;
import java.util.ServiceLoader;

import org.earshot.kit.Kit;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The Java side of {@code ./earshot}. The bash front handles the verbs that must work before Java code is built
 * ({@code setup}, {@code lab}, {@code test}, {@code doctor}); every other verb lands here. Unknown verbs print the
 * usage on standard error and exit with status 2.
 */
@Command(name = "earshot", mixinStandardHelpOptions = true, version = "Earshot 0.1.0",
        description = "Earshot: a Java teaching kit for speech and audio processing in Jupyter.",
        subcommands = {RunCommand.class, KernelspecCommand.class, CatalogCommand.class, BenchCommand.class,
                ReleaseCommand.class, CorpusCommand.class, GradeCommand.class})
public final class EarshotCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    /**
     * @param args command line
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the command line with every built-in and plugin sub-command */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new EarshotCli());
        cli.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("earshot: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return CommandLine.ExitCode.USAGE;
        });
        for (CliCommand command : ServiceLoader.load(CliCommand.class, EarshotCli.class.getClassLoader())) {
            cli.addSubcommand(command);
        }
        CommandLine bench = cli.getSubcommands().get("bench");
        for (Benchmark benchmark : ServiceLoader.load(Benchmark.class, EarshotCli.class.getClassLoader())) {
            bench.addSubcommand(benchmark);
        }
        return cli;
    }

    /** @return the repository root: {@value #HOME_PROPERTY}, else the working directory */
    static Path home() {
        return Kit.home();
    }
}
