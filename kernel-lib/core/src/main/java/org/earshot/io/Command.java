package org.earshot.io;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An external program run to completion, as setup and corpus building run {@code npm}, {@code apt-get} and
 * {@code dpkg-deb}: no input, standard error merged into the output, a time limit. The callers word the errors,
 * since only they know what the program was for and which package brings it.
 *
 * @param exitCode the program's exit status
 * @param output   what it printed (standard output and error together)
 */
public record Command(int exitCode, String output) {

    /** The program itself could not be started (not installed, not executable). */
    public static final class NotFound extends IOException {
        public NotFound(String program, IOException cause) {
            super(program + ": cannot be started (" + cause.getMessage() + ")", cause);
        }
    }

    /**
     * @param command the program and its arguments
     * @param dir     its working directory
     * @param limit   how long it may run before it is killed
     * @return its exit status and output
     * @throws NotFound    when the program cannot be started
     * @throws IOException when it runs past {@code limit} (killed), or is interrupted
     */
    public static Command run(List<String> command, Path dir, Duration limit) throws IOException {
        // the output goes to a file, so the time limit holds even when the program prints nothing and never ends
        Path log = Files.createTempFile("earshot-command-", ".log");
        try {
            Process p;
            try {
                p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
            } catch (IOException e) {
                throw new NotFound(command.get(0), e);
            }
            try {
                if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(String.join(" ", command) + " did not finish in " + limit.toSeconds() + " s (killed)");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(String.join(" ", command) + ": interrupted", e);
            }
            return new Command(p.exitValue(), new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** @return true when the program exited with 0 */
    public boolean succeeded() {
        return exitCode == 0;
    }

    /** @return the last non-blank line of the output, where programs say what went wrong ("" when none) */
    public String lastLine() {
        return output.strip().lines().reduce((a, b) -> b).orElse("");
    }
}
