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
     * @param args the kernel's main class, then its arguments (usually the connection file)
     * @throws Throwable whatever the kernel's main method throws
     */
    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: KernelLauncher MAIN_CLASS [ARGS…]");
            System.exit(2);
        }
        CellInterrupt.install();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
