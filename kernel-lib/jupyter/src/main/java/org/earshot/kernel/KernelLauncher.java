package org.earshot.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Starts a JShell-based Jupyter kernel with the kit's kernel support in place: {@code java … KernelLauncher
 * MAIN_CLASS ARGS…} installs {@link CellInterrupt} and then runs {@code MAIN_CLASS.main(ARGS)}. The Earshot
 * kernelspec launches rapaio-jupyter-kernel ({@code org.rapaio.jupyter.kernel.MainApp}) this way; another Java
 * kernel can be launched the same way.
 *
 * <p>(The handler cannot be installed from the kernel's start-up script: rapaio evaluates that script as one
 * JShell snippet, which may hold imports but no statement.)
 */
public final class KernelLauncher {

    private KernelLauncher() {
    }

    /**
     * Runs the kernel's main method; when it throws, prints why and exits with status 1. Without the exit, a kernel
     * whose start failed stayed alive on its other threads, answering nothing, and the notebook server (which only
     * restarts a kernel process that has died) waited on it for ever. Seen with many kernels starting at once
     * ({@code ./earshot hub loadtest --students 20}): the server picks a kernel's five ports free and releases them,
     * another kernel starting at the same moment takes one, and the bind fails ("Address already in use"); after the
     * exit the server restarts the kernel on new ports.
     *
     * @param args the kernel's main class, then its arguments (usually the connection file)
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: KernelLauncher MAIN_CLASS [ARGS…]");
            System.exit(2);
        }
        CellInterrupt.install();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            System.err.println("earshot kernel: the kernel did not start, exiting so that Jupyter restarts it:");
            e.getCause().printStackTrace();
            System.exit(1);
        }
    }
}
