package org.earshot.tts.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A committed training script ({@code data/models/NAME/train.py}) run by Debian's {@code /usr/bin/python3} with
 * PyTorch, its output shown as it comes; the training commands of §21.3 share it. A missing Python or a failed run
 * is said on one line, naming the command and the packages to install.
 */
final class PyTorchRecipe {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String PACKAGES = "apt-get install python3-torch python3-numpy";

    private PyTorchRecipe() {
    }

    /**
     * @param command the earshot command, for its messages (e.g. {@code train-kit-vocoder})
     * @param script the recipe
     * @param args its arguments
     * @return whether it ran and exited 0 (if not, one line on stderr says why)
     */
    static boolean run(String command, Path script, List<String> args) throws InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
        cmd.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(cmd).inheritIO().start();
        } catch (IOException e) {
            System.err.println("earshot " + command + ": cannot start " + PYTHON + " (" + e.getMessage() + "); "
                    + PACKAGES);
            return false;
        }
        if (p.waitFor() != 0) {
            System.err.println("earshot " + command + ": training failed (exit " + p.exitValue() + "); PyTorch: "
                    + PACKAGES);
            return false;
        }
        return true;
    }
}
