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
                ReleaseCommand.class, CorpusCommand.class, GradeCommand.class, RequirementsCommand.class,
                HubCommand.class, CourseCommand.class, HarnessCommand.class, SlidesCommand.class,
                BrowserCommand.class, GradebookCommand.class})
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

    /** What a command printed (standard output and error together), and its exit code. */
    public record Result(int exitCode, String output) {
    }

    /**
     * Runs one of the kit's commands in this JVM, capturing what it prints: how the test harness and the section
     * contract drive the CLI exactly as a user's command line would.
     *
     * @param args the command line, e.g. {@code List.of("release", "--check")}
     * @param echo whether to print the output as it comes, too
     * @return its exit code and output
     */
    public static synchronized Result capture(java.util.List<String> args, boolean echo) {
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        java.io.OutputStream sink = !echo ? buffer : new java.io.OutputStream() {
            @Override
            public void write(int b) {
                buffer.write(b);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                buffer.write(b, off, len);
                out.write(b, off, len);
            }
        };
        try (java.io.PrintStream capture = new java.io.PrintStream(sink, true, java.nio.charset.StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            int rc = commandLine().execute(args.toArray(String[]::new));
            capture.flush();
            return new Result(rc, buffer.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** @return the repository root: {@value #HOME_PROPERTY}, else the working directory */
    static Path home() {
        return Kit.home();
    }
}
